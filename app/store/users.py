"""The workstation's users (``users``): name and user role. Their key slots live beside the
database (``app.security.keyslots``); this table is what the audit chain vouches for."""

from __future__ import annotations

import datetime as dt

from app.store.connection import Connection


def role_of(conn: Connection, name: str) -> str | None:
    row = conn.execute("SELECT role FROM users WHERE name = ?", (name,)).fetchone()
    return None if row is None else str(row[0])


def add(conn: Connection, name: str, role: str, *, created: dt.datetime) -> None:
    conn.execute("INSERT INTO users (name, role, created) VALUES (?, ?, ?)",
                 (name, role, created.isoformat(timespec="seconds")))  # fmt: skip


def remove(conn: Connection, name: str) -> bool:
    """False when there was no such user."""
    return conn.execute("DELETE FROM users WHERE name = ?", (name,)).rowcount > 0


def all_users(conn: Connection) -> list[tuple[str, str]]:
    """(name, role), by name."""
    return [(str(r[0]), str(r[1])) for r in conn.execute("SELECT name, role FROM users ORDER BY name")]


def names(conn: Connection) -> frozenset[str]:
    return frozenset(str(r[0]) for r in conn.execute("SELECT name FROM users"))
