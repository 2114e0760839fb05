"""When a nominee's materials were sent (Rules-2025 p.8(3): no disciplinary sanction "at the moment
the materials are sent"): the date of the latest nominations bundle that carried the person (the
sender's date, recorded in the bundle and kept on both sides), or, at the State Guard Service, the
date its list was submitted to the Head of PA (p.5, p.6). Nothing while the current nomination is
still a draft, in the list or re-nominated (its materials are not sent yet)."""

from __future__ import annotations

import datetime as dt

from app.store.connection import Connection

_UNSENT = ("draft", "in_list", "renominated")

_SQL = (
    "SELECT n.id, max(x.day) FROM nominees n JOIN ("
    " SELECT i.nominee_id AS nid, substr(b.created, 1, 10) AS day FROM transfer_items i"
    " JOIN transfer_bundles b ON b.id = i.bundle_id WHERE b.kind = 'nominations'"
    " UNION ALL SELECT n2.id, e.day FROM nominees n2 JOIN quarter_events e ON e.quarter = n2.quarter"
    " AND e.body = n2.body AND e.event = 'submitted_to_head_pa'"
    ") x ON x.nid = n.id WHERE n.status NOT IN (?, ?, ?)"
)


def sent_on(conn: Connection, nid: int) -> dt.date | None:
    r = conn.execute(_SQL + " AND n.id = ? GROUP BY n.id", (*_UNSENT, nid)).fetchone()
    return None if r is None or r[1] is None else dt.date.fromisoformat(r[1])


def sent_dates(conn: Connection) -> dict[int, dt.date]:
    """Every sent nominee's sending date, by nominee id (one query, for checking them all)."""
    return {int(r[0]): dt.date.fromisoformat(r[1])
            for r in conn.execute(_SQL + " GROUP BY n.id", _UNSENT) if r[1] is not None}  # fmt: skip
