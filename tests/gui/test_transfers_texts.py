"""The Transfers screen's texts: every key it uses exists in Kazakh and Russian, both catalogues
have the same keys and placeholders, and every kind and change action has a name."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from app import i18n
from app.transfer.kinds import Kind
from ui.screens.transfers.screen import TABS

ROOT = Path(__file__).resolve().parents[2]
PKG = ROOT / "ui" / "screens" / "transfers"
LITERAL = re.compile(r"""["'](uitransfer\.[a-z0-9_]+(?:\.[a-z0-9_]+)*)["']""")


def _catalog(lang: str) -> dict[str, str]:
    path = ROOT / "resources" / "i18n" / f"uitransfer.{lang}.json"
    return json.loads(path.read_text(encoding="utf-8"))


def used_keys() -> set[str]:
    keys = {k for f in PKG.glob("*.py") for k in LITERAL.findall(f.read_text(encoding="utf-8"))}
    dyn = {
        "uitransfer.tab": TABS,
        "uitransfer.kind": [k.value for k in Kind],
        "uitransfer.action": ["add", "update", "same", "conflict", "ack", "remove"],
        "uitransfer.count": ["add", "update", "same", "conflict", "ack", "none", "remove", "need"],
        "uitransfer.peers.col": ["workstation", "id", "fingerprint", "added", "state"],
        "uitransfer.bundles.col": ["state", "time", "kind", "peer", "sender", "seq", "dossiers", "id"],
        "uitransfer.conflict.col": ["time", "iin", "name", "bundle"],
        "uitransfer.preview": ["file", "sender", "fingerprint", "kind", "created", "seq", "size", "counts"],
        "uitransfer.preview.col": ["action", "entity", "name"],
        "uitransfer.export": ["kind", "peer", "quarter", "search", "picks"],
    }
    keys |= {f"{prefix}.{name}" for prefix, names in dyn.items() for name in names}
    return keys


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_key_the_screen_uses_is_translated(lang: str) -> None:
    catalog = _catalog(lang)
    missing = sorted(k for k in used_keys() if not catalog.get(k, "").strip())
    assert missing == []


def test_kazakh_and_russian_have_the_same_keys_and_placeholders() -> None:
    kk, ru = _catalog("kk"), _catalog("ru")
    assert set(kk) == set(ru)
    assert all(k.startswith("uitransfer.") for k in kk)
    for key in kk:
        assert i18n.placeholders(kk[key]) == i18n.placeholders(ru[key]), key
    assert kk != ru


def test_no_key_is_left_unused() -> None:
    unused = sorted(set(_catalog("ru")) - used_keys())
    assert unused == []
