"""The one top-level window and its states: first run, locked (unlock screen), unlocked (main
view). Locking destroys the main view (every model holding personal data goes with it), closes
the session (the key is zeroed) and shows the unlock screen; an open dossier draft is kept in
memory, hidden, and offered back to the same user after unlocking, so nothing is lost silently."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.paths import keys_path
from ui import fit, keys
from ui.env import Env
from ui.firstrun import FirstRunWizard
from ui.idle import IdleWatcher
from ui.main_view import MainView
from ui.notices import NoticesDialog
from ui.unlock import UnlockScreen

if TYPE_CHECKING:  # the services load at unlock, after the first screen is painted
    from app.services.workstation import Session

log = logging.getLogger(__name__)


def _typed(dialog: QDialog) -> bool:
    return any(e.text() for e in dialog.findChildren(QLineEdit)) or any(
        e.toPlainText() for e in dialog.findChildren(QPlainTextEdit))


class AppWindow(QMainWindow):
    unlocked_as = Signal(str)  # the user name, remembered for the next start (not a secret)

    def __init__(self, env: Env, app: QApplication, user: str = "") -> None:
        super().__init__()
        self.env = env
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.main: MainView | None = None
        self.unlock: UnlockScreen | None = None
        self.first_run: FirstRunWizard | None = None
        self.stashed_draft: tuple[str, bytes] | None = None  # (user, sealed draft state)
        self.closed_on_lock: list[str] = []
        self.notices: NoticesDialog | None = None  # a restore or rollback told at unlock
        self.last_user = user
        self.idle = IdleWatcher(app)
        self.idle.idle.connect(self.lock)
        env.set_idle_minutes = self.idle.set_minutes
        lock = QShortcut(keys.LOCK_KEYS, self, self.lock)
        lock.setContext(Qt.ShortcutContext.ApplicationShortcut)
        # a modal dialog or wizard blocks application shortcuts: Ctrl+L pressed there arrives as a
        # key press, which ui.keys hands to this window
        keys.on_lock_keys(self._lock_pressed)
        fit.cap_to_screen(self, 1280, 800)
        env.tr.changed.connect(self.retranslate)
        self.retranslate()
        if env.db_path.exists() or keys_path(env.db_path).exists():
            self.show_unlock()
        else:
            self.show_first_run()

    def retranslate(self) -> None:
        self.setWindowTitle(self.env.tr.t("ui.app.title"))

    @property
    def state(self) -> str:
        w = self.stack.currentWidget()
        return (
            "main" if w is self.main and w else "unlock" if w is self.unlock and w else "first_run"
        )

    def _swap(self, widget: QWidget) -> None:
        self.stack.addWidget(widget)
        self.stack.setCurrentWidget(widget)
        for i in reversed(range(self.stack.count())):
            old = self.stack.widget(i)
            if old is not None and old is not widget:
                self.stack.removeWidget(old)
                old.deleteLater()
        self.main = widget if isinstance(widget, MainView) else None
        self.unlock = widget if isinstance(widget, UnlockScreen) else None
        self.first_run = widget if isinstance(widget, FirstRunWizard) else None

    def show_first_run(self) -> None:
        w = FirstRunWizard(self.env)
        w.created.connect(lambda s: self.show_main(s, 10))
        w.setObjectName("Card")
        w.setMaximumSize(820, 620)
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.setContentsMargins(24, 24, 24, 24)
        lay.addWidget(w, 0, Qt.AlignmentFlag.AlignCenter)
        self._swap(page)
        self.first_run = w

    def show_unlock(self, message: str = "") -> None:
        w = UnlockScreen(self.env, self.last_user)
        w.unlocked.connect(self.show_main)
        self._swap(w)
        w.show_message(message)
        w.focus()

    def show_main(self, session: Session, idle_minutes: int = 10) -> None:
        self.env.session = session
        self.last_user = session.user
        view = MainView(self.env)
        view.lock_requested.connect(self.lock)
        self._swap(view)
        self.idle.set_minutes(idle_minutes)
        self.idle.start()
        self.unlocked_as.emit(session.user)
        stash, self.stashed_draft = self.stashed_draft, None
        closed, self.closed_on_lock = self.closed_on_lock, []
        if session.notices:  # a restore, a rollback: said loudly, before anything else
            self.notices = NoticesDialog(self.env, session.notices, view)
            self.notices.open()
        if closed:
            self.env.dialogs.info(self, self.env.tr.t("ui.lock.dialogs_closed",
                                                      titles="; ".join(closed)))  # fmt: skip
        if stash is not None:
            from app.services import drafts

            user, sealed = stash
            state = drafts.unseal(session, sealed) if user == session.user else None
            if state is not None:
                view.show_screen("nominees")
                screen = view.screen("nominees")
                reopen = getattr(screen, "reopen_draft", None)
                if reopen is not None:
                    reopen(state)
            else:
                self.env.dialogs.info(self, self.env.tr.t("ui.lock.draft_other_user", user=user))

    def _lock_pressed(self) -> bool:
        if self.env.session is None:
            return False
        QTimer.singleShot(0, self.lock)  # after this event: locking closes the dialog receiving it
        return True

    def lock(self) -> None:
        if self.env.session is None:
            return
        self.idle.stop()
        if self.main is not None:
            lost: list[str] = []
            for screen in self.main.screens.values():
                take = getattr(screen, "take_draft", None)
                try:  # a draft that cannot be kept must never keep the workstation unlocked
                    state = take() if take is not None else None
                    if state is not None:  # only ciphertext stays while locked
                        from app.services import drafts

                        sealed = drafts.seal(self.env.session, state)
                        self.stashed_draft = (self.env.session.user, sealed)
                except Exception:
                    log.exception("the open draft could not be kept across the lock")
                    lost.append(self.env.tr.t("ui.wizard.title_new"))
            # other open dialogs go with the main view: what was typed there is said to be lost
            self.closed_on_lock = lost + [d.windowTitle() or self.env.tr.t("ui.app.title")
                                   for d in self.main.findChildren(QDialog)
                                   if d.isVisible() and _typed(d)]  # fmt: skip
        self.env.clipboard.clear()
        session, self.env.session = self.env.session, None
        self.show_unlock()  # destroys the main view and every model with personal data
        session.close()
        for cb in self.env.on_session_lost:
            cb()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.main is not None:
            for screen in self.main.screens.values():
                confirm = getattr(screen, "confirm_close", None)
                if confirm is not None and not confirm():
                    event.ignore()
                    return
        self.env.clipboard.clear()
        if self.env.session is not None:
            self.env.session.close()
            self.env.session = None
        event.accept()
