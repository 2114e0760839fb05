"""SQL of the quarter cycle (migration 0005). Functions over a connection; the services hold the
unit of work and write the audit rows."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from app.domain import quarter as q
from app.store.connection import Connection


def _d(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _ts(now: dt.datetime) -> str:
    return now.isoformat(timespec="seconds")


# -- quarter events ----------------------------------------------------------------------------
def put_event(conn: Connection, e: q.QuarterEvent, *, now: dt.datetime, user: str) -> None:
    conn.execute(
        "INSERT INTO quarter_events (quarter, body, event, day, reference, recorded, user)"
        " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (quarter, body, event) DO UPDATE SET"
        " day = excluded.day, reference = excluded.reference, recorded = excluded.recorded,"
        " user = excluded.user",
        (e.quarter, e.body, e.event, e.day.isoformat(), e.reference, _ts(now), user),
    )


def events(conn: Connection, quarter: str = "") -> list[q.QuarterEvent]:
    sql = "SELECT quarter, body, event, day, reference FROM quarter_events"
    rows = conn.execute(sql + (" WHERE quarter = ?" if quarter else "") + " ORDER BY day, event",
                        (quarter,) if quarter else ())  # fmt: skip
    return [q.QuarterEvent(quarter=r[0], body=r[1], event=r[2], day=dt.date.fromisoformat(r[3]),
                           reference=r[4]) for r in rows]  # fmt: skip


def event(conn: Connection, quarter: str, name: str, body: str = "") -> q.QuarterEvent | None:
    for e in events(conn, quarter):
        if e.event == name and e.body == body:
            return e
    return None


# -- review ------------------------------------------------------------------------------------
def marks(conn: Connection, nid: int) -> q.Marks:
    r = conn.execute("SELECT accuracy, completeness, compliance, note FROM review_marks"
                     " WHERE nominee_id = ?", (nid,)).fetchone()  # fmt: skip
    return q.Marks() if r is None else q.Marks(accuracy=r[0], completeness=r[1], compliance=r[2],
                                                note=r[3])  # fmt: skip


def put_marks(conn: Connection, nid: int, m: q.Marks, *, now: dt.datetime, user: str) -> None:
    conn.execute(
        "INSERT INTO review_marks (nominee_id, accuracy, completeness, compliance, note, updated,"
        " user) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (nominee_id) DO UPDATE SET"
        " accuracy = excluded.accuracy, completeness = excluded.completeness,"
        " compliance = excluded.compliance, note = excluded.note, updated = excluded.updated,"
        " user = excluded.user",
        (nid, m.accuracy, m.completeness, m.compliance, m.note, _ts(now), user),
    )


_F_COLS = "id, nominee_id, kind, clause, field, text, raised, sent, resolved, origin_id"


def _finding(r: Any) -> q.ReviewFinding:
    return q.ReviewFinding(id=r[0], nominee_id=r[1], kind=r[2], clause=r[3], field=r[4],
                           text=r[5], raised=r[6], sent=r[7], resolved=r[8], origin_id=r[9])  # fmt: skip


def add_finding(conn: Connection, nid: int, kind: str, text: str, *, clause: str = "",
                field: str = "", raised: str, origin_id: int | None = None) -> int | None:  # fmt: skip
    cur = conn.execute(
        "INSERT INTO review_findings (nominee_id, origin_id, kind, clause, field, text, raised)"
        " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (nominee_id, origin_id) DO NOTHING",
        (nid, origin_id, kind, clause, field, text, raised),
    )
    return int(cur.lastrowid or 0) if cur.rowcount else None


def findings(conn: Connection, nid: int | None = None, *, open_only: bool = False,
             unsent_for_body: str = "") -> list[q.ReviewFinding]:  # fmt: skip
    where: list[str] = []
    params: list[Any] = []
    if nid is not None:
        where.append("f.nominee_id = ?")
        params.append(nid)
    if open_only:
        where.append("f.resolved IS NULL")
    if unsent_for_body:
        where.append("f.sent IS NULL AND n.body = ?")
        params.append(unsent_for_body)
    sql = (f"SELECT {', '.join('f.' + c for c in _F_COLS.split(', '))} FROM review_findings f"
           " JOIN nominees n ON n.id = f.nominee_id")  # fmt: skip
    if where:
        sql += " WHERE " + " AND ".join(where)
    return [_finding(r) for r in conn.execute(sql + " ORDER BY f.id", params)]


def mark_findings(conn: Connection, ids: list[int], column: str, value: str) -> None:
    assert column in ("sent", "resolved")
    conn.executemany(f"UPDATE review_findings SET {column} = ? WHERE id = ?",
                     [(value, i) for i in ids])  # fmt: skip


def resolve_open(conn: Connection, nid: int, value: str) -> int:
    cur = conn.execute("UPDATE review_findings SET resolved = ? WHERE nominee_id = ?"
                       " AND resolved IS NULL", (value, nid))  # fmt: skip
    return cur.rowcount


def add_changes(conn: Connection, nid: int, bundle_id: str, fields: list[str], now: dt.datetime) -> None:
    conn.execute("INSERT INTO review_changes (nominee_id, bundle_id, fields, received)"
                 " VALUES (?, ?, ?, ?)", (nid, bundle_id, json.dumps(fields), _ts(now)))  # fmt: skip


def changes(conn: Connection, nid: int) -> list[tuple[str, str, list[str]]]:
    rows = conn.execute("SELECT bundle_id, received, fields FROM review_changes WHERE"
                        " nominee_id = ? ORDER BY id", (nid,))  # fmt: skip
    return [(r[0], r[1], list(json.loads(r[2]))) for r in rows]


# -- decisions and the register ----------------------------------------------------------------
def put_decision(conn: Connection, d: q.Decision, now: dt.datetime, sent: str | None = None) -> None:
    conn.execute(
        "INSERT INTO decisions (nominee_id, decision, number, day, recorded, sent) VALUES"
        " (?, ?, ?, ?, ?, ?) ON CONFLICT (nominee_id) DO UPDATE SET decision = excluded.decision,"
        " number = excluded.number, day = excluded.day, recorded = excluded.recorded",
        (d.nominee_id, d.decision, d.number, d.day.isoformat(), _ts(now), sent),
    )


def decision(conn: Connection, nid: int) -> q.Decision | None:
    r = conn.execute("SELECT nominee_id, decision, number, day, sent FROM decisions"
                     " WHERE nominee_id = ?", (nid,)).fetchone()  # fmt: skip
    return None if r is None else q.Decision(nominee_id=r[0], decision=r[1], number=r[2],
                                             day=dt.date.fromisoformat(r[3]), sent=r[4])  # fmt: skip


def unsent_decisions(conn: Connection, *, body: str, quarter: str = "") -> list[Any]:
    """(nominee id, IIN, decision, number, day) of the body's decisions not yet in an extract."""
    return [tuple(r) for r in conn.execute(
        "SELECT d.nominee_id, n.iin, d.decision, d.number, d.day FROM decisions d"
        " JOIN nominees n ON n.id = d.nominee_id WHERE d.sent IS NULL AND n.body = ?"
        " AND (? = '' OR n.quarter = ?) ORDER BY n.sort_key", (body, quarter, quarter))]  # fmt: skip


def decision_sent(conn: Connection, nid: int, day: dt.date) -> None:
    conn.execute("UPDATE decisions SET sent = ? WHERE nominee_id = ?", (day.isoformat(), nid))


def put_member(conn: Connection, nid: int, *, body: str, position: str, enrolled_on: dt.date,
               term_ends: dt.date, number: str) -> None:  # fmt: skip
    conn.execute(
        "INSERT INTO reserve_members (nominee_id, body, position, enrolled_on, term_ends,"
        " decision_number) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (nominee_id) DO UPDATE SET"
        " body = excluded.body, position = excluded.position, enrolled_on = excluded.enrolled_on,"
        " term_ends = excluded.term_ends, decision_number = excluded.decision_number,"
        " excluded_on = NULL, ground = NULL, exclusion_ref = ''",
        (nid, body, position, enrolled_on.isoformat(), term_ends.isoformat(), number),
    )


def drop_member(conn: Connection, nid: int) -> None:
    """Remove a membership still running; an ended one (an earlier nomination's) stays in the
    register as the person's history."""
    conn.execute("DELETE FROM reserve_members WHERE nominee_id = ? AND excluded_on IS NULL", (nid,))


def exclude_member(conn: Connection, nid: int, day: dt.date, ground: str, ref: str) -> None:
    conn.execute("UPDATE reserve_members SET excluded_on = ?, ground = ?, exclusion_ref = ?"
                 " WHERE nominee_id = ?", (day.isoformat(), ground, ref, nid))  # fmt: skip


_M_SQL = (
    "SELECT m.nominee_id, n.iin, n.surname || ' ' || n.given_name || ' ' || n.patronymic,"
    " m.body, m.position, m.enrolled_on, m.term_ends, m.decision_number, m.excluded_on, m.ground"
    " FROM reserve_members m JOIN nominees n ON n.id = m.nominee_id"
)


def _member(r: Any) -> q.Member:
    return q.Member(nominee_id=r[0], iin=r[1], name=r[2].strip(), body=r[3], position=r[4],
                    enrolled_on=dt.date.fromisoformat(r[5]), term_ends=dt.date.fromisoformat(r[6]),
                    decision_number=r[7], excluded_on=_d(r[8]), ground=r[9])  # fmt: skip


def members(conn: Connection, *, body: str = "") -> list[q.Member]:
    sql = _M_SQL + (" WHERE m.body = ?" if body else "") + " ORDER BY n.sort_key, m.nominee_id"
    return [_member(r) for r in conn.execute(sql, (body,) if body else ())]


def member(conn: Connection, nid: int) -> q.Member | None:
    r = conn.execute(_M_SQL + " WHERE m.nominee_id = ?", (nid,)).fetchone()
    return None if r is None else _member(r)


# -- notices -----------------------------------------------------------------------------------
def put_notice(conn: Connection, nid: int, received: dt.date, due: dt.date) -> None:
    conn.execute("INSERT INTO notices (nominee_id, received, due) VALUES (?, ?, ?)"
                 " ON CONFLICT (nominee_id) DO UPDATE SET received = excluded.received,"
                 " due = excluded.due", (nid, received.isoformat(), due.isoformat()))  # fmt: skip


def notices(conn: Connection, quarter: str = "") -> list[q.NoticeRow]:
    sql = ("SELECT t.nominee_id, n.surname || ' ' || n.given_name, t.received, t.due, t.printed,"
           " t.document, t.delivered FROM notices t JOIN nominees n ON n.id = t.nominee_id")  # fmt: skip
    rows = conn.execute(sql + (" WHERE n.quarter = ?" if quarter else "") + " ORDER BY t.due",
                        (quarter,) if quarter else ())  # fmt: skip
    return [q.NoticeRow(nominee_id=r[0], name=r[1], received=dt.date.fromisoformat(r[2]),
                        due=dt.date.fromisoformat(r[3]), printed=r[4], document=r[5],
                        delivered=_d(r[6])) for r in rows]  # fmt: skip


def notice_printed(conn: Connection, nid: int, when: str, code: str) -> int:
    return conn.execute("UPDATE notices SET printed = ?, document = ? WHERE nominee_id = ?",
                        (when, code, nid)).rowcount  # fmt: skip


def notice_delivered(conn: Connection, nid: int, day: dt.date) -> int:
    return conn.execute("UPDATE notices SET delivered = ? WHERE nominee_id = ?",
                        (day.isoformat(), nid)).rowcount  # fmt: skip


# -- exclusions --------------------------------------------------------------------------------
_X_SQL = (
    "SELECT x.id, x.nominee_id, n.iin, n.surname || ' ' || n.given_name, x.ground, x.fact_date,"
    " x.evidence, x.source, x.state, x.submitted, x.decision, x.decision_number,"
    " x.decision_day, x.decision_sent FROM exclusions x JOIN nominees n ON n.id = x.nominee_id"
)


def _excl(r: Any) -> q.Exclusion:
    return q.Exclusion(id=r[0], nominee_id=r[1], iin=r[2], name=r[3], ground=r[4],
                       fact_date=dt.date.fromisoformat(r[5]), evidence=r[6], source=r[7],
                       state=r[8], submitted=r[9], decision=r[10], decision_number=r[11],
                       decision_day=_d(r[12]), decision_sent=r[13])  # fmt: skip


def add_exclusion(conn: Connection, nid: int, ground: str, fact_date: dt.date, evidence: str, *,
                  source: str, state: str, raised: str) -> int | None:  # fmt: skip
    cur = conn.execute(
        "INSERT INTO exclusions (nominee_id, ground, fact_date, evidence, source, state, raised)"
        " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (nominee_id, ground, fact_date) DO NOTHING",
        (nid, ground, fact_date.isoformat(), evidence, source, state, raised),
    )
    return int(cur.lastrowid or 0) if cur.rowcount else None


def exclusions(conn: Connection, *, state: str = "", body: str = "", nid: int | None = None,
               xid: int | None = None) -> list[q.Exclusion]:  # fmt: skip
    where: list[str] = []
    params: list[Any] = []
    for col, val in (("x.state", state), ("n.body", body)):
        if val:
            where.append(f"{col} = ?")
            params.append(val)
    for col, ival in (("x.nominee_id", nid), ("x.id", xid)):
        if ival is not None:
            where.append(f"{col} = ?")
            params.append(ival)
    sql = _X_SQL + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY x.id"
    return [_excl(r) for r in conn.execute(sql, params)]


def find_exclusion(conn: Connection, nid: int, ground: str, fact_date: dt.date) -> q.Exclusion | None:
    r = conn.execute(_X_SQL + " WHERE x.nominee_id = ? AND x.ground = ? AND x.fact_date = ?",
                     (nid, ground, fact_date.isoformat())).fetchone()  # fmt: skip
    return None if r is None else _excl(r)


def update_exclusion(conn: Connection, xid: int, **values: str | None) -> None:
    allowed = {"state", "submitted", "decision", "decision_number", "decision_day", "decision_sent"}
    assert set(values) <= allowed
    sets = ", ".join(f"{k} = ?" for k in values)
    conn.execute(f"UPDATE exclusions SET {sets} WHERE id = ?", [*values.values(), xid])


# -- read models for the board, the inbox and the deadlines -------------------------------------
def quarters(conn: Connection) -> set[str]:
    """Every quarter a nominee or a recorded event names."""
    found = {r[0] for r in conn.execute("SELECT DISTINCT quarter FROM nominees WHERE quarter != ''")}
    return found | {r[0] for r in conn.execute("SELECT DISTINCT quarter FROM quarter_events")}


def decided_bodies(conn: Connection, quarter: str) -> set[str]:
    return {r[0] for r in conn.execute(
        "SELECT DISTINCT n.body FROM decisions d JOIN nominees n ON n.id = d.nominee_id"
        " WHERE n.quarter = ?", (quarter,))}  # fmt: skip


def open_findings_count(conn: Connection) -> dict[int, int]:
    """Nominee id -> its unresolved findings."""
    return dict(conn.execute("SELECT nominee_id, count(*) FROM review_findings WHERE resolved IS NULL"
                             " GROUP BY nominee_id").fetchall())  # fmt: skip


def states(conn: Connection, quarter: str = "") -> list[tuple[str, str, str]]:
    """(IIN, body, status) of every dossier (of ``quarter``), by IIN."""
    sql = "SELECT iin, body, status FROM nominees" + (" WHERE quarter = ?" if quarter else "")
    return [(r[0], r[1], r[2]) for r in conn.execute(sql + " ORDER BY iin", (quarter,) if quarter else ())]


def received_packages(conn: Connection) -> list[Any]:
    """(bundle id, kind, sender role, processed, dossiers, quarter) of imported nominations and
    corrections, oldest first."""
    return conn.execute(
        "SELECT b.id, b.kind, p.role, b.processed, count(i.iin), min(n.quarter) FROM transfer_bundles b"
        " JOIN transfer_peers p ON p.id = b.peer_id JOIN transfer_items i ON i.bundle_id = b.id"
        " LEFT JOIN nominees n ON n.id = i.nominee_id WHERE b.direction = 'in'"
        " AND b.kind IN ('nominations', 'corrections') GROUP BY b.id ORDER BY b.processed"
    ).fetchall()  # fmt: skip


def status_counts(conn: Connection) -> list[tuple[str, str, str, int]]:
    """(body, quarter, status, count) over every dossier."""
    return [tuple(r) for r in conn.execute(
        "SELECT body, quarter, status, count(*) FROM nominees GROUP BY body, quarter, status")]
