"""Nomination packages and corrections: dossiers with their photos.

Index (``rezerv.dossiers/1``): the quarter and one entry per dossier with the IIN, the sender's
record version and the positions of its dossier item (``rezerv.dossier/1`` JSON, without the
photo) and photo item (the stored 354x472 JPEG). On import every dossier is decoded strictly and
validated, every photo decoded and checked; a local record edited since the last one received
from that peer is never overwritten: the incoming one is kept beside it as a conflict.

Exporting nominations or corrections moves the carried nominees to *sent* / *corrected*: the
export service does that (``app.services.bundle_workflow.exported``). Imported corrections are
handed to ``ctx.services.corrections_received`` with the dossier they replace.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import deque
from collections.abc import Generator, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import closing
from typing import Annotated, Any

import msgspec
from PIL import UnidentifiedImageError

from app import photo as photo_mod
from app import scan as scan_mod
from app.domain.dossier import Dossier, NomineeRecord
from app.domain.workflow import NomineeStatus
from app.errors import InvalidInput, RezervError
from app.progress import Ticker
from app.rules.base import Severity, nominable
from app.rules.rulesets import Evaluator
from app.store import conflicts, sending, transfer_log
from app.store import scans as scans_store
from app.store.audit import digest_of, digest_of_hex
from app.store.connection import Connection
from app.store.database import UnitOfWork
from app.store.nominees import Filters, Nominees, encode
from app.transfer.kinds import (
    CANCELLED,
    Carried,
    Change,
    Context,
    Kind,
    Notice,
    Parts,
    Payload,
    Plan,
    Selection,
    decode_index,
)
from app.transfer.scans_ahead import ScansAhead

INDEX_FORMAT = "rezerv.dossiers/1"
DOSSIER_TYPE = "application/vnd.rezerv.dossier+json"
PHOTO_TYPE = "image/jpeg"
SCAN_PAGE_TYPE = "application/vnd.rezerv.scan-page+jpeg"  # a colour page, or one stored before
SCAN_PAGE_PNG_TYPE = "application/vnd.rezerv.scan-page+png"  # a grey page in four tones
PAGE_TYPES = {"jpeg": SCAN_PAGE_TYPE, "png": SCAN_PAGE_PNG_TYPE}  # app.scan.page_format -> type
SNAPSHOT_TYPE = "application/vnd.rezerv.scan-snapshot+json"
_PAGE_TYPES = tuple(PAGE_TYPES.values())
_META_KEYS = {"exif", "icc_profile", "comment", "xmp", "photoshop", "adobe_transform_no"}
_DEC = msgspec.json.Decoder(type=Dossier)


Pos = Annotated[int, msgspec.Meta(ge=1)]
Hex64 = Annotated[str, msgspec.Meta(pattern="^[0-9a-f]{64}$")]
Text = Annotated[str, msgspec.Meta(max_length=200)]


class ScanRef(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A signed scan of one of the dossier's papers (``app.store.scans.CarriedScan``): the
    document, the record as printed (digest over the snapshot item and the photo's SHA-256) and
    the positions of the pages."""

    document: Hex64
    code: Annotated[str, msgspec.Meta(pattern="^RZ-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$")]
    kind: Annotated[str, msgspec.Meta(pattern="^[a-z0-9-]{1,40}$")]
    lang: Annotated[str, msgspec.Meta(pattern="^(kk|ru)$")]
    reg_no: Text = ""
    reg_date: Text = ""
    printed_pages: Annotated[int, msgspec.Meta(ge=1, le=10_000)]
    printed: Text
    version: Pos
    digest: Hex64
    snapshot: Pos
    snapshot_photo: Annotated[str, msgspec.Meta(pattern="^([0-9a-f]{64})?$")] = ""
    sha256: Hex64
    attached: Text
    pages: Annotated[list[Pos], msgspec.Meta(min_length=1, max_length=scan_mod.MAX_PAGES)]


class Entry(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True, omit_defaults=True):
    iin: Annotated[str, msgspec.Meta(pattern="^[0-9]{12}$")]
    version: Annotated[int, msgspec.Meta(ge=1)]
    dossier: Annotated[int, msgspec.Meta(ge=1)]
    photo: Annotated[int, msgspec.Meta(ge=1)] | None = None
    scans: Annotated[list[ScanRef], msgspec.Meta(max_length=100)] = msgspec.field(default_factory=list)


class Index(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    format: str
    quarter: Annotated[str, msgspec.Meta(pattern="^([0-9]{4}Q[1-4])?$")]
    entries: Annotated[list[Entry], msgspec.Meta(min_length=1, max_length=50_000)]


class EntryRejected(InvalidInput):
    """A dossier or photo of a bundle was refused: which entry, then why (both translated)."""

    def __init__(self, n: int, iin: str, cause: RezervError) -> None:
        super().__init__("bundle.entry_rejected", n=n, iin=iin)
        self.cause = cause

    def message(self, lang: str) -> str:
        return f"{super().message(lang)}: {self.cause.message(lang)}"


class Incoming(msgspec.Struct, frozen=True, kw_only=True):
    dossier: Dossier  # with its photo
    version: int  # the sender's record version
    thumb: bytes | None = None  # the photo's thumbnail, when made already (by the photo check)


def check_photo(jpeg: bytes) -> bytes:
    """A stored-form photo: 354x472 JPEG whose body decodes to the end and carries no metadata (any
    thread may run it: ``app.photo.opened_normalized``); returns its thumbnail, made from the
    pixels just decoded (a real bundle's photos all differ: made on the importing thread, each
    would be decoded a second time there)."""
    img = photo_mod.opened_normalized(jpeg)
    if img is None:
        raise InvalidInput("bundle.photo_not_normalized")
    try:
        photo_mod.load_for_thumbnail(img)  # every block read; the pixels at the size it needs
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError):
        raise InvalidInput("bundle.photo_unreadable") from None
    if _META_KEYS & set(img.info):
        raise InvalidInput("bundle.photo_metadata")
    return photo_mod.thumbnail_of(img)


class _Photo:
    """An incoming photo under ``check_photo`` on the worker thread (Pillow releases the GIL
    while it decodes) while the importing thread stores the entry before; ``check`` raises what
    ``check_photo`` raised, or gives the thumbnail."""

    def __init__(self, jpeg: bytes, pool: ThreadPoolExecutor) -> None:
        self.jpeg = jpeg
        self._checked: Future[bytes] = pool.submit(check_photo, jpeg)

    def check(self) -> bytes:
        return self._checked.result()


def _validate(d: Dossier, at: dt.date) -> None:
    from app.domain.validation import validate

    validate(d, today=at)


def _decode(ctx: Context, e: Entry, dossier: bytes, photo: _Photo | None) -> Incoming:
    try:
        d = _DEC.decode(dossier)
    except msgspec.ValidationError as err:
        raise InvalidInput("bundle.dossier_invalid", detail=str(err)[:200]) from None
    except (msgspec.DecodeError, UnicodeDecodeError, ValueError, RecursionError):
        raise InvalidInput("bundle.dossier_invalid", detail="") from None
    if d.photo is not None:
        raise InvalidInput("bundle.dossier_invalid", detail="photo")
    if d.person.iin != e.iin:
        raise InvalidInput("bundle.entry_iin_mismatch")
    if ctx.peer.role != "department" and d.body.value != ctx.peer.role:
        raise InvalidInput("bundle.dossier_wrong_body", body=d.body.value, sender=ctx.peer.role)
    thumb = None
    if photo is not None:
        thumb = photo.check()
        d = msgspec.structs.replace(d, photo=photo.jpeg)
    _validate(d, ctx.at)
    return Incoming(dossier=d, version=e.version, thumb=thumb)


def _decode_scan(ctx: Context, iin: str, r: ScanRef, snap: bytes,
                 pages: list[bytes]) -> scans_store.CarriedScan:  # fmt: skip
    """A carried scan, checked: its pages in the stored form their media type names, whose digest
    is the one carried, its snapshot a dossier of the same person whose digest is the record
    digest printed (the items' positions and types are checked with the index). Each page's
    SHA-256 is the one the signed manifest holds (checked as the item was read): the scan's
    digest is taken over those, not over the pages hashed again."""
    items = [ctx.manifest.items[at] for at in r.pages]
    for page, item in zip(pages, items, strict=True):
        if PAGE_TYPES[scan_mod.page_format(page)] != item.media_type:
            raise InvalidInput("scan.page_not_normalized")
        scan_mod.check_stored_page(page)
    if scan_mod.digest_of_page_digests([bytes.fromhex(it.sha256) for it in items]) != r.sha256:
        raise InvalidInput("bundle.scan_mismatch", code=r.code)
    try:
        then = _DEC.decode(snap)
    except (msgspec.DecodeError, msgspec.ValidationError, UnicodeDecodeError, ValueError, RecursionError):
        raise InvalidInput("bundle.scan_mismatch", code=r.code) from None
    if then.person.iin != iin or scans_store.record_digest(snap, r.snapshot_photo) != r.digest:
        raise InvalidInput("bundle.scan_mismatch", code=r.code)
    return scans_store.CarriedScan(
        document=r.document, code=r.code, kind=r.kind, lang=r.lang, reg_no=r.reg_no,
        reg_date=r.reg_date, printed_pages=r.printed_pages, printed=r.printed, version=r.version,
        digest=r.digest, snapshot=snap, snapshot_photo=r.snapshot_photo, sha256=r.sha256,
        attached=r.attached, pages=pages,
    )  # fmt: skip


def _index(ctx: Context, index: bytes, count: int) -> Index:
    """The index, checked before any item is read: every item referenced once, with its media
    type, each entry's items right after the previous entry's (dossier, then photo, then each
    signed scan's snapshot and pages), so an entry is complete as soon as its items have been
    read."""
    idx: Index = decode_index(index, Index)
    if idx.format != INDEX_FORMAT:
        raise InvalidInput("bundle.index_invalid", detail=idx.format[:40])
    if len({e.iin for e in idx.entries}) != len(idx.entries):
        raise InvalidInput("bundle.index_duplicate_iin")
    media = ctx.manifest.items
    pos = 0
    for n, e in enumerate(idx.entries, 1):
        if e.dossier != pos + 1 or media[e.dossier].media_type != DOSSIER_TYPE:
            raise InvalidInput("bundle.index_bad_reference", n=n)
        pos += 1
        if e.photo is not None:
            if e.photo != pos + 1 or e.photo > count or media[e.photo].media_type != PHOTO_TYPE:
                raise InvalidInput("bundle.index_bad_reference", n=n)
            pos += 1
        for r in e.scans:  # each signed scan: its snapshot, then its pages
            for at, types in [(r.snapshot, (SNAPSHOT_TYPE,))] + [(pg, _PAGE_TYPES) for pg in r.pages]:
                if at != pos + 1 or at > count or media[at].media_type not in types:
                    raise InvalidInput("bundle.index_bad_reference", n=n)
                pos += 1
    if pos != count:
        raise InvalidInput("bundle.index_bad_reference", n=0)
    return idx


_Read = tuple[int, Entry, bytes, "_Photo | None", list[tuple[ScanRef, bytes, list[bytes]]]]
# entries read (and their photos queued for checking) ahead of the one being stored, at most so
# many or (beyond the first) so many bytes: the photo worker keeps checking while the importing
# thread stores a group of entries (``STORED_TOGETHER``); with one entry ahead each waited for the
# slower of the two in turn
ENTRIES_AHEAD = 40
AHEAD_BYTES = 8 * 1024 * 1024


def _size(r: _Read) -> int:
    _, _, dossier, photo, carried = r
    return len(dossier) + (len(photo.jpeg) if photo else 0) + sum(
        len(snap) + sum(map(len, pages)) for _, snap, pages in carried)  # fmt: skip


def _read(it: Iterator[bytes], todo: Iterator[tuple[int, Entry]],
          pool: ThreadPoolExecutor) -> _Read | Exception | None:  # fmt: skip
    """The next entry's items, its photo's decoding started; what reading them raised (refused,
    cancelled, truncated: raised when that entry's turn comes); ``None`` after the last entry."""
    try:
        n, e = next(todo)
    except StopIteration:
        return None
    try:
        dossier = next(it)
        photo = _Photo(next(it), pool) if e.photo is not None else None
        carried = [(r, next(it), [next(it) for _ in r.pages]) for r in e.scans]
    except Exception as err:  # noqa: BLE001 - raised in its turn by ``_entries``
        return err
    return n, e, dossier, photo, carried


_Entries = Generator[tuple[Entry, Incoming, list[scans_store.CarriedScan]], None, None]


def _entries(ctx: Context, idx: Index, parts: Parts) -> _Entries:
    """Each entry decoded and validated as soon as its items arrive, with its signed scans. While
    the caller handles one entry, the next entries' items are read (``ENTRIES_AHEAD``,
    ``AHEAD_BYTES``) and their photos decoded on a worker thread, in order; whatever reading them
    raised is raised only when the caller asks for that entry (nothing is read after it), so
    what is refused, and in which order, is what reading one entry at a time gives. Close the
    iterator when stopping early (the worker is joined; photos not yet begun are dropped)."""
    it, todo = iter(parts), iter(enumerate(idx.entries, 1))
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="photo-check")
    try:
        queued: deque[_Read | Exception] = deque()
        more, size = True, 0

        def fill() -> None:
            nonlocal more, size
            while more and len(queued) < ENTRIES_AHEAD and (not queued or size < AHEAD_BYTES):
                got = _read(it, todo, pool)
                if got is None:
                    more = False
                    return
                queued.append(got)
                if isinstance(got, Exception):
                    more = False
                else:
                    size += _size(got)

        fill()
        while queued:
            ahead = queued.popleft()
            if isinstance(ahead, Exception):
                raise ahead
            size -= _size(ahead)
            fill()
            n, e, dossier, photo, carried = ahead
            try:
                inc = _decode(ctx, e, dossier, photo)
                scans = [_decode_scan(ctx, e.iin, r, snap, pages) for r, snap, pages in carried]
            except RezervError as err:
                raise EntryRejected(n, e.iin, err) from None
            yield e, inc, scans
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


# entries stored between two hand-overs of their scan pages to the worker, at most so many or
# (beyond the first) so many bytes of pages: each hand-over, and each wait for the worker, costs a
# switch between the threads (about a millisecond a time on the shared machine, where handing
# over every entry's pages cost the importing thread 2 s of 6 for 1,000 dossiers)
STORED_TOGETHER = 32
GROUP_BYTES = 8 * 1024 * 1024

_Decoded = tuple[Entry, Incoming, list[scans_store.CarriedScan]]


def _group(entries: _Entries) -> list[_Decoded | Exception]:
    """The next entries to store together (``STORED_TOGETHER``, ``GROUP_BYTES``); what getting
    one raised ends the group, in its place."""
    out: list[_Decoded | Exception] = []
    size = 0
    while len(out) < STORED_TOGETHER and size < GROUP_BYTES:
        try:
            got = next(entries, None)
        except Exception as err:  # noqa: BLE001 - raised in its turn by ``apply``
            out.append(err)
            break
        if got is None:
            break
        out.append(got)
        size += sum(len(p) for sc in got[2] for p in sc.pages)
    return out


def _store_pages(conn: Connection, later: scans_store.PagesLater, started: threading.Event) -> None:
    """``scans_store.add_pages`` on the import's worker. The importing thread waits for
    ``started``: this thread then holds the GIL until SQLCipher's encrypting lets go of it, so the
    storing is under way while the next group is read (else this thread would get the GIL only
    when the importing thread waits for it, up to the 5 ms switch interval later)."""
    started.set()
    scans_store.add_pages(conn, later)


def last_received(conn: Connection, peer_id: str, iin: str) -> tuple[int, int] | None:
    """``(nominee id, local version)`` right after the last import of ``iin`` from ``peer_id``."""
    return transfer_log.last_received(conn, peer_id, iin)


def action_for(conn: Connection, peer_id: str, d: Dossier) -> tuple[str, int | None, int]:
    """``("add" | "update" | "same" | "conflict", nominee id, local version)``."""
    return _action(conn, peer_id, d)[:3]


_Action = tuple[str, "int | None", int, "NomineeRecord | None"]


def _action(conn: Connection, peer_id: str, d: Dossier) -> _Action:
    """``action_for`` and the local record it was judged against (None for "add")."""
    repo = Nominees(conn)
    nid = repo.id_by_iin(d.person.iin)
    if nid is None:
        return "add", None, 0, None
    rec = repo.get(nid)
    if rec.dossier == d:
        return "same", nid, rec.version, rec
    known = last_received(conn, peer_id, d.person.iin)
    if known is not None and known == (nid, rec.version):
        return "update", nid, rec.version, rec
    return "conflict", nid, rec.version, rec


ENDED = frozenset({NomineeStatus.ENROLLED, NomineeStatus.REFUSED, NomineeStatus.TERM_EXPIRED,
                   NomineeStatus.EXCLUDED})  # fmt: skip


class DossierHandler:
    def __init__(self, kind: Kind) -> None:
        self.kind = kind

    # -- export ---------------------------------------------------------------------------
    def build(self, conn: Connection, sel: Selection, at: dt.date, ev: Evaluator) -> Payload:
        if self.kind is Kind.CORRECTIONS:
            for nid in sel.nominee_ids:
                if not transfer_log.changed_since_sent(conn, sel.peer_id, nid):
                    raise InvalidInput("quarter.not_corrected", id=nid)
        repo = Nominees(conn)
        sent = transfer_log.sent_versions(conn, sel.peer_id)
        # a correction re-sends materials already sent: p.8(3) stays judged at that sending date
        days = sending.sent_dates(conn) if self.kind is Kind.CORRECTIONS else {}
        ids = list(sel.nominee_ids) if sel.nominee_ids else repo.ids(Filters(quarter=sel.quarter))
        # told per dossier (about once a percent): each one checked, then each chosen one packed
        tick = Ticker(sel.progress, 2 * len(ids), CANCELLED)
        ahead = ScansAhead(sel.reader)  # each chosen one's scans read meanwhile on a helper
        try:
            return self._build(conn, sel, ids, tick, ahead, sent, at, ev, days)
        finally:
            ahead.close()

    def _build(self, conn: Connection, sel: Selection, ids: list[int], tick: Ticker,
               ahead: ScansAhead, sent: dict[int, int], at: dt.date, ev: Evaluator,
               days: dict[int, dt.date]) -> Payload:  # fmt: skip
        repo = Nominees(conn)
        chosen = []
        for n, nid in enumerate(ids, 1):
            rec = repo.get(nid)
            if sel.nominee_ids:
                self._check_explicit(rec.id, rec.dossier, sent, at, ev, days.get(nid))
                chosen.append(rec)
                ahead.want(rec.id)
            elif self._wanted(rec, sent, at, ev, days.get(nid)):
                chosen.append(rec)
                ahead.want(rec.id)
            tick(n)
        ahead.chosen()
        if not chosen:
            raise InvalidInput("bundle.nothing_to_send", quarter=sel.quarter)
        parts: list[tuple[str, bytes]] = []
        entries, carried = [], []
        for m, rec in enumerate(chosen, 1):
            d = rec.dossier
            parts.append((DOSSIER_TYPE, encode(d)))
            entry: dict[str, Any] = {
                "iin": d.person.iin, "version": rec.version, "dossier": len(parts)
            }  # fmt: skip
            if d.photo is not None:
                parts.append((PHOTO_TYPE, d.photo))
                entry["photo"] = len(parts)
            entry["scans"] = [_carry_scan(c, parts) for c in ahead.take(rec.id, conn)]
            entries.append(Entry(**entry))
            carried.append(Carried(iin=d.person.iin, nominee_id=rec.id, version=rec.version))
            tick(len(ids) + m * len(ids) // len(chosen))
        index = Index(format=INDEX_FORMAT, quarter=sel.quarter, entries=entries)
        return Payload(index=msgspec.json.encode(index), parts=parts, carried=carried)

    def _check_explicit(self, nid: int, d: Dossier, sent: dict[int, int], at: dt.date,
                        ev: Evaluator, sent_on: dt.date | None = None) -> None:  # fmt: skip
        if not nominable(ev.evaluate(d, at=at, sent_on=sent_on)):
            raise InvalidInput("bundle.nominee_blocked", id=nid)
        if self.kind is Kind.CORRECTIONS and nid not in sent:
            raise InvalidInput("bundle.nominee_not_sent", id=nid)

    def _wanted(self, rec: Any, sent: dict[int, int], at: dt.date, ev: Evaluator,
                sent_on: dt.date | None = None) -> bool:  # fmt: skip
        if self.kind is Kind.NOMINATIONS and rec.id in sent:
            return False
        if self.kind is Kind.CORRECTIONS and sent.get(rec.id, rec.version) >= rec.version:
            return False
        return nominable(ev.evaluate(rec.dossier, at=at, sent_on=sent_on))

    # -- import ---------------------------------------------------------------------------
    def prepare(self, ctx: Context, index: bytes, parts: Parts) -> Plan:
        idx = _index(ctx, index, len(parts))
        plan = self._plan()
        with closing(_entries(ctx, idx, parts)) as entries:
            for e, inc, _ in entries:
                self._count(plan, e, inc.dossier, action_for(ctx.conn, ctx.peer.id, inc.dossier)[0])
        return plan

    def _plan(self) -> Plan:
        return Plan(kind=self.kind.value, counts={"add": 0, "update": 0, "same": 0, "conflict": 0})

    @staticmethod
    def _count(plan: Plan, e: Entry, d: Dossier, act: str) -> None:
        plan.counts[act] += 1
        label = f"{d.person.surname} {d.person.given_name}"
        plan.changes.append(Change(action=act, entity=f"nominee:{e.iin}", label=label))
        if act == "conflict":
            plan.notices.append(Notice(key="bundle.conflict_kept_both", params={"iin": e.iin}))

    def apply(self, uow: UnitOfWork, ctx: Context, index: bytes, parts: Parts,
              bundle_id: str) -> tuple[Plan, list[Carried]]:  # fmt: skip
        """One entry at a time: validated, stored, its state changes made; an entry's photo bytes
        are dropped once it was stored (the next entries' are read meanwhile: ``_entries``).

        The entries are stored in groups (``STORED_TOGETHER``), and the scan pages of a group
        last, on a worker thread, while the next group is read, decoded and checked (which runs
        no SQL): SQLCipher encrypting the pages releases the GIL (for 1,000 dossiers with two
        scanned pages each, 100 MiB: the largest part of an import's SQL). Their storing is
        waited for before anything else runs on the connection, and what it raised is raised
        then, before what reading the next group raised; what reading or checking an entry raised
        is raised in that entry's turn, once the entries before it were applied: the refusals
        come in the order of storing one entry at a time (and any refusal rolls back all)."""
        idx = _index(ctx, index, len(parts))
        plan = self._plan()
        carried: list[Carried] = []
        with closing(_entries(ctx, idx, parts)) as entries, \
                ThreadPoolExecutor(max_workers=1, thread_name_prefix="scan-pages") as writer:  # fmt: skip
            storing: Future[None] | None = None  # the group before's pages
            while True:
                try:
                    group = _group(entries)
                finally:  # on the way out too: the connection is left to no one else
                    if storing is not None:
                        done, storing = storing, None
                        done.result()
                if not group:
                    break
                later: scans_store.PagesLater = []
                for got in group:
                    if isinstance(got, Exception):
                        if later:  # the entries before it stored whole first, as one at a time
                            writer.submit(_store_pages, uow.conn, later, threading.Event()).result()
                        raise got
                    self._apply_entry(uow, ctx, *got, bundle_id, plan, carried, later)
                if later:
                    started = threading.Event()
                    storing = writer.submit(_store_pages, uow.conn, later, started)
                    started.wait()  # until the worker has the GIL: it lets go of it as it stores
        return plan, carried

    def _apply_entry(self, uow: UnitOfWork, ctx: Context, e: Entry, inc: Incoming,
                     scans: list[scans_store.CarriedScan], bundle_id: str, plan: Plan,
                     carried: list[Carried], later: scans_store.PagesLater) -> None:  # fmt: skip
        """One entry stored; its scans' pages are left in ``later`` (stored by the caller)."""
        d = inc.dossier
        act, nid, version, rec = _action(uow.conn, ctx.peer.id, d)  # judged once, used twice
        self._count(plan, e, d, act)
        before = earlier = None
        if rec is not None:
            before = rec.dossier
            if self.kind is Kind.NOMINATIONS and rec.status in ENDED:
                earlier = (rec.status, rec.dossier.nomination.quarter, rec.version)
        c = self._store(uow, ctx, inc, bundle_id, act, nid, version)
        here = c.nominee_id if c is not None else nid
        for sc in scans:  # the signed scans, matched to the record as it now stands here
            if here is not None:
                ctx.services.scan_received(uow, here, scan=sc, peer=ctx.peer.id, bundle_id=bundle_id,
                                           later=later)  # fmt: skip
        if c is None:
            return
        carried.append(c)
        if earlier is not None:  # the same person nominated anew (p.14, p.12(2), p.20)
            status, previous, version = earlier
            quarter = d.nomination.quarter
            if quarter > previous:
                ctx.services.renomination_received(uow, c.nominee_id, status=status, quarter=quarter,
                                                   previous=previous, version=version,
                                                   bundle_id=bundle_id)  # fmt: skip
        if self.kind is Kind.CORRECTIONS:
            ctx.services.corrections_received(uow, c.nominee_id, before=before,
                                              bundle_id=bundle_id)  # fmt: skip

    def _store(self, uow: UnitOfWork, ctx: Context, inc: Incoming, bundle_id: str, act: str,
               nid: int | None, version: int) -> Carried | None:  # fmt: skip
        """Store one incoming dossier as ``action_for`` judged it (``act``, ``nid``, ``version``);
        ``None`` when it was kept beside a local edit (conflict)."""
        d = inc.dossier
        # p.8(3) is judged when the materials were sent: this bundle's date for nominations, the
        # nominations bundle's for corrections
        sent: dt.date | None = dt.datetime.fromisoformat(ctx.manifest.created).date()
        if self.kind is Kind.CORRECTIONS and nid is not None:
            sent = sending.sent_on(uow.conn, nid) or sent
        thumb = inc.thumb or (photo_mod.thumbnail(d.photo) if d.photo else None)
        found = ctx.evaluator.evaluate(d, at=ctx.at, sent_on=sent)
        b = sum(1 for f in found if f.severity is Severity.BLOCKER)
        w = sum(1 for f in found if f.severity is Severity.WARNING)
        change = {"bundle": bundle_id, "sender_version": str(inc.version),
                  "dossier": digest_of(encode(d).decode()),
                  "photo": digest_of_hex(d.photo or b"")}  # fmt: skip
        if act == "add":
            nid = uow.nominees.add(d, now=uow.now, thumb=thumb, status=NomineeStatus.RECEIVED,
                                   blockers=b, warnings=w)  # fmt: skip
            version = 1
            uow.audit("nominee.receive", f"nominee:{nid}", change)
        elif act == "update":
            assert nid is not None
            version = uow.nominees.update(nid, d, now=uow.now, expected_version=version,
                                          thumb=thumb, blockers=b, warnings=w)  # fmt: skip
            uow.audit("nominee.receive_update", f"nominee:{nid}", change)
        elif act == "conflict":
            assert nid is not None
            conflicts.add(uow.conn, bundle_id=bundle_id, nominee_id=nid, iin=d.person.iin,
                          local_version=version, data=encode(d), photo=d.photo,
                          created=uow.now)  # fmt: skip
            uow.audit("transfer.conflict", f"nominee:{nid}", change)
            return None  # the local record stays; the link keeps its last known version
        assert nid is not None
        return Carried(iin=d.person.iin, nominee_id=nid, version=version)


def _carry_scan(c: scans_store.CarriedScan, parts: list[tuple[str, bytes]]) -> ScanRef:
    parts.append((SNAPSHOT_TYPE, c.snapshot))
    snapshot = len(parts)
    pages = []
    for page in c.pages:
        parts.append((PAGE_TYPES[scan_mod.page_format(page)], page))
        pages.append(len(parts))
    return ScanRef(
        document=c.document, code=c.code, kind=c.kind, lang=c.lang, reg_no=c.reg_no,
        reg_date=c.reg_date, printed_pages=c.printed_pages, printed=c.printed, version=c.version,
        digest=c.digest, snapshot=snapshot, snapshot_photo=c.snapshot_photo, sha256=c.sha256,
        attached=c.attached, pages=pages,
    )  # fmt: skip
