"""Quarter board: the quarter's dossiers by state, the deadline in working days, reminders."""

from ui.screens.registry import ScreenSpec, register


def _factory(env):  # noqa: ANN001, ANN202
    from ui.screens.quarter.board import QuarterBoard

    return QuarterBoard(env)


register(ScreenSpec(key="quarter", title_key="quarter.ui.title", icon="verify", order=20,
                    factory=_factory, shortcut="Ctrl+2"))  # fmt: skip
