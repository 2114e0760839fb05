"""Every mutating GUI action (``ui.actions.ACTIONS``), run by every role that lacks its
permission: one translated "not permitted" message, no other dialog or question, no file asked
for, nothing changed in the database and nothing audited. And the table is complete: a handler
that guards itself with ``env.allowed`` but has no row fails."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog

from app import i18n
from app.security.kdf import KdfParams
from app.security.roles import GRANTS, Role
from app.services import workstation
from tests.conftest import PASSPHRASE
from tests.gui.conftest import unlock
from tests.transfer.conftest import db_digest
from ui.actions import ACTIONS, Action

ROOT = Path(__file__).resolve().parents[2]
USERS = {Role.CLERK: "clerk1", Role.AUDITOR: "auditor1"}
OTHER = "another passphrase, long enough"

CASES = [(a, role) for a in ACTIONS for role in USERS if a.permission not in GRANTS[role]]


def _ws(a: Action) -> str:
    return a.workstation or ("department" if a.department else "knb")


@pytest.fixture(scope="module")
def templates(tmp_path_factory, clock_value) -> dict[str, Path]:
    """A body (KNB), a Department and the two Reg-2000 workstations with a clerk and an
    auditor, each made once."""
    out = {}
    for ws in ("knb", "department", "reg2000-authority", "reg2000-body"):
        path = tmp_path_factory.mktemp(ws) / "rezerv.db"
        s = workstation.create(path, role=ws, user="admin",
                               passphrase=PASSPHRASE, kdf=KdfParams.fast_for_tests(),
                               clock=clock_value)  # fmt: skip
        for role, name in USERS.items():
            workstation.add_user(s, name, role.value, OTHER, kdf=KdfParams.fast_for_tests())
        s.db.connection().execute("PRAGMA wal_checkpoint(TRUNCATE)")
        s.close()
        out[ws] = path
    return out


@pytest.fixture(scope="module")
def clock_value():
    import datetime as dt

    from app.clock import FixedClock

    return FixedClock(dt.datetime(2026, 2, 10, 10, tzinfo=dt.timezone(dt.timedelta(hours=5))))


def _copy(src: Path, to: Path) -> Path:
    to.mkdir()
    for f in src.parent.iterdir():
        shutil.copy2(f, to / f.name)
    return to / src.name


def _handler(w, a: Action):
    if a.screen == "notices":
        from ui.notices import NoticesDialog

        obj = NoticesDialog(w.env, [("anchor.rollback_warning", {"db_seq": "1", "anchor_seq": "2"})],
                            w.main)  # fmt: skip
    else:
        obj = w.main.show_screen(a.screen)
    parts = a.path.split(".")
    for part in parts[:-1]:
        obj = obj.show_page(part.removeprefix("page:")) if part.startswith("page:") else getattr(obj, part)
    return getattr(obj, parts[-1])


def _no_file_dialog(*args, **kwargs):
    raise AssertionError("a file dialog was opened by a refused action")


@pytest.mark.parametrize(("action", "role"), CASES,
                         ids=[f"{a.screen}.{a.path}-{r.value}" for a, r in CASES])  # fmt: skip
def test_action_is_refused_for_a_role_without_its_permission(make_window, templates, tmp_path,
                                                             dialogs, monkeypatch, action, role):  # fmt: skip
    for name in ("getSaveFileName", "getOpenFileName", "getExistingDirectory"):
        monkeypatch.setattr(QFileDialog, name, staticmethod(_no_file_dialog))
    db = _copy(templates[_ws(action)], tmp_path / "ws")
    w = make_window(db, lang="ru")
    unlock(w, USERS[role], OTHER)
    assert w.state == "main"
    handler = _handler(w, action)
    assert f"{handler.__func__.__module__}.{handler.__func__.__qualname__}" == "ui." + action.where
    before = db_digest(w.env.s())
    shown = {id(d) for d in QApplication.topLevelWidgets() if isinstance(d, QDialog) and d.isVisible()}
    handler(*action.args)
    assert dialogs.errors == [i18n.tr("ui.access.denied", "ru")]
    assert dialogs.asked == [] and dialogs.infos == []
    opened = [d for d in QApplication.topLevelWidgets() if isinstance(d, QDialog) and d.isVisible()
              and id(d) not in shown and type(d).__name__ != "NoticesDialog"]  # fmt: skip
    assert opened == []
    assert db_digest(w.env.s()) == before  # nothing changed, no audit row


def test_the_guard_lets_a_permitted_role_through(make_window, templates, tmp_path, dialogs):
    """The same handler for a clerk who may edit: no refusal (here the new-dossier wizard opens)."""
    db = _copy(templates["knb"], tmp_path / "ws")
    w = make_window(db, lang="kk")
    unlock(w, "clerk1", OTHER)
    screen = w.main.show_screen("nominees")
    screen.open_wizard(None)
    assert dialogs.errors == [] and screen.wizard is not None
    screen.wizard.discard_silently()


def _guarded_handlers() -> set[str]:
    """``module.Class.method`` of every function in ui/ that calls ``env.allowed``."""
    found = set()
    for path in (ROOT / "ui").rglob("*.py"):
        if path.name == "env.py":
            continue
        mod = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for cls in [n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)]:
            for fn in [n for n in cls.body if isinstance(n, ast.FunctionDef)]:
                if any(isinstance(c, ast.Attribute) and c.attr == "allowed" for c in ast.walk(fn)):
                    found.add(f"{mod}.{cls.name}.{fn.name}")
    return found


def test_every_guarded_handler_has_a_row_and_every_row_a_guard():
    assert _guarded_handlers() == {"ui." + a.where for a in ACTIONS}


def test_every_role_lacks_something_the_table_covers():
    """The table is exercised for both restricted roles (it cannot pass by being empty)."""
    assert {r for _, r in CASES} == set(USERS)
    assert len(CASES) >= len(ACTIONS)
