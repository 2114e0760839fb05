"""Settings: interface language, idle lock time, users, calendar overrides, quarter reminders."""

from ui.screens.registry import ScreenSpec, register


def _factory(env):
    from ui.screens.settings.screen import SettingsScreen

    return SettingsScreen(env)


register(ScreenSpec(key="settings", title_key="ui.screen.settings", icon="settings", order=90,
                    factory=_factory, shortcut="Ctrl+9"))  # fmt: skip
