"""What Reg-2000 bundles carry, recorded at this workstation (``app.transfer.kinds_r2k`` decodes
and checks; the state changes are made here, through ``app.store.r2k.move``, in the import's unit
of work): a body's submission of sources 1 and 4 at the authorised body (p.19, p.32-2), a list
request at the authority (p.33), an answer at the state body (p.34), a placement at the
authority (p.36 part 3) and the reserve's update at the body (decisions p.20, p.32-3; p.37, p.39)."""

from __future__ import annotations

import datetime as dt

import msgspec

from app.domain.r2k_workflow import R2kStatus
from app.domain.reg2000 import Decision, Placement, RefusalGround, Reservist, Source
from app.store import r2k as repo
from app.store.database import UnitOfWork
from app.transfer.kinds import Kind


def submission_sent(uow: UnitOfWork, rid: int, day: dt.date, peer: str) -> None:
    """At the body: its submission went to the authorised body on ``day`` (the bundle's day, the
    one it carries): kept on the record as the day p.19 and p.32-2 judge (the first send counts)."""
    repo.mark_sent(uow.conn, Kind.R2K_SUBMISSION.value, peer, rid, day)
    rec = repo.get(uow.conn, rid)
    r = rec.reservist
    if r.source is Source.ATTESTATION and r.attestation_sent is None:
        r = msgspec.structs.replace(r, attestation_sent=day)
    elif r.competition is not None and r.competition.sent_to_authority is None:
        k = msgspec.structs.replace(r.competition, sent_to_authority=day)
        r = msgspec.structs.replace(r, competition=k)
    else:
        return
    repo.update(uow.conn, rid, r, term_ends=rec.term_ends, now=uow.now)


class R2kBundleWorkflow:
    def request_received(self, uow: UnitOfWork, *, peer: str, ref: int, body_name: str, category: str,
                         group: str, rank: int, vacancy: str, made: dt.date,
                         competition: dt.date | None, received: dt.date, bundle_id: str) -> None:  # fmt: skip
        qid = repo.add_request(uow.conn, peer=peer, ref=ref, body_name=body_name, category=category,
                               category_group=group, category_rank=rank, vacancy=vacancy, made=made,
                               competition=competition, received=received)  # fmt: skip
        uow.audit("r2k.request_received", f"r2k_request:{qid}",
                  {"peer": peer, "ref": ref, "bundle": bundle_id, "clause": "p33"})  # fmt: skip

    def answer_received(self, uow: UnitOfWork, *, qid: int, answered: dt.date,
                        listed: list[tuple[Reservist, dt.date]], peer: str,
                        bundle_id: str) -> None:  # fmt: skip
        """The reservists named join this body's view as enrolled (their term with them)."""
        iins = []
        for r, ends in listed:
            iins.append(r.iin)
            old = repo.by_iin(uow.conn, r.iin)
            if old is not None and old.status == R2kStatus.SUBMITTED and old.origin == "":
                # this body's own submission (p.19, p.32-2), enrolled: the answer tells the decision
                new = msgspec.structs.replace(old.reservist, category=r.category, decision=r.decision,
                                              decision_date=r.decision_date, refusal_ground=None)  # fmt: skip
                repo.update(uow.conn, old.id, new, term_ends=ends, now=uow.now)
                repo.move(uow, old.id, R2kStatus.ENROLLED, "r2k.listed",
                          {"request": qid, "bundle": bundle_id, "clause": "p34"})  # fmt: skip
                continue
            if old is not None and old.status in (R2kStatus.ENROLLED, R2kStatus.PLACED):
                repo.update(uow.conn, old.id, msgspec.structs.replace(old.reservist, category=r.category),
                            term_ends=ends, now=uow.now)  # fmt: skip
                continue
            rid = repo.add(uow.conn, r, status=R2kStatus.ENROLLED, term_ends=ends, now=uow.now, origin=peer)
            uow.audit("r2k.listed", f"r2k:{rid}", {"request": qid, "bundle": bundle_id, "clause": "p34"})
        repo.answer_request(uow.conn, qid, answered, iins)
        uow.audit("r2k.answer_received", f"r2k_request:{qid}",
                  {"count": len(iins), "bundle": bundle_id, "clause": "p34"})  # fmt: skip

    def placement_received(self, uow: UnitOfWork, rid: int, *, placement: Placement, request: int,
                           received: dt.date, bundle_id: str) -> None:  # fmt: skip
        """p.36 part 3: the day the authorised body learns of the decision is recorded."""
        rec = repo.get(uow.conn, rid)
        pl = msgspec.structs.replace(placement, authority_notified=received)
        repo.update(uow.conn, rid, msgspec.structs.replace(rec.reservist, placement=pl),
                    term_ends=rec.term_ends, now=uow.now)  # fmt: skip
        repo.move(uow, rid, R2kStatus.PLACED, "r2k.placement_received",
                  {"day": placement.decided.isoformat(), "request": request, "bundle": bundle_id,
                   "clause": "p36"})  # fmt: skip

    def exclusion_received(self, uow: UnitOfWork, rid: int, *, ground: int, fact_date: dt.date,
                           day: dt.date, bundle_id: str) -> None:  # fmt: skip
        rec = repo.get(uow.conn, rid)
        repo.put_exclusion(uow.conn, repo.Exclusion(reservist_id=rid, ground=ground, fact_date=fact_date,
                                                    day=day, evidence=""), uow.now)  # fmt: skip
        repo.update(uow.conn, rid, msgspec.structs.replace(rec.reservist, excluded_on=day),
                    term_ends=rec.term_ends, now=uow.now)  # fmt: skip
        repo.move(uow, rid, R2kStatus.EXCLUDED, "r2k.exclusion_received",
                  {"ground": ground, "day": day.isoformat(), "bundle": bundle_id,
                   "clause": f"p39_{ground}"})  # fmt: skip

    def submission_received(self, uow: UnitOfWork, r: Reservist, *, peer: str, bundle_id: str) -> None:
        """p.19, p.32-2: the documents are received today; the decision term runs from it."""
        rid = repo.add(uow.conn, r, status=R2kStatus.SUBMITTED, term_ends=None, now=uow.now, origin=peer)
        uow.audit("r2k.submission_received", f"r2k:{rid}",
                  {"source": int(r.source), "category": r.category, "peer": peer, "bundle": bundle_id,
                   "received": r.documents_received.isoformat() if r.documents_received else "",
                   "clause": "p19" if r.source == 1 else "p32_2"})  # fmt: skip

    def decision_received(self, uow: UnitOfWork, rid: int, *, decision: Decision, day: dt.date,
                          term_ends: dt.date | None, ground: RefusalGround | None,
                          bundle_id: str) -> None:  # fmt: skip
        """The authority's decision on this body's submission (p.20, p.32-3)."""
        rec = repo.get(uow.conn, rid)
        new = msgspec.structs.replace(rec.reservist, decision=decision, decision_date=day,
                                      refusal_ground=ground)  # fmt: skip
        repo.update(uow.conn, rid, new, term_ends=term_ends, now=uow.now)
        to = R2kStatus.ENROLLED if decision is Decision.ENROL else R2kStatus.REFUSED
        repo.move(uow, rid, to, "r2k.decision_received",
                  {"day": day.isoformat(), "decision": decision.value, "bundle": bundle_id,
                   "clause": "p20" if rec.reservist.source == 1 else "p32_3"})  # fmt: skip
