"""Audit: the hash chain, browsable and filterable; verification in the background."""

from ui.screens.registry import ScreenSpec, register


def _factory(env):
    from ui.screens.audit.screen import AuditScreen

    return AuditScreen(env)


register(ScreenSpec(key="audit", title_key="ui.screen.audit", icon="audit", order=80,
                    factory=_factory, shortcut="Ctrl+8"))  # fmt: skip
