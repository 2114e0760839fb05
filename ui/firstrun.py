"""First run: the workstation's role (a body or the Department), the first user (a supervisor)
and a passphrase. Creating the key slot (Argon2) runs in the background with a busy bar."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)  # fmt: skip

from app.security.roles import WorkstationRole
from ui.env import Env
from ui.widgets.common import LanguageSwitch, banner, busy_bar, hint
from ui.widgets.passphrase import NewPassphrase

if TYPE_CHECKING:  # the services load when the workstation is created, off the GUI thread
    from app.services.workstation import Session

ROLES = [r.value for r in WorkstationRole]


class RolePage(QWizardPage):
    def __init__(self, env: Env) -> None:
        super().__init__()
        self.env = env
        self.intro = hint()
        self.group = QButtonGroup(self)
        self.radios: dict[str, QRadioButton] = {}
        self.notes: dict[str, QLabel] = {}
        lay = QVBoxLayout(self)
        lay.addWidget(LanguageSwitch(env.tr), 0, Qt.AlignmentFlag.AlignRight)
        lay.addWidget(self.intro)
        for role in ROLES:
            r = QRadioButton()
            self.group.addButton(r)
            self.radios[role] = r
            note = hint()
            note.setContentsMargins(24, 0, 0, 6)
            self.notes[role] = note
            lay.addWidget(r)
            lay.addWidget(note)
            r.toggled.connect(self.completeChanged)
        lay.addStretch(1)
        env.tr.changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        t = self.env.tr.t
        self.setTitle(t("ui.firstrun.role_title"))
        self.intro.setText(t("ui.firstrun.role_intro"))
        for role, r in self.radios.items():
            r.setText(t(f"ui.workstation.{role}"))
            r.setAccessibleName(t(f"ui.workstation.{role}"))
            self.notes[role].setText(t(f"ui.firstrun.role_note.{role}"))

    def role(self) -> str | None:
        return next((k for k, r in self.radios.items() if r.isChecked()), None)

    def isComplete(self) -> bool:
        return self.role() is not None


class UserPage(QWizardPage):
    def __init__(self, env: Env) -> None:
        super().__init__()
        self.env = env
        self.intro = hint()
        self.name = QLineEdit()
        self.name.setMaxLength(64)
        self.name_label = QLabel()
        self.name_label.setBuddy(self.name)
        self.secret = NewPassphrase(env.tr)
        self.bar = busy_bar()
        self.error = banner()
        # the name in the passphrase's own form, so the three fields line up
        form = self.secret.layout()
        assert isinstance(form, QFormLayout)
        form.insertRow(0, self.name_label, self.name)
        lay = QVBoxLayout(self)
        lay.addWidget(self.intro)
        lay.addWidget(self.secret)
        lay.addWidget(self.error)
        lay.addWidget(self.bar)
        lay.addStretch(1)
        self.name.textChanged.connect(self.completeChanged)
        self.secret.changed.connect(self.completeChanged)
        env.tr.changed.connect(self.retranslate)
        self.retranslate()

    def initializePage(self) -> None:  # noqa: N802 - Qt's name
        # after QWizard's own choice (the first field of its focus chain, which was the
        # passphrase on a real X server): the cursor starts in the user name. The name was moved
        # into the passphrase's form after its fields were made, and the page into the wizard:
        # it comes first in the Tab order too (set here, once the page is in the wizard)
        QWidget.setTabOrder(self.name, self.secret.first)
        QWidget.setTabOrder(self.secret.first, self.secret.second)
        QTimer.singleShot(0, self, self._focus_name)

    def _focus_name(self) -> None:
        if self.wizard() is not None and self.wizard().currentPage() is self:
            self.name.setFocus(Qt.FocusReason.TabFocusReason)

    def retranslate(self) -> None:
        t = self.env.tr.t
        self.setTitle(t("ui.firstrun.user_title"))
        self.intro.setText(t("ui.firstrun.user_intro"))
        self.name_label.setText(t("ui.firstrun.user_name"))
        self.name.setAccessibleName(t("ui.firstrun.user_name"))

    def isComplete(self) -> bool:
        return (
            bool(self.name.text().strip())
            and self.secret.problem() is None
            and not self.bar.isVisible()
        )


class FirstRunWizard(QWizard):
    created = Signal(object)  # Session

    def __init__(self, env: Env, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.setWindowFlags(Qt.WindowType.Widget)
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoCancelButton, True)
        self.role_page = RolePage(env)
        self.user_page = UserPage(env)
        self.addPage(self.role_page)
        self.addPage(self.user_page)
        env.tr.changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        t = self.env.tr.t
        self.setWindowTitle(t("ui.firstrun.title"))
        self.setButtonText(QWizard.WizardButton.NextButton, t("ui.common.next"))
        self.setButtonText(QWizard.WizardButton.BackButton, t("ui.common.back"))
        self.setButtonText(QWizard.WizardButton.FinishButton, t("ui.firstrun.create"))

    def accept(self) -> None:  # the Finish button: create in the background
        page = self.user_page
        if page.bar.isVisible():
            return
        role, user, secret = self.role_page.role(), page.name.text().strip(), page.secret.value()
        page.secret.clear()  # the worker holds the only copy from here on
        page.bar.show()
        page.error.hide()
        page.completeChanged.emit()
        env = self.env

        def work() -> Session:
            from app.services import workstation

            return workstation.create(
                env.db_path, role=role or "", user=user, passphrase=secret, kdf=env.kdf,
                clock=env.clock,
            )  # fmt: skip

        def failed(e: BaseException) -> None:
            page.error.setText(env.tr.error(e))
            page.error.show()

        def done() -> None:
            page.bar.hide()
            page.completeChanged.emit()

        env.op(self, work, report=False).success(self.created.emit).failure(failed).always(
            done
        ).run(env.executor)
