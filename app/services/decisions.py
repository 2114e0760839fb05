"""The Head of PA's decisions (Rules-2025 p.12): enrol or refuse per nominee, with the decision's
number and date from the signed paper; bulk entry for a whole list with per-row exceptions; the
decision sheet; extracts per body (p.13) exported as bundles, which inform the first heads
(p.11(3)). At the State Guard Service the decisions on its own list are recorded there (p.5)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import msgspec

from app.documents import Rendered
from app.domain import quarter as q
from app.domain.workflow import NomineeStatus
from app.errors import InvalidInput, UsageError
from app.i18n import fmt_date
from app.progress import Progress
from app.rules.rules_2025 import RULESET
from app.rules.terms import plain_end
from app.security.roles import Permission
from app.services import printing, scans
from app.services import transfer_bundles as tb
from app.services.calendar import calendar
from app.services.quarter import check_quarter
from app.services.workstation import Session
from app.store import quarter_repo as repo
from app.store.database import UnitOfWork
from app.store.nominees import Filters, Nominees
from app.transfer.peers import role_of

SKIP = "skip"


class Recorded(msgspec.Struct, frozen=True, kw_only=True):
    nominee_id: int
    decision: str


def _decidable_status(s: Session) -> NomineeStatus:
    """Department: the recommended list; State Guard Service: its own list sent to the Head of PA."""
    if s.body is None:
        return NomineeStatus.RECOMMENDED
    if s.body == "sgs":
        return NomineeStatus.SENT
    raise UsageError("decision.not_here")


def _check_number(number: str, day: dt.date, s: Session) -> None:
    if not number.strip() or len(number) > 100:
        raise InvalidInput("decision.number_required")
    if day > s.clock.today():
        raise InvalidInput("decision.future_date", date=day.isoformat())


def _quarter_ready(s: Session, quarter: str, day: dt.date | None = None) -> None:
    """Department: the Head of PA decides on the list agreed with the Secretary of the Security
    Council (p.12 part 1): not before it is agreed, and not dated before the agreement."""
    conn = s.db.connection()
    if s.body is not None:
        return
    agreed = repo.event(conn, quarter, q.Event.AGREED)
    if agreed is None:
        raise InvalidInput("decision.not_agreed", quarter=quarter)
    if day is not None and day < agreed.day:
        raise InvalidInput("decision.before_agreement", date=fmt_date(day), agreed=fmt_date(agreed.day))


def _apply(uow: UnitOfWork, s: Session, nid: int, decision: q.DecisionKind, number: str,
           day: dt.date) -> None:  # fmt: skip
    rec = uow.nominees.get(nid, with_photo=False)
    repo.put_decision(uow.conn, q.Decision(nominee_id=nid, decision=decision.value, number=number,
                                           day=day), uow.now)  # fmt: skip
    d = rec.dossier
    if decision is q.DecisionKind.ENROL:
        repo.put_member(uow.conn, nid, body=d.body.value, position=d.nomination.intended_position,
                        enrolled_on=day, term_ends=plain_end(day, RULESET.params.max_term),
                        number=number)  # fmt: skip
        if s.body == "sgs":
            due = RULESET.event_deadlines("extract", s.clock.today(), calendar(s))[0].due or s.clock.today()
            repo.put_notice(uow.conn, nid, s.clock.today(), due)
    else:
        repo.drop_member(uow.conn, nid)
    status = q.DECISION_STATUS[decision]
    payload = {"decision": decision.value, "number": number, "day": day.isoformat()}
    uow.move(nid, status, "decision.record", payload)


def record_many(
    s: Session, quarter: str, *, number: str, day: dt.date, default: str = "enrol",
    exceptions: dict[int, str] | None = None, ids: list[int] | None = None,
) -> list[Recorded]:  # fmt: skip
    """Decisions for the whole list (or ``ids``): ``default`` for every row except the
    ``exceptions`` (nominee id -> enrol | refuse | skip). All or nothing."""
    s.require(Permission.EDIT)
    quarter = check_quarter(quarter)
    _check_number(number, day, s)
    _quarter_ready(s, quarter, day)
    status = _decidable_status(s)
    exceptions = exceptions or {}
    allowed = {*q.DecisionKind.__members__.values(), SKIP}
    if default not in allowed or any(v not in allowed for v in exceptions.values()):
        raise InvalidInput("decision.bad_decision")
    nrepo = Nominees(s.db.connection())
    pending = nrepo.ids(Filters(quarter=quarter, body=s.body or "", status=status))
    chosen = ids if ids is not None else pending
    unknown = [i for i in [*chosen, *exceptions] if i not in pending]
    if unknown:
        raise InvalidInput("decision.not_pending", id=unknown[0], status=status.value)
    plan = [(nid, exceptions.get(nid, default)) for nid in chosen]
    plan = [(nid, dec) for nid, dec in plan if dec != SKIP]
    if not plan:
        raise InvalidInput("decision.nothing_to_record", quarter=quarter)
    with s.db.unit_of_work(s.user) as uow:
        for nid, dec in plan:
            _apply(uow, s, nid, q.DecisionKind(dec), number.strip(), day)
        if s.body == "sgs":  # the decision reaches its own HR at once: p.13 counts from today
            repo.put_event(uow.conn, q.QuarterEvent(quarter=quarter, body=s.body, day=s.clock.today(),
                           event=q.Event.EXTRACT_RECEIVED, reference=number.strip()),
                           now=uow.now, user=s.user)  # fmt: skip
        prev = repo.event(uow.conn, quarter, q.Event.APPROVED, s.body or "")
        if prev is None or prev.day < day:
            repo.put_event(uow.conn, q.QuarterEvent(quarter=quarter, body=s.body or "",
                           event=q.Event.APPROVED, day=day, reference=number.strip()),
                           now=uow.now, user=s.user)  # fmt: skip
        uow.commit()
    return [Recorded(nominee_id=nid, decision=dec) for nid, dec in plan]


def record(s: Session, nid: int, decision: str, *, number: str, day: dt.date) -> Recorded:
    _decidable_status(s)
    rec = Nominees(s.db.connection()).get(nid, with_photo=False)
    done = record_many(s, rec.dossier.nomination.quarter, number=number, day=day, default=decision,
                       ids=[nid])  # fmt: skip
    return done[0]


def decided(s: Session, quarter: str, *, body: str = "") -> list[int]:
    conn = s.db.connection()
    return sorted(i for st in (NomineeStatus.ENROLLED, NomineeStatus.REFUSED)
                  for i in Nominees(conn).ids(Filters(quarter=check_quarter(quarter), body=body,
                                                      status=st)))  # fmt: skip


def print_sheet(s: Session, quarter: str, *, lang: str, body: str = "") -> Rendered:
    """The decision sheet: the recommended list with the agreement block, and the decisions once
    recorded (printed before the decision, it is the list submitted for approval)."""
    quarter = check_quarter(quarter)
    conn = s.db.connection()
    ids = decided(s, quarter, body=body) or Nominees(conn).ids(
        Filters(quarter=quarter, body=body, status=NomineeStatus.RECOMMENDED))  # fmt: skip
    return printing.print_documents(s, printing.Request(
        kind="decision-sheet", lang=lang, ids=tuple(ids), quarter=quarter, body=body))  # fmt: skip


def print_extract(s: Session, quarter: str, *, body: str, lang: str) -> Rendered:
    quarter = check_quarter(quarter)
    return printing.print_documents(s, printing.Request(
        kind="extract", lang=lang, ids=tuple(decided(s, quarter, body=body)), quarter=quarter,
        body=body))  # fmt: skip


def extract_sheet(s: Session, quarter: str, *, peer_id: str) -> scans.ExtractSheet | None:
    """The signed decision sheet an extract for ``peer_id``'s body carries, or the one it does
    not carry because it names other bodies' nominees too (``scans.extract_sheet``)."""
    return scans.extract_sheet(s, check_quarter(quarter), role_of(s.db.connection(), peer_id))


def send_extract(s: Session, quarter: str, *, peer_id: str, out: Path,
                 progress: Progress | None = None) -> tb.ExportResult:  # fmt: skip
    """The extract for one body as a bundle (p.13); its date informs the first head (p.11(3)).
    ``progress`` as ``tb.export_bundle``: a cancel there leaves nothing sent."""
    if s.body is not None:
        raise UsageError("review.department_only")
    quarter = check_quarter(quarter)
    result = tb.export_bundle(s, kind="decision_extract", peer_id=peer_id, out=out, quarter=quarter,
                              progress=progress)  # fmt: skip
    body = role_of(s.db.connection(), peer_id)
    with s.db.unit_of_work(s.user) as uow:
        ev = q.QuarterEvent(
            quarter=quarter,
            body=body,
            event=q.Event.EXTRACT_SENT,
            day=s.clock.today(),
            reference=result.bundle_id,
        )
        repo.put_event(uow.conn, ev, now=uow.now, user=s.user)
        uow.audit("quarter.extract_sent", f"quarter:{quarter}:{body}", {"bundle": result.bundle_id})
        uow.commit()
    return result
