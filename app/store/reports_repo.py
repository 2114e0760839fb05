"""SQL of the reports (issue 16): counts grouped in SQLite over the nominees, the review findings,
the quarter events, the notices, the decisions and the reserve register, and the few dossier facts
the composition needs, decoded into a small struct (msgspec skips every other field).

Functions over a connection; nothing here writes. Quarters are ``YYYYQn`` strings, which sort as
text in time order, so a period is ``quarter BETWEEN ? AND ?``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import msgspec

from app.store.connection import Connection


def _body(body: str, column: str) -> tuple[str, tuple[Any, ...]]:
    return (f" AND {column} = ?", (body,)) if body else ("", ())


def status_counts(conn: Connection, first: str, last: str, body: str = "") -> list[tuple[str, str, str, int]]:
    """(quarter, body, status, count) of the dossiers nominated in the period."""
    extra, p = _body(body, "body")
    sql = ("SELECT quarter, body, status, count(*) FROM nominees WHERE quarter BETWEEN ? AND ?"
           + extra + " GROUP BY quarter, body, status")  # fmt: skip
    return [(r[0], r[1], r[2], int(r[3])) for r in conn.execute(sql, (first, last, *p))]


def deficiency_counts(conn: Connection, first: str, last: str, body: str = "") -> list[tuple[str, str, int]]:
    """(quarter, body, dossiers with at least one deficiency found) — p.10, p.11(1)."""
    extra, p = _body(body, "n.body")
    sql = ("SELECT n.quarter, n.body, count(DISTINCT f.nominee_id) FROM review_findings f"
           " JOIN nominees n ON n.id = f.nominee_id WHERE f.kind = 'deficiency'"
           " AND n.quarter BETWEEN ? AND ?" + extra + " GROUP BY n.quarter, n.body")  # fmt: skip
    return [(r[0], r[1], int(r[2])) for r in conn.execute(sql, (first, last, *p))]


def events(conn: Connection, first: str, last: str) -> list[tuple[str, str, str, dt.date]]:
    """(quarter, body, event, day) of the period."""
    rows = conn.execute("SELECT quarter, body, event, day FROM quarter_events"
                        " WHERE quarter BETWEEN ? AND ?", (first, last))  # fmt: skip
    return [(r[0], r[1], r[2], dt.date.fromisoformat(r[3])) for r in rows]


def first_arrival(conn: Connection, first: str, last: str) -> dict[tuple[str, str], dt.date]:
    """(quarter, body) -> the day the first dossier of that list was recorded here: at the
    Department, the day the body's nominations arrived."""
    rows = conn.execute("SELECT quarter, body, min(created) FROM nominees WHERE quarter BETWEEN ? AND ?"
                        " AND status NOT IN ('draft', 'ready', 'in_list') GROUP BY quarter, body",
                        (first, last))  # fmt: skip
    return {(r[0], r[1]): dt.date.fromisoformat(r[2][:10]) for r in rows}


def last_marks(conn: Connection, first: str, last: str) -> dict[str, dt.date]:
    """quarter -> the day of the last review mark (p.11(1)) on its dossiers."""
    rows = conn.execute("SELECT n.quarter, max(m.updated) FROM review_marks m JOIN nominees n"
                        " ON n.id = m.nominee_id WHERE n.quarter BETWEEN ? AND ? GROUP BY n.quarter",
                        (first, last))  # fmt: skip
    return {r[0]: dt.date.fromisoformat(r[1][:10]) for r in rows if r[1]}


def decided_bodies(conn: Connection, first: str, last: str) -> dict[str, set[str]]:
    """quarter -> bodies with a decision of the Head of PA (whose first heads are to be informed)."""
    out: dict[str, set[str]] = {}
    for qt, body in conn.execute("SELECT DISTINCT n.quarter, n.body FROM decisions d JOIN nominees n"
                                 " ON n.id = d.nominee_id WHERE n.quarter BETWEEN ? AND ?",
                                 (first, last)):  # fmt: skip
        out.setdefault(qt, set()).add(body)
    return out


def notices(conn: Connection, first: str, last: str,
            body: str = "") -> list[tuple[str, str, dt.date, dt.date | None]]:  # fmt: skip
    """(quarter, body, due, delivered) of each notice of enrolment (p.13)."""
    extra, p = _body(body, "n.body")
    rows = conn.execute("SELECT n.quarter, n.body, t.due, t.delivered FROM notices t JOIN nominees n"
                        " ON n.id = t.nominee_id WHERE n.quarter BETWEEN ? AND ?" + extra,
                        (first, last, *p))  # fmt: skip
    return [(r[0], r[1], dt.date.fromisoformat(r[2]), dt.date.fromisoformat(r[3]) if r[3] else None)
            for r in rows]  # fmt: skip


class _Person(msgspec.Struct, kw_only=True):
    birth_date: dt.date
    sex: str


class _Training(msgspec.Struct, kw_only=True):
    completed: dt.date | None = None


class _Event(msgspec.Struct, kw_only=True):
    kind: str
    date: dt.date


class Facts(msgspec.Struct, kw_only=True):
    """The dossier facts the composition and the appointments need; other fields are skipped."""

    person: _Person
    rank: str = ""
    service_start: dt.date | None = None
    training: list[_Training] = msgspec.field(default_factory=list)
    career_events: list[_Event] = msgspec.field(default_factory=list)


_FACTS = msgspec.json.Decoder(Facts)


class MemberFacts(msgspec.Struct, frozen=True, kw_only=True):
    nominee_id: int
    body: str
    position: str
    enrolled_on: dt.date
    term_ends: dt.date
    excluded_on: dt.date | None
    ground: str | None
    facts: Facts | None  # None when only the register line is wanted


def members(conn: Connection, body: str = "", *, facts: bool = False) -> Iterator[MemberFacts]:
    """Every line of the reserve register (of ``body``), with the dossier facts when asked."""
    extra, p = _body(body, "m.body")
    cols = "m.nominee_id, m.body, m.position, m.enrolled_on, m.term_ends, m.excluded_on, m.ground"
    if facts:
        sql = (f"SELECT {cols}, d.data FROM reserve_members m JOIN dossiers d"
               " ON d.nominee_id = m.nominee_id WHERE 1 = 1" + extra)  # fmt: skip
    else:
        sql = f"SELECT {cols} FROM reserve_members m WHERE 1 = 1" + extra
    d = dt.date.fromisoformat
    for r in conn.execute(sql, p):
        yield MemberFacts(nominee_id=r[0], body=r[1], position=r[2], enrolled_on=d(r[3]),
                          term_ends=d(r[4]), excluded_on=d(r[5]) if r[5] else None, ground=r[6],
                          facts=_FACTS.decode(r[7]) if facts else None)  # fmt: skip


def excluded(conn: Connection, start: dt.date, end: dt.date, body: str = "") -> list[tuple[str, str, int]]:
    """(excluded_on, ground, count) of register lines excluded in [start, end] (p.18, p.19)."""
    extra, p = _body(body, "body")
    rows = conn.execute("SELECT excluded_on, ground, count(*) FROM reserve_members WHERE excluded_on"
                        " BETWEEN ? AND ?" + extra + " GROUP BY excluded_on, ground",
                        (start.isoformat(), end.isoformat(), *p))  # fmt: skip
    return [(r[0], r[1] or "", int(r[2])) for r in rows]


def pending_exclusions(conn: Connection, body: str = "") -> list[tuple[str, int]]:
    """(ground, count) of exclusions recorded but not yet decided."""
    extra, p = _body(body, "n.body")
    rows = conn.execute("SELECT x.ground, count(*) FROM exclusions x JOIN nominees n ON n.id = x.nominee_id"
                        " WHERE x.state != 'decided'" + extra + " GROUP BY x.ground", p)  # fmt: skip
    return [(r[0], int(r[1])) for r in rows]
