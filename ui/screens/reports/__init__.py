"""Reports: the reserve and the quarters at a glance, each a chart with its table beside it
(the rail lists it in ``ui.main_view.SCREENS``)."""
