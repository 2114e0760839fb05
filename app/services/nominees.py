"""Nominee dossiers: add, edit, read, list and search — each change validated and audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import msgspec

from app import photo as photo_mod
from app.domain.dossier import Dossier, NomineeRecord
from app.domain.validation import validate
from app.rules.base import Finding, Severity
from app.security.roles import Permission
from app.services.workstation import Session
from app.store.audit import digest_of, digest_of_hex
from app.store.nominees import Filters, NewNominee, NomineeRow, Nominees, encode


def _prepare(
    s: Session, d: Dossier, today: dt.date | None = None, encoded: bytes | None = None
) -> tuple[Dossier, bytes | None]:
    """Validate (as of ``today``, the clock's by default; ``encoded``: ``encode(d)`` if made
    already), and bring the photo to the stored form; returns the dossier and its thumbnail."""
    validate(d, today=today or s.clock.today(), encoded=encoded)
    if d.photo is None:
        return d, None
    jpeg = d.photo if photo_mod.is_normalized(d.photo) else photo_mod.normalize(d.photo)
    return msgspec.structs.replace(d, photo=jpeg), photo_mod.thumbnail(jpeg)


def _evaluator(s: Session) -> Callable[[Dossier], list[Finding]]:
    """The session's evaluator (its rule set and calendar), for today."""
    ev = s.evaluator()
    today = s.clock.today()
    return lambda d: ev.evaluate(d, at=today)


def findings(s: Session, d: Dossier, nid: int | None = None) -> list[Finding]:
    """The rules' findings on ``d`` today; for a saved nominee ``nid`` with the register's
    membership (p.14, p.18, p.20) and sending date (p.8(3)), as ``check`` reads them."""
    if nid is None:
        return _evaluator(s)(d)
    from app.store import reserve_life, sending

    conn = s.db.connection()
    return s.evaluator().evaluate(d, at=s.clock.today(), membership=reserve_life.membership(conn, nid),
                                  sent_on=sending.sent_on(conn, nid))  # fmt: skip


def _counts(found: list[Finding]) -> tuple[int, int]:
    blockers = sum(1 for f in found if f.severity is Severity.BLOCKER)
    warnings = sum(1 for f in found if f.severity is Severity.WARNING)
    return blockers, warnings


def _change_payload(d: Dossier, encoded: bytes = b"") -> dict[str, str]:
    return {"dossier": digest_of((encoded or encode(d)).decode()),
            "photo": digest_of_hex(d.photo or b"")}  # fmt: skip


def add(s: Session, d: Dossier) -> int:
    s.require(Permission.EDIT)
    d, thumb = _prepare(s, d)
    blockers, warnings = _counts(findings(s, d))
    with s.db.unit_of_work(s.user) as uow:
        nid = uow.nominees.add(d, now=uow.now, thumb=thumb, blockers=blockers, warnings=warnings)
        uow.audit("nominee.add", f"nominee:{nid}", _change_payload(d))
        uow.commit()
    return nid


def add_many(s: Session, dossiers: list[Dossier]) -> list[int]:
    """Several dossiers in one transaction (JSON batch import, demo data): all or nothing. The
    rows, index entries, photos and audit rows go in with one statement per table."""
    s.require(Permission.EDIT)
    today = s.clock.today()  # once for the batch, as the evaluator's
    evaluate = _evaluator(s)
    items = []
    for given in dossiers:
        encoded = encode(given)  # once: validation reads it, the store and the audit keep it
        d, thumb = _prepare(s, given, today, encoded)
        blockers, warnings = _counts(evaluate(d))
        items.append(NewNominee(dossier=d, thumb=thumb, blockers=blockers, warnings=warnings,
                                encoded=encoded))  # fmt: skip
    with s.db.unit_of_work(s.user, bulk=len(items) > 100) as uow:
        ids = uow.nominees.add_many(items, now=uow.now)
        uow.audit_many([("nominee.add", f"nominee:{nid}", _change_payload(it.dossier, it.encoded))
                        for nid, it in zip(ids, items, strict=True)])  # fmt: skip
        uow.commit()
    return ids


def update(s: Session, nid: int, d: Dossier, *, expected_version: int | None = None) -> int:
    s.require(Permission.EDIT)
    d, thumb = _prepare(s, d)
    blockers, warnings = _counts(findings(s, d, nid))
    with s.db.unit_of_work(s.user) as uow:
        version = uow.nominees.update(
            nid, d, now=uow.now, expected_version=expected_version, thumb=thumb,
            blockers=blockers, warnings=warnings,
        )  # fmt: skip
        uow.audit("nominee.update", f"nominee:{nid}", _change_payload(d) | {"version": str(version)})
        uow.commit()
    return version


def delete(s: Session, nid: int) -> None:
    s.require(Permission.EDIT)
    with s.db.unit_of_work(s.user) as uow:
        uow.nominees.delete(nid)
        uow.audit("nominee.delete", f"nominee:{nid}", {})
        uow.commit()


def get(s: Session, nid: int) -> NomineeRecord:
    s.require(Permission.READ)
    return Nominees(s.db.connection()).get(nid)


def rows(
    s: Session,
    filters: Filters = Filters(),
    *,
    sort: str = "name",
    descending: bool = False,
    offset: int = 0,
    limit: int = 200,
) -> list[NomineeRow]:
    s.require(Permission.READ)
    return Nominees(s.db.connection()).rows(
        filters, sort=sort, descending=descending, offset=offset, limit=limit
    )


def count(s: Session, filters: Filters = Filters()) -> int:
    s.require(Permission.READ)
    return Nominees(s.db.connection()).count(filters)


def thumbnail(s: Session, nid: int) -> bytes | None:
    s.require(Permission.READ)
    return Nominees(s.db.connection()).thumb(nid)
