"""Every path that comes from input is a regular file of bounded size before a byte is read:
devices, FIFOs, sockets and directories are refused (a FIFO without a writer never blocks), and
photos are refused on their header's pixel count or text-chunk size, before decoding."""

from __future__ import annotations

import io
import os
import socket
import struct
import threading
import zlib
from pathlib import Path

import msgspec
import pytest
from PIL import Image

from app import fsutil, photo
from app.errors import InvalidInput
from app.services import interchange
from app.transfer import envelope
from tests.cli import run_cli
from tests.factories import make_dossier


def _refused(fn, key: str):
    with pytest.raises(InvalidInput) as e:
        fn()
    assert e.value.key == key, e.value.key
    return e.value


def test_device_is_refused_before_reading():
    _refused(lambda: fsutil.read_bounded("/dev/zero", 1024), "file.not_regular")


def test_fifo_is_refused_without_blocking(tmp_path: Path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    done: list[str] = []
    t = threading.Thread(
        target=lambda: done.append(_refused(lambda: fsutil.read_bounded(fifo, 10), "file.not_regular").key),
        daemon=True,
    )
    t.start()
    t.join(10)
    assert done == ["file.not_regular"]


def test_socket_is_refused(tmp_path: Path):
    path = tmp_path / "s"
    with socket.socket(socket.AF_UNIX) as s:
        s.bind(str(path))
        _refused(lambda: fsutil.read_bounded(path, 10), "file.not_regular")


def test_directory_is_refused(tmp_path: Path):
    _refused(lambda: fsutil.read_bounded(tmp_path, 10), "file.not_regular")


def test_oversized_file_is_refused_before_reading(tmp_path: Path):
    big = tmp_path / "big"
    big.write_bytes(b"x" * 1025)
    err = _refused(lambda: fsutil.read_bounded(big, 1024), "file.too_large")
    assert err.params["path"] == str(big)
    assert fsutil.read_bounded(big, 1025) == b"x" * 1025


def test_missing_file_is_refused(tmp_path: Path):
    _refused(lambda: fsutil.read_bounded(tmp_path / "none", 10), "file.missing")


def test_fifo_given_as_dossier_json_is_refused(tmp_path: Path):
    fifo = tmp_path / "d.json"
    os.mkfifo(fifo)
    _refused(lambda: interchange.read_file(fifo), "file.not_regular")


def _dossier_file(tmp_path: Path, photo_value: str) -> Path:
    obj = interchange.to_obj(make_dossier(with_photo=False))
    obj["photo"] = photo_value
    f = tmp_path / "d.json"
    f.write_bytes(msgspec.json.encode(obj))
    return f


@pytest.mark.parametrize("target", ["/dev/zero", "/dev/urandom"])
def test_device_as_dossier_photo_is_refused(tmp_path: Path, target: str):
    err = _refused(lambda: interchange.read_file(_dossier_file(tmp_path, target)), "file.not_regular")
    assert err.params["field"] == "photo"


def test_fifo_as_dossier_photo_is_refused(tmp_path: Path):
    os.mkfifo(tmp_path / "p.png")
    _refused(lambda: interchange.read_file(_dossier_file(tmp_path, "p.png")), "file.not_regular")


def test_oversized_dossier_photo_is_refused(tmp_path: Path):
    (tmp_path / "p.png").write_bytes(b"\0" * (photo.MAX_BYTES + 1))
    _refused(lambda: interchange.read_file(_dossier_file(tmp_path, "p.png")), "file.too_large")


def test_device_as_bundle_is_refused():
    _refused(lambda: envelope.read_capped(Path("/dev/zero")), "file.not_regular")


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _png(width: int, height: int, extra: bytes = b"") -> bytes:
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\0" * (1 + 3 * 1))
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", ihdr) + extra + _png_chunk(b"IDAT", idat)
            + _png_chunk(b"IEND", b""))  # fmt: skip


@pytest.mark.parametrize("size", [(100_000, 100_000), (7000, 7000)])
def test_png_pixel_bomb_is_refused_from_its_header(size: tuple[int, int]):
    bomb = _png(*size)
    assert len(bomb) < 200
    _refused(lambda: photo.normalize(bomb), "photo.too_many_pixels")
    assert not photo.is_normalized(bomb)


def test_bmp_pixel_bomb_is_refused_from_its_header():
    header = struct.pack("<IiiHHIIiiII", 40, 60_000, 60_000, 1, 24, 0, 0, 0, 0, 0, 0)
    bmp = b"BM" + struct.pack("<IHHI", 14 + 40, 0, 0, 14 + 40) + header
    _refused(lambda: photo.normalize(bmp), "photo.too_many_pixels")


@pytest.mark.parametrize("kind", [b"zTXt", b"iTXt"])
def test_png_text_chunk_bomb_is_refused(kind: bytes):
    blob = zlib.compress(b"A" * (64 * 1024 * 1024), 9)
    body = b"Comment\0\0" + blob if kind == b"zTXt" else b"Comment\0\1\0\0\0" + blob
    bomb = _png(354, 472, _png_chunk(kind, body))
    assert len(bomb) < 200_000
    _refused(lambda: photo.normalize(bomb), "photo.not_image")
    assert not photo.is_normalized(bomb)


def test_header_only_jpeg_of_stored_size_is_refused_at_thumbnail():
    good = photo.normalize(_png_to_rgb_png())
    broken = good[: len(good) // 4]
    assert photo.is_normalized(broken)  # the header says 354x472
    _refused(lambda: photo.thumbnail(broken), "photo.not_image")


def _png_to_rgb_png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (300, 400), (10, 20, 30)).save(out, format="PNG")
    return out.getvalue()


def test_cli_dossier_with_device_photo_exits_4_quickly(tmp_path: Path):
    db = tmp_path / "ws" / "rezerv.db"
    assert run_cli("init", "--role", "knb", db=db).code == 0
    r = run_cli("nominee", "add", "--json", str(_dossier_file(tmp_path, "/dev/zero")), db=db,
                timeout=60)  # fmt: skip
    assert r.code == 4, r
    assert "Traceback" not in r.err and len(r.err.strip().splitlines()) == 1
    r = run_cli("nominee", "add", "--json", "/dev/zero", db=db, timeout=60)
    assert r.code == 4 and "/dev/zero" in r.err, r
