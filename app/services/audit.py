"""Reading and verifying the audit chain."""

from __future__ import annotations

import msgspec

from app.errors import InvalidInput
from app.security.roles import Permission
from app.services.workstation import Session
from app.store import anchor, audit, integrity
from app.store.audit import AuditRow, ChainReport
from app.store.folding import fts_query


def verify(s: Session) -> ChainReport:
    """The audit chain, then the database itself (cipher pages, SQLite structure, FTS index):
    a damaged database is reported with the first bad page instead of "intact"."""
    s.require(Permission.READ)
    with s.db.reading() as conn:
        chain = audit.verify(conn)
    if not chain.ok:
        return chain
    found = integrity.check(s.db.connection())
    if not found.ok:
        return msgspec.structs.replace(chain, ok=False, problem=found.problem, bad_page=found.page,
                                       first_bad_seq=None)  # fmt: skip
    state, a = anchor.status(s.db.connection(), s.db.path, s.db.raw_key())
    if state:  # "rollback", "fork", "tampered": the anchor outside the database disagrees
        return msgspec.structs.replace(chain, ok=False, problem=state,
                                       first_bad_seq=a.seq if a else None)  # fmt: skip
    return chain


def accept_rollback(s: Session) -> int:
    """A supervisor accepts the database as it is after a rollback or fork warning (audited);
    the anchor then follows the database again. Returns the anchor's old sequence number."""
    s.require(Permission.MAINTAIN)
    state, a = anchor.status(s.db.connection(), s.db.path, s.db.raw_key())
    if not state:
        raise InvalidInput("anchor.nothing_to_accept")
    with s.db.unit_of_work(s.user) as uow:
        head_seq, _ = audit.head(uow.conn)
        uow.audit("workstation.rollback_accepted", "workstation", {
            "state": state, "anchor_seq": a.seq if a else None, "anchor_hash": a.hash if a else "",
            "db_seq": head_seq,
        })  # fmt: skip
        s.db.anchor_held = False
        uow.commit()
    return a.seq if a else 0


def rows(
    s: Session,
    *,
    offset: int = 0,
    limit: int = 200,
    action: str = "",
    user: str = "",
    entity: str = "",
    person: str = "",
    newest_first: bool = True,
) -> list[AuditRow]:
    """``person``: a name or an IIN as the registry search takes it; the rows about the dossiers
    it finds."""
    s.require(Permission.READ)
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
        for r in s.db.connection().execute(sql, [*params, limit, offset])
    ]


def people(s: Session, ids: list[int]) -> dict[int, tuple[str, str]]:
    """{nominee id: (full name, IIN)} of the dossiers that still exist, for the audit's object
    column (a deleted dossier is shown by its number)."""
    s.require(Permission.READ)
    found: dict[int, tuple[str, str]] = {}
    conn = s.db.connection()
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


def count(s: Session) -> int:
    s.require(Permission.READ)
    return int(s.db.connection().execute("SELECT count(*) FROM audit").fetchone()[0])
