import io
import zlib

import pytest
from PIL import Image

from app import photo
from app.errors import InvalidInput
from tests.factories import portrait_png


def _jpeg_with_exif() -> bytes:
    img = Image.open(io.BytesIO(portrait_png()))
    exif = Image.Exif()
    exif[0x010F] = "SecretCameraMaker"
    exif[0x9286] = "GPS 51.1694 71.4491"
    out = io.BytesIO()
    img.save(out, format="JPEG", exif=exif.tobytes(), comment=b"personal comment")
    return out.getvalue()


def test_photo_is_cropped_to_3x4_and_stripped_of_metadata():
    raw = _jpeg_with_exif()
    assert b"SecretCameraMaker" in raw
    out = photo.normalize(raw)
    img = Image.open(io.BytesIO(out))
    assert img.format == "JPEG" and img.size == (354, 472)
    assert b"SecretCameraMaker" not in out and b"personal comment" not in out
    assert not img.getexif()


def test_rotate_and_crop_box():
    out = photo.normalize(portrait_png(size=(800, 600)), rotate=90, box=(0.1, 0.1, 0.9, 0.9))
    assert Image.open(io.BytesIO(out)).size == (354, 472)
    with pytest.raises(InvalidInput):
        photo.normalize(portrait_png(), box=(0.5, 0.5, 0.4, 0.9))


def test_non_image_is_refused():
    with pytest.raises(InvalidInput) as e:
        photo.normalize(b"%PDF-1.4 not an image at all")
    assert e.value.key == "photo.not_image"
    with pytest.raises(InvalidInput):
        photo.normalize(b"")


def test_truncated_jpeg_is_refused():
    data = _jpeg_with_exif()
    with pytest.raises(InvalidInput) as e:
        photo.normalize(data[: len(data) // 3])
    assert e.value.key == "photo.not_image"


def test_decompression_bomb_is_refused():
    # a tiny PNG that claims 30000 x 30000 pixels
    img = Image.new("1", (30000, 30000))
    out = io.BytesIO()
    img.save(out, format="PNG", optimize=True)
    bomb = out.getvalue()
    assert len(bomb) < 2_000_000
    with pytest.raises(InvalidInput) as e:
        photo.normalize(bomb)
    assert e.value.key == "photo.too_many_pixels"


def test_25_mb_photo_is_refused_before_decoding():
    big = b"\xff\xd8\xff\xe0" + zlib.compress(b"") + b"\0" * (25 * 1024 * 1024)
    with pytest.raises(InvalidInput) as e:
        photo.normalize(big)
    assert e.value.key == "photo.too_large"
