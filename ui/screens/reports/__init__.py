"""Reports: the reserve and the quarters at a glance, each a chart with its table beside it."""

from ui.screens.registry import ScreenSpec, register


def _factory(env):  # noqa: ANN001, ANN202
    from ui.screens.reports.screen import ReportsScreen

    return ReportsScreen(env)


register(ScreenSpec(key="reports", title_key="report.ui.title", icon="verify", order=70,
                    factory=_factory, shortcut="Ctrl+7"))  # fmt: skip
