"""The workstation's own settings (``meta``) and the working calendar's overrides."""

from __future__ import annotations

import datetime as dt

from app.calendar import Override, OverrideKind
from app.store.connection import Connection


def value(conn: Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def calendar_overrides(conn: Connection, year: int | None = None) -> list[Override]:
    sql = "SELECT day, kind, reason, reference FROM calendar_overrides"
    params: tuple[str, ...] = ()
    if year is not None:
        sql += " WHERE day LIKE ?"
        params = (f"{year:04d}-%",)
    rows = conn.execute(sql + " ORDER BY day", params).fetchall()
    return [Override(day=dt.date.fromisoformat(d), kind=OverrideKind(k), reason=r, reference=ref)
            for d, k, r, ref in rows]  # fmt: skip
