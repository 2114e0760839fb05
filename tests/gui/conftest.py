"""GUI fixtures: the real window over a real encrypted database, a synchronous executor
(Picard's FakeThreadPool) and a dialog service that records instead of blocking."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.security.kdf import KdfParams
from app.services import workstation
from tests.conftest import PASSPHRASE
from ui import app as ui_app
from ui.app_window import AppWindow
from ui.ops import SyncExecutor

pytestmark = pytest.mark.gui

# How long a test waits for real work on a worker thread (decrypting, importing, rendering):
# a guard against a hang, not a speed limit — speed is measured in bench/. A few seconds is not
# enough when the suite runs beside other jobs on two cores (the inbox test timed out at 10 s).
BACKGROUND_MS = 120_000


class FakeDialogs:
    def __init__(self) -> None:
        self.errors: list[str] = []
        self.infos: list[str] = []
        self.confirm_answer = True
        self.save_answer = "cancel"
        self.asked: list[str] = []
        self.image: str | None = None

    def error(self, parent, text: str) -> None:
        self.errors.append(text)

    def info(self, parent, text: str) -> None:
        self.infos.append(text)

    def confirm(self, parent, text: str) -> bool:
        self.asked.append(text)
        return self.confirm_answer

    def ask_save(self, parent, text: str) -> str:
        self.asked.append(text)
        return self.save_answer

    def open_image(self, parent) -> str | None:
        return self.image


@pytest.fixture
def dialogs() -> FakeDialogs:
    return FakeDialogs()


@pytest.fixture
def make_window(qapp, qtbot, dialogs, clock):
    made: list[AppWindow] = []

    def make(path: Path, lang: str = "kk", user: str = "") -> AppWindow:
        ui_app.theme.apply(qapp)
        w = ui_app.build(
            qapp, path=path, lang=lang, user=user, executor=SyncExecutor(),
            kdf=KdfParams.fast_for_tests(), dialogs=dialogs, clock=clock, remember_lang=False,
        )  # fmt: skip
        qtbot.addWidget(w)
        w.show()
        made.append(w)
        return w

    yield make
    for w in made:
        if w.env.session is not None:
            w.env.session.close()
            w.env.session = None


@pytest.fixture
def workstation_path(db_path: Path, clock, fast_kdf) -> Iterator[Path]:
    s = workstation.create(db_path, role="knb", user="admin", passphrase=PASSPHRASE, kdf=fast_kdf,
                           clock=clock)  # fmt: skip
    s.close()
    yield db_path


def unlock(window: AppWindow, user: str = "admin", passphrase: str = PASSPHRASE) -> None:
    screen = window.unlock
    assert screen is not None
    screen.user.setText(user)
    screen.passphrase.setText(passphrase)
    screen.submit()


@pytest.fixture(scope="session")
def qapp_args() -> list[str]:
    """Every GUI test runs on one offscreen screen of 1366x768, the smallest the offices have."""
    from ui.fit import offscreen_args

    return ["rezerv-tests", *offscreen_args()]
