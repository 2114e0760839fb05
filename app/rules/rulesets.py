"""The rule sets (``RULESETS``, one row per act) and the ``Evaluator`` that applies one.

Each act is one module with a ``RULESET`` object (``rules_2025``, ``reg_2000``). A session's
checks go through ``Session.evaluator()`` (the workstation's rule set, calendar and overrides);
``evaluate(dossier, at=..., ruleset=...)`` is the same without a session (tests, tools).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from app.calendar import WorkCalendar
from app.domain.dossier import Dossier
from app.domain.positions import Catalogue
from app.domain.reserve import ReserveMembership
from app.errors import InvalidInput
from app.rules import reg_2000, rules_2025
from app.rules.base import Finding

DEFAULT_RULESET = "rules-2025"
RULESETS: dict[str, Any] = {
    rules_2025.RULESET.name: rules_2025.RULESET,  # "rules-2025": Decree No. 853 of 2025
    reg_2000.RULESET.name: reg_2000.RULESET,  # "reg-2000": Decree No. 330 of 2000
}


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
    positions: Catalogue | None = None,
    sent_on: dt.date | None = None,
) -> list[Finding]:
    return list(
        get(ruleset).evaluate(
            dossier, at=at, membership=membership, calendar=calendar, has_photo=has_photo,
            positions=positions, sent_on=sent_on,
        )
    )


class Evaluator:
    """One rule set with the workstation's calendar: what the wizard, the services, ``check``
    and the bundle handlers of one session all use (``Session.evaluator()``)."""

    def __init__(self, ruleset: str = DEFAULT_RULESET, calendar: WorkCalendar | None = None,
                 positions: Catalogue | None = None) -> None:  # fmt: skip
        self.name = ruleset
        self.rules = get(ruleset)
        self.calendar = calendar
        self.positions = positions  # the workstation's positions catalogue (p.4, p.8(1))

    def evaluate(self, dossier: Dossier, *, at: dt.date, membership: ReserveMembership | None = None,
                 has_photo: bool | None = None, sent_on: dt.date | None = None) -> list[Finding]:  # fmt: skip
        """``sent_on``: when the materials were sent (p.8(3) is judged then), None if not yet."""
        return list(self.rules.evaluate(dossier, at=at, membership=membership, calendar=self.calendar,
                                        has_photo=has_photo, positions=self.positions,
                                        sent_on=sent_on))  # fmt: skip
