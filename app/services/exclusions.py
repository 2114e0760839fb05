"""Exclusions (Rules-2025 p.18, p.19). The body records a ground with its evidence — by hand, or
raised by the rules engine from recorded facts (a listed sanction, term expiry, dismissal,
transfer, demotion, the member's own report) — prints the submission and sends it; the Department
records the Head of PA's decision and sends it back; an exclusion ends the membership."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from app.documents import Rendered
from app.domain import quarter as q
from app.domain.reserve import ExclusionGround
from app.errors import InvalidInput, NotFound, UsageError
from app.i18n import parse_date
from app.progress import Progress
from app.rules.rules_2025 import RULESET
from app.security.roles import Permission
from app.services import printing
from app.services import transfer_bundles as tb
from app.services.bundle_workflow import record_exclusion_decision
from app.services.workstation import Session
from app.store import quarter_repo as repo
from app.store import reserve_life as life
from app.store.nominees import Nominees


def _ground(ground: str) -> ExclusionGround:
    g = ground if ground.startswith("p18_") else f"p18_{ground}"
    try:
        return ExclusionGround(g)
    except ValueError:
        raise InvalidInput("exclusion.bad_ground", ground=ground) from None


def _active_member(s: Session, nid: int) -> q.Member:
    m = repo.member(s.db.connection(), nid)
    if m is None or (not m.active(s.clock.today()) and m.excluded_on is not None):
        raise InvalidInput("exclusion.not_member", id=nid)
    return m


def raise_ground(s: Session, nid: int, ground: str, *, fact_date: dt.date, evidence: str,
                 source: str = "manual") -> int:  # fmt: skip
    s.require(Permission.EDIT)
    if s.body is None:
        raise UsageError("exclusion.body_only")
    g = _ground(ground)
    if not evidence.strip() or len(evidence) > 4000:
        raise InvalidInput("exclusion.evidence_required")
    if fact_date > s.clock.today():
        raise InvalidInput("exclusion.future_date", date=fact_date.isoformat())
    _active_member(s, nid)
    with s.db.unit_of_work(s.user) as uow:
        xid = repo.add_exclusion(uow.conn, nid, g.value, fact_date, evidence.strip(), source=source,
                                 state=q.ExclusionState.RAISED,
                                 raised=uow.now.isoformat(timespec="seconds"))  # fmt: skip
        if xid is None:
            raise InvalidInput("exclusion.exists", id=nid, ground=g.value)
        payload = {"exclusion": xid, "ground": g.value, "date": fact_date.isoformat()}
        uow.audit("exclusion.raise", f"nominee:{nid}", payload | {"source": source})
        uow.commit()
    return xid


def detect(s: Session) -> list[tuple[int, str, dt.date, str]]:
    """Grounds of p.18 the rules engine finds in active members' recorded facts:
    (nominee id, ground, date of the fact, clause and field as evidence)."""
    s.require(Permission.READ)
    conn = s.db.connection()
    today = s.clock.today()
    ev = s.evaluator()
    out = []
    for m in repo.members(conn, body=s.body or ""):
        if not m.active(today) and m.excluded_on is not None:
            continue
        d = Nominees(conn).get(m.nominee_id, with_photo=False).dossier
        ms = life.membership(conn, m.nominee_id)
        for f in ev.evaluate(d, at=today, membership=ms):
            if not f.key.startswith("r2025.p18_"):
                continue
            ground = "p18_" + f.key.removeprefix("r2025.p18_")
            when = parse_date(f.params.get("date", "")) or today
            out.append((m.nominee_id, ground, when, f"{f.clause}: {f.field}"))
    return out


def scan(s: Session) -> list[int]:
    """Raise every detected ground not yet recorded (source 'rules'); returns the new ids."""
    new = []
    conn = s.db.connection()
    for nid, ground, when, evidence in detect(s):
        if repo.find_exclusion(conn, nid, ground, when) is None:
            new.append(raise_ground(s, nid, ground, fact_date=when, evidence=evidence, source="rules"))
    return new


def listing(s: Session, *, state: str = "") -> list[q.Exclusion]:
    s.require(Permission.READ)
    return repo.exclusions(s.db.connection(), state=state, body=s.body or "")


def get(s: Session, xid: int) -> q.Exclusion:
    found = repo.exclusions(s.db.connection(), xid=xid)
    if not found:
        raise NotFound("exclusion.not_found", id=xid)
    return found[0]


def print_paper(s: Session, xid: int, *, lang: str) -> Rendered:
    """The body's exclusion submission (p.19), or at the Department the decision paper."""
    get(s, xid)
    kind = "exclusion-submission" if s.body else "exclusion-decision"
    return printing.print_documents(s, printing.Request(kind=kind, lang=lang, exclusion=xid))


def send(s: Session, *, peer_id: str, out: Path,
         progress: Progress | None = None) -> tb.ExportResult:  # fmt: skip
    """The raised exclusions to the Department (p.19); ``progress`` as ``tb.export_bundle``."""
    if s.body is None:
        raise UsageError("exclusion.body_only")
    if s.body == "sgs" and not RULESET.params.sgs_exclusion_via_department:
        raise UsageError("exclusion.sgs_own_path")
    ids = tuple(sorted({x.nominee_id for x in listing(s, state=q.ExclusionState.RAISED)}))
    if not ids:
        raise InvalidInput("exclusion.nothing_to_send")
    return tb.export_bundle(s, kind="exclusion_submission", peer_id=peer_id, out=out, nominee_ids=ids,
                            progress=progress)  # fmt: skip


def decide(s: Session, xid: int, decision: str, *, number: str, day: dt.date) -> q.Exclusion:
    """The Head of PA's exclusion decision (p.19), recorded at the Department (or at the State
    Guard Service for its own members, p.5, unless ``Params.sgs_exclusion_via_department``)."""
    s.require(Permission.EDIT)
    own = s.body == "sgs" and not RULESET.params.sgs_exclusion_via_department  # p.5, p.19
    if s.body is not None and not own:
        raise UsageError("exclusion.department_only")
    if decision not in q.ExclusionDecision.__members__.values():
        raise InvalidInput("exclusion.bad_decision", decision=decision)
    if not number.strip():
        raise InvalidInput("decision.number_required")
    if day > s.clock.today():
        raise InvalidInput("decision.future_date", date=day.isoformat())
    x = get(s, xid)
    wanted = q.ExclusionState.RECEIVED if s.body is None else q.ExclusionState.RAISED
    if x.state != wanted:
        raise InvalidInput("exclusion.not_pending", id=xid, state=x.state)
    with s.db.unit_of_work(s.user) as uow:
        record_exclusion_decision(uow, x.nominee_id, xid, x.ground, decision, number.strip(), day, {})
        uow.commit()
    return get(s, xid)


def send_decisions(s: Session, *, peer_id: str, out: Path,
                   progress: Progress | None = None) -> tb.ExportResult:  # fmt: skip
    """The decided exclusions back to a body (p.19); ``progress`` as ``tb.export_bundle``."""
    if s.body is not None:
        raise UsageError("exclusion.department_only")
    ids = tuple(sorted({x.nominee_id for x in listing(s, state=q.ExclusionState.DECIDED)
                        if x.decision_sent is None}))  # fmt: skip
    if not ids:
        raise InvalidInput("exclusion.nothing_to_send")
    return tb.export_bundle(s, kind="exclusion_decision", peer_id=peer_id, out=out, nominee_ids=ids,
                            progress=progress)  # fmt: skip
