"""A member's life in the reserve after enrolment (Rules-2025 p.14, p.16, p.17, p.20), driven by
the register: appointment from the reserve checked against the three-month minimum of p.14 part 2
unless an override of the President or the Head of PA is recorded; training (p.16); acting duties
(p.17, not for seconded employees); terms expiring ahead; re-nomination of the same person (IIN)
after expiry, refusal or exclusion with p.20 enforced; and the person's timeline."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import msgspec

from app import photo as photo_mod
from app.domain import quarter as q
from app.domain.dossier import SecondmentKind
from app.domain.reserve import OverrideAuthority, ReserveMembership
from app.domain.workflow import NomineeStatus
from app.errors import InvalidInput, NotFound, UsageError
from app.i18n import fmt_date, tr
from app.rules.base import Severity
from app.rules.rules_2025 import RULESET
from app.rules.rules_2025_membership import last_day
from app.security.roles import Permission
from app.services import transfer_bundles as tb
from app.services.quarter import check_quarter
from app.services.workstation import Session
from app.store import quarter_repo as repo
from app.store import reserve_life as life
from app.store.connection import Connection
from app.store.database import UnitOfWork
from app.store.nominees import Nominees

S = NomineeStatus
AUTHORITIES = {"president": OverrideAuthority.PRESIDENT, "head_pa": OverrideAuthority.HEAD_OF_PA}
MAX_TEXT = 300
MAX_REF = 100


def _text(value: str, key: str, limit: int = MAX_TEXT) -> str:
    v = value.strip()
    if not v or len(v) > limit or any(ord(ch) < 32 for ch in v):
        raise InvalidInput(key, limit=limit)
    return v


def _not_future(s: Session, day: dt.date) -> None:
    if day > s.clock.today():
        raise InvalidInput("decision.future_date", date=fmt_date(day))


def _member(conn: Connection, nid: int) -> q.Member:
    m = repo.member(conn, nid)
    if m is None:
        raise NotFound("life.not_member", id=nid)
    return m


def current_member(conn: Connection, nid: int) -> q.Member | None:
    """The register line of the person's current nomination: ``None`` when the line the register
    keeps is an earlier nomination's membership (ended, and closed into ``nominations``)."""
    m = repo.member(conn, nid)
    if m is None or any(n.enrolled_on == m.enrolled_on for n in life.nominations(conn, nid)):
        return None
    return m


def membership(conn: Connection, nid: int) -> ReserveMembership | None:
    """The register's facts about ``nid`` as the rules read them (p.14, p.18, p.20)."""
    return life.membership(conn, nid)


def in_reserve_on(m: q.Member, day: dt.date) -> bool:
    """Enrolled, not excluded nor appointed, and within the term (the boundary rule of p.14 is
    ``Params.anniversary_in_reserve``)."""
    if m.excluded_on is not None and m.excluded_on <= day:
        return False
    return m.enrolled_on <= day <= last_day(m.term_ends, RULESET.params)


def _at_body(s: Session) -> None:
    """Appointments, overrides, training and acting duties are recorded by the body's HR
    subdivision; the Department records none of them (appointments reach it by bundle)."""
    if s.body is None:
        raise InvalidInput("life.department_records_none")


def _active(conn: Connection, s: Session, nid: int) -> q.Member:
    m = _member(conn, nid)
    status = S(Nominees(conn).status(nid))
    if status is not S.ENROLLED or not in_reserve_on(m, s.clock.today()):
        raise InvalidInput("life.not_in_reserve", id=nid)
    return m


# -- p.14 part 2: the override and the appointment ---------------------------------------------
def record_override(s: Session, nid: int, *, by: str, number: str, day: dt.date) -> None:
    """The President's or the Head of PA's decision that the member may be appointed before
    three months in the reserve (p.14 part 2)."""
    s.require(Permission.EDIT)
    _at_body(s)
    if by not in AUTHORITIES:
        raise InvalidInput("life.bad_authority", by=by[:32])
    number = _text(number, "life.number_required", MAX_REF)
    _not_future(s, day)
    with s.db.unit_of_work(s.user) as uow:
        m = _active(uow.conn, s, nid)
        if day < m.enrolled_on:
            raise InvalidInput("life.before_enrolment", date=fmt_date(day))
        life.put_override(uow.conn, nid, life.Override(authority=by, number=number, day=day),
                          uow.now.isoformat(timespec="seconds"))  # fmt: skip
        uow.audit("reserve.override", f"nominee:{nid}",
                  {"by": by, "number": number, "day": day.isoformat(), "clause": "p14_2"})  # fmt: skip
        uow.commit()


def appoint(s: Session, nid: int, *, position: str, order: str, day: dt.date) -> None:
    """Appointment from the reserve (p.14): refused before three months in the reserve unless an
    override is recorded; it ends the membership with its own reason ("appointed")."""
    s.require(Permission.EDIT)
    _at_body(s)
    position = _text(position, "life.position_required")
    order = _text(order, "life.number_required", MAX_REF)
    _not_future(s, day)
    with s.db.unit_of_work(s.user) as uow:
        m = _active(uow.conn, s, nid)
        if not in_reserve_on(m, day):
            raise InvalidInput("life.not_in_reserve_on", id=nid, date=fmt_date(day))
        ms = membership(uow.conn, nid)
        assert ms is not None
        ms = msgspec.structs.replace(ms, appointed_on=day)
        d = uow.nominees.get(nid, with_photo=False).dossier
        for f in s.evaluator().evaluate(d, at=day, membership=ms):
            if f.key == "r2025.p14.min_term" and f.severity is Severity.BLOCKER:
                raise InvalidInput("life.p14_min_term", id=nid, **f.params)
        life.put_appointment(uow.conn, nid, life.Appointment(position=position, order_ref=order, day=day),
                             uow.now.isoformat(timespec="seconds"))  # fmt: skip
        uow.move(nid, S.APPOINTED, "reserve.appoint",
                 {"position": position, "order": order, "day": day.isoformat(), "clause": "p14"})  # fmt: skip
        uow.commit()


# -- p.16 training, p.17 acting duties ---------------------------------------------------------
def record_training(s: Session, nid: int, *, course: str, day_from: dt.date, day_to: dt.date,
                    hours: int | None = None, certificate: str = "") -> None:  # fmt: skip
    """Retraining or advanced training at the Law Enforcement Academy (p.16)."""
    s.require(Permission.EDIT)
    _at_body(s)
    course = _text(course, "life.course_required")
    certificate = certificate.strip()
    if len(certificate) > MAX_REF or any(ord(ch) < 32 for ch in certificate):
        raise InvalidInput("life.number_required", limit=MAX_REF)
    if day_to < day_from:
        raise InvalidInput("life.dates_reversed", start=fmt_date(day_from), end=fmt_date(day_to))
    if hours is not None and not 1 <= hours <= 2000:
        raise InvalidInput("life.bad_hours", hours=hours)
    _not_future(s, day_from)
    with s.db.unit_of_work(s.user) as uow:
        m = _active(uow.conn, s, nid)
        if day_from < m.enrolled_on:
            raise InvalidInput("life.before_enrolment", date=fmt_date(day_from))
        t = life.Training(course=course, day_from=day_from, day_to=day_to, hours=hours,
                          certificate=certificate)  # fmt: skip
        tid = life.add_training(uow.conn, nid, t, uow.now.isoformat(timespec="seconds"))
        uow.audit("reserve.training", f"nominee:{nid}", {"training": tid, "clause": "p16"})
        uow.commit()


def record_acting(s: Session, nid: int, *, order: str, day_from: dt.date,
                  day_to: dt.date | None = None) -> None:  # fmt: skip
    """Temporary performance of the reserved position's duties (p.17); not for an employee
    seconded to another body (p.17 part 2)."""
    s.require(Permission.EDIT)
    _at_body(s)
    order = _text(order, "life.number_required", MAX_REF)
    if day_to is not None and day_to < day_from:
        raise InvalidInput("life.dates_reversed", start=fmt_date(day_from), end=fmt_date(day_to))
    with s.db.unit_of_work(s.user) as uow:
        m = _active(uow.conn, s, nid)
        if day_from < m.enrolled_on:
            raise InvalidInput("life.before_enrolment", date=fmt_date(day_from))
        d = uow.nominees.get(nid, with_photo=False).dossier
        if d.secondment.kind is not SecondmentKind.NONE:
            raise InvalidInput("life.p17_seconded", id=nid)
        a = life.Acting(order_ref=order, day_from=day_from, day_to=day_to)
        aid = life.add_acting(uow.conn, nid, a, uow.now.isoformat(timespec="seconds"))
        uow.audit("reserve.acting", f"nominee:{nid}", {"acting": aid, "clause": "p17"})
        uow.commit()


# -- p.16 the training plan per quarter -----------------------------------------------------------
PLAN_STATES = ("planned", "done", "missed")


class PlanLine(msgspec.Struct, frozen=True, kw_only=True):
    """A member planned for a course in a quarter and whether it was done: *done* once a course of
    p.16 is recorded for the member starting within the quarter, *missed* once the quarter is over
    without one, *planned* until then."""

    id: int
    nominee_id: int
    name: str
    body: str
    quarter: str
    course: str
    state: str
    done_from: dt.date | None = None


def _quarter_end(quarter: str) -> dt.date:
    y, n = int(quarter[:4]), int(quarter[5])
    return dt.date(y, 12, 31) if n == 4 else dt.date(y, 3 * n + 1, 1) - dt.timedelta(days=1)


def plan_training(s: Session, nid: int, *, quarter: str, course: str) -> int:
    """Plan a member in the reserve for a course at the Law Enforcement Academy in ``quarter``
    (p.16): not a past quarter, nor one that begins after the member's last day in the reserve.
    Returns the plan row's id."""
    s.require(Permission.EDIT)
    _at_body(s)
    quarter = check_quarter(quarter)
    course = _text(course, "life.course_required")
    today = s.clock.today()
    if _quarter_end(quarter) < today:
        raise InvalidInput("life.plan_past_quarter", quarter=quarter)
    with s.db.unit_of_work(s.user) as uow:
        m = _active(uow.conn, s, nid)
        end = last_day(m.term_ends, RULESET.params)
        if _quarter_start(quarter) > end:
            raise InvalidInput("life.plan_after_term", id=nid, quarter=quarter, date=fmt_date(end))
        pid = life.add_plan(uow.conn, nid, quarter, course, uow.now.isoformat(timespec="seconds"))
        if pid is None:
            raise InvalidInput("life.plan_exists", id=nid, quarter=quarter)
        uow.audit("reserve.plan", f"nominee:{nid}",
                  {"plan": pid, "quarter": quarter, "clause": "p16"})  # fmt: skip
        uow.commit()
    return pid


def unplan_training(s: Session, plan_id: int) -> None:
    """Take a row off the training plan (entered by mistake, or the course was cancelled)."""
    s.require(Permission.EDIT)
    _at_body(s)
    with s.db.unit_of_work(s.user) as uow:
        row = life.plan_row(uow.conn, plan_id)
        if row is None or (s.body and Nominees(uow.conn).get(row[0], with_photo=False).dossier.body
                           .value != s.body):  # fmt: skip
            raise NotFound("life.plan_not_found", id=plan_id)
        life.remove_plan(uow.conn, plan_id)
        uow.audit("reserve.unplan", f"nominee:{row[0]}",
                  {"plan": plan_id, "quarter": row[1], "clause": "p16"})  # fmt: skip
        uow.commit()


def training_plan(s: Session, quarter: str) -> list[PlanLine]:
    """The quarter's training plan of this workstation's body, each row done, planned or missed."""
    s.require(Permission.READ)
    quarter = check_quarter(quarter)
    start, end = _quarter_start(quarter), _quarter_end(quarter)
    today = s.clock.today()
    out = []
    for r in life.plan(s.db.connection(), quarter, start, end, body=s.body or ""):
        state = "done" if r.done_from else ("missed" if end < today else "planned")
        out.append(PlanLine(id=r.id, nominee_id=r.nominee_id, name=r.name, body=r.body, quarter=r.quarter,
                            course=r.course, state=state, done_from=r.done_from))  # fmt: skip
    return out


def trained(s: Session) -> set[int]:
    """Nominee ids with a course of p.16 recorded: a member in the reserve without one is flagged
    on the register (members take retraining and advanced training at the Academy, p.16)."""
    s.require(Permission.READ)
    return life.trained_ids(s.db.connection())


# -- p.14 term expiry ------------------------------------------------------------------------
def expiring(s: Session, within_days: int) -> list[tuple[q.Member, dt.date]]:
    """Members in the reserve today whose last day in it falls within ``within_days`` days:
    (member, last day), soonest first."""
    s.require(Permission.READ)
    if not 0 <= within_days <= 3660:
        raise InvalidInput("life.bad_days", days=within_days)
    today = s.clock.today()
    horizon = today + dt.timedelta(days=within_days)
    conn = s.db.connection()
    out = []
    for m in repo.members(conn, body=s.body or ""):
        end = last_day(m.term_ends, RULESET.params)
        if in_reserve_on(m, today) and end <= horizon:
            out.append((m, end))
    return sorted(out, key=lambda x: (x[1], x[0].nominee_id))


# -- re-nomination (p.14, p.12(2), p.20) -------------------------------------------------------
def _p20(s: Session, conn: Connection, nid: int, ms: ReserveMembership | None) -> None:
    d = Nominees(conn).get(nid, with_photo=False).dossier
    for f in s.evaluator().evaluate(d, at=s.clock.today(), membership=ms):
        if f.key == "r2025.p20.too_early" and f.severity is Severity.BLOCKER:
            raise InvalidInput("life.p20_too_early", id=nid, earliest=f.params["earliest"])
        if f.key == "r2025.p20.not_removed":
            raise InvalidInput("life.p20_not_removed", id=nid)


def renominate(s: Session, nid: int, quarter: str) -> int:
    """A new nomination of the same person for ``quarter``: the last dossier copied forward (a new
    version, to edit), the earlier nomination kept in the history. Allowed after the term expired
    without appointment (p.14), after a refusal (p.12(2)) and after exclusion once p.20 allows it.
    Returns the new dossier version."""
    s.require(Permission.EDIT)
    quarter = check_quarter(quarter)
    with s.db.unit_of_work(s.user) as uow:
        rec = uow.nominees.get(nid, with_photo=True)
        old_q = rec.dossier.nomination.quarter
        if quarter <= old_q:
            raise InvalidInput("life.quarter_not_later", id=nid, quarter=quarter, previous=old_q)
        close_cycle(uow, s, nid, status=rec.status, quarter=quarter, previous=old_q, version=rec.version)
        d = rec.dossier
        # a new nomination: its own quarter, and the first head's submission is yet to be dated
        nom = msgspec.structs.replace(d.nomination, quarter=quarter, submission_date=None)
        d = msgspec.structs.replace(d, nomination=nom)
        thumb = photo_mod.thumbnail(d.photo) if d.photo else None
        version = uow.nominees.update(nid, d, now=uow.now, expected_version=rec.version, thumb=thumb)
        uow.commit()
    return version


def close_cycle(uow: UnitOfWork, s: Session, nid: int, *, status: str, quarter: str, previous: str,
                version: int) -> None:  # fmt: skip
    """Close the person's current nomination into ``nominations`` and move them to *renominated*
    (an enrolled member past the term is moved to *term_expired* first). Refused while still in the
    reserve, while p.20 blocks, or from a state the transition table does not allow."""
    today = s.clock.today()
    st = S(status)
    m = current_member(uow.conn, nid)
    if st is S.ENROLLED and m is not None:
        if in_reserve_on(m, today):
            raise InvalidInput("life.still_member", id=nid,
                               until=fmt_date(last_day(m.term_ends, RULESET.params)))  # fmt: skip
        uow.move(nid, S.TERM_EXPIRED, "reserve.term_expired",
                 {"term_ends": m.term_ends.isoformat(), "clause": "p14"})  # fmt: skip
        st = S.TERM_EXPIRED
    if st is S.EXCLUDED:
        _p20(s, uow.conn, nid, membership(uow.conn, nid))
    dec = repo.decision(uow.conn, nid)
    left = None if m is None else m.excluded_on
    if st is S.TERM_EXPIRED and m is not None:
        left = last_day(m.term_ends, RULESET.params) + dt.timedelta(days=1)
    closed = life.Nomination(
        quarter=previous, outcome=st.value, decision=dec.decision if dec else "",
        decision_number=dec.number if dec else "", decision_day=dec.day if dec else None,
        enrolled_on=m.enrolled_on if m else None, term_ends=m.term_ends if m else None,
        left_on=left, ground=(m.ground or "") if m else "", version=version,
        closed=uow.now.isoformat(timespec="seconds"),
    )  # fmt: skip
    uow.move(nid, S.RENOMINATED, "nominee.renominate",
             {"quarter": quarter, "previous": previous, "clause": "p14"})  # fmt: skip
    life.close_nomination(uow.conn, nid, closed)


# -- the person's timeline ---------------------------------------------------------------------
class Event(msgspec.Struct, frozen=True, kw_only=True):
    """One line of a person's timeline: what happened, when, under which clause, with its
    particulars (numbers, positions, quarters) as plain strings."""

    day: dt.date | None
    kind: str  # nomination, decision_enrol, decision_refuse, enrolled, override, training, acting,
    # appointed, term_expired, excluded, exclusion_ground
    clause: str  # a workflow.clause.* code
    detail: dict[str, str] = msgspec.field(default_factory=dict)


def _quarter_start(quarter: str) -> dt.date:
    return dt.date(int(quarter[:4]), 3 * int(quarter[5]) - 2, 1)


def _cycle(quarter: str, dec_kind: str, dec_no: str, dec_day: dt.date | None,
           m_on: dt.date | None, m_end: dt.date | None) -> list[Event]:  # fmt: skip
    out = [Event(day=_quarter_start(quarter) if quarter else None, kind="nomination", clause="p10",
                 detail={"quarter": quarter})]  # fmt: skip
    if dec_kind:
        out.append(Event(day=dec_day, kind=f"decision_{dec_kind}",
                         clause="p12_1" if dec_kind == "enrol" else "p12_2",
                         detail={"number": dec_no}))  # fmt: skip
    if m_on is not None:
        out.append(Event(day=m_on, kind="enrolled", clause="p14",
                         detail={"term_ends": m_end.isoformat() if m_end else ""}))  # fmt: skip
    return out


def _left(ground: str, day: dt.date | None, ref: str = "") -> Event:
    if ground == "appointed":
        return Event(day=day, kind="appointed", clause="p14", detail={"order": ref})
    return Event(day=day, kind="excluded", clause=ground or "p18", detail={"reference": ref})


def history(s: Session, nid: int) -> list[Event]:
    """Every nomination of the person, decision, membership, override, training, acting duty,
    appointment, exclusion ground and exclusion, oldest first."""
    s.require(Permission.READ)
    conn = s.db.connection()
    rec = Nominees(conn).get(nid, with_photo=False)
    out: list[Event] = []
    for n in life.nominations(conn, nid):
        out += _cycle(n.quarter, n.decision, n.decision_number, n.decision_day, n.enrolled_on,
                      n.term_ends)  # fmt: skip
        if n.outcome == S.TERM_EXPIRED:
            out.append(Event(day=n.left_on, kind="term_expired", clause="p14"))
        elif n.outcome in (S.EXCLUDED, S.APPOINTED) and n.ground:
            out.append(_left(n.ground, n.left_on))
    dec = repo.decision(conn, nid)
    m = current_member(conn, nid)
    out += _cycle(rec.dossier.nomination.quarter, dec.decision if dec else "",
                  dec.number if dec else "", dec.day if dec else None,
                  m.enrolled_on if m else None, m.term_ends if m else None)  # fmt: skip
    o = life.override(conn, nid)
    if o is not None:
        out.append(Event(day=o.day, kind="override", clause="p14",
                         detail={"by": o.authority, "number": o.number}))  # fmt: skip
    for t in life.training(conn, nid):
        out.append(Event(day=t.day_from, kind="training", clause="p16",
                         detail={"course": t.course, "to": t.day_to.isoformat(),
                                 "hours": "" if t.hours is None else str(t.hours),
                                 "certificate": t.certificate}))  # fmt: skip
    for a in life.acting(conn, nid):
        out.append(Event(day=a.day_from, kind="acting", clause="p17",
                         detail={"order": a.order_ref,
                                 "to": a.day_to.isoformat() if a.day_to else ""}))  # fmt: skip
    for x in repo.exclusions(conn, nid=nid):
        out.append(Event(day=x.fact_date, kind="exclusion_ground", clause=x.ground,
                         detail={"evidence": x.evidence, "state": x.state}))  # fmt: skip
    appointed = life.appointment(conn, nid)
    if appointed is not None:
        out.append(Event(day=appointed.day, kind="appointed", clause="p14",
                         detail={"order": appointed.order_ref, "position": appointed.position}))  # fmt: skip
    elif m is not None and m.excluded_on is not None:
        out.append(_left(m.ground or "", m.excluded_on))
    return sorted(out, key=lambda e: e.day or dt.date.min)


class EventText(msgspec.Struct, frozen=True, kw_only=True):
    """One timeline line in words: the date (DD.MM.YYYY), what happened, its particulars and the
    clause as the act is cited."""

    day: str
    what: str
    detail: str
    clause: str


def _detail_value(key: str, value: str, lang: str) -> str:
    if key in ("term_ends", "to"):
        return fmt_date(dt.date.fromisoformat(value))
    if key == "by":
        return tr("rules.authority." + ("head_of_pa" if value == "head_pa" else value), lang)
    if key == "state":
        return tr("exclusion.state." + value, lang)
    return value


def describe(e: Event, lang: str) -> EventText:
    """``e`` in words in ``lang`` (the CLI's table and the GUI's timeline print the same)."""
    clause = e.clause
    cited = tr(f"exclusion.ground.{clause}" if clause.startswith("p18_") else f"workflow.clause.{clause}",
               lang)  # fmt: skip
    detail = "; ".join(f"{tr('life.detail.' + k, lang)}: {_detail_value(k, v, lang)}"
                       for k, v in e.detail.items() if v)  # fmt: skip
    return EventText(day=fmt_date(e.day) if e.day else "", what=tr("life.event." + e.kind, lang),
                     detail=detail, clause=cited)  # fmt: skip


def send_appointments(s: Session, *, peer_id: str, out: Path) -> tb.ExportResult:
    """Report the body's appointments from the reserve to the Department (bundle kind
    ``appointment_report``); the State Guard Service keeps its own register (p.5)."""
    s.require(Permission.EDIT)
    if s.body is None:
        raise UsageError("life.body_only")
    if s.body == "sgs":
        raise UsageError("exclusion.sgs_own_path")
    ids = tuple(nid for nid, _, _ in life.unsent_appointments(s.db.connection(), body=s.body))
    if not ids:
        raise InvalidInput("life.nothing_to_report")
    return tb.export_bundle(s, kind="appointment_report", peer_id=peer_id, out=out, nominee_ids=ids)
