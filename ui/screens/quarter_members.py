"""Members screen: notices of enrolment (p.13) and exclusions (p.18, p.19)."""

from ui.screens.registry import ScreenSpec, register


def _factory(env):  # noqa: ANN001, ANN202
    from ui.screens.quarter.members import MembersScreen

    return MembersScreen(env)


register(ScreenSpec(key="members", title_key="exclusion.ui.title", icon="user", order=32,
                    factory=_factory))  # fmt: skip
