"""The bundle's inner container (the age plaintext): magic, version, manifest, signature, items.

    MAGIC (8 bytes) | version (u16 BE) | manifest length (u32 BE) | manifest (canonical JSON)
    | Ed25519 signature (64 bytes) | item 0 | item 1 | ... (sizes from the manifest)

The manifest is canonical JSON (sorted keys, no spaces; decoding and re-encoding must give the same
bytes) and the signature covers ``SIGNATURE_CONTEXT + manifest``. Every malformed input raises
``InvalidInput`` with its own key; nothing else escapes ``parse``. Spec: docs/bundle-format.md.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import queue
import struct
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Annotated, Protocol

import msgspec
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from app.errors import InvalidInput

MAGIC = b"REZERVB\x00"
FORMAT_VERSION = 1
MIN_READABLE_VERSION = 1
SIGNATURE_CONTEXT = b"rezerv.bundle/1 manifest signature\x00"
SIG_LEN = 64
HEAD = struct.Struct(">HI")  # version, manifest length
MAX_MANIFEST = 16 * 1024 * 1024
MAX_ITEMS = 100_000
MAX_ITEM = 32 * 1024 * 1024  # one item; an import holds at most one item at a time

Hex64 = Annotated[str, msgspec.Meta(pattern="^[0-9a-f]{64}$")]
Hex32 = Annotated[str, msgspec.Meta(pattern="^[0-9a-f]{32}$")]
WsId = Annotated[str, msgspec.Meta(pattern="^[0-9a-f]{32}$")]
Count = Annotated[int, msgspec.Meta(ge=0, le=2**53)]
Short = Annotated[str, msgspec.Meta(min_length=1, max_length=64, pattern="^[a-z0-9_.+/-]+$")]


class Item(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    media_type: Short
    size: Annotated[int, msgspec.Meta(ge=0, le=MAX_ITEM)]
    sha256: Hex64


class Recipient(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    id: WsId
    seq: Annotated[int, msgspec.Meta(ge=1, le=2**53)]
    prev: Annotated[str, msgspec.Meta(pattern="^([0-9a-f]{64})?$")]  # "" for the first bundle


class Checkpoint(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    seq: Count
    hash: Hex64


class Manifest(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    format: Annotated[int, msgspec.Meta(ge=1, le=65535)]
    bundle_id: Hex32
    kind: Short
    sender: WsId
    sender_role: Short
    sender_fingerprint: Annotated[str, msgspec.Meta(pattern="^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$")]
    recipients: Annotated[list[Recipient], msgspec.Meta(min_length=1, max_length=64)]
    created: Annotated[str, msgspec.Meta(max_length=40)]
    checkpoint: Checkpoint
    items: Annotated[list[Item], msgspec.Meta(min_length=1, max_length=MAX_ITEMS)]


_DEC = msgspec.json.Decoder(type=Manifest)


class Head(msgspec.Struct, frozen=True, kw_only=True):
    """The container up to the items: signature not yet checked."""

    version: int
    manifest: Manifest
    manifest_bytes: bytes
    signature: bytes

    @property
    def bundle_hash(self) -> str:
        return bundle_hash(self.manifest_bytes)


class Unpacked(Head, frozen=True, kw_only=True):
    """A parsed container held whole: signature not yet checked, item hashes not yet checked."""

    items: list[bytes]


class Source(Protocol):
    def read(self, n: int, /) -> bytes: ...  # exactly n bytes, fewer only at the end


def encode_manifest(m: Manifest) -> bytes:
    return msgspec.json.encode(m, order="sorted")


def bundle_hash(manifest_bytes: bytes) -> str:
    """A bundle's identity on its sender/recipient chain: SHA-256 of the signed manifest."""
    return hashlib.sha256(manifest_bytes).hexdigest()


def item_for(media_type: str, data: bytes) -> Item:
    return Item(media_type=media_type, size=len(data), sha256=hashlib.sha256(data).hexdigest())


PARALLEL_HASHING = 8 * 1024 * 1024  # bytes from which ``sha256_each`` takes a helper thread


def sha256_each(blobs: list[bytes]) -> list[str]:
    """Each blob's SHA-256 (hex), in order; of many bytes, the later half (by size) on a helper
    thread while this one hashes the first (hashlib releases the GIL)."""
    total = sum(len(b) for b in blobs)
    if total < PARALLEL_HASHING:
        return _hex_digests(blobs)
    mid, seen = 0, 0
    while seen < total // 2:
        seen += len(blobs[mid])
        mid += 1
    with ThreadPoolExecutor(1, "bundle-hash") as helper:
        later = helper.submit(_hex_digests, blobs[mid:])
        return _hex_digests(blobs[:mid]) + later.result()


def _hex_digests(blobs: list[bytes]) -> list[str]:
    return [hashlib.sha256(b).hexdigest() for b in blobs]


def sign(key: Ed25519PrivateKey, manifest_bytes: bytes) -> bytes:
    return key.sign(SIGNATURE_CONTEXT + manifest_bytes)


def verify_signature(public: bytes, manifest_bytes: bytes, signature: bytes) -> None:
    try:
        key = Ed25519PublicKey.from_public_bytes(public)
        key.verify(signature, SIGNATURE_CONTEXT + manifest_bytes)
    except (InvalidSignature, ValueError):
        raise InvalidInput("bundle.bad_signature") from None


def pack(
    manifest_bytes: bytes, signature: bytes, items: list[bytes], *, version: int = FORMAT_VERSION
) -> bytes:
    """The container bytes; ``version`` other than the current one is for tests of old/new files."""
    if len(signature) != SIG_LEN:
        raise ValueError("signature must be 64 bytes")
    head = MAGIC + HEAD.pack(version, len(manifest_bytes))
    return b"".join([head, manifest_bytes, signature, *items])


def decode_manifest(data: bytes) -> Manifest:
    """Strict, canonical manifest decoding; ``InvalidInput`` on anything else."""
    try:
        m = _DEC.decode(data)
    except msgspec.ValidationError as e:
        raise InvalidInput("bundle.manifest_invalid", detail=str(e)[:200]) from None
    except (msgspec.DecodeError, UnicodeDecodeError, ValueError, RecursionError):
        raise InvalidInput("bundle.manifest_unreadable") from None
    if encode_manifest(m) != data:
        raise InvalidInput("bundle.manifest_not_canonical")
    try:
        created = dt.datetime.fromisoformat(m.created)
    except ValueError:
        raise InvalidInput("bundle.manifest_invalid", detail="created") from None
    if created.tzinfo is None:
        raise InvalidInput("bundle.manifest_invalid", detail="created")
    return m


def check_version(version: int) -> None:
    if version > FORMAT_VERSION:
        raise InvalidInput("bundle.format_newer", found=version, supported=FORMAT_VERSION)
    if version < MIN_READABLE_VERSION:
        raise InvalidInput("bundle.format_older", found=version, supported=MIN_READABLE_VERSION)


def read_head(src: Source) -> Head:
    """Magic, version, manifest and signature from the start of a container being read."""
    pre = src.read(len(MAGIC) + HEAD.size)
    if len(pre) < len(MAGIC) + HEAD.size or pre[: len(MAGIC)] != MAGIC:
        raise InvalidInput("bundle.not_rezerv")
    version, mlen = HEAD.unpack_from(pre, len(MAGIC))
    check_version(version)
    if mlen > MAX_MANIFEST:
        raise InvalidInput("bundle.container_truncated")
    manifest_bytes = src.read(mlen)
    signature = src.read(SIG_LEN)
    if len(manifest_bytes) < mlen or len(signature) < SIG_LEN:
        raise InvalidInput("bundle.container_truncated")
    m = decode_manifest(manifest_bytes)
    if m.format != version:
        raise InvalidInput("bundle.version_mismatch", header=version, manifest=m.format)
    return Head(version=version, manifest=m, manifest_bytes=manifest_bytes, signature=signature)


def read_item(src: Source, m: Manifest, n: int) -> bytes:
    """Item ``n`` (0-based), the next one in ``src``, checked against its signed SHA-256: call
    only once the signature over ``m`` verified."""
    it = m.items[n]
    data = src.read(it.size)
    if len(data) < it.size:
        raise InvalidInput("bundle.container_truncated")
    if hashlib.sha256(data).hexdigest() != it.sha256:
        raise InvalidInput("bundle.item_hash_mismatch", n=n + 1)
    return data


def items_after(src: Source, m: Manifest, first: int) -> Iterator[bytes]:
    """Items ``first``.. one at a time, each checked as ``read_item`` does."""
    for n in range(first, len(m.items)):
        yield read_item(src, m, n)


AHEAD_BYTES = 4 * 1024 * 1024  # what ``ItemsAhead`` reads ahead at most (at least one item)
_DONE = object()


class ItemsAhead:
    """Items ``first``.. as ``items_after`` gives them, read and checked on a helper thread up to
    ``AHEAD_BYTES`` ahead of the reader (hashing releases the GIL: the importing thread meanwhile
    stores what it has); what reading an item raised is raised when that item's turn comes, so
    the reader sees what reading one item at a time gives. ``close`` stops and joins the thread:
    call it before anyone else reads or closes ``src``."""

    def __init__(self, src: Source, m: Manifest, first: int) -> None:
        self._ready: queue.SimpleQueue[object] = queue.SimpleQueue()
        self._room = threading.Condition()
        self._ahead, self._stop, self._ended = 0, False, False
        self._thread = threading.Thread(target=self._run, args=(src, m, first), daemon=True,
                                        name="bundle-items")  # fmt: skip
        self._thread.start()

    def _run(self, src: Source, m: Manifest, first: int) -> None:
        try:
            for n in range(first, len(m.items)):
                size = m.items[n].size
                with self._room:
                    while self._ahead and self._ahead + size > AHEAD_BYTES and not self._stop:
                        self._room.wait()
                    if self._stop:
                        return
                    self._ahead += size
                self._ready.put(read_item(src, m, n))
        except BaseException as e:  # noqa: BLE001 - raised in the reader's thread in its turn
            self._ready.put(_Raised(e))
            return
        self._ready.put(_DONE)

    def __iter__(self) -> Iterator[bytes]:
        return self

    def __next__(self) -> bytes:
        if self._ended:
            raise StopIteration
        got = self._ready.get()
        if isinstance(got, bytes):
            with self._room:
                self._ahead -= len(got)
                self._room.notify()
            return got
        self._ended = True
        if isinstance(got, _Raised):
            raise got.error
        raise StopIteration

    def close(self) -> None:
        with self._room:
            self._stop = True
            self._room.notify()
        self._thread.join()


class _Raised:
    def __init__(self, error: BaseException) -> None:
        self.error = error


def parse(data: bytes) -> Unpacked:
    """Split a decrypted container held whole. Checks structure and sizes only (not the
    signature, not the item hashes: ``check_items``)."""
    src = io.BytesIO(data)
    head = read_head(src)
    items: list[bytes] = []
    for it in head.manifest.items:
        b = src.read(it.size)
        if len(b) < it.size:
            raise InvalidInput("bundle.container_truncated")
        items.append(b)
    extra = len(data) - src.tell()
    if extra:
        raise InvalidInput("bundle.trailing_data", extra=extra)
    return Unpacked(version=head.version, manifest=head.manifest, manifest_bytes=head.manifest_bytes,
                    signature=head.signature, items=items)  # fmt: skip


def check_items(u: Unpacked) -> None:
    """Every item's SHA-256 against the (signed) manifest; run after the signature check."""
    for n, (it, data) in enumerate(zip(u.manifest.items, u.items, strict=True)):
        if hashlib.sha256(data).hexdigest() != it.sha256:
            raise InvalidInput("bundle.item_hash_mismatch", n=n + 1)
