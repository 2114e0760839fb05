"""Every message key the transfer code can raise exists in Kazakh and Russian with the same
placeholders; the kind table covers every kind."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.errors import InvalidInput
from app.i18n import catalog, placeholders
from app.transfer import handlers, kinds

ROOT = Path(__file__).resolve().parents[2]
COMMANDS = ROOT / "app" / "cli" / "commands"
SOURCES = [
    *sorted((ROOT / "app" / "transfer").glob("*.py")),
    *(ROOT / "app" / "services").glob("transfer*.py"),
    *(COMMANDS / n for n in ("bundle.py", "identity.py", "peer.py")),
]
PREFIXES = r"bundle|peer|identity|transfer|cli\.bundle|cli\.peer|cli\.identity"
KEY = re.compile(rf'"((?:{PREFIXES})\.[a-z_]+)"')
AUDIT_ACTIONS = re.compile(r"^transfer\.(?!no_identity|identity_damaged)")


def used_keys() -> set[str]:
    found: set[str] = set()
    for f in SOURCES:
        found |= set(KEY.findall(f.read_text(encoding="utf-8")))
    found |= {f"cli.bundle.count_{k}" for k in ("add", "update", "same", "conflict")}
    return {k for k in found if not AUDIT_ACTIONS.match(k)}


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_key_is_translated(lang: str) -> None:
    missing = sorted(k for k in used_keys() if k not in catalog(lang))
    assert missing == []


def test_placeholders_agree() -> None:
    kk, ru = catalog("kk"), catalog("ru")
    for key in used_keys():
        assert placeholders(kk[key]) == placeholders(ru[key]), key


def test_every_kind_is_handled_or_refused_as_unsupported() -> None:
    for kind in kinds.Kind:
        try:
            assert handlers.handler_for(kind.value).kind is kind
        except InvalidInput as e:
            assert e.key == "bundle.kind_unsupported"
    with pytest.raises(InvalidInput) as e:
        handlers.handler_for("nonsense")
    assert e.value.key == "bundle.kind_unknown"
