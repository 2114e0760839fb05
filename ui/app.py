"""``rezerv`` with no command: the desktop application."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from app import clock as clock_mod
from app.paths import default_db_path
from app.security.kdf import KdfParams
from ui import fit, syslibs, theme
from ui.app_window import AppWindow
from ui.clipboard import SecureClipboard
from ui.dialogs import Dialogs
from ui.env import Env
from ui.i18n import UI_LANGS, Translator
from ui.ops import Executor, PoolExecutor

ORG, APP = "Rezerv", "Rezerv"
# After the first screen is on display (the user is typing the passphrase), the modules the unlock
# needs are imported by a worker, so neither the first screen nor the unlock waits for them.
PRELOAD_MS = 300
PRELOAD = ("app.services.workstation", "app.services.settings", "app.services.nominees")


def preload() -> None:
    for name in PRELOAD:
        importlib.import_module(name)


def settings() -> QSettings:
    """Only the interface language and the last login name live here: no person's name, no
    paths, no personal data."""
    return QSettings(ORG, APP)


def initial_lang(args: argparse.Namespace) -> str:
    """The language chosen on the command line or by ``REZERV_LANG``, else the one last used."""
    if getattr(args, "lang_explicit", False) and getattr(args, "lang", None) in UI_LANGS:
        return str(args.lang)
    saved = settings().value("ui/lang", "")
    return str(saved) if saved in UI_LANGS else "kk"


def last_user() -> str:
    """The user name of the last unlock (a login name, not personal data; never a passphrase)."""
    value = settings().value("ui/last_user", "")
    return value if isinstance(value, str) else ""


def db_path(args: argparse.Namespace) -> Path:
    return Path(args.db) if getattr(args, "db", None) else default_db_path()


def application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP)
    app.setOrganizationName(ORG)
    theme.apply(app)
    return app


def build(
    app: QApplication,
    *,
    path: Path,
    lang: str = "kk",
    user: str = "",
    executor: Executor | None = None,
    kdf: KdfParams | None = None,
    dialogs: Dialogs | None = None,
    clock: clock_mod.Clock | None = None,
    remember_lang: bool = True,
) -> AppWindow:
    fit.install(app)
    tr = Translator(lang)
    if remember_lang:
        tr.changed.connect(lambda: settings().setValue("ui/lang", tr.lang))
    env = Env(
        tr=tr, executor=executor or PoolExecutor(), dialogs=dialogs or Dialogs(tr),
        clipboard=SecureClipboard(), db_path=path, kdf=kdf, clock=clock,
        search_executor=PoolExecutor(1) if executor is None or isinstance(executor, PoolExecutor)
        else None,
    )  # fmt: skip
    window = AppWindow(env, app, user=user)
    if remember_lang:
        window.unlocked_as.connect(lambda name: settings().setValue("ui/last_user", name))
    return window


def run(args: argparse.Namespace) -> int:
    if not syslibs.check_or_explain(initial_lang(args)):  # before Qt aborts with its own text
        return 1
    app = application()
    clock = clock_mod.from_environment() if os.environ.get("REZERV_NOW") else None
    window = build(
        app, path=db_path(args), lang=initial_lang(args), user=getattr(args, "user", "") or last_user(),
        kdf=KdfParams.from_environment(), clock=clock,
    )  # fmt: skip
    window.show()
    from ui import smoke

    smoke.arm(window, app)
    QTimer.singleShot(PRELOAD_MS, lambda: window.env.executor.submit(preload))
    return int(app.exec())
