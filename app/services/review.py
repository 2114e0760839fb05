"""The Department's review (Rules-2025 p.11(1), p.11(2), p.12): the inbox of packages per body and
quarter, the checklist per nominee (rules engine + the reviewer's marks), deficiencies and
requests for information sent back in findings bundles, what corrections changed, the
recommended list and the Secretary of the Security Council's agreement."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import msgspec

from app.domain import quarter as q
from app.domain.workflow import NomineeStatus
from app.errors import InvalidInput, UsageError
from app.progress import Progress
from app.rules.base import Finding, Severity
from app.security.roles import Permission
from app.services import checks
from app.services import transfer_bundles as tb
from app.services.quarter import check_quarter
from app.services.workstation import Session
from app.store import quarter_repo as repo
from app.store.nominees import Filters, Nominees


class Package(msgspec.Struct, frozen=True, kw_only=True):
    bundle_id: str
    kind: str
    body: str
    quarter: str
    received: str
    dossiers: int


class InboxLine(msgspec.Struct, frozen=True, kw_only=True):
    body: str
    quarter: str
    counts: dict[str, int]
    packages: list[Package]


class Checklist(msgspec.Struct, frozen=True, kw_only=True):
    nominee_id: int
    status: str
    findings: list[Finding]  # the rules engine's
    marks: q.Marks
    raised: list[q.ReviewFinding]
    changes: list[tuple[str, str, list[str]]]

    @property
    def blockers(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.BLOCKER)

    @property
    def recommendable(self) -> bool:
        open_def = any(f.resolved is None and f.kind == q.FindingKind.DEFICIENCY for f in self.raised)
        return self.blockers == 0 and not open_def and self.marks.complete


def _department(s: Session) -> None:
    if s.body:
        raise UsageError("review.department_only")


def inbox(s: Session, quarter: str = "") -> list[InboxLine]:
    s.require(Permission.READ)
    _department(s)
    conn = s.db.connection()
    packages: dict[tuple[str, str], list[Package]] = {}
    for r in repo.received_packages(conn):
        pk = Package(bundle_id=r[0], kind=r[1], body=r[2], quarter=r[5] or "", received=r[3],
                     dossiers=r[4])  # fmt: skip
        packages.setdefault((pk.body, pk.quarter), []).append(pk)
    counts: dict[tuple[str, str], dict[str, int]] = {}
    for body, qt, status, n in repo.status_counts(conn):
        counts.setdefault((body, qt), {})[status] = n
    keys = sorted(set(packages) | set(counts))
    return [InboxLine(body=b, quarter=qt, counts=counts.get((b, qt), {}), packages=packages.get((b, qt), []))
            for b, qt in keys if not quarter or qt == quarter]  # fmt: skip


def checklist(s: Session, nid: int) -> Checklist:
    s.require(Permission.READ)
    conn = s.db.connection()
    rec = Nominees(conn).get(nid, with_photo=False)
    return Checklist(nominee_id=nid, status=rec.status, findings=checks.check_one(s, nid),
                     marks=repo.marks(conn, nid), raised=repo.findings(conn, nid),
                     changes=repo.changes(conn, nid))  # fmt: skip


def _reviewable(uow_status: str, nid: int) -> None:
    if uow_status not in q.REVIEWABLE:
        raise InvalidInput("review.not_reviewable", id=nid, status=uow_status)


def set_marks(s: Session, nid: int, **marks: str) -> q.Marks:
    """The reviewer's marks (p.11(1)): accuracy, completeness, compliance = ok | fail | ''."""
    s.require(Permission.EDIT)
    _department(s)
    for k, v in marks.items():
        if k != "note" and (k not in q.MARK_ASPECTS or v not in q.Mark.__members__.values()):
            raise InvalidInput("review.bad_mark", aspect=k, value=v)
    with s.db.unit_of_work(s.user) as uow:
        status = uow.nominees.get(nid, with_photo=False).status
        _reviewable(status, nid)
        new = msgspec.structs.replace(repo.marks(uow.conn, nid), **marks)
        repo.put_marks(uow.conn, nid, new, now=uow.now, user=s.user)
        uow.audit("review.marks", f"nominee:{nid}", msgspec.to_builtins(new))
        if status == NomineeStatus.RECEIVED:
            uow.move(nid, NomineeStatus.UNDER_REVIEW, "review.start")
        uow.commit()
    return new


def raise_finding(s: Session, nid: int, text: str, *, kind: str = "deficiency", clause: str = "",
                  field: str = "") -> int:  # fmt: skip
    """A deficiency (the nominee's state becomes *deficiency*) or a request for information."""
    s.require(Permission.EDIT)
    _department(s)
    if kind not in q.FindingKind.__members__.values():
        raise InvalidInput("review.bad_kind", kind=kind)
    if not text.strip() or len(text) > 4000:
        raise InvalidInput("review.bad_text")
    with s.db.unit_of_work(s.user) as uow:
        status = uow.nominees.get(nid, with_photo=False).status
        _reviewable(status, nid)
        fid = repo.add_finding(uow.conn, nid, kind, text.strip(), clause=clause, field=field,
                               raised=uow.now.isoformat(timespec="seconds"))  # fmt: skip
        assert fid is not None
        uow.audit("review.finding", f"nominee:{nid}", {"finding": fid, "kind": kind, "clause": clause})
        new = NomineeStatus.DEFICIENCY if kind == q.FindingKind.DEFICIENCY else NomineeStatus.UNDER_REVIEW
        if status != new:
            uow.move(nid, new, "review.status")
        uow.commit()
    return fid


def send_findings(s: Session, quarter: str, *, peer_id: str, out: Path,
                  progress: Progress | None = None) -> tb.ExportResult:  # fmt: skip
    """The findings bundle back to one body (its unsent deficiencies and requests); ``progress``
    as ``tb.export_bundle``."""
    _department(s)
    return tb.export_bundle(s, kind="findings", peer_id=peer_id, out=out, quarter=check_quarter(quarter),
                            progress=progress)  # fmt: skip


def _candidates(s: Session, quarter: str) -> list[int]:
    return [i for st in q.REVIEWABLE
            for i in Nominees(s.db.connection()).ids(Filters(quarter=quarter, status=st))]  # fmt: skip


def form_list(s: Session, quarter: str, *, day: dt.date, ids: list[int] | None = None,
              leave_out: tuple[int, ...] = ()) -> tuple[list[int], dict[int, str]]:  # fmt: skip
    """The list of nominees recommended for enrolment (p.11(2)): every dossier the reviewer marked
    accurate, complete and compliant, without blockers or open deficiencies (or exactly ``ids``);
    they become *recommended*."""
    s.require(Permission.EDIT)
    _department(s)
    quarter = check_quarter(quarter)
    chosen = ids if ids is not None else [i for i in _candidates(s, quarter) if i not in leave_out]
    ok: list[int] = []
    skipped: dict[int, str] = {}
    for nid in chosen:
        c = checklist(s, nid)
        problem = "" if c.recommendable else "review.not_recommendable"
        if c.status not in q.REVIEWABLE and c.status != NomineeStatus.RECOMMENDED:
            problem = "review.not_reviewable"
        if problem and ids is not None:
            raise InvalidInput(problem, id=nid, status=c.status)
        if problem:
            skipped[nid] = problem
        else:
            ok.append(nid)
    if not ok:
        raise InvalidInput("review.list_empty", quarter=quarter)
    with s.db.unit_of_work(s.user) as uow:
        for nid in ok:
            uow.move(nid, NomineeStatus.RECOMMENDED, "review.recommend", {"quarter": quarter})
        repo.put_event(uow.conn, q.QuarterEvent(quarter=quarter, body="", event=q.Event.LIST_FORMED,
                       day=day), now=uow.now, user=s.user)  # fmt: skip
        uow.audit("quarter.list_formed", f"quarter:{quarter}", {"day": day.isoformat(), "nominees": ok})
        uow.commit()
    return ok, skipped


def recommended(s: Session, quarter: str, *, body: str = "") -> list[int]:
    conn = s.db.connection()
    return Nominees(conn).ids(Filters(quarter=check_quarter(quarter), body=body,
                                      status=NomineeStatus.RECOMMENDED))  # fmt: skip


def record_agreement(s: Session, quarter: str, *, day: dt.date, reference: str) -> None:
    """The Secretary of the Security Council agreed the list (p.12): date and reference."""
    s.require(Permission.EDIT)
    _department(s)
    quarter = check_quarter(quarter)
    if not reference.strip():
        raise InvalidInput("review.reference_required")
    conn = s.db.connection()
    formed = repo.event(conn, quarter, q.Event.LIST_FORMED)
    if formed is None:
        raise InvalidInput("review.list_not_formed", quarter=quarter)
    if day < formed.day:
        raise InvalidInput("review.agreed_before_formed", quarter=quarter)
    with s.db.unit_of_work(s.user) as uow:
        repo.put_event(uow.conn, q.QuarterEvent(quarter=quarter, body="", event=q.Event.AGREED,
                       day=day, reference=reference.strip()), now=uow.now, user=s.user)  # fmt: skip
        uow.audit("quarter.agreed", f"quarter:{quarter}", {"day": day.isoformat(), "reference": reference})
        uow.commit()
