"""Photo intake: decode with a pixel cap, refuse non-images and anything over 20 MB, and re-encode
as a 3x4 JPEG (354x472 px, 3x4 cm at 300 dpi) with all metadata stripped.

The pixel count is read from the header (``Image.open`` decodes nothing else) and refused before
``load()``; Pillow's own bomb limit is set to the same figure, its warning is turned into a
refusal, and PNG text chunks are capped (``MAX_TEXT_BYTES``) so a zTXt/iTXt bomb is refused while
the header is read. Whatever a hostile file makes the decoder raise is "not an image"."""

from __future__ import annotations

import io
import warnings
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from app.errors import InvalidInput

if TYPE_CHECKING:
    from types import ModuleType

    from PIL import Image

MAX_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 40-megapixel camera frame; decompression bombs are refused
WIDTH, HEIGHT = 354, 472
THUMB = (48, 64)
ALLOWED_FORMATS = {"JPEG", "PNG", "BMP", "TIFF", "WEBP"}
MAX_TEXT_BYTES = 256 * 1024  # all PNG text chunks of one file, decompressed



@cache
def _pil() -> tuple[ModuleType, ModuleType]:
    """Pillow's ``Image`` and ``ImageOps`` with the limits above, imported at the first photo
    (not at the application's start: the nominee list shows thumbnails made when saved)."""
    from PIL import Image, ImageOps, PngImagePlugin

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    PngImagePlugin.MAX_TEXT_CHUNK = MAX_TEXT_BYTES
    PngImagePlugin.MAX_TEXT_MEMORY = MAX_TEXT_BYTES
    return Image, ImageOps


def _open(data: bytes) -> Image.Image:
    Image, _ = _pil()  # noqa: N806 - the module's own name
    if len(data) > MAX_BYTES:
        raise InvalidInput("photo.too_large", limit_mb=MAX_BYTES // (1024 * 1024))
    if not data:
        raise InvalidInput("photo.not_image")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(io.BytesIO(data))
            if img.format not in ALLOWED_FORMATS:
                raise InvalidInput("photo.not_image")
            w, h = img.size
            if w * h > MAX_PIXELS or w < 1 or h < 1:
                raise InvalidInput("photo.too_many_pixels")
            img.load()
    except InvalidInput:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise InvalidInput("photo.too_many_pixels") from None
    except Exception:  # noqa: BLE001 - a hostile file may make any decoder raise anything
        raise InvalidInput("photo.not_image") from None
    return img


def normalize(
    data: bytes, *, rotate: int = 0, box: tuple[float, float, float, float] | None = None
) -> bytes:
    """The stored photo: rotated by ``rotate`` degrees (multiple of 90, counter-clockwise),
    cropped to ``box`` (fractions left, top, right, bottom of the image) or centred to 3:4,
    resized to 354x472, JPEG without EXIF, ICC or comments."""
    Image, ImageOps = _pil()  # noqa: N806 - the modules' own names
    img = _open(data)
    try:
        img = ImageOps.exif_transpose(img) or img
    except Exception:  # noqa: BLE001 - a malformed EXIF orientation block
        raise InvalidInput("photo.not_image") from None
    if rotate % 360:
        img = img.rotate(rotate % 360, expand=True)
    img = img.convert("RGB")
    w, h = img.size
    if box is not None:
        left, top, right, bottom = box
        if not (0 <= left < right <= 1 and 0 <= top < bottom <= 1):
            raise InvalidInput("photo.bad_crop")
        img = img.crop((round(left * w), round(top * h), round(right * w), round(bottom * h)))
    img = ImageOps.fit(img, (WIDTH, HEIGHT), method=Image.Resampling.LANCZOS)
    out = io.BytesIO()
    clean = Image.new("RGB", img.size)
    clean.paste(img)
    clean.save(out, format="JPEG", quality=88, optimize=True, dpi=(300, 300))
    return out.getvalue()


@lru_cache(maxsize=64)
def thumbnail(jpeg: bytes) -> bytes:
    """The list's thumbnail of a photo: a stored-form one (what the services and the store hand
    it) decoded reduced (``load_for_thumbnail``), anything else whole, through ``_open``'s
    checks. A body that does not decode is ``photo.not_image`` either way."""
    img = opened_normalized(jpeg)
    try:
        if img is not None:
            load_for_thumbnail(img)
        else:
            img = _open(jpeg)
            img.load()
    except InvalidInput:
        raise
    except Exception:  # noqa: BLE001 - a JPEG whose header passed but whose body is broken
        raise InvalidInput("photo.not_image") from None
    return thumbnail_of(img)


def load_for_thumbnail(img: Image.Image) -> None:
    """Decode a stored-form photo opened by ``opened_normalized`` (nothing decoded yet) as far as
    its thumbnail needs: libjpeg's DCT scaling gives it at a quarter of the size (89x118, the
    smallest scale still at least ``THUMB``), every block of the body still read, so a truncated
    or broken body fails here as in a full decode; a quarter of a full decode's time (1.45 ->
    0.34 ms, and the resize to the thumbnail 0.76 -> 0.23 ms, measured on distinct photos)."""
    img.draft("RGB", THUMB)
    img.load()


# the sizes a stored photo comes decoded in: whole, or reduced by ``load_for_thumbnail``
_STORED_SIZES = ((WIDTH, HEIGHT), (-(-WIDTH // 4), -(-HEIGHT // 4)))


def thumbnail_of(img: Image.Image) -> bytes:
    """The thumbnail of a photo already opened and decoded (``thumbnail``, and an import's photo
    check on its worker thread after ``opened_normalized`` and ``load_for_thumbnail``)."""
    Image, _ = _pil()  # noqa: N806 - the module's own name
    if img.mode == "RGB" and img.size in _STORED_SIZES:  # a stored photo: 3:4 already, so
        # ``thumbnail``'s own resize, without the copy it needs to work in place (same bytes)
        small = img.resize(THUMB, Image.Resampling.BICUBIC, reducing_gap=2.0)
    else:
        small = img.convert("RGB")
        small.thumbnail(THUMB)
    out = io.BytesIO()
    small.save(out, format="JPEG", quality=80)
    return out.getvalue()


@lru_cache(maxsize=64)
def is_normalized(jpeg: bytes) -> bool:
    return opened_normalized(jpeg) is not None


def opened_normalized(jpeg: bytes) -> Image.Image | None:
    """The image opened, its header read and no pixel decoded, when that header is the stored
    form's (a 354x472 JPEG of at most ``MAX_BYTES``); ``None`` for anything else. Only the JPEG
    reader is asked (what ``Image.open`` gives a stored-form photo, whose pixel count is far from
    a bomb's; anything else is not one): no warnings filter is needed, so this and ``load()``
    (the decoding, during which Pillow releases the GIL) may run on any thread, one at a time for
    one image."""
    if len(jpeg) > MAX_BYTES:
        return None
    _pil()
    from PIL import JpegImagePlugin

    try:
        img = JpegImagePlugin.jpeg_factory(io.BytesIO(jpeg))
        return img if img.format == "JPEG" and img.size == (WIDTH, HEIGHT) else None
    except Exception:  # noqa: BLE001 - anything but a readable JPEG header is "not normalised"
        return None
