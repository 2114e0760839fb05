"""Rule-set registry: ``evaluate(dossier, at=..., ruleset=...)`` -> findings.

Each act is one module with a ``RULESET`` object (``rules_2025``, ``reg_2000``); ``get(name)``
returns it, so callers never import an act's module directly.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from app.calendar import WorkCalendar
from app.domain.dossier import Dossier
from app.domain.reserve import ReserveMembership
from app.errors import InvalidInput
from app.rules import reg_2000, rules_2025
from app.rules.base import Finding

DEFAULT_RULESET = "rules-2025"
RULESETS: dict[str, Any] = {r.name: r for r in (rules_2025.RULESET, reg_2000.RULESET)}


def get(name: str) -> Any:
    """The rule set named ``name`` (``rules-2025`` or ``reg-2000``)."""
    try:
        return RULESETS[name]
    except KeyError:
        raise InvalidInput("rules.unknown_ruleset", name=name, known=", ".join(RULESETS)) from None


def evaluate(
    dossier: Dossier,
    *,
    at: dt.date,
    ruleset: str = DEFAULT_RULESET,
    membership: ReserveMembership | None = None,
    calendar: WorkCalendar | None = None,
    has_photo: bool | None = None,
) -> list[Finding]:
    return list(
        get(ruleset).evaluate(
            dossier, at=at, membership=membership, calendar=calendar, has_photo=has_photo
        )
    )
