"""Rule messages exist in Kazakh and Russian with the same placeholders."""

from __future__ import annotations

import json
import re
from pathlib import Path

from app import resources
from app.i18n import placeholders

ROOT = Path(__file__).resolve().parents[2]
MINE = ("r2025.", "r2000.", "rules.", "calendar.", "deadlines.", "check.")


def _load(lang: str) -> dict[str, str]:
    return dict(json.loads((resources.path("i18n") / f"rules.{lang}.json").read_text("utf-8")))


def test_rules_messages_same_keys_and_placeholders_in_kk_and_ru() -> None:
    kk, ru = _load("kk"), _load("ru")
    assert set(kk) == set(ru)
    for key in kk:
        assert key.startswith(MINE), key
        assert placeholders(kk[key]) == placeholders(ru[key]), key
        assert kk[key].strip() and ru[key].strip() and kk[key] != ru[key], key


def test_every_literal_key_in_the_rules_code_is_translated() -> None:
    kk = _load("kk")
    audit_actions = {"calendar.override.add", "calendar.override.remove", "rules.check_all"}
    sources = [*(ROOT / "app/rules").glob("*.py"), *(ROOT / "app/calendar").glob("*.py")]
    sources += [ROOT / f"app/services/{n}.py" for n in ("checks", "calendar", "deadlines")]
    sources += [ROOT / f"app/cli/commands/{n}.py" for n in ("check", "calendar", "deadlines")]
    pattern = re.compile(r'"((?:r2025|r2000|rules|calendar|deadlines|check)\.[a-z0-9_.]+)"')
    used = {m for f in sources for m in pattern.findall(f.read_text("utf-8"))}
    assert len(used) > 80
    missing = sorted(k for k in used - audit_actions if not k.endswith(".") and k not in kk)
    assert missing == []


def test_dynamic_keys_are_translated() -> None:
    from app.domain.dossier import AttestationDecision, SanctionKind
    from app.domain.reg2000 import Doc
    from app.domain.reserve import OverrideAuthority
    from app.rules.reg_2000 import RULESET as REG
    from app.rules.rules_2025 import RULESET as R25

    kk = _load("kk")
    keys = [f"rules.sanction.{k.value}" for k in SanctionKind]
    keys += [f"rules.attestation.{k.value}" for k in AttestationDecision]
    keys += [f"rules.r2000_doc.{k.value}" for k in Doc]
    keys += [f"rules.authority.{k.value}" for k in OverrideAuthority]
    keys += [f"r2025.p18_{n}" for n in range(1, 9)] + [f"r2000.p39_{n}" for n in range(1, 6)]
    keys += [f"r2000.p16.{n}" for n in ("qualification_met", "tests_passed", "interview_passed")]
    keys += [f"calendar.kind.{k}" for k in ("day_off", "workday")]
    keys += [f"check.severity.{k}" for k in ("blocker", "warning", "info")]
    for rs in (R25, REG):
        keys += [s.wording_key for s in rs.event_steps] + [s.actor_key for s in rs.event_steps]
        keys.append(rs.act.title_key)
    keys += [f"r2025.wording.{s}" for s in ("send_list", "check", "form_list")]
    assert [k for k in keys if k not in kk] == []
