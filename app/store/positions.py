"""SQL of the positions catalogue and the need (migration 0006). Functions over a connection; the
services hold the unit of work and write the audit rows."""

from __future__ import annotations

import datetime as dt

import msgspec

from app.domain.positions import Catalogue, Need, NeedReason, Position
from app.store.connection import Connection
from app.store.folding import fold

_P_SQL = ("SELECT id, title, body, subdivision, level, decree_290, service_years, training"
          " FROM positions")  # fmt: skip


def _position(r: tuple) -> Position:
    return Position(id=r[0], title=r[1], body=r[2], subdivision=r[3], level=r[4],
                    decree_290=bool(r[5]), service_years=r[6], training=r[7])  # fmt: skip


def positions(conn: Connection, *, body: str = "") -> list[Position]:
    sql = _P_SQL + (" WHERE body = ?" if body else "") + " ORDER BY body, title_key, id"
    return [_position(r) for r in conn.execute(sql, (body,) if body else ())]


def catalogue(conn: Connection) -> Catalogue:
    return Catalogue(positions(conn), fold)


def find(conn: Connection, body: str, title: str) -> Position | None:
    """A position by its title (folded: case, spacing and script marks do not matter)."""
    key = fold(title)
    sql = _P_SQL + " WHERE title_key = ?" + (" AND body = ?" if body else "") + " ORDER BY id"
    r = conn.execute(sql, (key, body) if body else (key,)).fetchone()
    return None if r is None else _position(r)


def upsert(conn: Connection, p: Position) -> tuple[int, bool]:
    """Insert the position or update the one with the same body and title; (id, inserted)."""
    key = fold(p.title)
    row = conn.execute("SELECT id FROM positions WHERE body = ? AND title_key = ?",
                       (p.body, key)).fetchone()  # fmt: skip
    values = (p.title, key, p.body, p.subdivision, p.level, int(p.decree_290), p.service_years,
              p.training)  # fmt: skip
    if row is None:
        cur = conn.execute("INSERT INTO positions (title, title_key, body, subdivision, level,"
                           " decree_290, service_years, training) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           values)  # fmt: skip
        return int(cur.lastrowid or 0), True
    conn.execute("UPDATE positions SET title = ?, title_key = ?, body = ?, subdivision = ?,"
                 " level = ?, decree_290 = ?, service_years = ?, training = ? WHERE id = ?",
                 (*values, row[0]))  # fmt: skip
    return int(row[0]), False


def add_need(conn: Connection, n: Need, *, now: dt.datetime, user: str) -> int:
    cur = conn.execute("INSERT INTO position_needs (position_id, vacant_from, reason, recorded,"
                       " user) VALUES (?, ?, ?, ?, ?)",
                       (n.position_id, n.vacant_from.isoformat(), n.reason.value,
                        now.isoformat(timespec="seconds"), user))  # fmt: skip
    return int(cur.lastrowid or 0)


def needs(conn: Connection, *, until: dt.date | None = None) -> list[Need]:
    sql = "SELECT id, position_id, vacant_from, reason FROM position_needs"
    args: tuple = ()
    if until is not None:
        sql += " WHERE vacant_from <= ?"
        args = (until.isoformat(),)
    return [Need(id=r[0], position_id=r[1], vacant_from=dt.date.fromisoformat(r[2]),
                 reason=NeedReason(r[3])) for r in conn.execute(sql + " ORDER BY vacant_from, id",
                                                                args)]  # fmt: skip


# -- bench strength ----------------------------------------------------------------------------
class _Intended(msgspec.Struct):
    intended_position: str = ""


class _Partial(msgspec.Struct):
    nomination: _Intended = msgspec.field(default_factory=_Intended)


_PARTIAL = msgspec.json.Decoder(type=_Partial)

# the nominee states in which a reserve member still stands in the reserve (not appointed from
# it, not excluded, term not expired, not renominated)
_GONE = ("appointed", "excluded", "term_expired", "renominated")
# the states of a nominee on the quarter's board before the Head of PA's decision
ON_BOARD = ("draft", "ready", "in_list", "sent", "received", "under_review", "deficiency",
            "corrected", "recommended")  # fmt: skip


def member_terms(conn: Connection, *, body: str = "") -> list[tuple[str, str, str, str, str | None]]:
    """(body, position, enrolled_on, term_ends, excluded_on) of every member still in the
    reserve by state."""
    sql = ("SELECT m.body, m.position, m.enrolled_on, m.term_ends, m.excluded_on"
           " FROM reserve_members m JOIN nominees n ON n.id = m.nominee_id"
           f" WHERE n.status NOT IN ({', '.join('?' * len(_GONE))})")  # fmt: skip
    args: tuple = _GONE
    if body:
        sql += " AND m.body = ?"
        args = (*_GONE, body)
    return conn.execute(sql, args).fetchall()


def quarter_intended(conn: Connection, quarter: str, *, body: str = "") -> list[tuple[int, str, str]]:
    """(nominee id, body, intended position) of the nominees on the quarter's board."""
    sql = ("SELECT n.id, n.body, d.data FROM nominees n JOIN dossiers d ON d.nominee_id = n.id"
           f" WHERE n.quarter = ? AND n.status IN ({', '.join('?' * len(ON_BOARD))})")  # fmt: skip
    args: tuple = (quarter, *ON_BOARD)
    if body:
        sql += " AND n.body = ?"
        args = (*args, body)
    return [(r[0], r[1], _PARTIAL.decode(r[2]).nomination.intended_position)
            for r in conn.execute(sql, args)]  # fmt: skip


def need_counts(conn: Connection, at: dt.date, horizon: dt.date) -> dict[int, tuple[int, int]]:
    """position id -> (vacant now, expected within the horizon)."""
    rows = conn.execute(
        "SELECT position_id, SUM(vacant_from <= ?), SUM(vacant_from > ? AND vacant_from <= ?)"
        " FROM position_needs WHERE vacant_from <= ? GROUP BY position_id",
        (at.isoformat(), at.isoformat(), horizon.isoformat(), horizon.isoformat()),
    )
    return {r[0]: (int(r[1]), int(r[2])) for r in rows}


# -- a body's catalogue and need received at the Department (bundle kind ``positions``) --------
_RECEIVED = "positions.received."


def body_needs(conn: Connection, body: str) -> list[tuple[str, dt.date, str]]:
    """(position title, vacant from, reason) of every need recorded for ``body``'s positions."""
    rows = conn.execute(
        "SELECT p.title, n.vacant_from, n.reason FROM position_needs n"
        " JOIN positions p ON p.id = n.position_id WHERE p.body = ?"
        " ORDER BY p.title_key, n.vacant_from, n.reason", (body,))  # fmt: skip
    return [(r[0], dt.date.fromisoformat(r[1]), r[2]) for r in rows]


def replace_body(conn: Connection, body: str, found: list[Position],
                 needs: list[tuple[str, dt.date, str]], *, now: dt.datetime,
                 user: str) -> dict[str, int]:  # fmt: skip
    """Make ``body``'s catalogue and need exactly ``found`` and ``needs`` (titles matched folded):
    positions missing from ``found`` are removed with their need. Counts of what changed."""
    before = {fold(p.title): p for p in positions(conn, body=body)}
    counts = {"add": 0, "update": 0, "same": 0, "remove": 0, "need": len(needs)}
    ids: dict[str, int] = {}
    for p in found:
        old = before.pop(fold(p.title), None)
        if old is not None and msgspec.structs.replace(old, id=0) == p:
            counts["same"] += 1
            ids[fold(p.title)] = old.id
            continue
        pid, inserted = upsert(conn, p)
        counts["add" if inserted else "update"] += 1
        ids[fold(p.title)] = pid
    for gone in before.values():
        conn.execute("DELETE FROM positions WHERE id = ?", (gone.id,))
        counts["remove"] += 1
    conn.execute("DELETE FROM position_needs WHERE position_id IN"
                 " (SELECT id FROM positions WHERE body = ?)", (body,))  # fmt: skip
    stamp = now.isoformat(timespec="seconds")
    conn.executemany(
        "INSERT INTO position_needs (position_id, vacant_from, reason, recorded, user)"
        " VALUES (?, ?, ?, ?, ?)",
        [(ids[fold(t)], d.isoformat(), r, stamp, user) for t, d, r in needs])  # fmt: skip
    return counts


class Received(msgspec.Struct, frozen=True, kw_only=True):
    """Where the Department's copy of a body's catalogue and need came from."""

    body: str
    quarter: str
    as_of: dt.date
    horizon: dt.date
    bundle_id: str
    received: str  # ISO timestamp of the import
    positions: int
    needs: int


def put_received(conn: Connection, r: Received) -> None:
    conn.execute("INSERT INTO meta (key, value) VALUES (?, ?)"
                 " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                 (_RECEIVED + r.body, msgspec.json.encode(r).decode()))  # fmt: skip


def received(conn: Connection) -> dict[str, Received]:
    """body -> the last catalogue and need received from it."""
    rows = conn.execute("SELECT key, value FROM meta WHERE key LIKE ? ORDER BY key",
                        (_RECEIVED + "%",))  # fmt: skip
    return {r[0][len(_RECEIVED):]: msgspec.json.decode(r[1], type=Received) for r in rows}
