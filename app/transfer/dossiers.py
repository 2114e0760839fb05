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
import io
from typing import Annotated, Any

import msgspec
from PIL import Image, UnidentifiedImageError

from app import photo as photo_mod
from app import scan as scan_mod
from app.domain.dossier import Dossier
from app.domain.workflow import NomineeStatus
from app.errors import InvalidInput, RezervError
from app.rules.base import Severity, nominable
from app.rules.registry import Evaluator
from app.store import scans as scans_store
from app.store.audit import digest_of
from app.store.connection import Connection
from app.store.database import UnitOfWork
from app.store.nominees import Filters, Nominees, encode
from app.transfer.kinds import Carried, Change, Context, Kind, Notice, Payload, Plan, Selection, decode_index

INDEX_FORMAT = "rezerv.dossiers/1"
DOSSIER_TYPE = "application/vnd.rezerv.dossier+json"
PHOTO_TYPE = "image/jpeg"
SCAN_PAGE_TYPE = "application/vnd.rezerv.scan-page+jpeg"
SNAPSHOT_TYPE = "application/vnd.rezerv.scan-snapshot+json"
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
    scans: list[scans_store.CarriedScan] = msgspec.field(default_factory=list)


def check_photo(jpeg: bytes) -> None:
    """A stored-form photo: 354x472 JPEG that decodes completely and carries no metadata."""
    if len(jpeg) > photo_mod.MAX_BYTES or not photo_mod.is_normalized(jpeg):
        raise InvalidInput("bundle.photo_not_normalized")
    try:
        img = Image.open(io.BytesIO(jpeg))
        img.load()
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError):
        raise InvalidInput("bundle.photo_unreadable") from None
    if _META_KEYS & set(img.info):
        raise InvalidInput("bundle.photo_metadata")


def _validate(d: Dossier, at: dt.date) -> None:
    from app.domain.validation import validate

    validate(d, today=at)


def _decode(ctx: Context, n: int, e: Entry, parts: list[bytes]) -> Dossier:
    media = ctx.manifest.items
    if e.dossier > len(parts) or media[e.dossier].media_type != DOSSIER_TYPE:
        raise InvalidInput("bundle.index_bad_reference", n=n)
    try:
        d = _DEC.decode(parts[e.dossier - 1])
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
    if e.photo is not None:
        if e.photo > len(parts) or media[e.photo].media_type != PHOTO_TYPE:
            raise InvalidInput("bundle.index_bad_reference", n=n)
        jpeg = parts[e.photo - 1]
        check_photo(jpeg)
        d = msgspec.structs.replace(d, photo=jpeg)
    _validate(d, ctx.at)
    return d


def _decode_scan(ctx: Context, n: int, iin: str, r: ScanRef, parts: list[bytes]) -> scans_store.CarriedScan:
    """A carried scan, checked: its pages stored-form JPEGs whose digest is the one carried, its
    snapshot a dossier of the same person whose digest is the record digest printed."""
    media = ctx.manifest.items
    for pos, typ in [(r.snapshot, SNAPSHOT_TYPE)] + [(p, SCAN_PAGE_TYPE) for p in r.pages]:
        if pos > len(parts) or media[pos].media_type != typ:
            raise InvalidInput("bundle.index_bad_reference", n=n)
    pages = [parts[p - 1] for p in r.pages]
    for jpeg in pages:
        scan_mod.check_stored_page(jpeg)
    if scan_mod.pages_digest(pages) != r.sha256:
        raise InvalidInput("bundle.scan_mismatch", code=r.code)
    snap = parts[r.snapshot - 1]
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


def last_received(conn: Connection, peer_id: str, iin: str) -> tuple[int, int] | None:
    """``(nominee id, local version)`` right after the last import of ``iin`` from ``peer_id``."""
    r = conn.execute(
        "SELECT i.nominee_id, i.version FROM transfer_items i JOIN transfer_bundles b"
        " ON b.id = i.bundle_id WHERE b.peer_id = ? AND b.direction = 'in' AND i.iin = ?"
        " ORDER BY b.seq DESC LIMIT 1",
        (peer_id, iin),
    ).fetchone()
    return (int(r[0]), int(r[1])) if r else None


def action_for(conn: Connection, peer_id: str, d: Dossier) -> tuple[str, int | None, int]:
    """``("add" | "update" | "same" | "conflict", nominee id, local version)``."""
    repo = Nominees(conn)
    nid = repo.id_by_iin(d.person.iin)
    if nid is None:
        return "add", None, 0
    rec = repo.get(nid)
    if rec.dossier == d:
        return "same", nid, rec.version
    known = last_received(conn, peer_id, d.person.iin)
    if known is not None and known == (nid, rec.version):
        return "update", nid, rec.version
    return "conflict", nid, rec.version


ENDED = frozenset({NomineeStatus.ENROLLED, NomineeStatus.REFUSED, NomineeStatus.TERM_EXPIRED,
                   NomineeStatus.EXCLUDED})  # fmt: skip


class DossierHandler:
    def __init__(self, kind: Kind) -> None:
        self.kind = kind

    # -- export ---------------------------------------------------------------------------
    def build(self, conn: Connection, sel: Selection, at: dt.date, ev: Evaluator) -> Payload:
        if self.kind is Kind.CORRECTIONS:
            for nid in sel.nominee_ids:
                if not _changed_since_sent(conn, sel.peer_id, nid):
                    raise InvalidInput("quarter.not_corrected", id=nid)
        repo = Nominees(conn)
        sent = _sent_versions(conn, sel.peer_id)
        if sel.nominee_ids:
            chosen = []
            for nid in sel.nominee_ids:
                rec = repo.get(nid)
                self._check_explicit(rec.id, rec.dossier, sent, at, ev)
                chosen.append(rec)
        else:
            chosen = [r for nid in repo.ids(Filters(quarter=sel.quarter))
                      if self._wanted(r := repo.get(nid), sent, at, ev)]  # fmt: skip
        if not chosen:
            raise InvalidInput("bundle.nothing_to_send", quarter=sel.quarter)
        parts: list[tuple[str, bytes]] = []
        entries, carried = [], []
        for rec in chosen:
            d = rec.dossier
            parts.append((DOSSIER_TYPE, encode(d)))
            entry: dict[str, Any] = {
                "iin": d.person.iin, "version": rec.version, "dossier": len(parts)
            }  # fmt: skip
            if d.photo is not None:
                parts.append((PHOTO_TYPE, d.photo))
                entry["photo"] = len(parts)
            entry["scans"] = [_carry_scan(c, parts) for c in scans_store.carried_for(conn, rec.id)]
            entries.append(Entry(**entry))
            carried.append(Carried(iin=d.person.iin, nominee_id=rec.id, version=rec.version))
        index = Index(format=INDEX_FORMAT, quarter=sel.quarter, entries=entries)
        return Payload(index=msgspec.json.encode(index), parts=parts, carried=carried)

    def _check_explicit(self, nid: int, d: Dossier, sent: dict[int, int], at: dt.date,
                        ev: Evaluator) -> None:  # fmt: skip
        if not nominable(ev.evaluate(d, at=at)):
            raise InvalidInput("bundle.nominee_blocked", id=nid)
        if self.kind is Kind.CORRECTIONS and nid not in sent:
            raise InvalidInput("bundle.nominee_not_sent", id=nid)

    def _wanted(self, rec: Any, sent: dict[int, int], at: dt.date, ev: Evaluator) -> bool:
        if self.kind is Kind.NOMINATIONS and rec.id in sent:
            return False
        if self.kind is Kind.CORRECTIONS and sent.get(rec.id, rec.version) >= rec.version:
            return False
        return nominable(ev.evaluate(rec.dossier, at=at))

    # -- import ---------------------------------------------------------------------------
    def prepare(self, ctx: Context, index: bytes, parts: list[bytes]) -> Plan:
        idx: Index = decode_index(index, Index)
        if idx.format != INDEX_FORMAT:
            raise InvalidInput("bundle.index_invalid", detail=idx.format[:40])
        used = [e.dossier for e in idx.entries] + [e.photo for e in idx.entries if e.photo]
        used += [p for e in idx.entries for r in e.scans for p in (r.snapshot, *r.pages)]
        if sorted(used) != list(range(1, len(parts) + 1)):
            raise InvalidInput("bundle.index_bad_reference", n=0)
        if len({e.iin for e in idx.entries}) != len(idx.entries):
            raise InvalidInput("bundle.index_duplicate_iin")
        plan = Plan(kind=self.kind.value, counts={"add": 0, "update": 0, "same": 0, "conflict": 0})
        incoming = []
        for n, e in enumerate(idx.entries, 1):
            try:
                d = _decode(ctx, n, e, parts)
                carried_scans = [_decode_scan(ctx, n, e.iin, r, parts) for r in e.scans]
            except RezervError as err:
                raise EntryRejected(n, e.iin, err) from None
            act, _, _ = action_for(ctx.conn, ctx.peer.id, d)
            plan.counts[act] += 1
            label = f"{d.person.surname} {d.person.given_name}"
            plan.changes.append(Change(action=act, entity=f"nominee:{e.iin}", label=label))
            if act == "conflict":
                plan.notices.append(Notice(key="bundle.conflict_kept_both", params={"iin": e.iin}))
            incoming.append(Incoming(dossier=d, version=e.version, scans=carried_scans))
        plan.data = incoming
        return plan

    def apply(self, uow: UnitOfWork, ctx: Context, plan: Plan, bundle_id: str) -> list[Carried]:
        before: dict[int, Dossier] = {}
        if self.kind is Kind.CORRECTIONS:
            for inc in plan.data:
                nid = uow.nominees.id_by_iin(inc.dossier.person.iin)
                if nid is not None:
                    before[nid] = uow.nominees.get(nid).dossier
        earlier = self._earlier_cycles(uow, plan) if self.kind is Kind.NOMINATIONS else {}
        carried = self._store(uow, ctx, plan, bundle_id)
        for inc in plan.data:  # the signed scans, matched to the record as it now stands here
            nid = uow.nominees.id_by_iin(inc.dossier.person.iin)
            for sc in inc.scans:
                if nid is not None:
                    ctx.services.scan_received(uow, nid, scan=sc, peer=ctx.peer.id, bundle_id=bundle_id)
        for c in carried:  # the same person nominated anew for a later quarter (p.14, p.12(2), p.20)
            if c.nominee_id in earlier:
                status, previous, version = earlier[c.nominee_id]
                quarter = uow.nominees.get(c.nominee_id, with_photo=False).dossier.nomination.quarter
                if quarter > previous:
                    ctx.services.renomination_received(uow, c.nominee_id, status=status, quarter=quarter,
                                                       previous=previous, version=version,
                                                       bundle_id=bundle_id)  # fmt: skip
        if self.kind is Kind.CORRECTIONS:
            for c in carried:
                ctx.services.corrections_received(uow, c.nominee_id, before=before.get(c.nominee_id),
                                                  bundle_id=bundle_id)  # fmt: skip
        return carried

    @staticmethod
    def _earlier_cycles(uow: UnitOfWork, plan: Plan) -> dict[int, tuple[str, str, int]]:
        """Nominee id -> (state, quarter, version) of the carried people whose last nomination
        here has ended (decided, expired, excluded): a later quarter is a new nomination."""
        out = {}
        for inc in plan.data:
            nid = uow.nominees.id_by_iin(inc.dossier.person.iin)
            if nid is None:
                continue
            rec = uow.nominees.get(nid, with_photo=False)
            if rec.status in ENDED:
                out[nid] = (rec.status, rec.dossier.nomination.quarter, rec.version)
        return out

    def _store(self, uow: UnitOfWork, ctx: Context, plan: Plan, bundle_id: str) -> list[Carried]:
        carried = []
        for inc in plan.data:
            d = inc.dossier
            act, nid, version = action_for(uow.conn, ctx.peer.id, d)
            thumb = photo_mod.thumbnail(d.photo) if d.photo else None
            found = ctx.evaluator.evaluate(d, at=ctx.at)
            b = sum(1 for f in found if f.severity is Severity.BLOCKER)
            w = sum(1 for f in found if f.severity is Severity.WARNING)
            change = {"bundle": bundle_id, "sender_version": str(inc.version),
                      "dossier": digest_of(encode(d).decode()),
                      "photo": digest_of((d.photo or b"").hex())}  # fmt: skip
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
                uow.conn.execute(
                    "INSERT INTO transfer_conflicts (bundle_id, nominee_id, iin, local_version,"
                    " data, photo, created) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (bundle_id, nid, d.person.iin, version, encode(d), d.photo,
                     uow.now.isoformat(timespec="seconds")),
                )  # fmt: skip
                uow.audit("transfer.conflict", f"nominee:{nid}", change)
                continue  # the local record stays; the link keeps its last known version
            assert nid is not None
            carried.append(Carried(iin=d.person.iin, nominee_id=nid, version=version))
        return carried


def _carry_scan(c: scans_store.CarriedScan, parts: list[tuple[str, bytes]]) -> ScanRef:
    parts.append((SNAPSHOT_TYPE, c.snapshot))
    snapshot = len(parts)
    pages = []
    for jpeg in c.pages:
        parts.append((SCAN_PAGE_TYPE, jpeg))
        pages.append(len(parts))
    return ScanRef(
        document=c.document, code=c.code, kind=c.kind, lang=c.lang, reg_no=c.reg_no,
        reg_date=c.reg_date, printed_pages=c.printed_pages, printed=c.printed, version=c.version,
        digest=c.digest, snapshot=snapshot, snapshot_photo=c.snapshot_photo, sha256=c.sha256,
        attached=c.attached, pages=pages,
    )  # fmt: skip


def _sent_versions(conn: Connection, peer_id: str) -> dict[int, int]:
    """Nominee id -> the highest local version already sent to ``peer_id``."""
    rows = conn.execute(
        "SELECT i.nominee_id, max(i.version) FROM transfer_items i JOIN transfer_bundles b"
        " ON b.id = i.bundle_id WHERE b.peer_id = ? AND b.direction = 'out'"
        " GROUP BY i.nominee_id",
        (peer_id,),
    )
    return {int(r[0]): int(r[1]) for r in rows}


def _changed_since_sent(conn: Connection, peer_id: str, nid: int) -> bool:
    """Edited since its last version sent to ``peer_id`` (or never sent there)."""
    r = conn.execute(
        "SELECT n.version, (SELECT max(i.version) FROM transfer_items i JOIN"
        " transfer_bundles b ON b.id = i.bundle_id WHERE b.direction = 'out' AND"
        " b.peer_id = ? AND i.nominee_id = n.id) FROM nominees n WHERE n.id = ?",
        (peer_id, nid),
    ).fetchone()
    return r is None or r[1] is None or r[0] > r[1]
