"""Building PDFs in memory: one document, or several in one file (each with its own numbering
and fingerprint). Nothing is written to disk here."""

from __future__ import annotations

from collections.abc import Sequence

import msgspec

from app.documents import fingerprint, layout
from app.documents.kinds import KINDS
from app.documents.model import Meta, Person, Source
from app.documents.text import t
from app.errors import InvalidInput

LANGS = ("kk", "ru")


class PrintedDoc(msgspec.Struct, frozen=True, kw_only=True):
    """What the document log keeps about one printed document."""

    kind: str
    lang: str
    sha256: str
    code: str
    pages: int
    reg_no: str
    reg_date: str
    sources: list[Source]


class Rendered(msgspec.Struct, frozen=True, kw_only=True):
    pdf: bytes
    docs: list[PrintedDoc]

    @property
    def pages(self) -> int:
        return sum(d.pages for d in self.docs)


def sources_of(data: msgspec.Struct) -> list[Source]:
    people: list[Person] = []
    person = getattr(data, "person", None)
    if isinstance(person, Person):
        people.append(person)
    for row in getattr(data, "rows", []):
        people.append(row.person)
    seen: dict[str, Source] = {}
    for p in people:
        if p.record is not None:
            seen.setdefault(p.record.entity, p.record)
    return list(seen.values())


def _check(kind: str, data: msgspec.Struct, meta: Meta) -> None:
    if kind not in KINDS:
        raise InvalidInput("doc.unknown_kind", kind=kind)
    if meta.lang not in LANGS:
        raise InvalidInput("doc.bad_lang", lang=meta.lang)
    if not isinstance(data, KINDS[kind].data_type):
        raise TypeError(f"{kind} needs {KINDS[kind].data_type.__name__}")


def build_many(items: Sequence[tuple[str, msgspec.Struct]], meta: Meta) -> Rendered:
    """Several documents in one PDF, in order; each restarts "page N of M"."""
    if not items:
        raise InvalidInput("doc.nothing_to_print")
    parts = []
    shas = []
    for kind, data in items:
        _check(kind, data, meta)
        sha = fingerprint.sha256(kind, meta, data)
        shas.append(sha)
        story = KINDS[kind].template(data, meta)
        parts.append(layout.Part(kind, meta.lang, meta.marking, sha, story))
    title = t(KINDS[items[0][0]].title_key, meta.lang)
    pdf, counts = layout.render(parts, title=title)
    docs = [
        PrintedDoc(
            kind=kind, lang=meta.lang, sha256=sha, code=fingerprint.short_code(sha), pages=n,
            reg_no=meta.reg_no, reg_date=meta.reg_date.isoformat() if meta.reg_date else "",
            sources=sources_of(data),
        )
        for (kind, data), sha, n in zip(items, shas, counts, strict=True)
    ]
    return Rendered(pdf=pdf, docs=docs)


def build(kind: str, data: msgspec.Struct, meta: Meta) -> Rendered:
    return build_many([(kind, data)], meta)


def pdf(kind: str, data: msgspec.Struct, meta: Meta) -> bytes:
    """The PDF bytes of one document."""
    return build(kind, data, meta).pdf
