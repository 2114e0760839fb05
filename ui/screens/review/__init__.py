"""Review workspace (Department): the checklist per nominee, marks, findings, the list."""

from ui.screens.registry import ScreenSpec, register


def _factory(env):  # noqa: ANN001, ANN202
    from ui.screens.review.workspace import ReviewWorkspace

    return ReviewWorkspace(env)


def _department(env) -> bool:  # noqa: ANN001
    return env.session is not None and env.session.body is None


register(ScreenSpec(key="review", title_key="review.ui.title", icon="audit", order=25,
                    factory=_factory, shortcut="Ctrl+3", visible=_department))  # fmt: skip
