"""A reserve member's membership (Rules-2025 p.12-p.14, p.18-p.20).

Rules accept it as an optional argument; the quarter-cycle work persists it. ``term_ends`` is the
recorded end of the term when the decision states one; otherwise the rule set computes it from
``enrolled_on`` (p.14: at most three years).
"""

from __future__ import annotations

import datetime as dt
import enum

import msgspec


class ExclusionGround(enum.StrEnum):
    """Rules-2025 p.18 sub-points (1)-(8)."""

    COURT_ADMIN_LIABILITY = "p18_1"  # administrative liability by a court, intentional offence
    CORRUPTION = "p18_2"  # disciplinary liability for a corruption offence
    LISTED_SANCTION = "p18_3"  # warning / release or demotion of position / demotion of rank
    OWN_REPORT = "p18_4"  # the employee's own report
    TERM_EXPIRED = "p18_5"  # the term of p.14 expired
    DISMISSED = "p18_6"  # dismissed from the special state bodies
    TRANSFERRED = "p18_7"  # transferred (seconded) to the bodies listed in p.18(7)
    DEMOTED = "p18_8"  # demoted by attestation or moved to a lower position


class OverrideAuthority(enum.StrEnum):
    """Who may shorten the minimum term of p.14."""

    PRESIDENT = "president"
    HEAD_OF_PA = "head_of_pa"


class MinTermOverride(msgspec.Struct, frozen=True, kw_only=True):
    authority: OverrideAuthority
    reference: str = ""  # the decision's number or reference
    date: dt.date


class ReserveMembership(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    enrolled_on: dt.date  # the Head of PA's decision "enrol" (p.12(1))
    term_ends: dt.date | None = None
    appointed_on: dt.date | None = None  # appointed to a higher position (p.14)
    min_term_override: MinTermOverride | None = None
    excluded_on: dt.date | None = None
    ground: ExclusionGround | None = None

    def active(self, at: dt.date) -> bool:
        """Enrolled by ``at`` and not yet excluded."""
        return self.enrolled_on <= at and (self.excluded_on is None or self.excluded_on > at)
