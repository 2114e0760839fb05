"""Signed-scan intake: a PDF (rasterised with pdfium) or a JPEG/PNG/TIFF image of one or many
pages; each page's QR code read with zxing-cpp; each page re-encoded as a fresh JPEG with no
metadata. Limits as for photos: bytes, pages and pixels are bounded before any work is done.

Plain functions over bytes: the caller reads the file with ``app.fsutil.read_bounded``."""

from __future__ import annotations

import io
import warnings
from collections.abc import Callable, Iterator

import msgspec
from PIL import Image, ImageSequence, UnidentifiedImageError

from app.errors import InvalidInput

MAX_BYTES = 60 * 1024 * 1024
MAX_PAGES = 30
MAX_PIXELS = 40_000_000  # per page, as for photos
DPI = 150  # PDF pages are rasterised at this resolution (A4: 1240x1754)
LONG_SIDE = 1754  # stored pages: at most A4 at 150 dpi on the long side
QUALITY = 80
ALLOWED_FORMATS = {"JPEG", "PNG", "TIFF", "MPO"}
PREFIX = "REZERV:"


class Page(msgspec.Struct, frozen=True, kw_only=True):
    jpeg: bytes  # normalised: RGB, JPEG, no EXIF/ICC/comments
    codes: list[str]  # REZERV QR payloads found on the page, in reading order


def _pdf_pages(data: bytes) -> Iterator[Image.Image]:
    import pypdfium2 as pdfium  # loaded on first use: start-up does not pay for pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        raise InvalidInput("scan.not_readable") from None
    try:
        if len(pdf) > MAX_PAGES:
            raise InvalidInput("scan.too_many_pages", limit=MAX_PAGES)
        for i in range(len(pdf)):
            page = pdf[i]
            w, h = page.get_size()
            scale = DPI / 72
            if w * h * scale * scale > MAX_PIXELS:
                scale = (MAX_PIXELS / (w * h)) ** 0.5
            yield page.render(scale=scale).to_pil()
            page.close()
    finally:
        pdf.close()


def _image_pages(data: bytes) -> Iterator[Image.Image]:
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(io.BytesIO(data))
            if img.format not in ALLOWED_FORMATS:
                raise InvalidInput("scan.not_readable")
            if getattr(img, "n_frames", 1) > MAX_PAGES:
                raise InvalidInput("scan.too_many_pages", limit=MAX_PAGES)
            for frame in ImageSequence.Iterator(img):
                w, h = frame.size
                if w * h > MAX_PIXELS or w < 1 or h < 1:
                    raise InvalidInput("scan.too_many_pixels")
                frame.load()
                yield frame.convert("RGB")
    except InvalidInput:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise InvalidInput("scan.too_many_pixels") from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError):
        raise InvalidInput("scan.not_readable") from None


def codes(img: Image.Image) -> list[str]:
    """The REZERV payloads of the QR codes on a page. The printed code is small (about 2 px a
    module at 150 dpi), so a page where nothing is found at its own size is read again enlarged
    twice, which is what lets a page turned a few degrees, or speckled, still be read."""
    import zxingcpp

    gray = img.convert("L")
    fmt = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
    tries = [(gray, zxingcpp.Binarizer.LocalAverage)]
    if gray.width * gray.height * 4 <= 4 * MAX_PIXELS:
        big = gray.resize((gray.width * 2, gray.height * 2), Image.Resampling.BILINEAR)
        tries += [(big, zxingcpp.Binarizer.LocalAverage), (big, zxingcpp.Binarizer.FixedThreshold)]
        # a page turned a little more: straightened by the usual few degrees either way
        for angle in (-2.5, 2.5, -1.5, 1.5):
            turned = big.rotate(angle, expand=True, fillcolor=255, resample=Image.Resampling.BILINEAR)
            tries.append((turned, zxingcpp.Binarizer.LocalAverage))
    for n, (im, binarizer) in enumerate(tries):
        # the enlarged passes look for an upright code at that size only: a printed page is
        # scanned the right way up, give or take a few degrees
        found = zxingcpp.read_barcodes(im, formats=fmt, binarizer=binarizer, try_rotate=n == 0,
                                       try_downscale=n == 0, try_invert=n == 0)  # fmt: skip
        texts = [b.text for b in found if b.valid and b.text.upper().startswith(PREFIX)]
        if texts:
            return texts
    return []


def _normalise(img: Image.Image) -> bytes:
    img = img.convert("RGB")
    if max(img.size) > LONG_SIDE:
        img.thumbnail((LONG_SIDE, LONG_SIDE), Image.Resampling.LANCZOS)
    clean = Image.new("RGB", img.size)  # a fresh image: no EXIF, ICC profile or comments
    clean.paste(img)
    out = io.BytesIO()
    clean.save(out, format="JPEG", quality=QUALITY, optimize=True, dpi=(DPI, DPI))
    return out.getvalue()


def read(data: bytes, progress: Callable[[int, int], bool] | None = None) -> list[Page]:
    """Every page of a scan, decoded and normalised. ``progress(done, total)`` is called after
    each page; returning False stops (raises ``InvalidInput('scan.cancelled')``)."""
    if len(data) > MAX_BYTES:
        raise InvalidInput("scan.too_large", limit_mb=MAX_BYTES // (1024 * 1024))
    if not data:
        raise InvalidInput("scan.not_readable")
    is_pdf = data[:1024].lstrip().startswith(b"%PDF")
    source = _pdf_pages(data) if is_pdf else _image_pages(data)
    out: list[Page] = []
    for img in source:
        out.append(Page(jpeg=_normalise(img), codes=codes(img)))
        if progress is not None and not progress(len(out), 0):
            raise InvalidInput("scan.cancelled")
    if not out:
        raise InvalidInput("scan.not_readable")
    return out
