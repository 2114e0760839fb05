"""Decisions screen (Department; the State Guard Service for its own list): agreement, decisions
per nominee with bulk entry, the decision sheet, extracts per body."""

from ui.screens.registry import ScreenSpec, register


def _factory(env):  # noqa: ANN001, ANN202
    from ui.screens.quarter.decisions import DecisionsScreen

    return DecisionsScreen(env)


def _visible(env) -> bool:  # noqa: ANN001
    return env.session is not None and env.session.body in (None, "sgs")


register(ScreenSpec(key="decisions", title_key="decision.ui.title", icon="ok", order=27,
                    factory=_factory, visible=_visible))  # fmt: skip
