"""SQL of the reports (issue 16): counts grouped in SQLite over the nominees, the review findings,
the quarter events, the notices, the decisions and the reserve register, and the few dossier facts
the composition needs, decoded into a small struct (msgspec skips every other field).

Functions over a connection; nothing here writes. Quarters are ``YYYYQn`` strings, which sort as
text in time order, so a period is ``quarter BETWEEN ? AND ?``."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, NamedTuple

import msgspec

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


class _Person(msgspec.Struct, kw_only=True):
    birth_date: dt.date
    sex: str


class _Training(msgspec.Struct, kw_only=True):
    completed: dt.date | None = None


class Facts(msgspec.Struct, kw_only=True):
    """The dossier facts the composition needs; other fields are skipped."""

    person: _Person
    rank: str = ""
    service_start: dt.date | None = None
    training: list[_Training] = msgspec.field(default_factory=list)


_FACTS = msgspec.json.Decoder(Facts)

# The register's dossier facts, kept per connection in memory (temp_store=MEMORY: never on disk)
# and brought up to date by dossier version before each report, so a report reads small rows
# instead of every member's dossier.
_FACTS_TABLE = (
    "CREATE TEMP TABLE IF NOT EXISTS report_facts (nominee_id INTEGER PRIMARY KEY,"
    " version INTEGER NOT NULL, birth TEXT NOT NULL, sex TEXT NOT NULL, rank TEXT NOT NULL,"
    " service_start TEXT NOT NULL, trained TEXT NOT NULL)"
)


def _dates(values: Iterator[dt.date | None]) -> str:
    return ",".join(sorted(d.isoformat() for d in values if d is not None))


def _facts_row(nid: int, version: int, data: bytes) -> tuple[object, ...]:
    f = _FACTS.decode(data)
    return (nid, version, f.person.birth_date.isoformat(), f.person.sex, f.rank.strip(),
            f.service_start.isoformat() if f.service_start else "",
            _dates(t.completed for t in f.training))  # fmt: skip


def _unchanged(conn: Connection) -> bool:
    """Nothing was committed since the last refresh: by another connection (``data_version``)
    or by this one (``total_changes``), as recorded in ``temp.report_facts_state``."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS report_facts_state (data_version INTEGER, changes INTEGER)")
    seen = conn.execute("SELECT data_version, changes FROM temp.report_facts_state").fetchone()
    now = (conn.execute("PRAGMA data_version").fetchone()[0], conn.total_changes)
    return seen is not None and tuple(seen) == now


def _remember(conn: Connection) -> None:
    conn.execute("DELETE FROM temp.report_facts_state")
    version = conn.execute("PRAGMA data_version").fetchone()[0]
    # the INSERT is itself one change of this connection: record the count it leaves
    conn.execute("INSERT INTO temp.report_facts_state VALUES (?, ?)", (version, conn.total_changes + 1))


def refresh_facts(conn: Connection) -> int:
    """Decode the dossiers of register lines that are new or changed since the last report on
    this connection; returns how many were read. Nothing is looked at when nothing was committed
    since; a few are fetched one by one; many (the first report on a connection) in one pass over
    the register in dossier order."""
    conn.execute(_FACTS_TABLE)
    if _unchanged(conn):
        return 0
    stale = conn.execute(
        "SELECT n.id, n.version FROM reserve_members m CROSS JOIN nominees n ON n.id = m.nominee_id"
        " LEFT JOIN temp.report_facts f ON f.nominee_id = m.nominee_id"
        " WHERE f.version IS NOT n.version ORDER BY n.id").fetchall()  # fmt: skip
    rows = []
    if len(stale) > 500:
        wanted = dict(stale)
        for nid, data in conn.execute("SELECT m.nominee_id, d.data FROM reserve_members m CROSS JOIN"
                                      " dossiers d ON d.nominee_id = m.nominee_id"):  # fmt: skip
            if nid in wanted:
                rows.append(_facts_row(nid, wanted[nid], data))
    else:
        for nid, version in stale:
            found = conn.execute("SELECT data FROM dossiers WHERE nominee_id = ?", (nid,)).fetchone()
            if found is not None:
                rows.append(_facts_row(nid, version, found[0]))
    if rows:
        conn.executemany("INSERT OR REPLACE INTO temp.report_facts VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    _remember(conn)
    return len(rows)


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
    refresh_facts(conn)
    sql = (f"SELECT {_LINE} FROM reserve_members m JOIN temp.report_facts f ON f.nominee_id = m.nominee_id"
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
    appointment from the reserve also ends the line (ground ``appointed``) and is not counted."""
    extra, p = _body(body, "body")
    rows = conn.execute("SELECT excluded_on, ground, count(*) FROM reserve_members WHERE excluded_on"
                        " BETWEEN ? AND ? AND coalesce(ground, '') != 'appointed'" + extra
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
