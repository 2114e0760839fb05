"""Deadlines across quarters, overdue items in red, each with its clause and legal wording."""

from ui.screens.registry import ScreenSpec, register


def _factory(env):  # noqa: ANN001, ANN202
    from ui.screens.deadlines.screen import DeadlinesScreen

    return DeadlinesScreen(env)


register(ScreenSpec(key="deadlines", title_key="quarter.ui.deadlines_title", icon="warning", order=35,
                    factory=_factory, shortcut="Ctrl+5"))  # fmt: skip
