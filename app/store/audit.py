"""The hash-chained audit log: every change appends a row chained by SHA-256 over the previous.

Row hash = SHA-256(previous hash || canonical JSON of [seq, ts, user, action, entity, digest]).
``verify`` walks the chain and names the first row that was edited, deleted or reordered.
"""

from __future__ import annotations

import binascii
import datetime as dt
import hashlib
from collections.abc import Iterator, Sequence

import msgspec

from app.store.connection import Connection

GENESIS = "0" * 64


class AuditRow(msgspec.Struct, frozen=True, kw_only=True):
    seq: int
    ts: str
    user: str
    action: str
    entity: str
    digest: str
    prev: str
    hash: str


class ChainReport(msgspec.Struct, frozen=True, kw_only=True):
    ok: bool
    rows: int
    head_seq: int
    head_hash: str
    first_bad_seq: int | None = None
    problem: str = ""  # "edited", "missing", "reordered"; "cipher", "database", "fts" (the file)
    bad_page: int | None = None  # the first bad page of a damaged database, when known


def digest_of(payload: object) -> str:
    """SHA-256 of the canonical JSON of a change (the change itself stays in its own table)."""
    return hashlib.sha256(msgspec.json.encode(payload, order="sorted")).hexdigest()


def digest_of_hex(data: bytes) -> str:
    """``digest_of(data.hex())`` without the JSON string copy: the hex digits between quotes."""
    h = hashlib.sha256(b'"')
    h.update(binascii.hexlify(data))
    h.update(b'"')
    return h.hexdigest()


def row_hash(prev: str, seq: int, ts: str, user: str, action: str, entity: str, digest: str) -> str:
    body = msgspec.json.encode([seq, ts, user, action, entity, digest])
    return hashlib.sha256(prev.encode("ascii") + body).hexdigest()


def append(
    conn: Connection,
    *,
    user: str,
    action: str,
    entity: str,
    payload: object,
    now: dt.datetime,
    after: AuditRow | None = None,
) -> AuditRow:
    """Append one row; call inside the transaction that makes the change.

    ``after`` is the row this transaction appended last (saves looking the head up again).
    """
    if after is not None:
        seq, prev = after.seq + 1, after.hash
    else:
        seq, prev = head(conn)
        seq += 1
    ts = now.isoformat(timespec="microseconds")
    digest = digest_of(payload)
    h = row_hash(prev, seq, ts, user, action, entity, digest)
    conn.execute(
        "INSERT INTO audit (seq, ts, user, action, entity, digest, prev, hash)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (seq, ts, user, action, entity, digest, prev, h),
    )
    return AuditRow(
        seq=seq, ts=ts, user=user, action=action, entity=entity, digest=digest, prev=prev, hash=h
    )


def append_many(
    conn: Connection,
    *,
    user: str,
    entries: Sequence[tuple[str, str, object]],
    now: dt.datetime,
    after: AuditRow | None = None,
) -> AuditRow | None:
    """Append ``(action, entity, payload)`` rows in order with one statement: the same chain as
    ``append`` one by one (same timestamp for all); returns the last row."""
    if not entries:
        return after
    seq, prev = (after.seq, after.hash) if after is not None else head(conn)
    ts = now.isoformat(timespec="microseconds")
    values = []
    for action, entity, payload in entries:
        seq += 1
        digest = digest_of(payload)
        h = row_hash(prev, seq, ts, user, action, entity, digest)
        values.append((seq, ts, user, action, entity, digest, prev, h))
        prev = h
    conn.executemany(
        "INSERT INTO audit (seq, ts, user, action, entity, digest, prev, hash)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        values,
    )
    s, t, u, a, e, d, p, h = values[-1]
    return AuditRow(seq=s, ts=t, user=u, action=a, entity=e, digest=d, prev=p, hash=h)


def rows(conn: Connection, *, after: int = 0, limit: int | None = None) -> Iterator[AuditRow]:
    sql = "SELECT seq, ts, user, action, entity, digest, prev, hash FROM audit WHERE seq > ?"
    sql += " ORDER BY seq" + (f" LIMIT {int(limit)}" if limit else "")
    for r in conn.execute(sql, (after,)):
        yield AuditRow(
            seq=r[0], ts=r[1], user=r[2], action=r[3], entity=r[4], digest=r[5], prev=r[6], hash=r[7]
        )


def head(conn: Connection) -> tuple[int, str]:
    last = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    return (int(last[0]), str(last[1])) if last else (0, GENESIS)


def verify(conn: Connection) -> ChainReport:
    prev = GENESIS
    expected_seq = 1
    count = 0
    cur = conn.execute(
        "SELECT seq, ts, user, action, entity, digest, prev, hash FROM audit ORDER BY seq"
    )
    for seq, ts, user, action, entity, digest, stored_prev, stored_hash in cur:
        count += 1
        if seq != expected_seq:
            problem = "missing" if seq > expected_seq else "reordered"
            return ChainReport(
                ok=False, rows=count, head_seq=seq, head_hash=stored_hash,
                first_bad_seq=expected_seq, problem=problem,
            )  # fmt: skip
        if stored_prev != prev:
            return ChainReport(
                ok=False, rows=count, head_seq=seq, head_hash=stored_hash,
                first_bad_seq=seq, problem="reordered",
            )  # fmt: skip
        if row_hash(prev, seq, ts, user, action, entity, digest) != stored_hash:
            return ChainReport(
                ok=False, rows=count, head_seq=seq, head_hash=stored_hash,
                first_bad_seq=seq, problem="edited",
            )  # fmt: skip
        prev = stored_hash
        expected_seq += 1
    return ChainReport(ok=True, rows=count, head_seq=expected_seq - 1, head_hash=prev)
