"""Rules-2025: the act, its parameters (data, not code) and the evaluation context."""

from __future__ import annotations

import datetime as dt

import msgspec

from app.domain.dossier import AttestationDecision, Dossier, SanctionKind
from app.domain.positions import Catalogue, Position
from app.domain.reserve import ReserveMembership
from app.rules.base import Act, Amendment, Finding, Severity
from app.rules.terms import DayOff, Reading, Term, Unit

ACT = Act(
    code="Rules-2025",
    title_key="rules.act.rules_2025",
    number="853",
    date=dt.date(2025, 4, 23),
    # p.2 of the decree: in force ten calendar days after its first official publication; the
    # publication date is not in the seed text, so the effective date is not guessed here.
    effective=None,
    amendments=(
        Amendment(
            number="944", date=dt.date(2025, 7, 14), note="p.3 of the amendments (Decree No. 74)"
        ),
    ),
)


class Params(msgspec.Struct, frozen=True, kw_only=True):
    """Every number and reading the act leaves to interpretation; change here, not in code."""

    # p.2 of Decree No. 853: in force when ten calendar days have passed after the day of the
    # first official publication. The publication date is not in the seed text: record it here
    # (``with_params(published=...)``); until then the act applies from the day it was signed.
    published: dt.date | None = None
    in_force_days: int = 10
    # p.10, p.11(1), p.11(2): "before day N of the last month of the quarter"
    send_list_day: int = 1
    check_day: int = 15
    form_list_day: int = 30
    before_reading: Reading = Reading.EXCLUSIVE
    before_day_off: DayOff = DayOff.PREVIOUS_WORKDAY
    inform_heads: Term = Term(amount=10, unit=Unit.WORKING_DAYS)  # p.11(3)
    notify_employees: Term = Term(amount=10, unit=Unit.WORKING_DAYS)  # p.13
    max_term: Term = Term(amount=3, unit=Unit.YEARS)  # p.14
    min_term: Term = Term(amount=3, unit=Unit.MONTHS)  # p.14
    # p.14 "not more than three years": is the anniversary day (enrolled_on + 3 years) still in
    # the reserve? False: the last day in the reserve is the day before the anniversary.
    anniversary_in_reserve: bool = False
    reenrol_after: Term = Term(amount=1, unit=Unit.YEARS)  # p.20
    indicator_years: int = 3  # p.10(1): dynamics over the last three years
    # p.10: the submission, service reference and vetting information go signed; whether a listed
    # nominee without a signed scan of each blocks `quarter send` (False: a warning only)
    signed_scans_block_sending: bool = False
    # p.19: the Head of PA decides an exclusion on the materials the bodies' HR subdivisions send
    # to the Department. The State Guard Service forms its own list and submits it to the Head of
    # PA on its head's submission (p.5 part 2, p.6 part 2), so the Department never holds its
    # members. False: the SGS's exclusion submission goes to the Head of PA as its list did (the
    # paper is addressed so) and the decision is recorded at the SGS workstation; True: p.19 read
    # literally — the SGS sends it to the Department like the other bodies and the Department
    # records the decision and sends it back.
    sgs_exclusion_via_department: bool = False
    fitting: frozenset[AttestationDecision] = frozenset({
        AttestationDecision.FITS,
        AttestationDecision.FITS_RECOMMENDED_RESERVE,
        AttestationDecision.FITS_RECOMMENDED_PROMOTION,
    })  # fmt: skip
    conditional: frozenset[AttestationDecision] = frozenset(
        {AttestationDecision.FITS_WITH_REATTESTATION}
    )
    p18_3_kinds: frozenset[SanctionKind] = frozenset({
        SanctionKind.INCOMPLETE_COMPLIANCE_WARNING,
        SanctionKind.POSITION_DEMOTION,
        SanctionKind.RANK_DEMOTION,
    })  # fmt: skip


PARAMS = Params()


class Ctx:
    """What one evaluation sees. ``has_photo`` is given when the dossier was decoded without it."""

    __slots__ = ("at", "d", "has_photo", "membership", "out", "p", "position", "positions", "sent_on")

    def __init__(
        self,
        d: Dossier,
        at: dt.date,
        p: Params,
        membership: ReserveMembership | None,
        has_photo: bool | None,
        positions: Catalogue | None = None,
        sent_on: dt.date | None = None,
    ) -> None:
        self.d = d
        # when the materials were sent (p.8(3)); None while not sent: judged at ``at``
        self.sent_on = sent_on
        # the catalogue (None: not kept on this workstation) and the intended position in it
        self.positions = positions
        self.position: Position | None = (
            positions.find(d.body.value, d.nomination.intended_position) if positions else None
        )
        self.at = at
        self.p = p
        self.membership = membership
        self.has_photo = d.photo is not None if has_photo is None else has_photo
        self.out: list[Finding] = []

    def add(
        self,
        severity: Severity,
        point: str,
        field: str,
        key: str,
        refs: dict[str, str] | None = None,
        **params: str,
    ) -> None:
        self.emit(severity, point, field, key, params, refs or {})

    def emit(
        self, sev: Severity, point: str, field: str, key: str, params: dict[str, str],
        refs: dict[str, str],
    ) -> None:  # fmt: skip
        self.out.append(Finding(severity=sev, clause=ACT.clause(point), field=field, key=key,
                                params=params, refs=refs))  # fmt: skip

    def blocker(self, point: str, field: str, key: str, **params: str) -> None:
        self.emit(Severity.BLOCKER, point, field, key, params, {})

    def warning(self, point: str, field: str, key: str, **params: str) -> None:
        self.emit(Severity.WARNING, point, field, key, params, {})

    def info(self, point: str, field: str, key: str, **params: str) -> None:
        self.emit(Severity.INFO, point, field, key, params, {})
