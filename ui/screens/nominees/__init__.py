"""Nominees: the registry with search, filters, a detail pane and the dossier wizard."""

from ui.screens.registry import ScreenSpec, register


def _factory(env):
    from ui.screens.nominees.screen import NomineesScreen

    return NomineesScreen(env)


register(ScreenSpec(key="nominees", title_key="ui.screen.nominees", icon="nominees", order=10,
                    factory=_factory, shortcut="Ctrl+1"))  # fmt: skip
