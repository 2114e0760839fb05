"""The workstation's own settings (``meta``) and the working calendar's overrides."""

from __future__ import annotations

import datetime as dt

from app.calendar import Override, OverrideKind
from app.store.connection import Connection


def value(conn: Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def all_values(conn: Connection) -> dict[str, str]:
    return {str(k): str(v) for k, v in conn.execute("SELECT key, value FROM meta")}


def put(conn: Connection, key: str, value: str) -> None:
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))


def calendar_overrides(conn: Connection, year: int | None = None) -> list[Override]:
    sql = "SELECT day, kind, reason, reference FROM calendar_overrides"
    params: tuple[str, ...] = ()
    if year is not None:
        sql += " WHERE day LIKE ?"
        params = (f"{year:04d}-%",)
    rows = conn.execute(sql + " ORDER BY day", params).fetchall()
    return [Override(day=dt.date.fromisoformat(d), kind=OverrideKind(k), reason=r, reference=ref)
            for d, k, r, ref in rows]  # fmt: skip


def has_override(conn: Connection, day: dt.date) -> bool:
    row = conn.execute("SELECT 1 FROM calendar_overrides WHERE day = ?", (day.isoformat(),)).fetchone()
    return row is not None


def add_override(conn: Connection, o: Override, *, created: str, user: str) -> None:
    conn.execute(
        "INSERT INTO calendar_overrides (day, kind, reason, reference, created, created_by)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (o.day.isoformat(), o.kind.value, o.reason, o.reference, created, user),
    )


def remove_override(conn: Connection, day: dt.date) -> bool:
    """False when there was no override on ``day``."""
    return conn.execute("DELETE FROM calendar_overrides WHERE day = ?", (day.isoformat(),)).rowcount > 0


def setting(conn: Connection, key: str) -> str | None:
    """A user-changeable setting (``settings``: idle lock, reminders); ``meta`` is the workstation's."""
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def put_setting(conn: Connection, key: str, value: str) -> None:
    conn.execute("INSERT INTO settings (key, value) VALUES (?, ?)"
                 " ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))  # fmt: skip
