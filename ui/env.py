"""What every screen gets: the translator, the executor for background work, the dialog service,
the clipboard, and the unlocked session (None while locked). Passed in, never a global."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from app.clock import Clock
from app.errors import AuthError, RezervError
from app.security.kdf import KdfParams
from app.security.roles import GRANTS, Permission, Role
from ui.clipboard import SecureClipboard
from ui.dialogs import Dialogs
from ui.i18n import Translator
from ui.ops import Executor, Op

if TYPE_CHECKING:  # loaded at unlock, after the first screen is painted
    from app.services.workstation import Session

log = logging.getLogger(__name__)


@dataclass
class Env:
    tr: Translator
    executor: Executor
    dialogs: Dialogs
    clipboard: SecureClipboard
    db_path: Path
    kdf: KdfParams | None = None  # None: the real Argon2 parameters for new key slots
    clock: Clock | None = None
    session: Session | None = None
    # one worker of its own for search: its connection's page cache stays warm between keystrokes
    search_executor: Executor | None = None
    on_session_lost: list[Callable[[], None]] = field(default_factory=list)
    set_idle_minutes: Callable[[int], None] = lambda minutes: None
    # the main view's navigation (a screen by key), for guidance such as "add the card first"
    show_screen: Callable[[str], QWidget | None] = lambda key: None

    def s(self) -> Session:
        if self.session is None:
            raise AuthError("auth.locked")
        return self.session

    def can(self, permission: Permission) -> bool:
        return self.session is not None and permission in GRANTS[Role(self.session.role)]

    def allowed(self, parent: QWidget | None, permission: Permission) -> bool:
        """The guard at the start of every action of ``ui.actions.ACTIONS``: ``False``, after one
        translated message, when the user's role lacks ``permission``."""
        if self.can(permission):
            return True
        self.dialogs.error(parent, self.tr.t("ui.access.denied"))
        return False

    def op(self, parent: QObject | None, fn: Callable[[], Any], *, report: bool = True) -> Op:
        """An Op whose failures are shown as translated messages (unless ``report`` is False)."""
        o = Op(parent, fn)
        if report:
            widget = parent if isinstance(parent, QWidget) else None

            def failed(e: BaseException) -> None:
                if not isinstance(e, RezervError):  # the type only: messages may hold personal data
                    log.error("background operation failed: %s", type(e).__name__)
                self.dialogs.error(widget, self.tr.error(e))

            o.failure(failed)
        return o
