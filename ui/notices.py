"""What the workstation must tell the user right after unlocking (``Session.notices``): a
restore from a backup (shown once to every user, with what it dropped) and a database older than,
or diverging from, its rollback anchor (shown at every unlock until a supervisor decides). A
supervisor can accept the database as it is from here (``audit.accept_rollback``, audited);
everyone else is told that a supervisor decides."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.security.roles import Permission
from ui import fit, icons
from ui.env import Env
from ui.widgets.common import hint, primary


def is_anchor_warning(key: str) -> bool:
    return key.startswith("anchor.") and key.endswith("_warning")


class NoticesDialog(QDialog):
    def __init__(self, env: Env, notices: list[tuple[str, dict[str, str]]],
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.env = env
        self.setObjectName("SessionNotices")
        self.notices = list(notices)
        self.texts: list[QLabel] = []
        lay = QVBoxLayout(self)
        for _ in self.notices:
            row = QHBoxLayout()
            icon = QLabel()
            icon.setPixmap(icons.pixmap("warning", icons.BLOCKER, 32))
            text = QLabel()
            text.setObjectName("Banner")
            text.setWordWrap(True)
            text.setMinimumWidth(520)
            text.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
            row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
            row.addWidget(text, 1)
            lay.addLayout(row)
            self.texts.append(text)
        self.rollback = any(is_anchor_warning(k) for k, _ in self.notices)
        self.decision = hint()
        self.accept_button = primary(QPushButton())
        self.accept_button.clicked.connect(self.accept_database)
        lay.addWidget(self.decision)
        lay.addStretch(1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.accept_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.accept_button.setVisible(self.rollback and env.can(Permission.MAINTAIN))
        self.decision.setVisible(self.rollback)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        env.tr.on_change(self, self.retranslate)
        self.retranslate()
        fit.cap_to_screen(self, 760, self.sizeHint().height() + 40)

    def retranslate(self) -> None:
        t = self.env.tr.t
        self.setWindowTitle(t("ui.notices.title"))
        for (key, params), label in zip(self.notices, self.texts, strict=True):
            label.setText(t(key, **params))
        can = self.env.can(Permission.MAINTAIN)
        self.decision.setText(t("ui.notices.supervisor_accepts" if can else "ui.notices.supervisor_decides"))
        self.accept_button.setText(t("ui.notices.accept_rollback"))
        self.accept_button.setAccessibleName(t("ui.notices.accept_rollback"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(t("ui.common.close"))

    def accept_database(self) -> None:
        """A supervisor accepts the database as it is: audited, the anchor follows it again and
        bundle imports resume."""
        if not self.env.allowed(self, Permission.MAINTAIN):
            return
        if not self.env.dialogs.confirm(self, self.env.tr.t("ui.notices.confirm_accept")):
            return
        session = self.env.s()
        from app.services import audit as audit_service  # after unlock: not on the start path

        def done(_: object) -> None:
            self.accept_button.hide()
            self.decision.setText(self.env.tr.t("ui.notices.rollback_accepted"))
            self.env.dialogs.info(self, self.env.tr.t("ui.notices.rollback_accepted"))

        self.env.op(self, lambda: audit_service.accept_rollback(session)).success(done).run(
            self.env.executor
        )
