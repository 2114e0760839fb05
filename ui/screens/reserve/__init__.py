"""The reserve register: who, from when, until when, for which position, from which body."""

from ui.screens.registry import ScreenSpec, register


def _factory(env):  # noqa: ANN001, ANN202
    from ui.screens.reserve.screen import ReserveScreen

    return ReserveScreen(env)


register(ScreenSpec(key="reserve", title_key="reserve.ui.title", icon="user", order=30,
                    factory=_factory, shortcut="Ctrl+4"))  # fmt: skip
