"""Export, inspect and import transfer bundles; receipts go back automatically.

Import order (docs/bundle-format.md): size cap, age header, streamed decryption, container and
manifest, pinned active sender and signature, this workstation a recipient, fresh bundle id and
newer sequence, all before the first item is read; then one unit of work reads the items one at
a time (each checked against the signed manifest, then the kind's own validation of every
dossier and photo) and applies them, checks the end of the file, writes the audit rows and seals
the receipt, or nothing changes.
"""

from __future__ import annotations

import contextlib
import io
import os
import secrets
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import AbstractContextManager
from pathlib import Path

import msgspec

from app.errors import InvalidInput, NotFound, RezervError, UsageError
from app.fsutil import atomic_write, fsync_dir
from app.progress import Progress, Ticker
from app.security.roles import Permission
from app.services.bundle_workflow import BundleWorkflow, exported
from app.services.transfer import own_identity
from app.services.workstation import Session
from app.store import audit, transfer_log
from app.store.connection import Connection, connect, read_only
from app.store.database import UnitOfWork
from app.transfer import bundle, envelope, kinds, peers
from app.transfer import format as fmt
from app.transfer.handlers import exportable, handler_for, receipt_payload
from app.transfer.identity import Own
from app.transfer.kinds import CANCELLED, Change, Notice, Selection

EXPORT_STEPS = 5  # built, sealed, written, read back, committed
# an export as a hundred: the build (told per dossier by the kinds that carry many) up to BUILT,
# then five for each of the other four steps
BUILT, SEALED, WRITTEN, READ_BACK, COMMITTED = EXPORT_AT = (80, 85, 90, 95, 100)


class ExportResult(msgspec.Struct, frozen=True, kw_only=True):
    bundle_id: str
    kind: str
    peer_id: str
    seq: int
    count: int
    size: int
    path: str


class Inspection(msgspec.Struct, kw_only=True):
    """What a bundle is and what importing it would do; ``refusal`` says why it would be refused."""

    bundle_id: str
    kind: str
    sender: str
    sender_role: str
    sender_fingerprint: str
    verified: bool
    created: str
    seq: int
    items: int
    size: int
    counts: dict[str, int]
    changes: list[Change]
    notices: list[Notice]
    refusal: RezervError | None = None


class ImportResult(msgspec.Struct, kw_only=True):
    bundle_id: str
    kind: str
    sender: str
    seq: int
    counts: dict[str, int]
    changes: list[Change]
    notices: list[Notice]
    receipt_id: str | None = None
    receipt_path: str | None = None


def export_bundle(
    s: Session, *, kind: str, peer_id: str, out: Path, quarter: str = "",
    nominee_ids: tuple[int, ...] = (), progress: Progress | None = None,
) -> ExportResult:  # fmt: skip
    """Build, mark sent, seal, write beside ``out`` under a temporary name, read it back, and
    only then give it its name and commit. ``progress(done, total)`` is told the export out of a
    hundred (about once a percent): the build as the handler reports it per entry, up to
    ``BUILT``, then each of the other steps (``EXPORT_AT``); returning False stops the export (at
    the latest before the file gets its name): no file, nothing marked or audited."""
    s.require(Permission.EXCHANGE)
    handler = exportable(kind)
    if not quarter and not nominee_ids:
        raise UsageError("bundle.selection_required")
    if out.exists():
        raise UsageError("bundle.out_exists", path=str(out))
    own = own_identity(s)
    tick = Ticker(progress, COMMITTED, CANCELLED)
    tick(0, force=True)

    def building(done: int, total: int) -> bool:  # the handler's own count, as the first BUILT
        tick(done * BUILT // max(1, total))  # raises InvalidInput(CANCELLED) once told to stop
        return True

    # the sealed bundle is opened with our archive key on a helper thread while it is recorded and
    # written (pyrage releases the GIL); leaving the block waits for it
    with s.db.unit_of_work(s.user) as uow, ThreadPoolExecutor(1, "bundle-open") as helper:
        peer = peers.require_active(uow.conn, peer_id)
        sel = Selection(peer_id=peer.id, quarter=quarter, nominee_ids=nominee_ids,
                        progress=building if progress is not None else None,
                        reader=lambda: _second_reader(s))  # fmt: skip
        with read_only(uow.conn):  # a handler only reads; the marks are made below
            payload = handler.build(uow.conn, sel, s.clock.today(), s.evaluator())
        tick(BUILT)
        exported(uow, kind, payload.carried, s.clock.today(), payload.sent, peer.id)
        seq, prev = peers.chain(uow.conn, peer.id, "out")
        sealed = bundle.seal(own, kind=kind, recipients=[(peer, seq + 1, prev)], payload=payload,
                             checkpoint=audit.head(uow.conn), now=uow.now)  # fmt: skip
        m = sealed.manifest
        if len(sealed.data) > envelope.MAX_BUNDLE:
            raise InvalidInput("bundle.too_large", size_mb=len(sealed.data) // 2**20,
                               limit_mb=envelope.MAX_BUNDLE // 2**20)  # fmt: skip
        tick(SEALED)
        opens = helper.submit(_opens_as_sealed, own, sealed)
        _record_out(uow, m, peer.id, seq + 1, sealed.bundle_hash)
        transfer_log.add_items(uow.conn, m.bundle_id,
                               [(c.iin, c.nominee_id, c.version) for c in payload.carried])
        uow.audit("transfer.export", f"bundle:{m.bundle_id}", {
            "kind": kind, "peer": peer.id, "seq": seq + 1, "hash": sealed.bundle_hash,
            "nominees": [c.nominee_id for c in payload.carried],
            **({"sent": _sent_ids(payload.sent)} if payload.sent else {})})  # fmt: skip
        tmp = out.with_name(f".{out.name}.{secrets.token_hex(6)}.part")
        try:
            _write(tmp, sealed.data, shown=out)
            tick(WRITTEN)
            _verify_written(tmp, sealed, opens, shown=out)
            tick(READ_BACK, force=True)  # the last moment a cancel is heard
            if out.exists():
                raise UsageError("bundle.out_exists", path=str(out))
            try:
                os.replace(tmp, out)
            except OSError:
                raise InvalidInput("bundle.write_failed", path=str(out)) from None
            fsync_dir(out.parent)
            try:
                uow.commit()
            except BaseException:
                with contextlib.suppress(OSError):
                    out.unlink()
                raise
        finally:
            with contextlib.suppress(OSError):
                tmp.unlink()
    tick.last()
    return ExportResult(
        bundle_id=m.bundle_id, kind=kind, peer_id=peer.id, seq=seq + 1,
        count=len(payload.carried), size=len(sealed.data), path=str(out),
    )  # fmt: skip


@contextlib.contextmanager
def _second_reader(s: Session) -> Iterator[Connection]:
    """A second connection to the session's database, read-only, closed on leaving: a build's
    helper thread reads ahead on it (``Selection.reader``)."""
    conn = connect(s.db.path, s.db.raw_key())
    try:
        with read_only(conn):
            yield conn
    finally:
        conn.close()


def _sent_ids(sent: list[kinds.Sent]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for m in sent:
        out.setdefault(m.what, []).append(m.id)
    return out


def _record_out(uow: UnitOfWork, m: fmt.Manifest, peer_id: str, seq: int, digest: str) -> None:
    transfer_log.record(
        uow.conn, bundle_id=m.bundle_id, direction="out", peer_id=peer_id, kind=m.kind,
        seq=seq, digest=digest, created=m.created, processed=uow.now, user=uow.user,
    )  # fmt: skip
    peers.advance(uow.conn, peer_id, "out", seq, digest)


def _write(out: Path, data: bytes, *, shown: Path | None = None) -> None:
    try:
        atomic_write(out, data)
    except OSError:
        raise InvalidInput("bundle.write_failed", path=str(shown or out)) from None


def _verify_written(out: Path, sealed: bundle.Sealed, opens: Future[bool], *, shown: Path) -> None:
    """Read the file back: it is the very age file sealed, which opens with our archive key as the
    recipient will open it (``_opens_as_sealed``, run meanwhile): the file does."""
    try:
        written = envelope.read_capped(out)
    except InvalidInput:
        raise InvalidInput("bundle.verify_failed", path=str(shown)) from None
    if written != sealed.data or not opens.result():
        raise InvalidInput("bundle.verify_failed", path=str(shown))


def _opens_as_sealed(own: Own, sealed: bundle.Sealed) -> bool:
    """The sealed age file decrypts with our archive key to the very container sealed (whose items
    were hashed into the manifest as it was packed), and its signature verifies. The decrypted
    bytes are compared with the container as they come (``_Same``): the plaintext is not held a
    second time (100 MiB for a bundle of 1,000 dossiers with two scanned pages each)."""
    same = _Same(sealed.plaintext)
    try:
        envelope.decrypt_to(sealed.data, own.identity(), same)
        if not same.whole():
            return False
        head = fmt.read_head(io.BytesIO(sealed.plaintext))
        fmt.verify_signature(bytes.fromhex(own.card.sign_key), head.manifest_bytes, head.signature)
    except InvalidInput:
        return False
    return head.bundle_hash == sealed.bundle_hash


class _Same:
    """A writer comparing what is written with ``expected``, from its start."""

    def __init__(self, expected: bytes) -> None:
        self._expected, self._at, self._same = expected, 0, True

    def write(self, b: bytes) -> int:
        if self._same and not self._expected.startswith(b, self._at):
            self._same = False
        self._at += len(b)
        return len(b)

    def flush(self) -> None:
        return None

    def whole(self) -> bool:
        """Everything written was ``expected``, and all of it was written."""
        return self._same and self._at == len(self._expected)


def _stream(s: Session, path: Path, limit: int) -> AbstractContextManager[envelope.Plaintext]:
    return envelope.open_stream(path, own_identity(s).identity(), limit)


@contextlib.contextmanager
def _parts(src: envelope.Plaintext, o: bundle.Opened,
           tick: Ticker | None = None) -> Iterator[tuple[bytes, kinds.Streamed]]:  # fmt: skip
    """The index (item 0) and the other items as they are decrypted, each checked against the
    signed manifest (read ahead on a helper thread, ``fmt.ItemsAhead``, stopped on leaving):
    call only after ``bundle.authenticate``; ``tick`` counts the items taken."""
    m = o.manifest
    index = fmt.read_item(src, m, 0)
    ahead = fmt.ItemsAhead(src, m, 1)
    try:
        items: Iterator[bytes] = ahead
        if tick is not None:
            tick(1)
            items = _counted(items, tick)
        yield index, kinds.Streamed(items, len(m.items) - 1)
    finally:
        ahead.close()


def _counted(items: Iterator[bytes], tick: Ticker) -> Iterator[bytes]:
    for b in items:
        tick.step()
        yield b


def _finish(src: envelope.Plaintext, parts: kinds.Streamed) -> None:
    """Every item was read and nothing follows; the end of the age file is authentic."""
    if len(parts):
        raise InvalidInput("bundle.index_bad_reference", n=0)
    extra = src.finish()
    if extra:
        raise InvalidInput("bundle.trailing_data", extra=extra)


def _context(s: Session, o: bundle.Opened, conn: Connection | None = None) -> kinds.Context:
    return kinds.Context(conn=conn or s.db.connection(), peer=o.peer, manifest=o.manifest,
                         bundle_hash=o.bundle_hash, at=s.clock.today(),
                         evaluator=s.evaluator())  # fmt: skip


def inspect_bundle(s: Session, path: Path, *, limit: int = envelope.MAX_BUNDLE,
                   progress: Progress | None = None) -> Inspection:  # fmt: skip
    """Decrypt and check without applying, streamed like an import; errors before the manifest
    is readable are raised, later ones are the inspection's ``refusal``. ``progress(done,
    total)`` is told the items decrypted and checked out of the bundle's items (nothing before
    the manifest is read); returning False stops the inspection with ``InvalidInput(CANCELLED)``
    (an inspection changes nothing either way)."""
    s.require(Permission.EXCHANGE)
    own = own_identity(s)
    with _stream(s, path, limit) as src:
        head = fmt.read_head(src)
        m = head.manifest
        tick = Ticker(progress, len(m.items), CANCELLED)
        tick(0, force=True)
        mine = [r.seq for r in m.recipients if r.id == own.id]
        ins = Inspection(
            bundle_id=m.bundle_id, kind=m.kind, sender=m.sender, sender_role=m.sender_role,
            sender_fingerprint=m.sender_fingerprint, verified=False, created=m.created,
            seq=mine[0] if mine else 0, items=len(m.items), size=path.stat().st_size, counts={},
            changes=[], notices=[],
        )  # fmt: skip
        try:
            opened = bundle.authenticate(s.db.connection(), own, head)
            ins.verified = True
            ins.notices = bundle.freshness(s.db.connection(), opened)
            handler = handler_for(m.kind)
            with _parts(src, opened, tick) as (index, parts):
                plan = handler.prepare(_context(s, opened), index, parts)
            _finish(src, parts)
        except RezervError as e:
            if progress is not None and e.key == CANCELLED:  # asked for: not the bundle's fault
                raise
            ins.refusal = e
            return ins
    tick.last()
    ins.counts, ins.changes = plan.counts, plan.changes
    ins.notices += plan.notices
    return ins


def import_bundle(
    s: Session,
    path: Path,
    *,
    receipt_out: Path | None = None,
    limit: int = envelope.MAX_BUNDLE,
    expected_sha256: str | None = None,
    accept_rollback: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Apply a bundle, streamed: decrypted, checked and applied one item at a time inside one
    unit of work, committed only once the end of the file authenticated (a truncated or damaged
    file rolls everything back). The signature and freshness are checked before the first item
    is read. ``expected_sha256`` (the file's hash when it was previewed) guarantees that what is
    applied is exactly what the clerk saw. A sender whose checkpoint went backwards or forked is
    refused unless a supervisor passes ``accept_rollback`` (audited). ``progress(done, total)``
    is told the items read out of the bundle's items (and one more once committed); returning
    False rolls everything back: nothing stored, the bundle not recorded, so it can come again."""
    s.require(Permission.EXCHANGE)
    if accept_rollback:
        s.require(Permission.MAINTAIN)
    if s.db.anchor_held:  # this database is older than its anchor: a supervisor decides first
        raise InvalidInput("anchor.imports_held")
    if receipt_out is not None and receipt_out.exists():
        raise UsageError("bundle.out_exists", path=str(receipt_out))
    own = own_identity(s)
    receipt: bundle.Sealed | None = None
    with _stream(s, path, limit) as src:
        head = fmt.read_head(src)
        opened = bundle.authenticate(s.db.connection(), own, head)
        bundle.freshness(s.db.connection(), opened, accept_rollback=accept_rollback)
        handler = handler_for(head.manifest.kind)
        m, peer, digest = opened.manifest, opened.peer, opened.bundle_hash
        tick = Ticker(progress, len(m.items) + 1, CANCELLED)
        tick(0, force=True)
        with s.db.unit_of_work(s.user) as uow:
            notices = bundle.freshness(uow.conn, opened, accept_rollback=accept_rollback)
            transfer_log.record(uow.conn, bundle_id=m.bundle_id, direction="in", peer_id=peer.id,
                                kind=m.kind, seq=opened.seq, digest=digest, created=m.created,
                                processed=uow.now, user=s.user)  # fmt: skip
            ctx = _context(s, opened, uow.conn)
            ctx.workflow = BundleWorkflow(s)
            with _parts(src, opened, tick) as (index, parts):
                plan, carried = handler.apply(uow, ctx, index, parts, m.bundle_id)
            _finish(src, parts)
            if expected_sha256 is not None and src.sha256 != expected_sha256:
                raise InvalidInput("bundle.changed_since_preview")
            notices += plan.notices
            transfer_log.add_items(uow.conn, m.bundle_id,
                                   [(c.iin, c.nominee_id, c.version) for c in carried])
            peers.advance(uow.conn, peer.id, "in", opened.seq, digest)
            peers.set_checkpoint(uow.conn, peer.id, m.checkpoint.seq, m.checkpoint.hash)
            uow.audit("transfer.import", f"bundle:{m.bundle_id}", {
                "kind": m.kind, "peer": peer.id, "seq": opened.seq, "hash": digest,
                "counts": plan.counts, "notices": [n.key for n in notices]})  # fmt: skip
            if any(n.key == "bundle.checkpoint_backwards" for n in notices):
                uow.audit("transfer.peer_checkpoint_backwards", f"peer:{peer.id}", {
                    "seq": m.checkpoint.seq, "hash": m.checkpoint.hash,
                    "known": peer.checkpoint_seq})  # fmt: skip
            if plan.receipt:
                receipt = _seal_receipt(uow, own, peer, m.bundle_id, digest, plan.counts)
            tick(len(m.items), force=True)  # the last moment a cancel is heard
            uow.commit()
    tick.last()
    result = ImportResult(bundle_id=m.bundle_id, kind=m.kind, sender=peer.id, seq=opened.seq,
                          counts=plan.counts, changes=plan.changes, notices=notices,
                          receipt_id=receipt.manifest.bundle_id if receipt else None)  # fmt: skip
    if receipt is not None and receipt_out is not None:
        try:
            _write(receipt_out, receipt.data)
            result.receipt_path = str(receipt_out)
        except InvalidInput:
            result.notices.append(Notice(key="bundle.receipt_not_written", params={
                "path": str(receipt_out), "bundle": receipt.manifest.bundle_id}))  # fmt: skip
    return result


def _seal_receipt(
    uow: UnitOfWork, own: Own, peer: peers.Peer, bundle_id: str, digest: str,
    counts: dict[str, int],
) -> bundle.Sealed:  # fmt: skip
    seq, prev = peers.chain(uow.conn, peer.id, "out")
    sealed = bundle.seal(own, kind=kinds.Kind.RECEIPT.value, recipients=[(peer, seq + 1, prev)],
                         payload=receipt_payload(bundle_id, digest, counts),
                         checkpoint=audit.head(uow.conn), now=uow.now)  # fmt: skip
    _record_out(uow, sealed.manifest, peer.id, seq + 1, sealed.bundle_hash)
    transfer_log.keep_outbox(uow.conn, sealed.manifest.bundle_id, sealed.data)
    uow.audit("transfer.receipt", f"bundle:{sealed.manifest.bundle_id}",
              {"for": bundle_id, "peer": peer.id, "seq": seq + 1})  # fmt: skip
    return sealed


def write_outbox(s: Session, bundle_id: str, out: Path) -> int:
    """Write a stored receipt again (the stick was read-only or lost)."""
    s.require(Permission.EXCHANGE)
    if out.exists():
        raise UsageError("bundle.out_exists", path=str(out))
    data = transfer_log.outbox(s.db.connection(), bundle_id)
    if data is None:
        raise NotFound("bundle.not_in_outbox", bundle=bundle_id)
    _write(out, data)
    return len(data)
