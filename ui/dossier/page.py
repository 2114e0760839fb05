"""The page contract (after Electrum's wizard views): ``load()`` from the flow, ``focus_field()``
for a jump from the findings panel, ``retranslate()``; every edit goes to the flow at once."""

from __future__ import annotations

import enum
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget, QWizardPage

from app.services.dossier_flow import DossierFlow
from ui.dossier.fields import Binder
from ui.dossier.list_editor import ListEditor
from ui.env import Env
from ui.widgets.common import hint


def options(enum_type: type[enum.Enum], prefix: str) -> list[tuple[str, str]]:
    return [(m.value, f"{prefix}.{m.value}") for m in enum_type]


def form() -> QFormLayout:
    f = QFormLayout()
    f.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    f.setHorizontalSpacing(14)
    f.setVerticalSpacing(8)
    return f


class FlowPage(QWizardPage):
    STEP = ""
    edited = Signal(str)

    def __init__(self, env: Env, flow: DossierFlow) -> None:
        super().__init__()
        self.env = env
        self.flow = flow
        self.binder = Binder(flow, env.tr, connect=False)
        self.binder.changed.connect(self.edited)
        self.lists: list[ListEditor] = []
        self.intro: QLabel = hint()
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(self.intro)
        self.built = False
        self.setTitle(env.tr.t(f"ui.step.{self.STEP}"))
        env.tr.changed.connect(self._retranslate)

    def build(self) -> None:
        """Make the page's widgets; subclasses end with ``self.finish()``."""
        self.finish()

    def build_parts(self) -> list[Callable[[], None]]:
        """``build`` in parts, run in order (the wizard gives each a turn of the event loop when
        it opens on this page); the last ends with ``self.finish()``."""
        return [self.build]

    def ensure_built(self) -> None:
        """Pages are built on first visit, so opening the wizard stays quick."""
        for part in self.start_build():
            part()

    def start_build(self) -> list[Callable[[], None]]:
        """The parts of the build still to run, for the caller to run in order (none when the
        page is built or being built): the page counts as built from here on."""
        if self.built:
            return []
        self.built = True
        return self.build_parts()

    def _retranslate(self) -> None:
        if self.built:
            self.retranslate()
        else:
            self.setTitle(self.env.tr.t(f"ui.step.{self.STEP}"))

    def list_editor(self, editor: ListEditor) -> ListEditor:
        editor.changed.connect(self.edited)
        self.lists.append(editor)
        return editor

    def finish(self) -> None:
        """Call at the end of a subclass's ``build()``: texts, then the draft's values."""
        self.retranslate()
        self.load()

    def retranslate(self) -> None:
        self.binder.retranslate()
        self.setTitle(self.env.tr.t(f"ui.step.{self.STEP}"))
        self.intro.setText(self.env.tr.t(f"ui.step.{self.STEP}.hint"))

    def load(self) -> None:
        if not self.built:
            return
        self.binder.load()
        for editor in self.lists:
            editor.load()

    def initializePage(self) -> None:
        self.load()

    def cleanupPage(self) -> None:
        pass

    def focus_field(self, path: str) -> None:
        self.ensure_built()
        if self.binder.focus(path):
            return
        for editor in self.lists:
            if editor.focus(path):
                return
        # a list or struct as a whole: focus its first bound field
        for p in self.binder.widgets:
            if p.startswith(path):
                self.binder.focus(p)
                return

    def section(self, title_key: str, body: QWidget | QFormLayout) -> QWidget:
        from PySide6.QtWidgets import QGroupBox

        box = QGroupBox()
        box.setProperty("title_key", title_key)
        if isinstance(body, QFormLayout):
            box.setLayout(body)
        else:
            lay = QVBoxLayout(box)
            lay.addWidget(body)
        self._sections = [*getattr(self, "_sections", []), box]
        self.env.tr.on_change(box, lambda: box.setTitle(self.env.tr.t(title_key)))
        box.setTitle(self.env.tr.t(title_key))
        return box
