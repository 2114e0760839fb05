"""Signed-scan intake: a PDF (rasterised with pdfium) or a JPEG/PNG/TIFF image of one or many
pages; each page's QR code read with zxing-cpp; each page re-encoded with no metadata: a grey
page (a signed paper usually is) as a four-tone greyscale PNG, a colour page as a JPEG (see
``_normalise``; pages stored before the four-tone form are greyscale JPEGs and stay readable).
Limits as for photos: bytes, pages and pixels are bounded before any work is done.

Plain functions over bytes: the caller reads the file with ``app.fsutil.read_bounded``."""

from __future__ import annotations

import hashlib
import io
import struct
import warnings
import zlib
from collections.abc import Callable, Iterator
from typing import Any

import msgspec
from PIL import Image, ImageChops, ImageSequence, UnidentifiedImageError

from app.errors import InvalidInput

MAX_BYTES = 60 * 1024 * 1024
MAX_PAGES = 30
MAX_PIXELS = 40_000_000  # per page, as for photos
DPI = 150  # PDF pages are rasterised at this resolution (A4: 1240x1754)
LONG_SIDE = 1754  # stored pages: at most A4 at 150 dpi on the long side
QUALITY = 80  # a colour page's JPEG (and every page stored before the four-tone form)
# A grey page's four tones: ink, a mid tone (coloured ink, a stamp), a light tone (a faint stamp,
# pencil) and paper. The paper level is the page's own (its commonest light value); ink is what is
# darker than 40 % of the paper's lower bound, the mid tone darker than 70 %.
TONES = (0, 96, 176, 255)
PAPER_MARGIN = 24  # a value this much darker than the paper is a mark, not paper
WHITE_MAX = 216  # at most: a mark lighter than this on white paper is kept as the light tone
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8"
ALLOWED_FORMATS = {"JPEG", "PNG", "TIFF", "MPO"}
PREFIX = "REZERV:"
WARP = 480  # px a side: a located code straightened onto this square (``_straighten``)
CROP_PIXELS = 8_000_000  # at most this many pixels in an enlarged crop read for the code
SPECK = 64  # a pixel this much darker or lighter than all its neighbours is speckle


class Page(msgspec.Struct, frozen=True, kw_only=True):
    image: bytes  # normalised (``_normalise``): four-tone PNG or colour JPEG, no metadata
    codes: list[str]  # REZERV QR payloads found on the page, in reading order


def _pdf_pages(data: bytes) -> Iterator[tuple[Image.Image, int]]:
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
            yield page.render(scale=scale).to_pil(), len(pdf)
            page.close()
    finally:
        pdf.close()


def _image_pages(data: bytes) -> Iterator[tuple[Image.Image, int]]:
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(io.BytesIO(data))
            if img.format not in ALLOWED_FORMATS:
                raise InvalidInput("scan.not_readable")
            total = int(getattr(img, "n_frames", 1))
            if total > MAX_PAGES:
                raise InvalidInput("scan.too_many_pages", limit=MAX_PAGES)
            for frame in ImageSequence.Iterator(img):
                w, h = frame.size
                if w * h > MAX_PIXELS or w < 1 or h < 1:
                    raise InvalidInput("scan.too_many_pixels")
                frame.load()
                yield frame.convert("RGB"), total
    except InvalidInput:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise InvalidInput("scan.too_many_pixels") from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError):
        raise InvalidInput("scan.not_readable") from None


def _box(size: tuple[int, int], position: Any, margin: int) -> tuple[int, int, int, int]:
    p = position
    pts = [p.top_left, p.top_right, p.bottom_left, p.bottom_right]
    xs, ys = [q.x for q in pts], [q.y for q in pts]
    m = max(max(xs) - min(xs), max(ys) - min(ys), margin)
    return (max(min(xs) - m, 0), max(min(ys) - m, 0), min(max(xs) + m, size[0]), min(max(ys) + m, size[1]))


def _side(b: Any) -> int:
    p = b.position
    return abs(p.top_right.x - p.top_left.x) + abs(p.top_right.y - p.top_left.y)


def _straighten(gray: Image.Image, position: Any) -> Image.Image:
    """The code zxing located (``position``: its four corners, in the code's own orientation)
    mapped onto an upright square of WARP px with a quiet zone: the skew and the quarter turn
    undone by the corners zxing measured, each module some 9 px."""
    p = position
    pts = [(q.x, q.y) for q in (p.top_left, p.bottom_left, p.bottom_right, p.top_right)]
    cx, cy = sum(x for x, _ in pts) / 4, sum(y for _, y in pts) / 4
    quad = [c for x, y in pts for c in (cx + (x - cx) * 1.5, cy + (y - cy) * 1.5)]
    return gray.transform((WARP, WARP), Image.Transform.QUAD, quad, resample=Image.Resampling.BILINEAR,
                          fillcolor=255)  # fmt: skip


def _despeckle(gray: Image.Image) -> Image.Image:
    """Salt and pepper removed: a pixel darker (lighter) by SPECK than the darkest (lightest) of
    its eight neighbours takes that neighbour's value. A printed module is at least two pixels
    wide at 150 dpi, so it always has a neighbour of its own tone and is kept."""
    near = [ImageChops.offset(gray, dx, dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1) if dx or dy]
    lo, hi = near[0], near[0]
    for n in near[1:]:
        lo, hi = ImageChops.darker(lo, n), ImageChops.lighter(hi, n)
    dark = ImageChops.subtract(lo, gray).point(lambda v: 255 if v > SPECK else 0)
    light = ImageChops.subtract(gray, hi).point(lambda v: 255 if v > SPECK else 0)
    return Image.composite(hi, Image.composite(lo, gray, dark), light)


def _enlarged(gray: Image.Image, k: int,
              resample: Image.Resampling = Image.Resampling.BICUBIC) -> Image.Image:  # fmt: skip
    return gray.resize((gray.width * k, gray.height * k), resample)


def _crops(gray: Image.Image, located: list[Any], thorough: bool) -> Iterator[Image.Image]:
    """What to read after the page at its own size found nothing, cheapest first, each image made
    only when the one before found nothing. The printed code is small (about 2.2 px a module at
    150 dpi, 14 mm in a corner of the page): first the neighbourhood of each code zxing located
    but could not read, cleared of speckle and enlarged three, two and four times; then
    (``thorough``) each corner of the page (the code's corner on a page fed upright, sideways or
    upside down), cleared of speckle and enlarged two, three and four times, bicubic and bilinear
    (zxing's sampling of a 2 px module depends on it). An enlargement over CROP_PIXELS is skipped
    (a scan of that resolution has modules large enough for the page read)."""
    near = [_despeckle(gray.crop(_box(gray.size, b.position, 90))) for b in located[:2]]
    for k in (3, 2, 4):
        for c in near:
            if c.width * c.height * k * k <= CROP_PIXELS:
                yield _enlarged(c, k)
    if not thorough:
        return
    w, h = gray.size
    s = min(w, h) // 3
    if s < 8:
        return
    boxes = ((w - s, h - s, w, h), (0, 0, s, s), (0, h - s, s, h), (w - s, 0, w, s))
    corners = [_despeckle(gray.crop(box)) for box in boxes]
    for k in (2, 3, 4):
        if s * s * k * k > CROP_PIXELS:
            return
        for c in corners:
            yield _enlarged(c, k)
            yield _enlarged(c, k, Image.Resampling.BILINEAR)


def _ours(found: list[Any]) -> list[str]:
    return [b.text for b in found if b.valid and b.text.upper().startswith(PREFIX)]


def _read(im: Image.Image, located: list[Any]) -> list[str]:
    """The codes zxing reads on ``im`` (in any quarter turn); else each code it located there but
    could not read, straightened (``_straighten``) and read again with each binarizer."""
    import zxingcpp

    fmt = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
    found = zxingcpp.read_barcodes(im, formats=fmt, return_errors=True)
    if texts := _ours(found):
        return texts
    located[:] = sorted((b for b in found if not b.valid), key=_side, reverse=True)[:4]
    for b in located[:3]:
        square = _straighten(im, b.position)
        for binarizer in (zxingcpp.Binarizer.LocalAverage, zxingcpp.Binarizer.GlobalHistogram):
            got = zxingcpp.read_barcodes(square, formats=fmt, binarizer=binarizer, try_rotate=False,
                                         try_downscale=False, try_invert=False)  # fmt: skip
            if texts := _ours(got):
                return texts
    return []


def codes(img: Image.Image, thorough: bool = True) -> list[str]:
    """The REZERV payloads of the QR codes on a page: the page read at its own size (zxing may
    rotate, downscale and invert it, and reports where it saw a code it could not read: that
    code is straightened by the corners zxing measured and read again), then ``_crops`` until one
    finds any. ``thorough=False`` (a later page of a scan whose document is already known) stops
    after the located codes' neighbourhoods: a page whose code they miss is kept as a page
    without a code."""
    gray = img.convert("L")
    located: list[Any] = []
    if texts := _read(gray, located):
        return texts
    for im in _crops(gray, list(located), thorough):
        if texts := _read(im, []):
            return texts
    return []


def _is_grey(img: Image.Image) -> bool:
    if img.mode in ("L", "1", "LA", "I", "I;16", "F"):
        return True
    if img.mode != "RGB":
        return False
    r, g, b = img.split()
    return ImageChops.difference(r, g).getbbox() is None and ImageChops.difference(g, b).getbbox() is None


def _four_tone(gray: Image.Image) -> bytes:
    """A grey page as a 2-bit PNG of ``TONES``: text and signature strokes stay sharp (no JPEG
    ringing), stamps and faint marks keep a tone, the paper's noise becomes white. A quarter of
    the bytes of the page as a quality-80 JPEG (docs/documents.md, "Signed scans")."""
    hist = gray.histogram()
    paper = max(range(128, 256), key=lambda v: hist[v])
    white = min(WHITE_MAX, paper - PAPER_MARGIN)
    lut = [3 if v >= white else 2 if v >= white * 0.7 else 1 if v >= white * 0.4 else 0
           for v in range(256)]  # fmt: skip
    page = Image.frombytes("P", gray.size, gray.point(lut).tobytes())
    page.putpalette([c for t in TONES for c in (t, t, t)])
    out = io.BytesIO()
    # zlib's run-length strategy: smaller than the default on a four-tone page, and 2-3x faster
    page.save(out, format="PNG", dpi=(DPI, DPI), compress_type=zlib.Z_RLE)
    return out.getvalue()


def _normalise(img: Image.Image) -> bytes:
    """A fresh image of the page, at most LONG_SIDE px a side, with no EXIF, ICC profile or
    comments: a grey page (a signed paper usually is) in four tones (``_four_tone``), a colour
    page as an RGB JPEG (the colour of the ink may tell an original from a copy)."""
    grey = _is_grey(img)
    mode = "L" if grey else "RGB"
    img = img.convert(mode)
    if max(img.size) > LONG_SIDE:
        img.thumbnail((LONG_SIDE, LONG_SIDE), Image.Resampling.BILINEAR)
    if grey:
        return _four_tone(img)
    clean = Image.new(mode, img.size)  # a fresh image: no EXIF, ICC profile or comments
    clean.paste(img)
    out = io.BytesIO()
    clean.save(out, format="JPEG", quality=QUALITY, dpi=(DPI, DPI))
    return out.getvalue()


def page_format(page: bytes) -> str:
    """``"png"`` or ``"jpeg"`` by the page's first bytes (checked by ``check_stored_page``)."""
    return "png" if page.startswith(PNG_MAGIC) else "jpeg"


def pages_digest(pages: list[bytes]) -> str:
    """A scan's digest: SHA-256 over its pages' SHA-256s, in order."""
    return digest_of_page_digests([hashlib.sha256(p).digest() for p in pages])


def digest_of_page_digests(digests: list[bytes]) -> str:
    """``pages_digest`` from the pages' SHA-256s (e.g. a bundle's signed manifest holds them)."""
    return hashlib.sha256(b"".join(digests)).hexdigest()


_META_KEYS = {"exif", "icc_profile", "comment", "xmp", "photoshop", "adobe_transform_no"}
MAX_PAGE_BYTES = 8 * 1024 * 1024


def check_stored_page(page: bytes) -> None:
    """A page in its stored form (as ``_normalise`` writes it, or a JPEG as pages were stored
    before the four-tone form), e.g. one a bundle carried. The header and structure are checked,
    the image data is not decoded (20 ms a page: a bundle of 1,000 dossiers with two pages each
    would spend 40 s on it); the pages are checked against the digest the signed manifest
    carries, and the viewer decodes a page when it is shown."""
    if len(page) > MAX_PAGE_BYTES:
        raise InvalidInput("scan.page_not_normalized")
    if page.startswith(PNG_MAGIC):
        _check_png(page)
    elif page.startswith(JPEG_MAGIC) and page.endswith(b"\xff\xd9"):
        _check_jpeg(page)
    else:
        raise InvalidInput("scan.page_not_normalized")


def _check_jpeg(jpeg: bytes) -> None:
    """A JPEG from its start to its end marker, of at most LONG_SIDE px a side, no metadata."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(io.BytesIO(jpeg))
            if img.format != "JPEG" or max(img.size) > LONG_SIDE or min(img.size) < 1:
                raise InvalidInput("scan.page_not_normalized")
    except InvalidInput:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning, UnidentifiedImageError,
            OSError, ValueError, SyntaxError, EOFError):  # fmt: skip
        raise InvalidInput("scan.page_not_normalized") from None
    if _META_KEYS & set(img.info):
        raise InvalidInput("scan.page_not_normalized")


_IHDR = struct.Struct(">IIBBBBB")  # width, height, bit depth, colour type, compression, filter, interlace
_PNG_CHUNKS = {b"IHDR", b"PLTE", b"pHYs", b"IDAT", b"IEND"}


def _check_png(png: bytes) -> None:
    """A four-tone page as ``_four_tone`` writes it, by walking its chunks (no decoding): IHDR of
    at most LONG_SIDE px a side, 2-bit palette, not interlaced; a grey palette of at most four
    tones; image data; the end chunk last; the CRC of every chunk but the image data's right; no
    other chunk (no text, no ICC profile, no EXIF, no transparency)."""
    pos, seen, view = len(PNG_MAGIC), list[bytes](), memoryview(png)
    while pos < len(png):
        if pos + 12 > len(png):
            raise InvalidInput("scan.page_not_normalized")
        (length,) = struct.unpack_from(">I", png, pos)
        kind = bytes(view[pos + 4 : pos + 8])
        end = pos + 8 + length
        if kind not in _PNG_CHUNKS or end + 4 > len(png):
            raise InvalidInput("scan.page_not_normalized")
        body = view[pos + 8 : end]  # the image data's CRC is left to the viewer's decoder: the
        # bytes are those the signed manifest names, and a bad CRC there only fails to display
        if kind != b"IDAT" and zlib.crc32(body, zlib.crc32(kind)) != struct.unpack_from(">I", png, end)[0]:
            raise InvalidInput("scan.page_not_normalized")
        if kind == b"IHDR":
            if length != _IHDR.size:
                raise InvalidInput("scan.page_not_normalized")
            w, h, *form = _IHDR.unpack(body)  # depth, colour type, compression, filter, interlace
            if not (0 < w <= LONG_SIDE and 0 < h <= LONG_SIDE) or form != [2, 3, 0, 0, 0]:
                raise InvalidInput("scan.page_not_normalized")
        elif kind == b"PLTE":
            tones = [body[i : i + 3] for i in range(0, length, 3)]
            if length % 3 or not 0 < len(tones) <= len(TONES) or any(
                    t[0] != t[1] or t[1] != t[2] for t in tones):  # fmt: skip
                raise InvalidInput("scan.page_not_normalized")
        seen.append(kind)
        pos = end + 4
    runs = [k for i, k in enumerate(seen) if k != b"IDAT" or seen[i - 1] != b"IDAT"]  # IDATs as one
    if runs not in ([b"IHDR", b"PLTE", b"pHYs", b"IDAT", b"IEND"], [b"IHDR", b"PLTE", b"IDAT", b"IEND"]):
        raise InvalidInput("scan.page_not_normalized")


def read(data: bytes, progress: Callable[[int, int], bool] | None = None) -> list[Page]:
    """Every page of a scan, decoded and normalised. ``progress(done, total)`` is called after
    each page (``total``: the pages of the file); returning False stops (raises
    ``InvalidInput('scan.cancelled')``)."""
    if len(data) > MAX_BYTES:
        raise InvalidInput("scan.too_large", limit_mb=MAX_BYTES // (1024 * 1024))
    if not data:
        raise InvalidInput("scan.not_readable")
    is_pdf = data[:1024].lstrip().startswith(b"%PDF")
    source = _pdf_pages(data) if is_pdf else _image_pages(data)
    out: list[Page] = []
    known = False  # after the first page with a code, later pages get only the cheap tries
    for img, total in source:
        found = codes(img, thorough=not known)
        known = known or bool(found)
        out.append(Page(image=_normalise(img), codes=found))
        if progress is not None and not progress(len(out), total):
            raise InvalidInput("scan.cancelled")
    if not out:
        raise InvalidInput("scan.not_readable")
    return out
