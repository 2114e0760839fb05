"""Photo intake: decode with a pixel cap, refuse non-images and anything over 20 MB, and re-encode
as a 3x4 JPEG (354x472 px, 3x4 cm at 300 dpi) with all metadata stripped."""

from __future__ import annotations

import io
import warnings
from functools import lru_cache

from PIL import Image, ImageOps, UnidentifiedImageError

from app.errors import InvalidInput

MAX_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 40-megapixel camera frame; decompression bombs are refused
WIDTH, HEIGHT = 354, 472
THUMB = (48, 64)
ALLOWED_FORMATS = {"JPEG", "PNG", "BMP", "TIFF", "WEBP"}


def _open(data: bytes) -> Image.Image:
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
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError):
        raise InvalidInput("photo.not_image") from None
    return img


def normalize(
    data: bytes, *, rotate: int = 0, box: tuple[float, float, float, float] | None = None
) -> bytes:
    """The stored photo: rotated by ``rotate`` degrees (multiple of 90, counter-clockwise),
    cropped to ``box`` (fractions left, top, right, bottom of the image) or centred to 3:4,
    resized to 354x472, JPEG without EXIF, ICC or comments."""
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    img = _open(data)
    img = ImageOps.exif_transpose(img) or img
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
    img = Image.open(io.BytesIO(jpeg)).convert("RGB")
    img.thumbnail(THUMB)
    out = io.BytesIO()
    img.save(out, format="JPEG", quality=80)
    return out.getvalue()


@lru_cache(maxsize=64)
def is_normalized(jpeg: bytes) -> bool:
    try:
        img = Image.open(io.BytesIO(jpeg))
        return img.format == "JPEG" and img.size == (WIDTH, HEIGHT)
    except (UnidentifiedImageError, OSError):
        return False
