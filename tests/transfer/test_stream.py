"""Streamed import: the age payload is decrypted chunk by chunk (pyrage's ``decrypt_io`` in a
helper thread), the container read one item at a time, and nothing is committed before the end of
the file authenticated. Small files here; the 500 MB bundle is measured by ``python -m bench
transfer``."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pyrage
import pytest
from pyrage import x25519

from app.errors import InvalidInput
from app.services import transfer
from app.services import transfer_bundles as tb
from app.transfer import envelope
from app.transfer import format as fmt
from app.transfer.dossiers import DOSSIER_TYPE, INDEX_FORMAT, PHOTO_TYPE
from app.transfer.kinds import index_media_type
from tests.factories import make_dossier, noisy_photo
from tests.transfer.conftest import Pair, db_digest, own
from tests.transfer.forge import forge
from tests.transfer.test_tamper import refused

CHUNK = 64 * 1024
SEALED = CHUNK + 16  # a payload chunk with its Poly1305 tag


def _age_file(tmp_path: Path, data: bytes, ident: x25519.Identity, name: str = "f.age") -> Path:
    p = tmp_path / name
    p.write_bytes(pyrage.encrypt(data, [ident.to_public()]))
    return p


def _read_all(p: Path, ident: x25519.Identity, step: int) -> bytes:
    out = []
    with envelope.open_stream(p, ident) as src:
        while b := src.read(step):
            out.append(b)
        assert src.finish() == 0
        assert src.size == p.stat().st_size
    return b"".join(out)


@pytest.mark.parametrize("size", [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 3 * CHUNK + 7])
def test_stream_reads_what_pyrage_encrypted_at_every_chunk_boundary(tmp_path: Path, size: int) -> None:
    ident = x25519.Identity.generate()
    data = os.urandom(size)
    p = _age_file(tmp_path, data, ident)
    for step in (1000, CHUNK, 3 * CHUNK + 11):
        assert _read_all(p, ident, step) == data


@pytest.mark.skipif(shutil.which("age") is None, reason="the reference age tool is not installed")
def test_stream_reads_a_file_made_by_the_reference_age_tool(tmp_path: Path) -> None:
    ident = x25519.Identity.generate()
    data = os.urandom(5 * CHUNK + 123)
    plain = tmp_path / "plain"
    plain.write_bytes(data)
    out = tmp_path / "ref.age"
    subprocess.run(["age", "-r", str(ident.to_public()), "-o", str(out), str(plain)], check=True,
                   timeout=60)  # fmt: skip
    assert _read_all(out, ident, 4096) == data


def _chunks(ct: bytes) -> tuple[bytes, list[bytes]]:
    """The header with the payload nonce, and the sealed chunks."""
    end = ct.index(b"\n", ct.index(b"\n---") + 1) + 1 + 16
    body = ct[end:]
    return ct[:end], [body[i : i + SEALED] for i in range(0, len(body), SEALED)]


@pytest.mark.parametrize(("edit", "key"), [
    (lambda c: c[:-1], "bundle.truncated"),                      # last chunk dropped
    (lambda c: [*c[:2], c[2][:100]], "bundle.payload_damaged"),  # cut inside a chunk
    (lambda c: [c[1], c[0], *c[2:]], "bundle.payload_damaged"),  # reordered
    (lambda c: [c[0], *c[2:]], "bundle.payload_damaged"),        # one dropped
    (lambda c: [c[0], c[0], *c[1:]], "bundle.payload_damaged"),  # one repeated
    (lambda c: [*c, c[0]], "bundle.payload_damaged"),            # extended by a chunk
    (lambda c: [*c[:-1], c[-1] + b"x" * 40], "bundle.payload_damaged"),  # extended by bytes
])  # fmt: skip
def test_stream_refuses_truncated_reordered_and_extended_chunks(tmp_path: Path, edit, key: str) -> None:
    ident = x25519.Identity.generate()
    head, chunks = _chunks(pyrage.encrypt(os.urandom(3 * CHUNK + 500), [ident.to_public()]))
    p = tmp_path / "bad.age"
    p.write_bytes(head + b"".join(edit(chunks)))
    with pytest.raises(InvalidInput) as e:
        _read_all(p, ident, CHUNK)
    assert e.value.key == key


def test_decryption_runs_at_most_a_bounded_distance_ahead_of_the_reader(tmp_path: Path) -> None:
    """The helper thread stops when ``AHEAD`` decrypted batches wait: a 16 MiB file read one byte
    at a time has been read from disk only a little; closing early ends the thread."""
    ident = x25519.Identity.generate()
    p = _age_file(tmp_path, os.urandom(16 * 2**20), ident)
    with envelope.open_stream(p, ident) as src:
        assert len(src.read(1)) == 1
        deadline = time.monotonic() + 120  # a hang guard, not a timing assertion
        while src.queued < envelope.AHEAD and time.monotonic() < deadline:
            time.sleep(0.01)
        assert src.queued == envelope.AHEAD
        assert src.size < 4 * 2**20, src.size
        thread = src._thread
    assert not thread.is_alive()


@pytest.fixture
def multi(pair: Pair) -> bytes:
    """A nominations bundle of several dossiers with photos: many 64 KiB chunks."""
    from app.services import nominees

    for n in range(1, 9):
        nominees.add(pair.body, make_dossier(n, photo=noisy_photo(n)))
    out = pair.dir / "orig.age"
    tb.export_bundle(pair.body, kind="nominations", peer_id=pair.dept_id, out=out, quarter="2026Q1")
    data = out.read_bytes()
    out.unlink()
    assert len(_chunks(data)[1]) >= 4
    return data


@pytest.mark.parametrize("cut", ["last_chunk", "second_half"])
def test_truncated_bundle_applies_nothing_although_its_first_dossiers_were_read(
    pair: Pair, multi: bytes, cut: str
) -> None:
    head, chunks = _chunks(multi)
    kept = chunks[:-1] if cut == "last_chunk" else chunks[: len(chunks) // 2]
    refused(pair, head + b"".join(kept), "bundle.truncated")


def test_reordered_and_extended_bundles_apply_nothing(pair: Pair, multi: bytes) -> None:
    head, chunks = _chunks(multi)
    refused(pair, head + b"".join([chunks[0], chunks[2], chunks[1], *chunks[3:]]),
            "bundle.payload_damaged")  # fmt: skip
    refused(pair, head + b"".join([*chunks, chunks[1]]), "bundle.payload_damaged")


def test_streamed_import_applies_every_dossier_and_matches_the_preview(pair: Pair, multi: bytes) -> None:
    path = pair.dir / "in.age"
    path.write_bytes(multi)
    seen = tb.inspect_bundle(pair.dept, path)
    assert seen.refusal is None and seen.counts["add"] == 8
    res = tb.import_bundle(pair.dept, path, receipt_out=pair.dir / "r.age")
    assert res.counts == seen.counts and [c.entity for c in res.changes] == [
        c.entity for c in seen.changes]  # fmt: skip
    n = pair.dept.db.connection().execute("SELECT count(*) FROM nominees").fetchone()[0]
    assert n == 8


def test_file_changed_after_the_preview_is_refused_at_the_end_and_applies_nothing(
    pair: Pair, multi: bytes
) -> None:
    import hashlib

    other = bytearray(multi)
    other[-1] ^= 1
    refused(pair, bytes(other), "bundle.payload_damaged",
            expected_sha256=hashlib.sha256(multi).hexdigest())  # fmt: skip
    # a valid file, just not the one previewed
    refused(pair, multi, "bundle.changed_since_preview", expected_sha256="0" * 64)


def _entries_bundle(pair: Pair, order: list[int]) -> bytes:
    """Two dossiers with photos whose items are in the file in ``order`` (1-based positions)."""
    import msgspec

    from app.store.nominees import encode
    from app.transfer.dossiers import Entry, Index

    ds = [make_dossier(n) for n in (1, 2)]
    blobs = []
    for d in ds:
        assert d.photo is not None
        blobs += [(DOSSIER_TYPE, encode(msgspec.structs.replace(d, photo=None))), (PHOTO_TYPE, d.photo)]
    placed = [blobs[i - 1] for i in order]
    where = {i: order.index(i) + 1 for i in order}
    entries = [Entry(iin=d.person.iin, version=1, dossier=where[2 * k + 1], photo=where[2 * k + 2])
               for k, d in enumerate(ds)]  # fmt: skip
    index = msgspec.json.encode(Index(format=INDEX_FORMAT, quarter="2026Q1", entries=entries))
    dept_key = transfer.show_identity(pair.dept).age_recipient
    rec = [fmt.Recipient(id=pair.dept_id, seq=1, prev="")]
    return forge(own(pair.body), [dept_key], rec,
                 [(index_media_type("nominations"), index), *placed])  # fmt: skip


def test_entry_whose_items_are_not_together_is_refused_before_any_is_read(pair: Pair) -> None:
    ok = _entries_bundle(pair, [1, 2, 3, 4])
    refused(pair, _entries_bundle(pair, [1, 3, 2, 4]), "bundle.index_bad_reference")
    refused(pair, _entries_bundle(pair, [3, 4, 1, 2]), "bundle.index_bad_reference")
    path = pair.dir / "ok.age"
    path.write_bytes(ok)
    before = db_digest(pair.dept)
    assert tb.import_bundle(pair.dept, path).counts["add"] == 2
    assert db_digest(pair.dept) != before


def test_item_larger_than_the_item_limit_is_refused_from_the_manifest(pair: Pair) -> None:
    dept_key = transfer.show_identity(pair.dept).age_recipient
    rec = [fmt.Recipient(id=pair.dept_id, seq=1, prev="")]
    big = fmt.Item(media_type=PHOTO_TYPE, size=fmt.MAX_ITEM + 1, sha256="0" * 64)

    def edit(m: fmt.Manifest) -> fmt.Manifest:
        import msgspec

        return msgspec.structs.replace(m, items=[*m.items, big])

    data = forge(own(pair.body), [dept_key], rec, [(index_media_type("nominations"), b"{}")], edit=edit)
    refused(pair, data, "bundle.manifest_invalid")


def test_preview_digest_refuses_a_fifo_and_a_device_without_reading(tmp_path: Path) -> None:
    from app.services import transfer_views

    fifo = tmp_path / "pipe.rzv"
    os.mkfifo(fifo)
    for p in (fifo, Path("/dev/zero")):
        with pytest.raises(InvalidInput) as e:
            transfer_views.file_digest(p)
        assert e.value.key == "file.not_regular"
