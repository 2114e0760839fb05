"""Reading PDFs back with pypdf: page texts, fonts, images, annotations."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

from pypdf import PdfReader

_WS = re.compile(r"\s+")


def reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def page_texts(pdf: bytes) -> list[str]:
    return [p.extract_text() or "" for p in reader(pdf).pages]


def layout_text(pdf: bytes) -> str:
    """Every page's text as PDFium reads it, lines in reading order (what ``pdftotext -layout``
    gave, with no system tool needed)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        return "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    finally:
        doc.close()


def squash(text: str) -> str:
    """Whitespace removed: a Paragraph wraps lines and collapses runs of spaces and tabs."""
    return _WS.sub("", text)


def _resources(obj: Any) -> Iterator[Any]:
    res = obj.get("/Resources")
    if res is None:
        return
    res = res.get_object()
    yield res
    xobjects = res.get("/XObject")
    if xobjects:
        for x in xobjects.get_object().values():
            x = x.get_object()
            if x.get("/Subtype") == "/Form":
                yield from _resources(x)


def fonts(pdf: bytes) -> list[dict[str, Any]]:
    """Every font referenced by any page or form: base name and whether a font file is embedded."""
    out = []
    for page in reader(pdf).pages:
        for res in _resources(page):
            for f in (res.get("/Font") or {}).values():
                f = f.get_object()
                desc = f.get("/FontDescriptor")
                if desc is None and f.get("/DescendantFonts"):
                    desc = f["/DescendantFonts"][0].get_object().get("/FontDescriptor")
                desc = desc.get_object() if desc is not None else {}
                embedded = any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                out.append({"name": str(f.get("/BaseFont")), "embedded": embedded})
    return out


def images(pdf: bytes) -> int:
    n = 0
    for page in reader(pdf).pages:
        for res in _resources(page):
            for x in (res.get("/XObject") or {}).values():
                if x.get_object().get("/Subtype") == "/Image":
                    n += 1
    return n


def annotations(pdf: bytes) -> int:
    return sum(len(p.get("/Annots") or []) for p in reader(pdf).pages)
