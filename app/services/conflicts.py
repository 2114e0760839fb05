"""Import conflicts resolved: a dossier edited here and a newer version received for it were both
kept at import (``transfer_conflicts``); the clerk keeps one of them. Keeping the incoming version
replaces the local record (validated, evaluated, photo as received); keeping the local one leaves
it as it is — it is newer than what the sender holds, so the next corrections bundle carries it
back. Either way the conflict is closed and audited in the same transaction.

Field by field: ``fields`` lists the paths where the two versions differ (``person.surname``,
``service``, ``photo`` ...); ``resolve(..., take={path: "local"|"incoming"})`` keeps one side and
takes the named fields from the other. A result that differs from the local record replaces it
(validated and evaluated as an incoming one); a result that differs from the incoming version
is newer than what the sender holds and travels back with the next corrections."""

from __future__ import annotations

import enum
from collections.abc import Mapping

import msgspec

from app import photo as photo_mod
from app.domain.dossier import Dossier
from app.domain.validation import validate
from app.errors import InvalidInput
from app.rules.base import Severity
from app.security.roles import Permission
from app.services import transfer_views
from app.services.bundle_workflow import changed_fields
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
    fields: dict[str, str] = msgspec.field(default_factory=dict)  # path -> side taken, if not keep


class FieldDiff(msgspec.Struct, frozen=True, kw_only=True):
    path: str
    local: str  # the value as short JSON text ("" when absent)
    incoming: str


def _at(tree: object, path: str) -> object:
    for part in path.split("."):
        if not isinstance(tree, dict):
            return None
        tree = tree.get(part)
    return tree


def _text(v: object) -> str:
    """A value as the clerk reads it: text as it is, anything else as short JSON."""
    if v is None:
        return ""
    return (v if isinstance(v, str) else msgspec.json.encode(v).decode())[:2000]


def _plain(d: Dossier) -> dict[str, object]:
    out = msgspec.to_builtins(msgspec.structs.replace(d, photo=None))
    assert isinstance(out, dict)
    return out


def fields(s: Session, conflict_id: int) -> list[FieldDiff]:
    """Where the local record and the incoming version differ, field by field."""
    pair = transfer_views.conflict_pair(s, conflict_id)
    if pair.local is None:
        raise InvalidInput("conflict.local_gone", id=conflict_id)
    a, b = _plain(pair.local), _plain(pair.incoming)
    out = []
    for path in changed_fields(pair.local, pair.incoming):
        if path == "photo":
            out.append(FieldDiff(path=path, local="photo" if pair.local.photo else "",
                                 incoming="photo" if pair.incoming.photo else ""))  # fmt: skip
        else:
            out.append(FieldDiff(path=path, local=_text(_at(a, path)), incoming=_text(_at(b, path))))
    return out


def _put(tree: dict[str, object], path: str, value: object) -> None:
    *head, last = path.split(".")
    for part in head:
        sub = tree.get(part)
        if not isinstance(sub, dict):
            sub = {}
            tree[part] = sub
        tree = sub
    if value is None:
        tree.pop(last, None)
    else:
        tree[last] = value


def merge(local: Dossier, incoming: Dossier, keep: Keep, take: Mapping[str, Keep]) -> Dossier:
    """``keep``'s version with the fields of ``take`` from the side named there."""
    side = {Keep.LOCAL: local, Keep.INCOMING: incoming}
    base = _plain(side[keep])
    photo = side[keep].photo
    for path, other in take.items():
        if other is keep:
            continue
        if path == "photo":
            photo = side[other].photo
        else:
            _put(base, path, _at(_plain(side[other]), path))
    try:
        out = msgspec.json.decode(msgspec.json.encode(base), type=Dossier)
    except (msgspec.ValidationError, msgspec.DecodeError) as e:
        raise InvalidInput("conflict.bad_merge", detail=str(e)[:200]) from None
    return msgspec.structs.replace(out, photo=photo)


def pending(s: Session) -> list[ConflictRow]:
    return [c for c in transfer_views.conflicts(s) if c.resolved is None]


def _sides(
    conflict_id: int, keep: str, take: Mapping[str, str], differ: list[str]
) -> tuple[Keep, dict[str, Keep]]:
    try:
        side = Keep(keep)
    except ValueError:
        raise InvalidInput("conflict.bad_keep", keep=keep) from None
    chosen: dict[str, Keep] = {}
    for path, value in take.items():
        if path not in differ:
            raise InvalidInput("conflict.bad_field", id=conflict_id, field=path[:80])
        try:
            chosen[path] = Keep(value)
        except ValueError:
            raise InvalidInput("conflict.bad_keep", keep=value[:20]) from None
    return side, {p: v for p, v in chosen.items() if v is not side}


def resolve(s: Session, conflict_id: int, keep: str, take: Mapping[str, str] | None = None) -> Resolved:
    """Keep one version (``keep``), or one with some fields taken from the other (``take``)."""
    s.require(Permission.EDIT)
    pair = transfer_views.conflict_pair(s, conflict_id)
    row = pair.row
    if row.resolved is not None:
        raise InvalidInput("conflict.already_resolved", id=conflict_id)
    if pair.local is None:
        raise InvalidInput("conflict.local_gone", id=conflict_id)
    side, chosen = _sides(conflict_id, keep, take or {}, changed_fields(pair.local, pair.incoming))
    result = merge(pair.local, pair.incoming, side, chosen)
    version = pair.local_version
    replace = result != pair.local
    thumb, b, w = None, 0, 0
    if replace:
        validate(result, today=s.clock.today())
        if result.photo is not None:
            if not photo_mod.is_normalized(result.photo):
                result = msgspec.structs.replace(result, photo=photo_mod.normalize(result.photo))
            thumb = photo_mod.thumbnail(result.photo or b"")
        found = s.evaluator().evaluate(result, at=s.clock.today())
        b = sum(1 for f in found if f.severity is Severity.BLOCKER)
        w = sum(1 for f in found if f.severity is Severity.WARNING)
    with s.db.unit_of_work(s.user) as uow:
        if not store.mark_resolved(uow.conn, conflict_id, uow.now.isoformat(timespec="seconds")):
            raise InvalidInput("conflict.already_resolved", id=conflict_id)
        payload: dict[str, object] = {"conflict": conflict_id, "bundle": row.bundle_id,
                                      "keep": side.value}  # fmt: skip
        if chosen:
            payload["fields"] = {p: v.value for p, v in sorted(chosen.items())}
        if replace:
            version = uow.nominees.update(
                row.nominee_id, result, now=uow.now, expected_version=pair.local_version,
                thumb=thumb, blockers=b, warnings=w,
            )  # fmt: skip
            payload |= {"dossier": digest_of(encode(result).decode()),
                        "photo": digest_of((result.photo or b"").hex())}  # fmt: skip
        payload["version"] = version
        uow.audit("transfer.conflict_resolve", f"nominee:{row.nominee_id}", payload)
        uow.commit()
    return Resolved(id=conflict_id, nominee_id=row.nominee_id, keep=side.value, version=version,
                    fields={p: v.value for p, v in sorted(chosen.items())})  # fmt: skip
