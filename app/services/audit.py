"""Reading and verifying the audit chain."""

from __future__ import annotations

import msgspec

from app.errors import InvalidInput
from app.security.roles import Permission
from app.services.workstation import Session
from app.store import anchor, audit, audit_read, integrity
from app.store.audit import AuditRow, ChainReport


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
    """``person``: a name or an IIN as the nominee list's search takes it; the rows about the
    dossiers it finds."""
    s.require(Permission.READ)
    return audit_read.page(s.db.connection(), offset=offset, limit=limit, action=action,
                           user=user, entity=entity, person=person,
                           newest_first=newest_first)  # fmt: skip


def people(s: Session, ids: list[int]) -> dict[int, tuple[str, str]]:
    """{nominee id: (full name, IIN)} of the dossiers that still exist, for the audit's object
    column (a deleted dossier is shown by its number)."""
    s.require(Permission.READ)
    return audit_read.people(s.db.connection(), ids)


def count(s: Session) -> int:
    s.require(Permission.READ)
    return audit_read.count(s.db.connection())
