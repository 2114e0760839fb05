"""What the print dialog asks for, built off the GUI thread: no Qt here.

``generate(session, job, progress, cancelled)`` builds the documents in memory. A dossier pack
(submission + service reference) for many nominees goes through ``app.documents.batch`` on all
cores, one PDF per pack, and the preview and the printer walk those PDFs in order; saving merges
them into one file. Nothing is registered as printed until it is printed or saved
(``register``), so looking at a preview leaves no trace in the documents registry.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field

import msgspec

from app.documents import KINDS, PrintedDoc, Rendered, batch, build_many
from app.documents import from_dossier as fd
from app.documents import model as m
from app.errors import NotFound
from app.fsutil import atomic_write
from app.security.roles import Permission
from app.services import nominees, printing
from app.services.workstation import Session
from app.store.nominees import Filters

PACK = "pack"  # submission + service reference per nominee
PER_NOMINEE = (PACK, "submission", "service-reference", "vetting", "notice",
               "reg2000-registration", "exclusion-submission", "exclusion-decision")  # fmt: skip
LISTS = ("body-list", "decision-sheet", "extract", "reg2000-list-answer")
KIND_CHOICES = PER_NOMINEE + LISTS
PARALLEL_FROM = 8  # packs; fewer are built in this process (starting workers costs more)
PAGE = 500

Progress = Callable[[int, int], None]  # done, total


@dataclass(frozen=True)
class Job:
    kind: str
    lang: str
    nominee_ids: tuple[int, ...]
    quarter: str = ""


@dataclass
class Output:
    """The documents of one job: one or more PDFs (one per pack), in order."""

    pdfs: list[bytes]
    docs: list[PrintedDoc] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return sum(d.pages for d in self.docs)

    def merged(self) -> bytes:
        if len(self.pdfs) == 1:
            return self.pdfs[0]
        from pypdf import PdfReader, PdfWriter

        writer = PdfWriter()
        for pdf in self.pdfs:
            writer.append(PdfReader(io.BytesIO(pdf)))
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()


def quarter_ids(s: Session, quarter: str, body: str = "") -> list[int]:
    """Every nominee of a quarter (and body), in name order."""
    f = Filters(quarter=quarter, body=body)
    ids: list[int] = []
    while True:
        window = nominees.rows(s, f, sort="name", offset=len(ids), limit=PAGE)
        ids += [r.id for r in window]
        if len(window) < PAGE:
            return ids


def _meta(s: Session, lang: str) -> m.Meta:
    return m.Meta(lang=lang, printed_on=s.clock.today(), marking=printing.marking(s, lang))


def _load(s: Session, kind: str, lang: str, nid: int) -> printing.Loaded:
    # the service's own loader (record, with the photo where the kind prints it, and its source)
    photo_kind = "service-reference" if kind == PACK else kind
    req = printing.Request(kind=photo_kind, lang=lang, nominee=nid)
    return printing._load(s, req)[0]


def generate(s: Session, job: Job, progress: Progress, cancelled: Callable[[], bool]) -> Output:
    s.require(Permission.EDIT)
    if not job.nominee_ids:
        raise NotFound("pdf.no_nominees")
    meta = _meta(s, job.lang)
    total = len(job.nominee_ids)
    loaded: list[printing.Loaded] = []
    for i, nid in enumerate(job.nominee_ids, 1):
        if cancelled():
            return Output(pdfs=[])
        loaded.append(_load(s, job.kind, job.lang, nid))
        if job.kind != PACK:
            progress(i, total + 1)
    if job.kind == PACK:
        packs = [(fd.submission(rec.dossier, job.lang, src),
                  fd.service_reference(rec.dossier, job.lang, src)) for rec, src in loaded]  # fmt: skip
        del loaded
        return _packs(packs, meta, progress, cancelled)
    req = printing.Request(kind=job.kind, lang=job.lang, quarter=job.quarter)
    items: list[tuple[str, msgspec.Struct]] = printing.items(req, loaded)
    rendered = build_many(items, meta)
    progress(total + 1, total + 1)
    return Output(pdfs=[rendered.pdf], docs=list(rendered.docs))


def _packs(
    packs: list[batch.Pack], meta: m.Meta, progress: Progress, cancelled: Callable[[], bool]
) -> Output:
    out = Output(pdfs=[])
    processes = None if len(packs) >= PARALLEL_FROM else 1
    for i, r in enumerate(batch.iter_packs(packs, meta, processes=processes), 1):
        if cancelled():  # leaving the loop closes the pool
            return Output(pdfs=[])
        out.pdfs.append(r.pdf)
        out.docs.extend(r.docs)
        progress(i, len(packs))
    return out


def register(s: Session, output: Output) -> None:
    """Record every document as printed (one audit row each), after printing or saving."""
    if output.docs:
        printing.register(s, Rendered(pdf=b"", docs=output.docs))


def save(s: Session, output: Output, path: str) -> None:
    """Write the PDF where the user chose (temp, fsync, rename), then register it."""
    s.require(Permission.EDIT)
    atomic_write(path, output.merged())
    register(s, output)


def kind_is_list(kind: str) -> bool:
    return kind in LISTS


assert all(k in KINDS for k in KIND_CHOICES if k != PACK)
