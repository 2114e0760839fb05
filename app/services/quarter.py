"""The body's quarter: the board (dossiers by state, the p.10 deadline counted down in working
days, reminders), building the list, sending it (p.10) or, at the State Guard Service, submitting
its own list to the Head of PA (p.5, p.6), and corrections after the Department's findings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import msgspec

from app.domain import quarter as q
from app.domain.dossier import Dossier, SecondmentKind
from app.domain.workflow import NomineeStatus
from app.errors import InvalidInput, UsageError
from app.progress import Progress
from app.rules.base import Severity
from app.rules.deadlines import Deadline, parse_quarter
from app.security.roles import Permission
from app.services import calendar as calendar_service
from app.services import checks, deadlines, scans, settings
from app.services import transfer_bundles as tb
from app.services.workstation import Session
from app.store import quarter_repo as repo
from app.store.nominees import Filters, Nominees
from app.transfer import peers

REMINDERS_KEY = "quarter.reminder_offsets"
REMINDERS_DEFAULT = (10, 5, 2)


class BoardRow(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    iin: str
    name: str
    body: str
    status: str
    state: str  # the board column (app.domain.quarter.BOARD_STATES)
    blockers: int
    warnings: int
    intended_position: str
    additional: bool  # p.15
    secondment: str  # p.8: none, state_body, international_org, presidential_administration
    path_ok: bool  # the secondment path's submission/agreement is recorded (p.8)
    appointment_pending: bool  # p.10: cannot be sent
    open_findings: int
    # the intended position's gap in bench strength (need - ready, p.8 part 1); None: the position
    # is not in the positions catalogue
    need_gap: int | None = None
    need: int | None = None  # the intended position's need (vacancies now and expected)


class Board(msgspec.Struct, frozen=True, kw_only=True):
    quarter: str
    body: str
    rows: list[BoardRow]
    counts: dict[str, int]
    deadline: Deadline  # p.10 (body) or p.11(1) (Department)
    workdays_left: int
    reminder: int | None  # the reminder offset reached, if any
    events: list[q.QuarterEvent]


def check_quarter(quarter: str) -> str:
    parse_quarter(quarter)
    return quarter.upper()


def reminder_offsets(s: Session) -> tuple[int, ...]:
    raw = settings.get(s, REMINDERS_KEY)
    try:
        values = tuple(sorted({int(x) for x in raw.split(",") if x.strip()}, reverse=True))
    except ValueError:
        values = ()
    return values or REMINDERS_DEFAULT


def set_reminder_offsets(s: Session, offsets: list[int]) -> None:
    if not offsets or any(not 0 <= n <= 60 for n in offsets):
        raise InvalidInput("quarter.bad_reminders")
    settings.put(s, REMINDERS_KEY, ",".join(str(n) for n in sorted(set(offsets), reverse=True)))


def reminder_for(left: int, offsets: tuple[int, ...]) -> int | None:
    """The smallest offset not yet passed: 10, 5, 2 -> at 7 days left the 10-day reminder."""
    reached = [o for o in offsets if left <= o]
    return min(reached) if reached else None


def _path_ok(kind: SecondmentKind, pa_submission: bool, agreed: bool) -> bool:
    if kind is SecondmentKind.PRESIDENTIAL_ADMINISTRATION:
        return pa_submission and agreed
    return True


def board(s: Session, quarter: str) -> Board:
    s.require(Permission.READ)
    quarter = check_quarter(quarter)
    conn = s.db.connection()
    nrepo = Nominees(conn)
    open_count = repo.open_findings_count(conn)
    rows = []
    for r in nrepo.rows(Filters(quarter=quarter, body=s.body or ""), limit=1_000_000):
        d = nrepo.get(r.id, with_photo=False).dossier
        sec = d.secondment
        rows.append(BoardRow(
            id=r.id, iin=r.iin, name=f"{r.surname} {r.given_name} {r.patronymic}".strip(),
            body=r.body, status=r.status, state=q.board_state(r.status, r.blockers),
            blockers=r.blockers, warnings=r.warnings,
            intended_position=d.nomination.intended_position,
            additional=d.nomination.additional_candidate, secondment=sec.kind.value,
            path_ok=_path_ok(sec.kind, sec.pa_submission, sec.agreed_with_first_head),
            appointment_pending=d.nomination.appointment_submission_pending,
            open_findings=int(open_count.get(r.id, 0)),
        ))  # fmt: skip
    rows = _with_need(s, rows)
    counts = {st: 0 for st in q.BOARD_STATES}
    for row in rows:
        counts[row.state] = counts.get(row.state, 0) + 1
    steps = {d.step: d for d in deadlines.quarter(s, quarter)}
    dl = steps["send_list" if s.body else "check"]
    today = s.clock.today()
    assert dl.due is not None
    left = calendar_service.calendar(s).workdays_between(today, dl.due)
    return Board(quarter=quarter, body=s.body or "", rows=rows, counts=counts, deadline=dl,
                 workdays_left=left, reminder=reminder_for(left, reminder_offsets(s)),
                 events=repo.events(conn, quarter))  # fmt: skip


def _with_need(s: Session, rows: list[BoardRow]) -> list[BoardRow]:
    """Next to each nominee, the need of the position it is nominated for (p.8 part 1)."""
    from app.services import bench
    from app.store.folding import fold

    if not rows:
        return rows
    found = {(r.body, fold(r.title)): r for r in bench.bench(s).rows}
    out = []
    for r in rows:
        b = found.get((r.body, fold(r.intended_position)))
        out.append(r if b is None else msgspec.structs.replace(r, need_gap=b.gap, need=b.need))
    return out


def by_need(rows: list[BoardRow]) -> list[BoardRow]:
    """The board sorted by the need its nominees cover (p.8 part 1): the positions short of
    candidates first (largest gap, then largest need), positions outside the catalogue last."""
    return sorted(rows, key=need_order)


def need_order(r: BoardRow) -> tuple[int, int, int, str, str]:
    if r.need_gap is None:
        return (1, 0, 0, r.intended_position, r.name)
    return (0, -r.need_gap, -(r.need or 0), r.intended_position, r.name)


# a draft of the quarter, or a person nominated anew (p.14, p.12(2), p.20)
LISTABLE = (NomineeStatus.DRAFT, NomineeStatus.READY, NomineeStatus.RENOMINATED)


def _require_body(s: Session) -> str:
    if not s.body:
        raise UsageError("quarter.body_only")
    return s.body


def _sendable_problem(s: Session, nid: int) -> str:
    """'' when the dossier may be sent now, else the translation key of why not."""
    rec = Nominees(s.db.connection()).get(nid, with_photo=False)
    if rec.dossier.nomination.appointment_submission_pending:
        return "quarter.appointment_pending"
    found = checks.check_one(s, nid)
    if any(f.severity is Severity.BLOCKER for f in found):
        return "quarter.blocked"
    return ""


def build_list(s: Session, quarter: str, ids: list[int] | None = None) -> tuple[list[int], dict[int, str]]:
    """Put nominable dossiers of the quarter in the list; returns (added, skipped id -> reason).
    Explicit ``ids`` that cannot go in are refused with the reason (nothing changes)."""
    s.require(Permission.EDIT)
    _require_body(s)
    quarter = check_quarter(quarter)
    conn = s.db.connection()
    nrepo = Nominees(conn)
    candidates = ids if ids is not None else [
        r.id for r in nrepo.rows(Filters(quarter=quarter, body=s.body or ""), limit=1_000_000)
        if r.status in LISTABLE]  # fmt: skip
    added: list[int] = []
    skipped: dict[int, str] = {}
    for nid in candidates:
        rec = nrepo.get(nid, with_photo=False)
        if rec.dossier.nomination.quarter != quarter:
            raise InvalidInput("quarter.wrong_quarter", id=nid, quarter=quarter)
        problem = _sendable_problem(s, nid)
        if not problem and rec.status not in LISTABLE:
            problem = "quarter.not_draft"
        if problem and ids is not None:
            raise InvalidInput(problem, id=nid, status=rec.status)
        if problem:
            skipped[nid] = problem
        else:
            added.append(nid)
    with s.db.unit_of_work(s.user) as uow:
        for nid in added:
            uow.move(nid, NomineeStatus.IN_LIST, "quarter.list_add", {"quarter": quarter})
        uow.commit()
    return added, skipped


def remove_from_list(s: Session, ids: list[int]) -> None:
    s.require(Permission.EDIT)
    with s.db.unit_of_work(s.user) as uow:
        for nid in ids:
            if uow.nominees.get(nid, with_photo=False).status != NomineeStatus.IN_LIST:
                raise InvalidInput("quarter.not_in_list", id=nid)
            uow.move(nid, NomineeStatus.DRAFT, "quarter.list_remove")
        uow.commit()


def in_list(s: Session, quarter: str) -> list[int]:
    conn = s.db.connection()
    return Nominees(conn).ids(Filters(quarter=check_quarter(quarter), body=s.body or "",
                                      status=NomineeStatus.IN_LIST))  # fmt: skip


def list_ids(s: Session, quarter: str) -> list[int]:
    """The body's list to print: the nominees in it, or once sent, those sent (p.10)."""
    ids = in_list(s, quarter)
    if ids:
        return ids
    conn = s.db.connection()
    return Nominees(conn).ids(Filters(quarter=check_quarter(quarter), body=s.body or "",
                                      status=NomineeStatus.SENT))  # fmt: skip


def _recheck(s: Session, ids: list[int]) -> None:
    for nid in ids:
        problem = _sendable_problem(s, nid)
        if problem:
            raise InvalidInput(problem, id=nid, status="")


def send(s: Session, quarter: str, *, peer_id: str, out: Path,
         progress: Progress | None = None) -> tb.ExportResult:  # fmt: skip
    """Export the nomination bundle of the nominees in the list (p.10); they become sent.
    ``peer_id``: the Department's peer id, or its role; ``progress`` as ``tb.export_bundle``."""
    body = _require_body(s)
    if body == "sgs":
        raise UsageError("quarter.sgs_own_path")
    quarter = check_quarter(quarter)
    ids = in_list(s, quarter)
    if not ids:
        raise InvalidInput("quarter.list_empty", quarter=quarter)
    _recheck(s, ids)
    lacking = scans.unsigned(s, ids)
    if lacking and scans.block_unsigned(s):
        raise InvalidInput("scan.unsigned_block", ids=", ".join(map(str, lacking)))
    peer_id = resolve_peer(s, peer_id)
    result = tb.export_bundle(s, kind="nominations", peer_id=peer_id, out=out, quarter=quarter,
                              nominee_ids=tuple(ids), progress=progress)  # fmt: skip
    _record(s, quarter, body, q.Event.SENT, s.clock.today(), result.bundle_id,
            {"bundle": result.bundle_id, "nominees": ids})  # fmt: skip
    return result


def submit_to_head_pa(s: Session, quarter: str, *, day: dt.date, reference: str) -> list[int]:
    """State Guard Service: its own list goes to the Head of PA on its head's submission (p.5,
    p.6), without the Department's review."""
    body = _require_body(s)
    if body != "sgs":
        raise UsageError("quarter.sgs_only")
    quarter = check_quarter(quarter)
    ids = in_list(s, quarter)
    if not ids:
        raise InvalidInput("quarter.list_empty", quarter=quarter)
    _recheck(s, ids)
    with s.db.unit_of_work(s.user) as uow:
        for nid in ids:
            uow.move(nid, NomineeStatus.SENT, "quarter.submit_head_pa", {"quarter": quarter})
        repo.put_event(uow.conn, q.QuarterEvent(quarter=quarter, body=body,
                       event=q.Event.SUBMITTED_TO_HEAD_PA, day=day, reference=reference),
                       now=uow.now, user=s.user)  # fmt: skip
        uow.commit()
    return ids


def correctable(s: Session, quarter: str) -> list[int]:
    """Dossiers the Department found deficient, or asked more about (an open request)."""
    conn = s.db.connection()
    nrepo = Nominees(conn)
    ids = set(nrepo.ids(Filters(quarter=quarter, status=NomineeStatus.DEFICIENCY)))
    sent = set(nrepo.ids(Filters(quarter=quarter, status=NomineeStatus.SENT)))
    ids |= {f.nominee_id for f in repo.findings(conn, open_only=True) if f.nominee_id in sent}
    return sorted(ids)


def send_corrections(s: Session, quarter: str, *, peer_id: str, out: Path,
                     progress: Progress | None = None) -> tb.ExportResult:  # fmt: skip
    """Corrected dossiers back to the Department (materials are not returned, p.10): those found
    deficient, and those the Department asked more about, once edited since they were sent."""
    _require_body(s)
    quarter = check_quarter(quarter)
    ids = correctable(s, quarter)
    if not ids:
        raise InvalidInput("quarter.nothing_to_correct", quarter=quarter)
    result = tb.export_bundle(s, kind="corrections", peer_id=peer_id, out=out, quarter=quarter,
                              nominee_ids=tuple(ids), progress=progress)  # fmt: skip
    with s.db.unit_of_work(s.user) as uow:
        uow.audit("quarter.corrections_sent", f"quarter:{quarter}:{s.body}",
                  {"bundle": result.bundle_id, "nominees": ids})  # fmt: skip
        uow.commit()
    return result


def _record(s: Session, quarter: str, body: str, event: str, day: dt.date, ref: str,
            payload: dict[str, object]) -> None:  # fmt: skip
    with s.db.unit_of_work(s.user) as uow:
        repo.put_event(uow.conn, q.QuarterEvent(quarter=quarter, body=body, event=event, day=day,
                                                reference=ref), now=uow.now, user=s.user)  # fmt: skip
        uow.audit(f"quarter.{event}", f"quarter:{quarter}:{body}", payload)
        uow.commit()


def record_event(s: Session, quarter: str, event: str, *, day: dt.date, reference: str = "",
                 body: str = "") -> None:  # fmt: skip
    s.require(Permission.EDIT)
    if event not in q.Event.__members__.values():
        raise InvalidInput("quarter.bad_event", event=event)
    _record(s, check_quarter(quarter), body, event, day, reference,
            {"day": day.isoformat(), "reference": reference})  # fmt: skip


def resolve_peer(s: Session, text: str) -> str:
    """A peer by its id, or by its role when exactly one active peer has it ("department")."""
    active = [p for p in peers.all_peers(s.db.connection()) if p.active]
    if any(p.id == text for p in active):
        return text
    by_role = [p.id for p in active if p.role == text]
    if len(by_role) == 1:
        return str(by_role[0])
    raise InvalidInput("quarter.unknown_peer", peer=text[:64])


def states(s: Session, quarter: str = "") -> list[tuple[str, str, str]]:
    """(IIN, body, status) of every dossier (of ``quarter``): what workstations compare."""
    s.require(Permission.READ)
    return repo.states(s.db.connection(), quarter)


def findings_received(s: Session, quarter: str = "") -> list[q.ReviewFinding]:
    s.require(Permission.READ)
    conn = s.db.connection()
    found = repo.findings(conn)
    if not quarter:
        return found
    ids = set(Nominees(conn).ids(Filters(quarter=check_quarter(quarter))))
    return [f for f in found if f.nominee_id in ids]


def correct(s: Session, nid: int, d: Dossier) -> int:
    """The clerk's correction of a dossier after the Department's findings (p.10: the body's HR
    subdivision remedies the deficiencies); the stored photo stays unless a new one is given."""
    from app.services import nominees

    rec = nominees.get(s, nid)
    if nid not in correctable(s, rec.dossier.nomination.quarter):
        raise InvalidInput("quarter.not_deficient", id=nid)
    if d.person.iin != rec.dossier.person.iin:
        raise InvalidInput("quarter.iin_changed", id=nid)
    if d.photo is None:
        d = msgspec.structs.replace(d, photo=rec.dossier.photo)
    return nominees.update(s, nid, d, expected_version=rec.version)
