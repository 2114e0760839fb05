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


def _stored_photos() -> list[bytes]:
    """Stored-form photos: the tests' portrait, a demo portrait, and a face-like drawing with
    edges (ellipses and bars over a gradient), each normalised as a saved photo is."""
    from PIL import ImageDraw

    from app.services import demo

    drawn = Image.new("RGB", (600, 800))
    drawn.putdata([(x * 255 // 600, y * 255 // 800, 128) for y in range(800) for x in range(600)])
    pen = ImageDraw.Draw(drawn)
    pen.ellipse((180, 120, 420, 420), fill=(224, 180, 150))
    pen.rectangle((120, 470, 480, 800), fill=(30, 40, 90))
    for i in range(0, 600, 40):
        pen.line((i, 0, i + 30, 100), fill=(250, 250, 250), width=3)
    buf = io.BytesIO()
    drawn.save(buf, format="PNG")
    return [photo.normalize(portrait_png()), next(iter(demo.demo_photos())),
            photo.normalize(buf.getvalue())]


def test_a_stored_photos_thumbnail_is_decoded_reduced_and_looks_as_a_full_decodes():
    """``thumbnail`` decodes a stored-form photo at a quarter of its size (libjpeg's DCT
    scaling: the speed of a 1,000-dossier import); the thumbnail is the one the whole photo
    decoded gives, within a few levels a pixel on average."""
    for jpeg in _stored_photos():
        img = photo.opened_normalized(jpeg)
        assert img is not None
        photo.load_for_thumbnail(img)
        assert img.size == (89, 118)
        full = Image.open(io.BytesIO(jpeg))
        full.load()  # the whole photo decoded, as the thumbnail was made before
        whole = Image.open(io.BytesIO(photo.thumbnail_of(full)))
        small = Image.open(io.BytesIO(photo.thumbnail(jpeg)))
        assert small.size == photo.THUMB and small.mode == "RGB"
        a, b = whole.tobytes(), small.tobytes()
        assert sum(abs(x - y) for x, y in zip(a, b, strict=True)) / len(a) < 4


@pytest.mark.parametrize("keep", [0.3, 0.6, 0.95])
def test_a_stored_photo_cut_short_is_refused_at_its_reduced_decode(keep: float):
    """The reduced decode still reads every block of the body: a stored-form JPEG cut short
    (its header intact) is refused by ``thumbnail`` as by the full decode."""
    jpeg = _stored_photos()[0]
    cut = jpeg[: int(len(jpeg) * keep)]
    assert photo.opened_normalized(cut) is not None  # the header is the stored form's
    with pytest.raises(InvalidInput) as e:
        photo.thumbnail(cut)
    assert e.value.key == "photo.not_image"
