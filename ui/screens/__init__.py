"""One package per screen; the rail lists them in ``ui/main_view.py`` (``SCREENS``)."""
