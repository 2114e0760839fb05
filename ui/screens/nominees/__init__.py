"""Nominees: the registry with search, filters, a detail pane and the dossier wizard."""

from ui.screens.registry import ScreenSpec, register


def _factory(env):
    from ui.print.actions import install as install_print  # issue 5 hook: Print… (ui/print)
    from ui.screens.nominees.screen import NomineesScreen

    screen = NomineesScreen(env)
    install_print(screen)
    return screen


register(ScreenSpec(key="nominees", title_key="ui.screen.nominees", icon="nominees", order=10,
                    factory=_factory, shortcut="Ctrl+1"))  # fmt: skip
