"""The audit log as the Audit screen and ``audit list`` read it: filtered pages, the people its
rows name, the count. (Appending and verifying the chain is ``app.store.audit``.)"""

from __future__ import annotations

from collections.abc import Iterable

from app.store.audit import AuditRow
from app.store.connection import Connection
from app.store.folding import fts_query


def page(
    conn: Connection,
    *,
    offset: int,
    limit: int,
    action: str = "",
    user: str = "",
    entity: str = "",
    person: str = "",
    newest_first: bool = True,
) -> list[AuditRow]:
    """``person``: a name or an IIN as the nominee list's search takes it; the rows about the
    dossiers it finds. ``action`` and ``entity`` match as prefixes."""
    clauses: list[str] = []
    params: list[object] = []
    if person.strip():
        q = fts_query(person)
        if q is None:
            clauses.append("0")
        else:
            clauses.append("entity IN (SELECT 'nominee:' || rowid FROM nominee_fts"
                           " WHERE nominee_fts MATCH ?)")  # fmt: skip
            params.append(q)
    if action:
        clauses.append("action LIKE ?")
        params.append(action.replace("%", "") + "%")
    if user:
        clauses.append("user = ?")
        params.append(user)
    if entity:
        clauses.append("entity LIKE ?")
        params.append(entity.replace("%", "") + "%")
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    order = "DESC" if newest_first else "ASC"
    sql = (
        "SELECT seq, ts, user, action, entity, digest, prev, hash FROM audit"
        f"{where} ORDER BY seq {order} LIMIT ? OFFSET ?"
    )
    return [
        AuditRow(seq=r[0], ts=r[1], user=r[2], action=r[3], entity=r[4], digest=r[5], prev=r[6],
                 hash=r[7])  # fmt: skip
        for r in conn.execute(sql, [*params, limit, offset])
    ]


def people(conn: Connection, ids: Iterable[int]) -> dict[int, tuple[str, str]]:
    """{nominee id: (full name, IIN)} of the dossiers that still exist."""
    found: dict[int, tuple[str, str]] = {}
    unique = sorted(set(ids))
    for i in range(0, len(unique), 500):
        chunk = unique[i : i + 500]
        marks = ",".join("?" * len(chunk))
        for nid, surname, given, patronymic, iin in conn.execute(
            f"SELECT id, surname, given_name, patronymic, iin FROM nominees WHERE id IN ({marks})",
            chunk,
        ):  # fmt: skip
            found[int(nid)] = (" ".join(p for p in (surname, given, patronymic) if p), str(iin))
    return found


def count(conn: Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM audit").fetchone()[0])
