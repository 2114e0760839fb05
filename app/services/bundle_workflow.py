"""The state changes bundles carry or imply, owned here (``app.transfer`` only parses and checks).

``BundleWorkflow`` is what a handler's ``apply`` hands each carried fact to (the
``app.transfer.kinds.Workflow`` protocol): findings, corrections, decisions and extracts,
exclusion submissions and decisions. ``exported`` moves the nominees a nominations or corrections
bundle carried. Every nominee state move goes through ``uow.move`` (the transition table of
``app.domain.workflow``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import msgspec

from app.domain import quarter as q
from app.domain.dossier import Dossier
from app.domain.positions import Position
from app.domain.workflow import NomineeStatus
from app.rules.rules_2025 import RULESET
from app.rules.terms import plain_end
from app.services.calendar import calendar
from app.services.r2k_bundles import R2kBundleWorkflow, submission_sent
from app.services.workstation import Session
from app.store import quarter_repo as repo
from app.store import r2k as r2k_repo
from app.store import reserve_life as life
from app.store.database import UnitOfWork
from app.store.scans import CarriedScan, CarriedSheet, PagesLater
from app.transfer.kinds import Carried, Kind, Sent


def _diff(old: Any, new: Any, path: str = "") -> list[str]:
    if isinstance(old, dict) and isinstance(new, dict):
        out: list[str] = []
        for k in sorted(set(old) | set(new)):
            out += _diff(old.get(k), new.get(k), f"{path}.{k}" if path else str(k))
        return out
    return [] if old == new else [path]


def changed_fields(old: Dossier, new: Dossier) -> list[str]:
    """Field paths that differ between two dossiers (the photo as ``photo``)."""
    a = msgspec.to_builtins(msgspec.structs.replace(old, photo=None))
    b = msgspec.to_builtins(msgspec.structs.replace(new, photo=None))
    return _diff(a, b) + (["photo"] if old.photo != new.photo else [])


# What an export marks sent, once the bundle is written (``Payload.sent``): what -> how.
SENT: dict[str, Callable[[UnitOfWork, int, dt.date, str], None]] = {
    "exclusion_submitted": lambda uow, i, at, _peer: repo.update_exclusion(
        uow.conn, i, state=q.ExclusionState.SUBMITTED, submitted=at.isoformat()),
    "exclusion_decision": lambda uow, i, at, _peer: repo.update_exclusion(
        uow.conn, i, decision_sent=at.isoformat()),
    "appointment": lambda uow, nid, at, _peer: life.appointment_sent(uow.conn, nid, at),
    "finding": lambda uow, i, at, _peer: repo.mark_findings(uow.conn, [i], "sent", at.isoformat()),
    "decision": lambda uow, nid, at, _peer: repo.decision_sent(uow.conn, nid, at),
    # Reg-2000 (issue 17): a list request or answer, and the reservists a placement or update names
    "r2k_request": lambda uow, qid, at, _peer: r2k_repo.request_sent(uow.conn, qid, at),
    "r2k_placement": lambda uow, rid, at, peer: r2k_repo.placement_sent(
        uow.conn, Kind.R2K_PLACEMENT.value, peer, rid, at),
    "r2k_reserve_update": lambda uow, rid, at, peer: r2k_repo.mark_sent(
        uow.conn, Kind.R2K_RESERVE_UPDATE.value, peer, rid, at),
    # ... a body's submission of sources 1 and 4 (p.19, p.32-2), and the decision on it (p.20, p.32-3)
    "r2k_submission": lambda uow, rid, at, peer: submission_sent(uow, rid, at, peer),
    "r2k_decision": lambda uow, rid, at, peer: r2k_repo.mark_sent(uow.conn, "r2k_decision", peer, rid, at),
}  # fmt: skip


def exported(uow: UnitOfWork, kind: str, carried: list[Carried], at: dt.date,
             sent: list[Sent] | None = None, peer: str = "") -> None:  # fmt: skip
    """Nominations sent move to *sent* (p.10); corrections sent to *corrected*, their findings
    closed (p.11(1)); the records the bundle carries are marked sent (``SENT``). In the export's
    unit of work, whose audit row names them."""
    for m in sent or []:
        SENT[m.what](uow, m.id, at, peer)
    for c in carried:
        if kind == Kind.NOMINATIONS and uow.nominees.status(c.nominee_id) in q.SENDABLE:
            uow.move(c.nominee_id, NomineeStatus.SENT, "quarter.nominations_sent")
        elif kind == Kind.CORRECTIONS:
            uow.move(c.nominee_id, NomineeStatus.CORRECTED, "quarter.corrections_sent")
            repo.resolve_open(uow.conn, c.nominee_id, at.isoformat())


def record_exclusion_decision(uow: UnitOfWork, nid: int, xid: int, ground: str, decision: str,
                              number: str, day: dt.date, payload: dict[str, object]) -> None:  # fmt: skip
    """The Head of PA's exclusion decision (p.19), at either workstation."""
    repo.update_exclusion(uow.conn, xid, state=q.ExclusionState.DECIDED, decision=decision,
                          decision_number=number, decision_day=day.isoformat())  # fmt: skip
    uow.audit("exclusion.decided", f"nominee:{nid}", payload | {
        "exclusion": xid, "decision": decision, "number": number, "day": day.isoformat()})  # fmt: skip
    if decision == q.ExclusionDecision.EXCLUDE:
        repo.exclude_member(uow.conn, nid, day, ground, number)
        if uow.nominees.status(nid) != NomineeStatus.EXCLUDED:
            uow.move(nid, NomineeStatus.EXCLUDED, "exclusion.excluded", {"exclusion": xid})


class BundleWorkflow:
    """What incoming bundles record, at this session's workstation."""

    def __init__(self, s: Session) -> None:
        self.s = s
        self.r2k = R2kBundleWorkflow()  # the Reg-2000 kinds (app/transfer/kinds_r2k.py)

    def scan_received(self, uow: UnitOfWork, nid: int, *, scan: CarriedScan, peer: str,
                      bundle_id: str, later: PagesLater | None = None) -> None:  # fmt: skip
        from app.services import scans

        scans.receive(uow, nid, scan, peer=peer, bundle_id=bundle_id, later=later)

    def sheet_scan_received(self, uow: UnitOfWork, *, scan: CarriedSheet, local: list[int | None],
                            peer: str, bundle_id: str) -> None:  # fmt: skip
        from app.services import scans

        scans.receive_sheet(uow, scan, local, peer=peer, bundle_id=bundle_id)

    def corrections_received(self, uow: UnitOfWork, nid: int, *, before: Dossier | None,
                             bundle_id: str) -> None:  # fmt: skip
        new = uow.nominees.get(nid).dossier
        fields = changed_fields(before, new) if before is not None else ["*"]
        repo.add_changes(uow.conn, nid, bundle_id, fields, uow.now)
        repo.resolve_open(uow.conn, nid, uow.now.isoformat(timespec="seconds"))
        uow.move(nid, NomineeStatus.CORRECTED, "review.corrected", {"bundle": bundle_id, "fields": fields})

    def finding_received(self, uow: UnitOfWork, nid: int, *, kind: str, text: str, clause: str,
                         field: str, raised: str, origin_id: int, bundle_id: str) -> None:  # fmt: skip
        new = repo.add_finding(uow.conn, nid, kind, text, clause=clause, field=field, raised=raised,
                               origin_id=origin_id)  # fmt: skip
        if new is None:
            return
        uow.audit("review.finding_received", f"nominee:{nid}",
                  {"bundle": bundle_id, "kind": kind, "clause": clause})  # fmt: skip
        if kind == q.FindingKind.DEFICIENCY:
            uow.move(nid, NomineeStatus.DEFICIENCY, "quarter.deficiency", {"bundle": bundle_id})

    def decision_received(self, uow: UnitOfWork, nid: int, *, decision: str, number: str,
                          day: dt.date, position: str, term_ends: dt.date | None, received_on: dt.date,
                          bundle_id: str) -> None:  # fmt: skip
        kind = q.DecisionKind(decision)
        repo.put_decision(uow.conn, q.Decision(nominee_id=nid, decision=kind.value, number=number,
                                               day=day), uow.now, sent=None)  # fmt: skip
        if kind is q.DecisionKind.ENROL:
            d = uow.nominees.get(nid, with_photo=False).dossier
            repo.put_member(uow.conn, nid, body=d.body.value,
                            position=position or d.nomination.intended_position, enrolled_on=day,
                            term_ends=term_ends or plain_end(day, RULESET.params.max_term),
                            number=number)  # fmt: skip
            due = RULESET.event_deadlines("extract", received_on, calendar(self.s))[0].due or received_on
            repo.put_notice(uow.conn, nid, received_on, due)
        uow.move(nid, q.DECISION_STATUS[kind], "decision.received",
                 {"bundle": bundle_id, "number": number, "day": day.isoformat()})  # fmt: skip

    def extract_received(self, uow: UnitOfWork, *, quarter: str, body: str, day: dt.date,
                         bundle_id: str) -> None:  # fmt: skip
        repo.put_event(uow.conn, q.QuarterEvent(quarter=quarter, body=body,
                       event=q.Event.EXTRACT_RECEIVED, day=day, reference=bundle_id),
                       now=uow.now, user=uow.user)  # fmt: skip

    def exclusion_received(self, uow: UnitOfWork, nid: int, *, ground: str, fact_date: dt.date,
                           evidence: str, source: str, bundle_id: str) -> None:  # fmt: skip
        xid = repo.add_exclusion(uow.conn, nid, ground, fact_date, evidence, source=source,
                                 state=q.ExclusionState.RECEIVED,
                                 raised=uow.now.isoformat(timespec="seconds"))  # fmt: skip
        if xid is not None:
            uow.audit("exclusion.received", f"nominee:{nid}",
                      {"bundle": bundle_id, "exclusion": xid, "ground": ground})  # fmt: skip

    def exclusion_decided(self, uow: UnitOfWork, nid: int, *, ground: str, fact_date: dt.date,
                          decision: str, number: str, day: dt.date, bundle_id: str) -> None:  # fmt: skip
        x = repo.find_exclusion(uow.conn, nid, ground, fact_date)
        if x is None:
            xid = repo.add_exclusion(uow.conn, nid, ground, fact_date, "", source="manual",
                                     state=q.ExclusionState.DECIDED,
                                     raised=uow.now.isoformat(timespec="seconds"))  # fmt: skip
            assert xid is not None
        elif x.state == q.ExclusionState.DECIDED:
            return
        else:
            xid = x.id
        record_exclusion_decision(uow, nid, xid, ground, decision, number, day, {"bundle": bundle_id})

    def appointment_received(self, uow: UnitOfWork, nid: int, *, position: str, order: str, day: dt.date,
                             override: tuple[str, str, dt.date] | None, bundle_id: str) -> None:  # fmt: skip
        """The body appointed a member from the reserve (p.14): the Department's register ends the
        membership the same way, with the override of p.14 part 2 when one was recorded."""
        now = uow.now.isoformat(timespec="seconds")
        if override is not None:
            by, number, when = override
            life.put_override(uow.conn, nid, life.Override(authority=by, number=number, day=when), now)
        appointed = life.Appointment(position=position, order_ref=order, day=day)
        life.put_appointment(uow.conn, nid, appointed, now)
        uow.move(nid, NomineeStatus.APPOINTED, "reserve.appoint_received",
                 {"order": order, "day": day.isoformat(), "bundle": bundle_id, "clause": "p14"})  # fmt: skip

    def renomination_received(self, uow: UnitOfWork, nid: int, *, status: str, quarter: str,
                              previous: str, version: int, bundle_id: str) -> None:  # fmt: skip
        """The body nominated the same person anew (p.14, p.12(2), p.20): the Department closes the
        earlier nomination into the history, as the body did, and receives the new one."""
        from app.services import reserve_life

        reserve_life.close_cycle(uow, self.s, nid, status=status, quarter=quarter, previous=previous,
                                 version=version)  # fmt: skip
        uow.move(nid, NomineeStatus.RECEIVED, "nominee.receive_renominated",
                 {"quarter": quarter, "bundle": bundle_id})  # fmt: skip

    def positions_received(self, uow: UnitOfWork, *, body: str, quarter: str, as_of: dt.date,
                           horizon: dt.date, positions: list[Position],
                           needs: list[tuple[str, dt.date, str]], bundle_id: str) -> None:  # fmt: skip
        """The body's catalogue and need (p.8 part 1), which the Department weighs when it forms
        the list (p.11(2)): its copy of that body's catalogue becomes what was sent."""
        from app.services import positions_transfer

        positions_transfer.received(uow, body=body, quarter=quarter, as_of=as_of, horizon=horizon,
                                    found=positions, needs=needs, bundle_id=bundle_id)  # fmt: skip
