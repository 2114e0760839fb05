"""SQL of the reports (issue 16): counts grouped in SQLite over the nominees, the review findings,
the quarter events, the notices, the decisions and the reserve register, and the few dossier facts
the composition needs (``dossier_facts``, written with each dossier by ``app.store.nominees``).

Functions over a connection; nothing here writes. Quarters are ``YYYYQn`` strings, which sort as
text in time order, so a period is ``quarter BETWEEN ? AND ?``."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, NamedTuple

from app.store.connection import CACHE_KIB, Connection
from app.store.database import BULK_CACHE_KIB


@contextmanager
def page_cache(conn: Connection) -> Iterator[None]:
    """A 64 MiB page cache while a report runs (as a bulk load has): the report's queries read
    the same tables several times, and each page is decrypted once instead of per query."""
    conn.execute(f"PRAGMA cache_size = {BULK_CACHE_KIB:d}")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA cache_size = {CACHE_KIB:d}")


def _body(body: str, column: str) -> tuple[str, tuple[Any, ...]]:
    return (f" AND {column} = ?", (body,)) if body else ("", ())


Counts = list[tuple[str, str, str, int]]
Arrivals = dict[tuple[str, str], dt.date]


def status_counts(conn: Connection, first: str, last: str, body: str = "") -> tuple[Counts, Arrivals]:
    """(quarter, body, status, count) of the dossiers nominated in the period, and (quarter, body)
    -> the day the first dossier past the body's list was recorded here (at the Department: the
    day the body's nominations arrived).

    One pass over the table, counted here: a GROUP BY builds a temporary B-tree of every row
    (0.5 s at 100,000 dossiers) and the quarter index costs a row lookup per dossier."""
    extra, p = _body(body, "body")
    counts: Counter[tuple[str, str, str]] = Counter()
    arrived: dict[tuple[str, str], str] = {}
    early = {"draft", "ready", "in_list"}
    for qt, b, status, created in conn.execute(
            "SELECT quarter, body, status, created FROM nominees NOT INDEXED"
            " WHERE quarter BETWEEN ? AND ?" + extra, (first, last, *p)):  # fmt: skip
        counts[(qt, b, status)] += 1
        if status not in early and created < arrived.get((qt, b), "~"):
            arrived[(qt, b)] = created
    return ([(qt, b, st, n) for (qt, b, st), n in counts.items()],
            {k: dt.date.fromisoformat(v[:10]) for k, v in arrived.items()})  # fmt: skip


def deficiency_counts(conn: Connection, first: str, last: str, body: str = "") -> list[tuple[str, str, int]]:
    """(quarter, body, dossiers with at least one deficiency found) — p.10, p.11(1)."""
    extra, p = _body(body, "n.body")
    sql = ("SELECT n.quarter, n.body, count(DISTINCT f.nominee_id) FROM review_findings f"
           " CROSS JOIN nominees n ON n.id = f.nominee_id WHERE f.kind = 'deficiency'"
           " AND n.quarter BETWEEN ? AND ?" + extra + " GROUP BY n.quarter, n.body")  # fmt: skip
    return [(r[0], r[1], int(r[2])) for r in conn.execute(sql, (first, last, *p))]


def events(conn: Connection, first: str, last: str) -> list[tuple[str, str, str, dt.date]]:
    """(quarter, body, event, day) of the period."""
    rows = conn.execute("SELECT quarter, body, event, day FROM quarter_events"
                        " WHERE quarter BETWEEN ? AND ?", (first, last))  # fmt: skip
    return [(r[0], r[1], r[2], dt.date.fromisoformat(r[3])) for r in rows]


def last_marks(conn: Connection, first: str, last: str) -> dict[str, dt.date]:
    """quarter -> the day of the last review mark (p.11(1)) on its dossiers."""
    rows = conn.execute("SELECT n.quarter, max(m.updated) FROM review_marks m CROSS JOIN nominees n"
                        " ON n.id = m.nominee_id WHERE n.quarter BETWEEN ? AND ? GROUP BY n.quarter",
                        (first, last))  # fmt: skip
    return {r[0]: dt.date.fromisoformat(r[1][:10]) for r in rows if r[1]}


def notices(conn: Connection, first: str, last: str,
            body: str = "") -> list[tuple[str, str, str, str | None]]:  # fmt: skip
    """(quarter, body, due, delivered) of the notices of enrolment (p.13), ISO days."""
    extra, p = _body(body, "n.body")
    rows = conn.execute("SELECT n.quarter, n.body, t.due, t.delivered FROM notices t CROSS JOIN nominees n"
                        " ON n.id = t.nominee_id WHERE n.quarter BETWEEN ? AND ?" + extra,
                        (first, last, *p))  # fmt: skip
    return [(r[0], r[1], r[2], r[3]) for r in rows]


class Line(NamedTuple):
    """A register line with its dossier facts (dates as ISO text; lists comma-separated)."""

    body: str
    position: str
    enrolled_on: str
    term_ends: str
    excluded_on: str | None
    birth: str
    sex: str
    rank: str
    service_start: str
    trained: str


_LINE = ("m.body, m.position, m.enrolled_on, m.term_ends, m.excluded_on, f.birth, f.sex, f.rank,"
         " f.service_start, f.trained")  # fmt: skip


def _lines(conn: Connection, where: str, params: list[Any]) -> list[Line]:
    """Register lines with the dossier facts written beside each dossier (``dossier_facts``,
    migration 0009): one small row per member, never the member's dossier."""
    sql = (f"SELECT {_LINE} FROM reserve_members m CROSS JOIN dossier_facts f ON f.nominee_id = m.nominee_id"
           " WHERE " + where)  # fmt: skip
    return [Line(*r) for r in conn.execute(sql, params)]


def active(conn: Connection, at: dt.date, body: str = "") -> list[Line]:
    """Register lines active at ``at``: enrolled, term running, not excluded (p.14, p.18)."""
    extra, p = _body(body, "m.body")
    day = at.isoformat()
    return _lines(conn, "m.enrolled_on <= ? AND m.term_ends > ? AND (m.excluded_on IS NULL"
                  " OR m.excluded_on > ?)" + extra, [day, day, day, *p])  # fmt: skip


def appointed(conn: Connection, start: dt.date, end: dt.date, body: str = "") -> list[tuple[str, str]]:
    """(enrolled_on, appointment day) of the appointments from the reserve in [start, end], as the
    register records them (``reserve_appointments``, p.14)."""
    extra, p = _body(body, "m.body")
    rows = conn.execute("SELECT m.enrolled_on, a.day FROM reserve_appointments a CROSS JOIN"
                        " reserve_members m ON m.nominee_id = a.nominee_id WHERE a.day BETWEEN ? AND ?"
                        + extra, (start.isoformat(), end.isoformat(), *p))  # fmt: skip
    return [(r[0], r[1]) for r in rows]


def term_ends(conn: Connection, at: dt.date, body: str = "") -> list[tuple[str, str]]:
    """(body, term end) of the lines active at ``at``."""
    extra, p = _body(body, "body")
    day = at.isoformat()
    rows = conn.execute("SELECT body, term_ends FROM reserve_members WHERE enrolled_on <= ? AND"
                        " term_ends > ? AND (excluded_on IS NULL OR excluded_on > ?)" + extra,
                        (day, day, day, *p))  # fmt: skip
    return [(r[0], r[1]) for r in rows]


def excluded(conn: Connection, start: dt.date, end: dt.date, body: str = "") -> list[tuple[str, str, int]]:
    """(excluded_on, ground, count) of register lines excluded in [start, end] (p.18, p.19); an
    appointment from the reserve (ground ``appointed``) and a term that ran out before a
    re-nomination (ground ``term_expired``) also end the line and are not counted."""
    extra, p = _body(body, "body")
    rows = conn.execute("SELECT excluded_on, ground, count(*) FROM reserve_members WHERE excluded_on"
                        " BETWEEN ? AND ?"
                        " AND coalesce(ground, '') NOT IN ('appointed', 'term_expired')" + extra
                        + " GROUP BY excluded_on, ground",
                        (start.isoformat(), end.isoformat(), *p))  # fmt: skip
    return [(r[0], r[1] or "", int(r[2])) for r in rows]


def pending_exclusions(conn: Connection, body: str = "") -> list[tuple[str, int]]:
    """(ground, count) of exclusions recorded but not yet decided."""
    extra, p = _body(body, "n.body")
    rows = conn.execute("SELECT x.ground, count(*) FROM exclusions x CROSS JOIN nominees n"
                        " ON n.id = x.nominee_id WHERE x.state != 'decided'" + extra
                        + " GROUP BY x.ground", p)  # fmt: skip
    return [(r[0], int(r[1])) for r in rows]
