"""Bundle kinds and the types every kind's handler shares.

Every bundle's first item is the kind's *index* (JSON, media type ``application/vnd.rezerv.<kind>
+json``) that refers to the other items by their position. A handler builds a payload for export,
``prepare``s an incoming one (decode and validate everything, read-only, for preview) and
``apply``s the prepared plan inside the import's unit of work by handing the carried facts to the
services (``Workflow``, implemented by ``app.services.bundle_workflow``), which own every state
change. Which handler serves which kind: the ``HANDLERS`` table in ``app.transfer.handlers``.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any, Protocol

import msgspec

from app.errors import InvalidInput
from app.progress import Progress

CANCELLED = "bundle.cancelled"  # the clerk stopped the export or import: nothing changed

if TYPE_CHECKING:
    from app.domain.dossier import Dossier
    from app.domain.positions import Position
    from app.rules.rulesets import Evaluator
    from app.store.connection import Connection
    from app.store.database import UnitOfWork
    from app.store.scans import CarriedScan, CarriedSheet, PagesLater
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
    APPOINTMENT_REPORT = "appointment_report"  # body -> Department: appointed from the reserve (p.14)
    # Reg-2000 (Decree No. 330 of 2000), between a state body and the authorised body
    R2K_LIST_REQUEST = "r2k_list_request"  # body -> authority: the list of a category (p.33)
    R2K_LIST_ANSWER = "r2k_list_answer"  # authority -> body: the reservists (p.34)
    R2K_PLACEMENT = "r2k_placement"  # body -> authority: its placement decisions (p.36 part 3)
    R2K_RESERVE_UPDATE = "r2k_reserve_update"  # authority -> body: decisions, exclusions (p.37, p.39)
    R2K_SUBMISSION = "r2k_submission"  # body -> authority: sources 1 and 4 (p.19, p.32-2)
    POSITIONS = "positions"  # body -> Department: the catalogue and need (p.4, p.8(1), p.11(2))


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


class Sent(msgspec.Struct, frozen=True, kw_only=True):
    """A record the bundle carries that is to be marked sent once the export is committed: what
    (a row of ``app.services.bundle_workflow.SENT``) and its id. A handler's ``build`` only reads;
    the service marks."""

    what: str
    id: int


class Payload(msgspec.Struct, kw_only=True):
    """What an exporter hands to the writer: the index, the other items, what it carried and
    what it sends (to be marked by the service)."""

    index: bytes
    parts: list[tuple[str, bytes]]  # (media type, bytes)
    carried: list[Carried] = msgspec.field(default_factory=list)
    sent: list[Sent] = msgspec.field(default_factory=list)


class Selection(msgspec.Struct, frozen=True, kw_only=True):
    """What the clerk asked to export, and the build's progress hook: ``progress(done, total)``
    (``app.progress``), told by a kind that carries many entries how far its ``build`` got (only
    told: the build still only reads); an answer of False stops the build with
    ``InvalidInput(CANCELLED)``. Kinds with a handful of records do not call it."""

    peer_id: str
    quarter: str = ""
    nominee_ids: tuple[int, ...] = ()
    progress: Progress | None = None
    # a second read-only connection to the same database, for a kind that reads ahead on a helper
    # thread (``app.transfer.scans_ahead``); None: everything is read on the build's connection
    reader: Callable[[], AbstractContextManager[Connection]] | None = None


class Workflow(Protocol):
    """The services' side of an incoming bundle: each method records one carried fact and makes
    the state change it implies, in the import's unit of work."""

    def corrections_received(self, uow: UnitOfWork, nid: int, *, before: Dossier | None,
                             bundle_id: str) -> None: ...  # fmt: skip

    def scan_received(self, uow: UnitOfWork, nid: int, *, scan: CarriedScan, peer: str,
                      bundle_id: str, later: PagesLater | None = None) -> None: ...  # fmt: skip

    def sheet_scan_received(self, uow: UnitOfWork, *, scan: CarriedSheet, local: list[int | None],
                            peer: str, bundle_id: str) -> None: ...  # fmt: skip

    def finding_received(self, uow: UnitOfWork, nid: int, *, kind: str, text: str, clause: str,
                         field: str, raised: str, origin_id: int, bundle_id: str) -> None: ...  # fmt: skip

    def decision_received(self, uow: UnitOfWork, nid: int, *, decision: str, number: str,
                          day: dt.date, position: str, term_ends: dt.date | None, received_on: dt.date,
                          bundle_id: str) -> None: ...  # fmt: skip

    def extract_received(self, uow: UnitOfWork, *, quarter: str, body: str, day: dt.date,
                         bundle_id: str) -> None: ...  # fmt: skip

    def exclusion_received(self, uow: UnitOfWork, nid: int, *, ground: str, fact_date: dt.date,
                           evidence: str, source: str, bundle_id: str) -> None: ...  # fmt: skip

    def exclusion_decided(self, uow: UnitOfWork, nid: int, *, ground: str, fact_date: dt.date,
                          decision: str, number: str, day: dt.date, bundle_id: str) -> None: ...  # fmt: skip


    def renomination_received(self, uow: UnitOfWork, nid: int, *, status: str, quarter: str,
                              previous: str, version: int, bundle_id: str) -> None: ...  # fmt: skip

    def appointment_received(self, uow: UnitOfWork, nid: int, *, position: str, order: str,
                             day: dt.date, override: tuple[str, str, dt.date] | None,
                             bundle_id: str) -> None: ...  # fmt: skip

    # the Reg-2000 kinds' side (``app.transfer.kinds_r2k.R2kWorkflow``)
    r2k: Any
    def positions_received(self, uow: UnitOfWork, *, body: str, quarter: str, as_of: dt.date,
                           horizon: dt.date, positions: list[Position],
                           needs: list[tuple[str, dt.date, str]], bundle_id: str) -> None: ...  # fmt: skip


class Context(msgspec.Struct, kw_only=True, dict=True):
    """What a handler may consult while preparing or applying an incoming bundle."""

    conn: Connection
    peer: Peer
    manifest: Manifest
    bundle_hash: str
    at: dt.date
    evaluator: Evaluator  # the session's rules (``Session.evaluator()``)
    workflow: Workflow | None = None  # set for ``apply``; ``prepare`` is read-only

    @property
    def services(self) -> Workflow:
        if self.workflow is None:
            raise RuntimeError("a bundle is applied only through app.services.transfer_bundles")
        return self.workflow


class Plan(msgspec.Struct, kw_only=True):
    kind: str
    counts: dict[str, int] = msgspec.field(default_factory=dict)
    changes: list[Change] = msgspec.field(default_factory=list)
    notices: list[Notice] = msgspec.field(default_factory=list)
    data: Any = None  # the handler's decoded, validated content
    receipt: bool = True  # answer with a receipt bundle once applied


class Parts(Protocol):
    """The items after the index, in order: ``len`` says how many are left to take. An import
    hands them over one at a time as they are decrypted (``Streamed``), each checked against the
    signed manifest (read at most a few MiB ahead: ``app.transfer.format.ItemsAhead``), so a
    handler holds an entry's items at a time, never the bundle."""

    def __len__(self) -> int: ...

    def __iter__(self) -> Iterator[bytes]: ...


class Streamed:
    """``Parts`` read from a bundle as it is decrypted (``app.transfer.format.ItemsAhead``)."""

    def __init__(self, items: Iterator[bytes], count: int) -> None:
        self._items, self._left = items, count

    def __len__(self) -> int:
        return self._left

    def __iter__(self) -> Iterator[bytes]:
        return self

    def __next__(self) -> bytes:
        b = next(self._items)
        self._left -= 1
        return b


class Handler(Protocol):
    """``prepare`` is read-only (preview); ``apply`` runs inside the import's unit of work and
    reads the parts once, in order, applying as it goes: it returns what it did as a plan."""

    kind: Kind

    def build(self, conn: Connection, sel: Selection, at: dt.date, ev: Evaluator) -> Payload: ...

    def prepare(self, ctx: Context, index: bytes, parts: Parts) -> Plan: ...

    def apply(self, uow: UnitOfWork, ctx: Context, index: bytes, parts: Parts,
              bundle_id: str) -> tuple[Plan, list[Carried]]: ...  # fmt: skip


def decode_index(data: bytes, type_: type[Any]) -> Any:
    """An index item: strict JSON of ``type_``; ``InvalidInput`` on any defect."""
    try:
        return msgspec.json.decode(data, type=type_)
    except msgspec.ValidationError as e:
        raise InvalidInput("bundle.index_invalid", detail=str(e)[:200]) from None
    except (msgspec.DecodeError, UnicodeDecodeError, ValueError, RecursionError):
        raise InvalidInput("bundle.index_invalid", detail="") from None
