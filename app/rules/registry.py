"""Rule-set registry: ``evaluate(dossier, at=..., ruleset=...)`` -> findings.

Owned by the rules-engine work; until the rule sets land it knows no rules.
"""

from __future__ import annotations

import datetime as dt

from app.domain.dossier import Dossier
from app.rules.base import Finding

DEFAULT_RULESET = "rules-2025"


def evaluate(dossier: Dossier, *, at: dt.date, ruleset: str = DEFAULT_RULESET) -> list[Finding]:
    return []
