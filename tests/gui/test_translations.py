"""Every visible string is translated in Kazakh and Russian; the language switches at run time."""

from __future__ import annotations

import json
import re
from pathlib import Path

import msgspec
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel

from app import i18n
from app.calendar import OverrideKind
from app.domain import dossier as dm
from app.domain.workflow import NomineeStatus
from app.security.roles import Role, WorkstationRole
from app.services.dossier_flow import STEPS
from tests.gui.conftest import unlock
from ui.screens.audit.model import COLUMNS as AUDIT_COLUMNS
from ui.screens.audit.screen import ACTIONS
from ui.screens.nominees.model import COLUMNS as NOMINEE_COLUMNS

pytestmark = pytest.mark.gui
ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "ui"
LITERAL = re.compile(r"""["'](ui\.[a-z0-9_]+(?:\.[A-Za-z0-9_]+)+)["']""")


def _catalog(lang: str) -> dict[str, str]:
    return json.loads((ROOT / "resources" / "i18n" / f"ui.{lang}.json").read_text(encoding="utf-8"))


def _struct_paths(t: type, prefix: str) -> list[str]:
    out = []
    for f in msgspec.structs.fields(t):
        path = f"{prefix}.{f.name}" if prefix else f.name
        out.append(path)
        typ = f.type
        inner = getattr(typ, "__args__", (typ,))
        for arg in inner:
            arg = (
                getattr(arg, "__args__", (arg,))[0]
                if getattr(arg, "__origin__", None) is list
                else arg
            )
            if isinstance(arg, type) and issubclass(arg, msgspec.Struct):
                out.extend(_struct_paths(arg, path))
    return out


def expected_keys() -> set[str]:
    keys: set[str] = set()
    for f in UI.rglob("*.py"):
        keys.update(
            m for m in LITERAL.findall(f.read_text(encoding="utf-8")) if not m.endswith(".")
        )
    dyn = {
        "ui.workstation": [r.value for r in WorkstationRole],
        "ui.firstrun.role_note": [r.value for r in WorkstationRole],
        "ui.role": [r.value for r in Role],
        "ui.body": [b.value for b in dm.Body],
        "ui.status": [s.value for s in NomineeStatus],
        "ui.sex": [s.value for s in dm.Sex],
        "ui.attestation": [a.value for a in dm.AttestationDecision],
        "ui.sanction": [a.value for a in dm.SanctionKind],
        "ui.liability": [a.value for a in dm.LiabilityKind],
        "ui.event": [a.value for a in dm.CareerEventKind],
        "ui.secondment": [a.value for a in dm.SecondmentKind],
        "ui.step": list(STEPS) + [f"{s}.hint" for s in STEPS],
        "ui.nominees.col": list(NOMINEE_COLUMNS),
        "ui.audit.col": list(AUDIT_COLUMNS),
        "ui.audit.filter": [a.rstrip(".") or "all" for a in ACTIONS],
        "ui.audit.problem": ["edited", "missing", "reordered"],
        "ui.calendar": ["year", "day", "kind", "reason", "reference"],
        "ui.calendar.kind": [k.value for k in OverrideKind],
        "ui.list": ["add", "remove", "up", "down"],
        "ui.photo": ["open", "rotate_left", "rotate_right", "remove"],
        "ui.passphrase.strength": [str(i) for i in range(5)],
        "ui.field": ["dossier", *_struct_paths(dm.Dossier, "")],
    }
    for prefix, names in dyn.items():
        sep = "" if prefix.endswith("strength") else "."
        keys.update(f"{prefix}{sep}{n}" for n in names)
    return keys


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_ui_key_is_translated(lang: str) -> None:
    catalog = _catalog(lang)
    missing = sorted(k for k in expected_keys() if not catalog.get(k, "").strip())
    assert not missing, f"missing {lang} translations: {missing}"


def test_kk_and_ru_have_the_same_keys_and_placeholders() -> None:
    kk, ru = _catalog("kk"), _catalog("ru")
    assert set(kk) == set(ru)
    for key in kk:
        assert i18n.placeholders(kk[key]) == i18n.placeholders(ru[key]), key


def test_core_keys_the_ui_shows_exist() -> None:
    for key in ("auth.wrong_passphrase", "passphrase.too_short", "dossier.required",
                "dossier.iin.bad_check_digit", "photo.not_image"):  # fmt: skip
        for lang in ("kk", "ru"):
            assert key in i18n.catalog(lang), (key, lang)


def _visible_texts(widget) -> list[str]:
    out = []
    for w in widget.findChildren(QLabel) + widget.findChildren(QAbstractButton):
        if w.isVisibleTo(widget) and w.text():
            out.append(w.text())
    return out


def test_language_switch_at_run_time(make_window, workstation_path, qtbot):
    w = make_window(workstation_path, lang="kk")
    assert w.unlock.button.text() == i18n.tr("ui.unlock.button", "kk")
    w.unlock.lang.buttons["ru"].click()
    assert w.unlock.button.text() == i18n.tr("ui.unlock.button", "ru")
    unlock(w)
    main = w.main
    for key in ("nominees", "audit", "settings"):
        main.show_screen(key)
    settings = main.screen("settings")
    for page in settings.pages:
        settings.show_page(page.NAME)
    lang_page = settings.show_page("language")
    lang_page.combo.setCurrentIndex(lang_page.combo.findData("kk"))
    settings.save()
    assert w.env.tr.lang == "kk"
    kk_texts = set(i18n.catalog("kk").values())
    ru_only = set(i18n.catalog("ru").values()) - kk_texts
    shown = []
    for key in ("nominees", "audit", "settings"):
        shown += _visible_texts(main.screen(key))
    shown += _visible_texts(main)
    leftovers = [t for t in shown if t in ru_only]
    assert not leftovers, leftovers
    assert main.buttons["nominees"].text() == i18n.tr("ui.screen.nominees", "kk")
    header = main.screen("nominees").model.headerData(1, Qt.Orientation.Horizontal, 0)
    assert header == i18n.tr("ui.nominees.col.name", "kk")
