"""Import conflicts resolved: a dossier edited here and a newer version received for it were both
kept at import (``transfer_conflicts``); the clerk keeps one of them. Keeping the incoming version
replaces the local record (validated, evaluated, photo as received); keeping the local one leaves
it as it is — it is newer than what the sender holds, so the next corrections bundle carries it
back. Either way the conflict is closed and audited in the same transaction."""

from __future__ import annotations

import enum

import msgspec

from app import photo as photo_mod
from app.domain.validation import validate
from app.errors import InvalidInput
from app.rules.base import Severity
from app.security.roles import Permission
from app.services import transfer_views
from app.services.workstation import Session
from app.store import conflicts as store
from app.store.audit import digest_of
from app.store.nominees import encode

ConflictRow = transfer_views.ConflictRow


class Keep(enum.StrEnum):
    LOCAL = "local"
    INCOMING = "incoming"


class Resolved(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    nominee_id: int
    keep: str
    version: int  # the local record's version after the resolution


def pending(s: Session) -> list[ConflictRow]:
    return [c for c in transfer_views.conflicts(s) if c.resolved is None]


def resolve(s: Session, conflict_id: int, keep: str) -> Resolved:
    s.require(Permission.EDIT)
    try:
        side = Keep(keep)
    except ValueError:
        raise InvalidInput("conflict.bad_keep", keep=keep) from None
    pair = transfer_views.conflict_pair(s, conflict_id)
    row = pair.row
    if row.resolved is not None:
        raise InvalidInput("conflict.already_resolved", id=conflict_id)
    if pair.local is None:
        raise InvalidInput("conflict.local_gone", id=conflict_id)
    version = pair.local_version
    incoming, thumb, b, w = pair.incoming, None, 0, 0
    if side is Keep.INCOMING:
        validate(incoming, today=s.clock.today())
        if incoming.photo is not None:
            if not photo_mod.is_normalized(incoming.photo):
                incoming = msgspec.structs.replace(incoming,
                                                   photo=photo_mod.normalize(incoming.photo))  # fmt: skip
            thumb = photo_mod.thumbnail(incoming.photo or b"")
        found = s.evaluator().evaluate(incoming, at=s.clock.today())
        b = sum(1 for f in found if f.severity is Severity.BLOCKER)
        w = sum(1 for f in found if f.severity is Severity.WARNING)
    with s.db.unit_of_work(s.user) as uow:
        if not store.mark_resolved(uow.conn, conflict_id, uow.now.isoformat(timespec="seconds")):
            raise InvalidInput("conflict.already_resolved", id=conflict_id)
        payload: dict[str, object] = {"conflict": conflict_id, "bundle": row.bundle_id,
                                      "keep": side.value}  # fmt: skip
        if side is Keep.INCOMING:
            version = uow.nominees.update(
                row.nominee_id, incoming, now=uow.now, expected_version=pair.local_version,
                thumb=thumb, blockers=b, warnings=w,
            )  # fmt: skip
            payload |= {"dossier": digest_of(encode(incoming).decode()),
                        "photo": digest_of((incoming.photo or b"").hex())}  # fmt: skip
        payload["version"] = version
        uow.audit("transfer.conflict_resolve", f"nominee:{row.nominee_id}", payload)
        uow.commit()
    return Resolved(id=conflict_id, nominee_id=row.nominee_id, keep=side.value, version=version)
