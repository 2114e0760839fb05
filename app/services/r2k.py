"""Reg-2000 (Decree No. 330 of 2000) as a working reserve: the authorised body receives a
citizen's documents from one of the four sources (p.5), enrols or refuses (p.8, p.20, p.24, p.31,
p.32-3), answers state bodies' list requests (p.33-p.34), learns of placements (p.36-p.37) and
excludes on the grounds of p.39; a state body asks for lists and places reservists.

Every decision is checked by the Reg-2000 rules (``app.rules.reg_2000_checks``) at its date: a
blocker refuses it with the clause in words and nothing changes. Every state change goes through
``app.store.r2k.move`` in a unit of work with its audit row."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import msgspec

from app.calendar import WorkCalendar
from app.domain.r2k_workflow import R2kStatus
from app.domain.reg2000 import CategoryTransfer, Decision, Placement, RefusalGround, Reservist, Source
from app.errors import InvalidInput, UsageError
from app.i18n import fmt_date, tr
from app.rules import rulesets
from app.rules.base import Finding, Severity
from app.rules.citation import cite
from app.rules.reg_2000_params import DECISION_TERM
from app.rules.terms import term_end
from app.security.roles import Permission, WorkstationRole
from app.services import transfer_bundles as tb
from app.services.quarter_deadlines import Item
from app.services.workstation import Session
from app.store import r2k as repo
from app.transfer.kinds import Kind

AUTHORITY, BODY = WorkstationRole.REG2000_AUTHORITY, WorkstationRole.REG2000_BODY
# p.19, p.32-2: the sources whose documents a state body submits (its competition or attestation
# commission recommended the citizen); the others apply to the authorised body themselves
SUBMITTED_BY_BODY = (Source.COMPETITION, Source.ATTESTATION)
DECISION_SENT = "r2k_decision"
ACTIVE = (R2kStatus.SUBMITTED, R2kStatus.ENROLLED, R2kStatus.PLACED)
MAX_TEXT = 4000


class Refused(InvalidInput):
    """A decision the Regulation does not allow: its clause in words and the reason."""

    def __init__(self, f: Finding) -> None:
        super().__init__("r2k.refused", clause=f.clause, finding=f)

    def message(self, lang: str) -> str:
        f = self.params["finding"]
        assert isinstance(f, Finding)
        return tr(self.key, lang, clause=cite(f.clause, lang), reason=f.message(lang))


class NotEnrolled(InvalidInput):
    """Only a reservist in the reserve (enrolled) may be transferred (p.12-1)."""

    def __init__(self, rid: int, state: str) -> None:
        super().__init__("r2k.transfer_not_enrolled", id=rid, state=state)

    def message(self, lang: str) -> str:
        return tr(self.key, lang, id=self.params["id"], state=tr(f"r2k.status.{self.params['state']}", lang))


def _side(s: Session, role: WorkstationRole) -> None:
    if s.workstation_role != role:
        raise UsageError("r2k.authority_only" if role is AUTHORITY else "r2k.body_only")


def evaluator(s: Session) -> rulesets.Evaluator:
    """Reg-2000 with this workstation's working calendar and its overrides."""
    return rulesets.Evaluator("reg-2000", s.evaluator().calendar or WorkCalendar())


def check(s: Session, r: Reservist, at: dt.date) -> list[Finding]:
    ev = evaluator(s)
    return list(ev.rules.evaluate(r, at=at, calendar=ev.calendar))


def term_ends(s: Session, r: Reservist) -> dt.date | None:
    """p.10 with p.4: the last day in the reserve (the anniversary, past a day off)."""
    if r.decision is not Decision.ENROL or r.decision_date is None:
        return None
    ev = evaluator(s)
    return term_end(r.decision_date, ev.rules.params.term, ev.calendar or WorkCalendar())


def _refuse_on(found: list[Finding], prefixes: tuple[str, ...]) -> list[Finding]:
    """Raise for the first blocker whose field starts with one of ``prefixes``; else warnings."""
    for f in found:
        if f.clause.startswith("Reg-2000 p.39("):
            continue  # a ground of exclusion is not a condition of the decision
        if f.severity is Severity.BLOCKER and (not prefixes or f.field.startswith(prefixes)):
            raise Refused(f)
    return [f for f in found if f.severity is not Severity.BLOCKER]


def _text(value: str, key: str) -> str:
    value = value.strip()
    if not value or len(value) > MAX_TEXT or any(ord(c) < 32 and c not in "\t" for c in value):
        raise InvalidInput(key)
    return value


# -- the authorised body: documents, decisions --------------------------------------------------


def submit(s: Session, r: Reservist) -> int:
    """The documents of a citizen from one source (p.19, p.22, p.29, p.32-2) are received: the
    record waits for the authority's decision. What is missing is found when it decides.

    At a state body: the documents of a participant its competition commission recommended
    (p.19) or of a civil servant its attestation commission recommended (p.32-2), recorded to be
    sent to the authorised body (``send_submissions``); the authority's receipt dates them."""
    s.require(Permission.EDIT)
    if s.workstation_role == BODY:
        if r.source not in SUBMITTED_BY_BODY:
            raise UsageError("r2k.body_sources")
        # the send dates the documents (p.19, p.32-2: the bundle's day), the import their receipt
        comp = r.competition and msgspec.structs.replace(r.competition, sent_to_authority=None)
        r = msgspec.structs.replace(r, documents_received=None, attestation_sent=None, competition=comp)
    else:
        _side(s, AUTHORITY)
    if r.decision is not None or r.placement is not None or r.excluded_on is not None:
        raise InvalidInput("r2k.submit_undecided")
    if r.documents_received is None and s.workstation_role == AUTHORITY:
        raise InvalidInput("r2k.received_required")
    if not (len(r.iin) == 12 and r.iin.isdigit()):
        raise InvalidInput("r2k.bad_iin", iin=r.iin[:20])
    _text(r.full_name, "r2k.name_required")
    _text(r.category, "r2k.category_required")
    with s.db.unit_of_work(s.user) as uow:
        old = repo.by_iin(uow.conn, r.iin)
        if old is not None and old.status in ACTIVE:
            raise InvalidInput("r2k.already", iin=r.iin, id=old.id, state=old.status)
        rid = repo.add(uow.conn, r, status=R2kStatus.SUBMITTED, term_ends=None, now=uow.now)
        received = r.documents_received.isoformat() if r.documents_received else ""
        uow.audit("r2k.submit", f"r2k:{rid}", {"source": int(r.source), "category": r.category,
                                               "received": received})  # fmt: skip
        uow.commit()
    return rid


def submission_findings(s: Session, rid: int) -> list[Finding]:
    """At the body, before sending: the conditions of the source its record does not meet (the
    commission's vote and quorum, p.15-p.18; the documents, p.19, p.32-2; consent, p.7; the
    ten days of p.19 or p.32-2), as the authority will find them."""
    s.require(Permission.READ)
    r = repo.get(s.db.connection(), rid).reservist
    fields = ("competition", "documents", "consent", "attestation", "source", "qualification")
    return [f for f in check(s, r, s.clock.today()) if f.field.startswith(fields)]


def enrol(s: Session, rid: int, day: dt.date) -> tuple[dt.date, list[Finding]]:
    """The authority's decision to enrol (p.8): refused when any Reg-2000 condition of the
    source is unmet on that day (documents, windows, the commission's vote, consent...). Returns
    the last day of the term (p.10 with p.4) and the warnings (a late decision, p.20...)."""
    s.require(Permission.EDIT)
    _side(s, AUTHORITY)
    with s.db.unit_of_work(s.user) as uow:
        rec = repo.get(uow.conn, rid)
        r = rec.reservist
        if r.documents_received is not None and day < r.documents_received:
            raise InvalidInput("r2k.decision_before_documents", received=fmt_date(r.documents_received))
        new = msgspec.structs.replace(r, decision=Decision.ENROL, decision_date=day,
                                      refusal_ground=None)  # fmt: skip
        warnings = _refuse_on(check(s, new, day), ())
        end = term_ends(s, new)
        assert end is not None
        repo.update(uow.conn, rid, new, term_ends=end, now=uow.now)
        repo.move(uow, rid, R2kStatus.ENROLLED, "r2k.enrol",
                  {"day": day.isoformat(), "term_ends": end.isoformat(), "clause": "p8"})  # fmt: skip
        uow.commit()
    return end, warnings


def refuse(s: Session, rid: int, day: dt.date, ground: RefusalGround) -> list[Finding]:
    """A refusal is recorded only on a ground its source's point names and the record bears out
    (p.20 part 2 "only", p.25, p.32, p.32-3); otherwise it is refused as unlawful."""
    s.require(Permission.EDIT)
    _side(s, AUTHORITY)
    with s.db.unit_of_work(s.user) as uow:
        rec = repo.get(uow.conn, rid)
        r = rec.reservist
        if r.documents_received is not None and day < r.documents_received:
            raise InvalidInput("r2k.decision_before_documents", received=fmt_date(r.documents_received))
        new = msgspec.structs.replace(r, decision=Decision.REFUSE, decision_date=day,
                                      refusal_ground=ground)  # fmt: skip
        found = check(s, new, day)
        _refuse_on(found, ("refusal_ground",))
        repo.update(uow.conn, rid, new, term_ends=None, now=uow.now)
        repo.move(uow, rid, R2kStatus.REFUSED, "r2k.refuse",
                  {"day": day.isoformat(), "ground": ground.value})  # fmt: skip
        uow.commit()
    return [f for f in found if f.field.startswith("decision")]


def transfer(s: Session, rid: int, *, requested: dt.date, day: dt.date, to_category: str,
             to_group: str, to_rank: int, qualification_met: bool) -> None:  # fmt: skip
    """p.12-1 (Decree No. 605 of 11.05.2001): on the reservist's application the authority
    transfers them to the reserve of a lower category within the same group, if they meet its
    qualification requirements. Refused when the group differs, the category is not lower, the
    reservist is not qualified, the application came after the term (p.10 with p.4) or before
    the amendment. The reservist stays enrolled for the same term (p.10 runs from the decision)."""
    s.require(Permission.EDIT)
    _side(s, AUTHORITY)
    to_category = _text(to_category, "r2k.category_required")
    if day < requested:
        raise InvalidInput("r2k.transfer_before_application", requested=fmt_date(requested))
    with s.db.unit_of_work(s.user) as uow:
        rec = repo.get(uow.conn, rid)
        r = rec.reservist
        if rec.status != R2kStatus.ENROLLED:
            raise NotEnrolled(rid, rec.status)
        t = CategoryTransfer(requested=requested, to_category=to_category, to_group=to_group.strip(),
                             to_rank=to_rank, qualification_met=qualification_met)  # fmt: skip
        _refuse_on(check(s, msgspec.structs.replace(r, transfer=t), day), ("transfer",))
        # the reservist is now reserved for the lower category; the transfer is in the audit row
        new = msgspec.structs.replace(r, category=to_category, category_rank=to_rank, transfer=None)
        repo.update(uow.conn, rid, new, term_ends=rec.term_ends, now=uow.now)
        repo.move(uow, rid, R2kStatus.ENROLLED, "r2k.transfer",
                  {"requested": requested.isoformat(), "day": day.isoformat(),
                   "from_category": r.category, "from_rank": r.category_rank,
                   "to_category": to_category, "to_rank": to_rank, "clause": "p12_1"})  # fmt: skip
        uow.commit()


# -- list requests and answers (p.33-p.34) -------------------------------------------------------


def request_list(s: Session, *, body_name: str, category: str, group: str, rank: int,
                 vacancy: str, competition: dt.date | None) -> int:  # fmt: skip
    """A state body asks for the list of reservists of a category before it announces its
    competition (p.33): a request made on or after the announcement is refused."""
    s.require(Permission.EDIT)
    _side(s, BODY)
    today = s.clock.today()
    if competition is not None and competition <= today:
        raise Refused(Finding(severity=Severity.BLOCKER, clause="Reg-2000 p.33", field="competition",
                              key="r2k.p33.after", params={"announced": fmt_date(competition)}))  # fmt: skip
    with s.db.unit_of_work(s.user) as uow:
        qid = repo.add_request(uow.conn, peer="", ref=None, body_name=_text(body_name, "r2k.body_required"),
                               category=_text(category, "r2k.category_required"), category_group=group,
                               category_rank=rank, vacancy=vacancy.strip()[:MAX_TEXT], made=today,
                               competition=competition, received=None)  # fmt: skip
        uow.audit("r2k.request", f"r2k_request:{qid}", {"category": category, "clause": "p33"})
        uow.commit()
    return qid


def answer_due(s: Session, received: dt.date) -> dt.date:
    """p.34 with p.4: two weeks from receipt, past a day off."""
    ev = evaluator(s)
    return term_end(received, ev.rules.params.list_answer, ev.calendar or WorkCalendar())


def candidates(s: Session, q: repo.Request, day: dt.date) -> list[repo.Rec]:
    """p.34: reservists in their term of the category asked for or a higher one of its group
    (p.3: they may take a post of the same or a lower category within the group)."""
    out = []
    for rec in repo.rows(s.db.connection(), status=R2kStatus.ENROLLED):
        r = rec.reservist
        same = r.category == q.category
        in_group = bool(q.category_group) and r.category_group == q.category_group \
            and r.category_rank <= q.category_rank
        if (same or in_group) and rec.term_ends is not None and day <= rec.term_ends:
            out.append(rec)
    return out


def answer(s: Session, qid: int, day: dt.date) -> tuple[list[repo.Rec], dt.date]:
    """The authority's answer with the list (p.34); one after two weeks is still recorded, and
    shown late. Returns the reservists named and the day it was due."""
    s.require(Permission.EDIT)
    _side(s, AUTHORITY)
    with s.db.unit_of_work(s.user) as uow:
        q = repo.request(uow.conn, qid)
        if q.received is None:
            raise InvalidInput("r2k.request_not_received", id=qid)
        if q.answered is not None:
            raise InvalidInput("r2k.request_answered", id=qid, day=fmt_date(q.answered))
        if day < q.received:
            raise InvalidInput("r2k.answer_before_request", received=fmt_date(q.received))
        found = candidates(s, q, day)
        due = answer_due(s, q.received)
        repo.answer_request(uow.conn, qid, day, [r.reservist.iin for r in found])
        uow.audit("r2k.answer", f"r2k_request:{qid}", {"day": day.isoformat(), "due": due.isoformat(),
                                                        "late": day > due, "count": len(found),
                                                        "clause": "p34"})  # fmt: skip
        uow.commit()
    return found, due


# -- placement (p.35-p.37) ----------------------------------------------------------------------


def place(s: Session, rid: int, *, qid: int, post: str, decided: dt.date, consent: bool | None,
          qualification_met: bool | None, own_considered: bool, interviewed: dt.date | None = None,
          interview_passed: bool | None = None) -> list[Finding]:  # fmt: skip
    """The state body places a reservist its answer named (p.36): checked against p.3 and p.12
    (within the term, the same or a lower category of the group, consent, qualification), p.35
    (the interview, if held, before the decision; an unsatisfactory one is a warning, p.36 part
    2) and p.36 (its own commission's candidates first)."""
    s.require(Permission.EDIT)
    _side(s, BODY)
    with s.db.unit_of_work(s.user) as uow:
        rec = repo.get(uow.conn, rid)
        q = repo.request(uow.conn, qid)
        r = rec.reservist
        if q.peer != "" or r.iin not in q.answer:
            raise InvalidInput("r2k.not_in_answer", id=rid, request=qid)
        if q.answered is not None and decided < q.answered:
            raise InvalidInput("r2k.placement_before_answer", answered=fmt_date(q.answered))
        own = [i for i in q.answer if _own(uow, i, q.body_name)]
        first = True if not own or r.iin in own else own_considered
        pl = Placement(decided=decided, post=_text(post, "r2k.post_required"),
                       category_group=q.category_group, category_rank=q.category_rank or None,
                       consent=consent, qualification_met=qualification_met,
                       own_candidates_first=first, interviewed=interviewed,
                       interview_passed=interview_passed if interviewed else None)  # fmt: skip
        new = msgspec.structs.replace(r, placement=pl)
        found = check(s, new, decided)
        warnings = _refuse_on(found, ("placement", "decision_date"))
        repo.update(uow.conn, rid, new, term_ends=rec.term_ends, now=uow.now)
        repo.move(uow, rid, R2kStatus.PLACED, "r2k.place",
                  {"day": decided.isoformat(), "request": qid, "clause": "p36"})  # fmt: skip
        uow.commit()
    return [f for f in warnings if f.field.startswith("placement")]


def _own(uow: object, iin: str, body_name: str) -> bool:
    conn = uow.conn  # type: ignore[attr-defined]
    rec = repo.by_iin(conn, iin)
    k = rec.reservist.competition if rec else None
    return bool(k and body_name and k.body == body_name)


def notified(s: Session, rid: int, *, reservist: dt.date | None, file_sent: dt.date | None) -> None:
    """p.37: the authority notified the reservist the body chose and sent the personal file."""
    s.require(Permission.EDIT)
    _side(s, AUTHORITY)
    with s.db.unit_of_work(s.user) as uow:
        rec = repo.get(uow.conn, rid)
        pl = rec.reservist.placement
        if pl is None:
            raise InvalidInput("r2k.not_placed", id=rid)
        for d in (reservist, file_sent):
            if d is not None and d < pl.decided:
                raise InvalidInput("r2k.before_placement", decided=fmt_date(pl.decided))
        pl = msgspec.structs.replace(pl, reservist_notified=reservist or pl.reservist_notified,
                                     file_sent=file_sent or pl.file_sent)  # fmt: skip
        repo.update(uow.conn, rid, msgspec.structs.replace(rec.reservist, placement=pl),
                    term_ends=rec.term_ends, now=uow.now)  # fmt: skip
        uow.audit("r2k.notified", f"r2k:{rid}",
                  {"reservist": str(reservist or ""), "file_sent": str(file_sent or ""), "clause": "p37"})
        uow.commit()


# -- exclusion (p.39) ---------------------------------------------------------------------------

_FACT = {2: "exclusion_application", 3: "barring_ground", 5: "breach"}


def exclude(s: Session, rid: int, *, ground: int, day: dt.date, fact_date: dt.date | None = None,
            evidence: str = "") -> None:  # fmt: skip
    """Exclusion on a ground of p.39 that has arisen by ``day``: (1) placed; (2) the reservist's
    application; (3) a ground barring civil service; (4) the term of p.10 ended — from the day
    after its last day (p.4); (5) a breach of the order of enrolment. (2), (3), (5) need the
    date of their fact and the evidence."""
    s.require(Permission.EDIT)
    _side(s, AUTHORITY)
    if ground not in range(1, 6):
        raise InvalidInput("r2k.bad_ground", ground=ground)
    if ground in _FACT:
        if fact_date is None:
            raise InvalidInput("r2k.fact_date_required", ground=ground)
        evidence = _text(evidence, "r2k.evidence_required")
    elif evidence:
        evidence = _text(evidence, "r2k.evidence_required")
    with s.db.unit_of_work(s.user) as uow:
        rec = repo.get(uow.conn, rid)
        r = rec.reservist
        if rec.status not in (R2kStatus.ENROLLED, R2kStatus.PLACED):
            repo.move(uow, rid, R2kStatus.EXCLUDED, "r2k.exclude")  # refused by the table
        if ground in _FACT:
            assert fact_date is not None
            if fact_date > day:
                raise InvalidInput("r2k.fact_after_exclusion", fact=fmt_date(fact_date))
            r = msgspec.structs.replace(r, **{_FACT[ground]: fact_date})
        point = f"Reg-2000 p.39({ground})"
        arisen = [f for f in check(s, r, day) if f.clause == point]
        if not arisen:
            end = rec.term_ends
            raise Refused(Finding(severity=Severity.BLOCKER, clause=point, field="",
                                  key=f"r2k.p39_{ground}.not_arisen",
                                  params={"date": fmt_date(end + dt.timedelta(days=1)) if end else "",
                                          "end": fmt_date(end)}))  # fmt: skip
        fact = fact_date or (r.placement.decided if ground == 1 and r.placement else None) \
            or (rec.term_ends if ground == 4 else None) or day
        repo.put_exclusion(uow.conn, repo.Exclusion(reservist_id=rid, ground=ground, fact_date=fact,
                                                    day=day, evidence=evidence), uow.now)  # fmt: skip
        repo.update(uow.conn, rid, msgspec.structs.replace(r, excluded_on=day), term_ends=rec.term_ends,
                    now=uow.now)  # fmt: skip
        repo.move(uow, rid, R2kStatus.EXCLUDED, "r2k.exclude",
                  {"ground": ground, "day": day.isoformat(), "fact": fact.isoformat(),
                   "clause": f"p39_{ground}"})  # fmt: skip
        uow.commit()


# -- reading ------------------------------------------------------------------------------------


class View(msgspec.Struct, kw_only=True):
    id: int
    iin: str
    name: str
    category: str
    source: int
    status: str
    decision_date: dt.date | None
    term_ends: dt.date | None
    origin: str
    exclusion: repo.Exclusion | None
    reservist: Reservist


def _view(s: Session, rec: repo.Rec) -> View:
    r = rec.reservist
    return View(id=rec.id, iin=r.iin, name=r.full_name, category=r.category, source=int(r.source),
                status=rec.status, decision_date=r.decision_date, term_ends=rec.term_ends,
                origin=rec.origin, exclusion=repo.exclusion(s.db.connection(), rec.id),
                reservist=r)  # fmt: skip


def reservists(s: Session, *, status: str = "", category: str = "") -> list[View]:
    s.require(Permission.READ)
    if status and status not in R2kStatus.__members__.values():
        raise InvalidInput("r2k.bad_status", status=status[:40])
    return [_view(s, r) for r in repo.rows(s.db.connection(), status=status, category=category)]


def show(s: Session, rid: int, at: dt.date | None = None) -> tuple[View, list[Finding]]:
    """One reservist with the Reg-2000 findings at ``at`` (today by default)."""
    s.require(Permission.READ)
    rec = repo.get(s.db.connection(), rid)
    return _view(s, rec), check(s, rec.reservist, at or s.clock.today())


def list_requests(s: Session) -> list[repo.Request]:
    s.require(Permission.READ)
    return repo.requests(s.db.connection())


# -- deadlines (the Deadlines screen and ``rezerv deadlines`` on a Reg-2000 workstation) --------


def deadlines(s: Session) -> list[Item]:
    """The dated steps of Reg-2000 from the records, counted as p.4 says (civil law: a term ends
    at the end of its last day, carried past a day off): at the authority the answer to each
    list request received, due two weeks from receipt (p.34), and the last day in the reserve of
    each enrolled reservist (p.10), exclusion due from the next day (p.39(4)); at a state body
    the last day of the reservists its answers named and the report of each placement to the
    authority within ten days (p.36 part 3)."""
    s.require(Permission.READ)
    if s.workstation_role not in (AUTHORITY, BODY):
        raise UsageError("r2k.reg2000_only")
    conn = s.db.connection()
    today = s.clock.today()
    ev = evaluator(s)
    cal = ev.calendar or WorkCalendar()
    authority = s.workstation_role == AUTHORITY
    out: list[Item] = []

    def item(step: str, clause: str, actor: str, wording: str, due: dt.date, done: bool,
             subject: str, own: bool) -> Item:  # fmt: skip
        return Item(quarter="", step=step, clause=clause, actor_key=f"rules.actor.{actor}",
                    wording_key=f"r2000.wording.{wording}", due=due, legal_date=due, done=done,
                    overdue=not done and due < today, own=own,
                    workdays_left=cal.workdays_between(today, due), subject=subject)  # fmt: skip

    if authority:
        for rec in repo.rows(conn, status=R2kStatus.SUBMITTED):
            r = rec.reservist
            if r.documents_received is None:
                continue
            point, attr = DECISION_TERM[r.source]
            out.append(item(f"decide_{r.source.value}", f"Reg-2000 {point}", "authorised_body", attr,
                            term_end(r.documents_received, getattr(ev.rules.params, attr), cal), False,
                            r.full_name, True))  # fmt: skip
        for q in repo.requests(conn):
            if q.peer and q.received is not None:
                out.append(item("list_answer", "Reg-2000 p.34", "authorised_body", "answer_list",
                                answer_due(s, q.received), q.answered is not None,
                                f"№ {q.id}: {q.body_name}, {q.category}", True))  # fmt: skip
    for rec in repo.rows(conn, status=R2kStatus.ENROLLED):
        if rec.term_ends is not None:
            out.append(item("term_end", "Reg-2000 p.10", "authorised_body", "term_end", rec.term_ends,
                             False, rec.reservist.full_name, authority))  # fmt: skip
    if not authority:
        for rec in repo.rows(conn, status=R2kStatus.SUBMITTED):
            r = rec.reservist
            start, point, attr, wording = (
                (r.competition.protocol_date if r.competition else None, "p.19", "protocol_send",
                 "send_protocol") if r.source is Source.COMPETITION else
                (r.attestation_approved, "p.32-2", "attestation_send", "send_attestation"))  # fmt: skip
            if rec.origin or start is None:
                continue
            sent = repo.sent_on(conn, Kind.R2K_SUBMISSION.value, rec.id)
            out.append(item(f"submit_{r.source.value}", f"Reg-2000 {point}", "state_body", wording,
                            term_end(start, getattr(ev.rules.params, attr), cal), sent is not None,
                            r.full_name, True))  # fmt: skip
        for rec in repo.rows(conn, status=R2kStatus.PLACED):
            pl = rec.reservist.placement
            if pl is None:
                continue
            due = term_end(pl.decided, ev.rules.params.placement_notice, cal)
            sent = repo.sent_on(conn, "r2k_placement", rec.id)
            out.append(item("notify_authority", "Reg-2000 p.36", "state_body", "notify_authority", due,
                            sent is not None, rec.reservist.full_name, True))  # fmt: skip
    return sorted(out, key=lambda i: (i.done, i.due or dt.date.max))


# -- bundles ------------------------------------------------------------------------------------


def send_request(s: Session, qid: int, *, peer_id: str, out: Path) -> tb.ExportResult:
    s.require(Permission.EXCHANGE)
    _side(s, BODY)
    q = repo.request(s.db.connection(), qid)
    if q.peer != "" or q.sent is not None:
        raise InvalidInput("r2k.request_already_sent", id=qid)
    return tb.export_bundle(s, kind="r2k_list_request", peer_id=peer_id, out=out, nominee_ids=(qid,))


def send_answer(s: Session, qid: int, *, out: Path) -> tb.ExportResult:
    """The answer goes back to the body that asked (the request's peer)."""
    s.require(Permission.EXCHANGE)
    _side(s, AUTHORITY)
    q = repo.request(s.db.connection(), qid)
    if q.answered is None:
        raise InvalidInput("r2k.request_unanswered", id=qid)
    if q.sent is not None:
        raise InvalidInput("r2k.answer_already_sent", id=qid)
    return tb.export_bundle(s, kind="r2k_list_answer", peer_id=q.peer, out=out, nominee_ids=(qid,))


def _unsent(s: Session, kind: str, peer_id: str, states: tuple[R2kStatus, ...]) -> tuple[int, ...]:
    conn = s.db.connection()
    return tuple(r.id for r in repo.rows(conn) if r.status in states
                 and not repo.was_sent(conn, kind, peer_id, r.id))  # fmt: skip


def send_submissions(s: Session, *, peer_id: str, out: Path) -> tb.ExportResult:
    """p.19, p.32-2: the body sends the documents of the citizens its competition or attestation
    commission recommended, not yet sent to this peer, to the authorised body."""
    s.require(Permission.EXCHANGE)
    _side(s, BODY)
    conn = s.db.connection()
    ids = tuple(r.id for r in repo.rows(conn, status=R2kStatus.SUBMITTED)
                if r.origin == "" and r.reservist.source in SUBMITTED_BY_BODY
                and not repo.was_sent(conn, Kind.R2K_SUBMISSION.value, peer_id, r.id))  # fmt: skip
    if not ids:
        raise InvalidInput("r2k.nothing_to_send")
    return tb.export_bundle(s, kind=Kind.R2K_SUBMISSION.value, peer_id=peer_id, out=out, nominee_ids=ids)


def send_placements(s: Session, *, peer_id: str, out: Path) -> tb.ExportResult:
    """p.36 part 3: the body informs the authorised body of its placements."""
    s.require(Permission.EXCHANGE)
    _side(s, BODY)
    ids = _unsent(s, "r2k_placement", peer_id, (R2kStatus.PLACED,))
    if not ids:
        raise InvalidInput("r2k.nothing_to_send")
    return tb.export_bundle(s, kind="r2k_placement", peer_id=peer_id, out=out, nominee_ids=ids)


def send_updates(s: Session, *, peer_id: str, out: Path) -> tb.ExportResult:
    """p.37: the reserve as updated for the reservists this body was told of or submitted: the
    decisions on its submissions (p.20, p.32-3) and the exclusions (p.39)."""
    s.require(Permission.EXCHANGE)
    _side(s, AUTHORITY)
    conn = s.db.connection()
    known = repo.answered_to(conn, peer_id)
    ids = tuple(r.id for r in repo.rows(conn) if (
        r.status == R2kStatus.EXCLUDED and (r.reservist.iin in known or r.origin == peer_id)
        and not repo.was_sent(conn, Kind.R2K_RESERVE_UPDATE.value, peer_id, r.id)
    ) or (
        r.origin == peer_id and r.status != R2kStatus.SUBMITTED
        and not repo.was_sent(conn, DECISION_SENT, peer_id, r.id)))  # fmt: skip
    if not ids:
        raise InvalidInput("r2k.nothing_to_send")
    return tb.export_bundle(s, kind="r2k_reserve_update", peer_id=peer_id, out=out, nominee_ids=ids)
