"""The dossier wizard: pages attached to ``DossierFlow`` steps, a step list and the live findings
panel at the side. A click on a finding jumps to its page and field. Saving runs in the
background; closing with unsaved changes asks Save / Discard / Cancel. Opening is spread over
turns of the event loop (``open_in_turns``), so the window comes up without holding it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QListWidget, QListWidgetItem, QVBoxLayout, QWidget, QWizard

from app.domain.dossier import Dossier
from app.services.dossier_flow import STEPS, DossierFlow, Issue
from ui import fit, icons, keys
from ui.dossier.page import FlowPage
from ui.dossier.page_attestation import AttestationPage
from ui.dossier.page_identity import IdentityPage
from ui.dossier.page_photo import PhotoPage
from ui.dossier.page_records import RecordsPage
from ui.dossier.page_review import ReviewPage
from ui.dossier.page_service import ServicePage
from ui.dossier.page_submission import SubmissionPage
from ui.dossier.page_vetting import VettingPage
from ui.env import Env
from ui.widgets.common import banner, busy_bar
from ui.widgets.findings import FindingsPanel

PAGES: dict[str, type[FlowPage]] = {
    "identity": IdentityPage, "service": ServicePage, "photo": PhotoPage,
    "attestation": AttestationPage, "records": RecordsPage, "vetting": VettingPage,
    "submission": SubmissionPage, "review": ReviewPage,
}  # fmt: skip
SAVE = QWizard.WizardButton.CustomButton1


class DossierWizard(QWizard):
    saved = Signal(int)

    def __init__(self, env: Env, flow: DossierFlow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.flow = flow
        self.saving = False
        self._closing_silently = False
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.HaveCustomButton1, True)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.IndependentPages, True)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.pages: dict[str, FlowPage] = {}
        self._problems: list[Issue] = []  # as of the last refresh (none before the first)
        self.refreshes = 0  # how many times the findings were shown
        for i, step in enumerate(STEPS):
            page = PAGES[step](env, flow)
            page.edited.connect(self._edited)
            self.setPage(i, page)
            self.pages[step] = page
        self.steps = QListWidget()
        self.steps.setFixedHeight(6 + 26 * len(STEPS))
        self.steps.itemActivated.connect(lambda it: self.go_to(STEPS[self.steps.row(it)]))
        self.steps.itemClicked.connect(lambda it: self.go_to(STEPS[self.steps.row(it)]))
        self.panel = FindingsPanel(env.tr)
        self.panel.jump.connect(self.jump)
        self.error = banner()
        self.bar = busy_bar()
        side = self.side = QWidget()  # setSideWidget does not take ownership in PySide
        side.setFixedWidth(330)
        lay = QVBoxLayout(side)
        lay.setContentsMargins(0, 0, 8, 0)
        lay.addWidget(self.steps)
        lay.addWidget(self.panel, 1)
        lay.addWidget(self.error)
        lay.addWidget(self.bar)
        self.setSideWidget(side)
        self.customButtonClicked.connect(lambda which: self.save() if which == SAVE.value else None)
        self.currentIdChanged.connect(self._page_changed)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(120)
        self._refresh_timer.timeout.connect(self.refresh)
        env.tr.changed.connect(self.retranslate)
        fit.cap_to_screen(self, 1240, 780)
        self.retranslate()
        # opening in turns of the event loop (``open_in_turns``): each a real timer, not a posted
        # call, so input and timers are served between them
        self._stages: list[Callable[[], None]] = [self._build_first_page, self._prepare,
                                                   self.restart, self._show]  # fmt: skip
        self._stage_timer = QTimer(self)
        self._stage_timer.setSingleShot(True)
        self._stage_timer.setInterval(0)
        self._stage_timer.timeout.connect(self._next_stage)

    # --- opening ---------------------------------------------------------------------------------
    def open_in_turns(self) -> None:
        """Open window-modal as ``open()`` does, the work spread over turns of the event loop so
        none holds it long: the first page built, the findings computed (so the first paint shows
        them), its widgets measured, the first page entered, then the window shown.
        ``finish_opening`` completes it at once; ``opened`` tells when it is done."""
        self._stage_timer.start()

    @property
    def opened(self) -> bool:
        return not self._stages

    def finish_opening(self) -> None:
        """What ``open_in_turns`` has still to do, done now (a jump to a page needs the pages)."""
        self._stage_timer.stop()
        while self._stages:
            self._stages.pop(0)()

    def _next_stage(self) -> None:
        if self._stages:
            self._stages.pop(0)()
        if self._stages:
            self._stage_timer.start()

    def _build_first_page(self) -> None:
        """The first page's build, its parts each a turn (they run before the next stages)."""
        parts = self.pages[STEPS[0]].start_build()
        if parts:
            parts[0]()
            self._stages[0:0] = parts[1:]

    def _prepare(self) -> None:
        """The findings computed (the first paint shows them), and the first page's and the
        side's widgets polished and measured (the style sheet's work), a turn before entering
        the page lays the window out with them."""
        self.refresh()
        self.pages[STEPS[0]].minimumSizeHint()
        self.side.minimumSizeHint()

    def _show(self) -> None:
        self.open()
        # the layouts the show asked for, settled now: else the first paint is redone with them
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)

    def done(self, result: int) -> None:
        self._stage_timer.stop()  # closed (a lock) before it was shown: it never shows
        self._stages.clear()
        super().done(result)

    # --- texts and state -------------------------------------------------------------------------
    def retranslate(self) -> None:
        t = self.env.tr.t
        key = "ui.wizard.title_edit" if self.flow.editing else "ui.wizard.title_new"
        self.setWindowTitle(t(key))
        for which, k in ((QWizard.WizardButton.NextButton, "ui.common.next"),
                         (QWizard.WizardButton.BackButton, "ui.common.back"),
                         (QWizard.WizardButton.FinishButton, "ui.wizard.finish"),
                         (QWizard.WizardButton.CancelButton, "ui.common.close"),
                         (SAVE, "ui.common.save")):  # fmt: skip
            self.setButtonText(which, t(k))
        self.steps.setAccessibleName(t("ui.wizard.steps"))
        self._fill_steps()

    def _fill_steps(self) -> None:
        """The step list with each step's problems as of the last ``refresh``."""
        problems = self._problems
        current = self.currentId()
        self.steps.clear()
        for i, step in enumerate(STEPS):
            n = sum(1 for p in problems if p.step == step)
            label = f"{i + 1}. {self.env.tr.t(f'ui.step.{step}')}"
            item = QListWidgetItem(label + (f"  ({n})" if n else ""))
            item.setSizeHint(QSize(0, 26))
            if n:
                item.setIcon(icons.icon("problem", icons.BLOCKER))
            if i == current:
                f = item.font()
                f.setBold(True)
                item.setFont(f)
            self.steps.addItem(item)
        if current >= 0:
            self.steps.setCurrentRow(current)

    def _edited(self, _path: str) -> None:
        self._refresh_timer.start()

    def refresh(self) -> None:
        """Recompute problems and findings on the draft (the rules are pure and fast)."""
        self._refresh_timer.stop()
        self._problems = self.flow.problems()
        self.refreshes += 1
        issues: list[Issue] = self._problems + self.flow.findings()
        self.panel.set_issues(issues)
        self._fill_steps()
        self.button(SAVE).setEnabled(self.flow.dirty and not self._problems and not self.saving)
        review = self.pages["review"]
        review.completeChanged.emit()
        if self.currentPage() is review:
            review.load()

    def _page_changed(self, _id: int) -> None:
        self._fill_steps()
        page = self.currentPage()
        if isinstance(page, FlowPage):
            if page.built:
                page.load()
            else:
                page.ensure_built()  # loads the draft's values as it ends
            fit.fit_tree(page)
            # the cursor in the page's first field, not on "Next" five Tabs away
            QTimer.singleShot(0, lambda p=page: self.currentPage() is p and keys.focus_first(p))

    # --- navigation ---
    def go_to(self, step: str) -> None:
        self.finish_opening()
        target = STEPS.index(step)
        guard = len(STEPS) * 2
        while self.currentId() > target and guard:
            self.back()
            guard -= 1
        while self.currentId() < target and guard:
            self.next()
            guard -= 1

    def jump(self, path: str) -> None:
        from app.services.dossier_flow import step_of

        step = step_of(path)
        self.go_to(step)
        self.pages[step].focus_field(path)

    # --- saving and leaving ---------------------------------------------------------------------
    def save(self, close_after: bool = False) -> None:
        if self.saving:
            return
        try:
            d: Dossier = self.flow.prepare()
        except Exception as e:
            self.error.setText(self.env.tr.error(e))
            self.error.show()
            self.refresh()
            return
        self.saving = True
        self.bar.show()
        self.error.hide()
        flow, session = self.flow, self.env.s()

        def done(result: tuple[int, int]) -> None:
            flow.mark_saved(*result)
            self.saved.emit(result[0])
            self.retranslate()
            if close_after:
                self._closing_silently = True
                super(DossierWizard, self).accept()

        def failed(e: BaseException) -> None:
            self.error.setText(self.env.tr.error(e))
            self.error.show()

        def always() -> None:
            self.saving = False
            self.bar.hide()
            self.refresh()

        self.env.op(self, lambda: flow.write(session, d), report=False).success(done).failure(
            failed
        ).always(always).run(self.env.executor)

    def accept(self) -> None:  # Finish
        if self.flow.dirty or not self.flow.editing:
            self.save(close_after=True)
        else:
            super().accept()

    def confirm_leave(self) -> bool:
        if self._closing_silently or not self.flow.dirty:
            return True
        answer = self.env.dialogs.ask_save(self, self.env.tr.t("ui.wizard.unsaved"))
        if answer == "save":
            self.save(close_after=True)
            return False
        return answer == "discard"

    def reject(self) -> None:  # Close, Esc
        if self.confirm_leave():
            self._closing_silently = True
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._closing_silently or self.confirm_leave():
            self._closing_silently = True
            event.accept()
        else:
            event.ignore()

    def discard_silently(self) -> None:
        """Lock: close at once; the caller keeps the flow if it has unsaved changes."""
        self._closing_silently = True
        super().reject()
