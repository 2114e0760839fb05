"""Reg-2000 reserve (migration 0010): reservists, list requests and answers, exclusions, and
what was sent to which peer. The one way a reservist's status changes is ``move``: checked against
``app.domain.r2k_workflow.TRANSITIONS``, written and audited in the caller's unit of work."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping

import msgspec

from app.domain.r2k_workflow import R2kStatus, check_move
from app.domain.reg2000 import Reservist
from app.errors import NotFound
from app.store.connection import Connection
from app.store.database import UnitOfWork

_ENC = msgspec.json.Encoder()
_DEC = msgspec.json.Decoder(type=Reservist)


class Rec(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    status: str
    reservist: Reservist
    term_ends: dt.date | None
    origin: str


class Request(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    peer: str
    ref: int
    body_name: str
    category: str
    category_group: str
    category_rank: int
    vacancy: str
    made: dt.date
    competition: dt.date | None
    received: dt.date | None
    answered: dt.date | None
    answer: list[str]  # the IINs named in the answer
    sent: dt.date | None


class Exclusion(msgspec.Struct, frozen=True, kw_only=True):
    reservist_id: int
    ground: int
    fact_date: dt.date
    day: dt.date
    evidence: str


def _d(v: object) -> dt.date | None:
    return None if v is None else dt.date.fromisoformat(str(v))


def _iso(d: dt.date | None) -> str | None:
    return None if d is None else d.isoformat()


# -- reservists ---------------------------------------------------------------------------------

_COLS = "id, status, data, term_ends, origin"


def _rec(row: tuple) -> Rec:
    return Rec(id=row[0], status=row[1], reservist=_DEC.decode(row[2]), term_ends=_d(row[3]),
               origin=row[4])  # fmt: skip


def add(conn: Connection, r: Reservist, *, status: R2kStatus, term_ends: dt.date | None,
        now: dt.datetime, origin: str = "") -> int:  # fmt: skip
    stamp = now.isoformat(timespec="seconds")
    cur = conn.execute(
        "INSERT INTO r2k_reservists (iin, full_name, category, source, status, decision_on,"
        " term_ends, data, origin, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (r.iin, r.full_name, r.category, int(r.source), status.value, _iso(r.decision_date),
         _iso(term_ends), _ENC.encode(r), origin, stamp, stamp),
    )  # fmt: skip
    return int(cur.lastrowid or 0)


def update(conn: Connection, rid: int, r: Reservist, *, term_ends: dt.date | None,
           now: dt.datetime) -> None:  # fmt: skip
    conn.execute(
        "UPDATE r2k_reservists SET iin = ?, full_name = ?, category = ?, source = ?,"
        " decision_on = ?, term_ends = ?, data = ?, updated = ? WHERE id = ?",
        (r.iin, r.full_name, r.category, int(r.source), _iso(r.decision_date), _iso(term_ends),
         _ENC.encode(r), now.isoformat(timespec="seconds"), rid),
    )  # fmt: skip


def get(conn: Connection, rid: int) -> Rec:
    row = conn.execute(f"SELECT {_COLS} FROM r2k_reservists WHERE id = ?", (rid,)).fetchone()
    if row is None:
        raise NotFound("r2k.not_found", id=rid)
    return _rec(row)


def by_iin(conn: Connection, iin: str) -> Rec | None:
    """The latest record of the person (a refused citizen may apply again under a new record)."""
    row = conn.execute(f"SELECT {_COLS} FROM r2k_reservists WHERE iin = ? ORDER BY id DESC LIMIT 1",
                       (iin,)).fetchone()  # fmt: skip
    return None if row is None else _rec(row)


def rows(conn: Connection, *, status: str = "", category: str = "") -> list[Rec]:
    sql, params = f"SELECT {_COLS} FROM r2k_reservists WHERE 1", []
    if status:
        sql += " AND status = ?"
        params.append(status)
    if category:
        sql += " AND category = ?"
        params.append(category)
    return [_rec(r) for r in conn.execute(sql + " ORDER BY id", params).fetchall()]


def status(conn: Connection, rid: int) -> str:
    row = conn.execute("SELECT status FROM r2k_reservists WHERE id = ?", (rid,)).fetchone()
    if row is None:
        raise NotFound("r2k.not_found", id=rid)
    return str(row[0])


def move(uow: UnitOfWork, rid: int, to: R2kStatus, action: str,
         payload: Mapping[str, object] | None = None) -> str:  # fmt: skip
    """The one way a reservist's status changes: checked against the Reg-2000 transition table
    (``R2kMoveForbidden`` otherwise), written and audited in this unit of work."""
    old = status(uow.conn, rid)
    check_move(rid, old, to)
    uow.conn.execute("UPDATE r2k_reservists SET status = ?, updated = ? WHERE id = ?",
                     (to.value, uow.now.isoformat(timespec="seconds"), rid))  # fmt: skip
    uow.audit(action, f"r2k:{rid}", {**(payload or {}), "from": old, "status": to.value})
    return old


def digest(conn: Connection, rid: int) -> tuple[int, str] | None:
    """``(version, digest)`` of a reservist's record as it is now, for a printed paper's
    fingerprint: the version counts the record's audit rows (every change appends one)."""
    row = conn.execute("SELECT status, term_ends, data FROM r2k_reservists WHERE id = ?", (rid,)).fetchone()
    if row is None:
        return None
    n = conn.execute("SELECT count(*) FROM audit WHERE entity = ?", (f"r2k:{rid}",)).fetchone()[0]
    h = hashlib.sha256(f"{row[0]}\x00{row[1] or ''}\x00".encode())
    h.update(bytes(row[2]) if not isinstance(row[2], str) else row[2].encode())
    return int(n), h.hexdigest()


# -- list requests (p.33-p.34) ------------------------------------------------------------------

_RCOLS = ("id, peer, ref, body_name, category, category_group, category_rank, vacancy, made,"
          " competition, received, answered, answer, sent")  # fmt: skip


def _req(row: tuple) -> Request:
    return Request(id=row[0], peer=row[1], ref=row[2], body_name=row[3], category=row[4],
                   category_group=row[5], category_rank=row[6], vacancy=row[7],
                   made=dt.date.fromisoformat(row[8]), competition=_d(row[9]),
                   received=_d(row[10]), answered=_d(row[11]),
                   answer=json.loads(row[12]) if row[12] else [], sent=_d(row[13]))  # fmt: skip


def add_request(conn: Connection, *, peer: str, ref: int | None, body_name: str, category: str,
                category_group: str, category_rank: int, vacancy: str, made: dt.date,
                competition: dt.date | None, received: dt.date | None) -> int:  # fmt: skip
    """A request: the body's own (``peer`` '', ``ref`` its id) or one received from ``peer``."""
    cur = conn.execute(
        "INSERT INTO r2k_requests (peer, ref, body_name, category, category_group, category_rank,"
        " vacancy, made, competition, received) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (peer, ref if ref is not None else 0, body_name, category, category_group, category_rank,
         vacancy, made.isoformat(), _iso(competition), _iso(received)),
    )  # fmt: skip
    qid = int(cur.lastrowid or 0)
    if ref is None:
        conn.execute("UPDATE r2k_requests SET ref = id WHERE id = ?", (qid,))
    return qid


def request(conn: Connection, qid: int) -> Request:
    row = conn.execute(f"SELECT {_RCOLS} FROM r2k_requests WHERE id = ?", (qid,)).fetchone()
    if row is None:
        raise NotFound("r2k.request_not_found", id=qid)
    return _req(row)


def request_by_ref(conn: Connection, peer: str, ref: int) -> Request | None:
    row = conn.execute(f"SELECT {_RCOLS} FROM r2k_requests WHERE peer = ? AND ref = ?",
                       (peer, ref)).fetchone()  # fmt: skip
    return None if row is None else _req(row)


def requests(conn: Connection) -> list[Request]:
    return [_req(r) for r in conn.execute(f"SELECT {_RCOLS} FROM r2k_requests ORDER BY id")]


def answer_request(conn: Connection, qid: int, day: dt.date, iins: list[str]) -> None:
    conn.execute("UPDATE r2k_requests SET answered = ?, answer = ? WHERE id = ?",
                 (day.isoformat(), json.dumps(iins), qid))  # fmt: skip


def request_sent(conn: Connection, qid: int, day: dt.date) -> None:
    conn.execute("UPDATE r2k_requests SET sent = ? WHERE id = ?", (day.isoformat(), qid))


# -- exclusions (p.39) --------------------------------------------------------------------------


def put_exclusion(conn: Connection, x: Exclusion, now: dt.datetime) -> None:
    conn.execute(
        "INSERT INTO r2k_exclusions (reservist_id, ground, fact_date, day, evidence, recorded)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (x.reservist_id, x.ground, x.fact_date.isoformat(), x.day.isoformat(), x.evidence,
         now.isoformat(timespec="seconds")),
    )  # fmt: skip


def exclusion(conn: Connection, rid: int) -> Exclusion | None:
    row = conn.execute("SELECT reservist_id, ground, fact_date, day, evidence FROM r2k_exclusions"
                       " WHERE reservist_id = ?", (rid,)).fetchone()  # fmt: skip
    if row is None:
        return None
    return Exclusion(reservist_id=row[0], ground=row[1], fact_date=dt.date.fromisoformat(row[2]),
                     day=dt.date.fromisoformat(row[3]), evidence=row[4])  # fmt: skip


# -- what was sent to which peer ----------------------------------------------------------------


def was_sent(conn: Connection, kind: str, peer: str, rid: int) -> bool:
    row = conn.execute("SELECT 1 FROM r2k_sent WHERE kind = ? AND peer = ? AND reservist_id = ?",
                       (kind, peer, rid)).fetchone()  # fmt: skip
    return row is not None


def sent_on(conn: Connection, kind: str, rid: int) -> dt.date | None:
    """The first day a record went out in a bundle of ``kind`` to any peer (None: not yet)."""
    row = conn.execute("SELECT min(bundle_day) FROM r2k_sent WHERE kind = ? AND reservist_id = ?",
                       (kind, rid)).fetchone()  # fmt: skip
    return _d(row[0]) if row else None


def mark_sent(conn: Connection, kind: str, peer: str, rid: int, day: dt.date) -> None:
    conn.execute("INSERT OR REPLACE INTO r2k_sent (kind, peer, reservist_id, bundle_day)"
                 " VALUES (?, ?, ?, ?)", (kind, peer, rid, day.isoformat()))  # fmt: skip


def placement_reported(conn: Connection, rid: int, day: dt.date) -> None:
    """At the body: the day its placement decision went to the authorised body (p.36 part 3),
    kept on the record's placement (the first report counts)."""
    rec = get(conn, rid)
    pl = rec.reservist.placement
    if pl is None or pl.authority_notified is not None:
        return
    r = msgspec.structs.replace(rec.reservist, placement=msgspec.structs.replace(pl, authority_notified=day))
    conn.execute("UPDATE r2k_reservists SET data = ? WHERE id = ?", (_ENC.encode(r), rid))


def placement_sent(conn: Connection, kind: str, peer: str, rid: int, day: dt.date) -> None:
    mark_sent(conn, kind, peer, rid, day)
    placement_reported(conn, rid, day)


def answered_to(conn: Connection, peer: str) -> set[str]:
    """The IINs this authority named in its answers to ``peer``."""
    out: set[str] = set()
    for (a,) in conn.execute("SELECT answer FROM r2k_requests WHERE peer = ? AND answer IS NOT NULL",
                             (peer,)):  # fmt: skip
        out.update(json.loads(a))
    return out
