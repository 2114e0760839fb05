"""The kind registry: what a bundle carries and who knows how to build, check and apply it.

Every bundle's first item is the kind's *index* (JSON, media type ``application/vnd.rezerv.<kind>
+json``) that refers to the other items by their position. A handler builds a payload for export,
``prepare``s an incoming one (decode and validate everything, read-only, for preview) and
``apply``s the prepared plan inside the import's unit of work. The quarter-cycle work adds
handlers for the kinds listed here without one (``register``).
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING, Any, Protocol

import msgspec

from app.errors import InvalidInput, UsageError

if TYPE_CHECKING:
    from app.store.connection import Connection
    from app.store.database import UnitOfWork
    from app.transfer.format import Manifest
    from app.transfer.peers import Peer


class Kind(enum.StrEnum):
    NOMINATIONS = "nominations"  # a quarter's list: dossiers with photos (Rules-2025 p.10)
    FINDINGS = "findings"  # Department -> body: deficiencies found (p.10, p.11(1))
    CORRECTIONS = "corrections"  # body -> Department: corrected dossiers
    DECISION_EXTRACT = "decision_extract"  # Department -> body: extract of the approved list (p.13)
    EXCLUSION_SUBMISSION = "exclusion_submission"  # body -> Department (p.19)
    EXCLUSION_DECISION = "exclusion_decision"  # Department -> body (p.19)
    RECEIPT = "receipt"  # either way: a bundle was applied


def index_media_type(kind: str) -> str:
    return f"application/vnd.rezerv.{kind}+json"


class Notice(msgspec.Struct, frozen=True, kw_only=True):
    """A warning for the clerk, as a translation key with parameters."""

    key: str
    params: dict[str, str] = msgspec.field(default_factory=dict)


class Change(msgspec.Struct, frozen=True, kw_only=True):
    """One line of the preview: what applying will do."""

    action: str  # "add", "update", "conflict", "ack", ...
    entity: str  # "nominee:IIN", "bundle:ID"
    label: str = ""


class Carried(msgspec.Struct, frozen=True, kw_only=True):
    """A dossier a bundle carried, with this workstation's record version (``transfer_items``)."""

    iin: str
    nominee_id: int
    version: int


class Payload(msgspec.Struct, kw_only=True):
    """What an exporter hands to the writer: the index, the other items, what it carried."""

    index: bytes
    parts: list[tuple[str, bytes]]  # (media type, bytes)
    carried: list[Carried] = msgspec.field(default_factory=list)


class Selection(msgspec.Struct, frozen=True, kw_only=True):
    """What the clerk asked to export."""

    peer_id: str
    quarter: str = ""
    nominee_ids: tuple[int, ...] = ()


class Context(msgspec.Struct, kw_only=True, dict=True):
    """What a handler may consult while preparing or applying an incoming bundle."""

    conn: Connection
    peer: Peer
    manifest: Manifest
    bundle_hash: str
    at: dt.date


class Plan(msgspec.Struct, kw_only=True):
    kind: str
    counts: dict[str, int] = msgspec.field(default_factory=dict)
    changes: list[Change] = msgspec.field(default_factory=list)
    notices: list[Notice] = msgspec.field(default_factory=list)
    data: Any = None  # the handler's decoded, validated content
    receipt: bool = True  # answer with a receipt bundle once applied


class Handler(Protocol):
    kind: Kind

    def build(self, conn: Connection, sel: Selection, at: dt.date) -> Payload: ...

    def prepare(self, ctx: Context, index: bytes, parts: list[bytes]) -> Plan: ...

    def apply(self, uow: UnitOfWork, ctx: Context, plan: Plan, bundle_id: str) -> list[Carried]: ...


_REGISTRY: dict[str, Handler] = {}


def register(handler: Handler) -> Handler:
    _REGISTRY[handler.kind.value] = handler
    return handler


def handler_for(kind: str) -> Handler:
    _load_builtin()
    h = _REGISTRY.get(kind)
    if h is None:
        if kind in Kind.__members__.values():
            raise InvalidInput("bundle.kind_unsupported", kind=kind)
        raise InvalidInput("bundle.kind_unknown", kind=kind[:64])
    return h


def exportable(kind: str) -> Handler:
    try:
        return handler_for(kind)
    except InvalidInput:
        raise UsageError("bundle.kind_not_exportable", kind=kind[:64]) from None


def decode_index(data: bytes, type_: type[Any]) -> Any:
    """An index item: strict JSON of ``type_``; ``InvalidInput`` on any defect."""
    try:
        return msgspec.json.decode(data, type=type_)
    except msgspec.ValidationError as e:
        raise InvalidInput("bundle.index_invalid", detail=str(e)[:200]) from None
    except (msgspec.DecodeError, UnicodeDecodeError, ValueError, RecursionError):
        raise InvalidInput("bundle.index_invalid", detail="") from None


def _load_builtin() -> None:
    from app.transfer import (  # noqa: F401 - they register themselves
        dossiers,
        kinds_quarter,
        receipts,
    )
