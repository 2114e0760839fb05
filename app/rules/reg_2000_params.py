"""Reg-2000: the act, its parameters and document lists (data, not code)."""

from __future__ import annotations

import datetime as dt

import msgspec

from app.calendar import WorkCalendar
from app.domain.reg2000 import Doc, Reservist, Source
from app.rules.base import Act, Amendment, Finding, Severity
from app.rules.terms import DayOff, Term, Unit

ACT = Act(
    code="Reg-2000",
    title_key="rules.act.reg_2000",
    number="330",
    date=dt.date(2000, 2, 4),
    effective=dt.date(2000, 1, 1),  # p.3 of the decree
    amendments=(
        Amendment(number="605", date=dt.date(2001, 5, 11), note="p.3, p.12-1, p.15, p.21-1, p.33"),
        Amendment(number="1071", date=dt.date(2003, 4, 21), note="p.5(4), chapter 5-1"),
    ),
    repealed=dt.date(2003, 12, 4),
    repealed_by="1243",
)

# p.4: time limits are computed under civil legislation: a term runs to the end of its last day
# (the corresponding day of the last week, month or year) and, when that day is a day off, to the
# end of the next working day.
_CIVIL = DayOff.NEXT_WORKDAY


def _days(n: int) -> Term:
    return Term(amount=n, unit=Unit.DAYS, day_off=_CIVIL)


def _workdays(n: int) -> Term:
    return Term(amount=n, unit=Unit.WORKING_DAYS)


class Params(msgspec.Struct, frozen=True, kw_only=True):
    # p.10 read with p.4: the one-year term includes the anniversary day (the next working day
    # when it is a day off); the reservist is in the reserve until that day ends.
    term: Term = Term(amount=1, unit=Unit.YEARS, day_off=_CIVIL)  # p.10
    protocol_send: Term = _days(10)  # p.19
    decide_competition: Term = _days(7)  # p.20
    decide_training: Term = _days(10)  # p.24
    decide_abroad: Term = _days(10)  # p.31
    attestation_send: Term = _workdays(10)  # p.32-2
    decide_attestation: Term = _workdays(10)  # p.32-3
    training_window: Term = Term(amount=3, unit=Unit.MONTHS, day_off=_CIVIL)  # p.21-1
    abroad_window: Term = Term(amount=3, unit=Unit.MONTHS, day_off=_CIVIL)  # p.28
    list_answer: Term = Term(amount=2, unit=Unit.WEEKS, day_off=_CIVIL)  # p.34
    placement_notice: Term = _days(10)  # p.36
    quorum: tuple[int, int] = (2, 3)  # p.18: at least 2/3 of the members present
    max_per_vacancy: int = 1  # p.15


PARAMS = Params()

# The documents of each source, with the point that lists them: (document, point).
DOCUMENTS: dict[Source, tuple[tuple[Doc, str], ...]] = {
    Source.COMPETITION: (
        (Doc.PROTOCOL_EXTRACT, "p.19"),
        (Doc.COMPETITION_FILE, "p.19"),
        (Doc.WRITTEN_CONSENT, "p.19"),
    ),
    Source.TRAINING: (
        (Doc.APPLICATION, "p.22(1)"),
        (Doc.PERSONAL_SHEET, "p.22(2)"),
        (Doc.QUESTIONNAIRE, "p.22(3)"),
        (Doc.EDUCATION_COPIES, "p.22(4)"),
        (Doc.EMPLOYMENT_RECORD_COPY, "p.22(5)"),
        (Doc.HEALTH_CERTIFICATE, "p.22(6)"),
        (Doc.TEST_RESULTS, "p.22(7)"),
        (Doc.PHOTOS_3X4, "p.22(8)"),
    ),
    Source.ABROAD: (
        (Doc.ORDER_EXTRACTS_ABROAD, "p.29(1)"),
        (Doc.APPLICATION, "p.29(2)"),
        (Doc.PERSONAL_SHEET, "p.29(3)"),
        (Doc.QUESTIONNAIRE, "p.29(4)"),
        (Doc.EDUCATION_COPIES, "p.29(5)"),
        (Doc.EMPLOYMENT_RECORD_COPY, "p.29(6)"),
        (Doc.TEST_RESULTS, "p.29(7)"),
        (Doc.PHOTOS_3X4, "p.29(8)"),
    ),
    Source.ATTESTATION: (
        (Doc.ATTESTATION_ORDER_EXTRACT, "p.32-2(1)"),
        (Doc.APPLICATION, "p.32-2(2)"),
        (Doc.PERSONAL_SHEET_CERTIFIED, "p.32-2(3)"),
    ),
}

# The authorised body's decision term per source, counted from the documents' receipt.
DECISION_TERM = {
    Source.COMPETITION: ("p.20", "decide_competition"),
    Source.TRAINING: ("p.24", "decide_training"),
    Source.ABROAD: ("p.31", "decide_abroad"),
    Source.ATTESTATION: ("p.32-3", "decide_attestation"),
}


class Ctx:
    __slots__ = ("at", "cal", "out", "p", "r")

    def __init__(self, r: Reservist, at: dt.date, p: Params, cal: WorkCalendar) -> None:
        self.r, self.at, self.p, self.cal = r, at, p, cal
        self.out: list[Finding] = []

    def add(self, sev: Severity, point: str, field: str, key: str,
            refs: dict[str, str] | None = None, **params: str) -> None:  # fmt: skip
        self.emit(sev, point, field, key, params, refs or {})

    def emit(self, sev: Severity, point: str, field: str, key: str, params: dict[str, str],
             refs: dict[str, str]) -> None:  # fmt: skip
        self.out.append(Finding(severity=sev, clause=ACT.clause(point), field=field, key=key,
                                params=params, refs=refs))  # fmt: skip

    def blocker(self, point: str, field: str, key: str, **params: str) -> None:
        self.emit(Severity.BLOCKER, point, field, key, params, {})

    def warning(self, point: str, field: str, key: str, **params: str) -> None:
        self.emit(Severity.WARNING, point, field, key, params, {})
