"""Building many PDFs on all cores: a quarter's dossier packs (submission + service reference,
or any kinds per nominee).

Reportlab is pure Python and holds the GIL, so the work goes to worker processes (started with
``spawn``: no inherited database connections, keys or GUI threads). Each pack is one PDF with
two documents, each with its own numbering and fingerprint; results come back in input order
and the caller writes or prints them one at a time, so memory stays flat.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator, Sequence

import msgspec

from app.documents.builder import Rendered, build_many
from app.documents.model import Meta, ServiceReference, Submission

Pack = tuple[Submission, ServiceReference]
Group = Sequence[tuple[str, msgspec.Struct]]  # one nominee's documents, in order


def build_pack(meta: Meta, pack: Pack) -> Rendered:
    submission, reference = pack
    return build_many([("submission", submission), ("service-reference", reference)], meta)


def _work(job: tuple[Meta, Group]) -> Rendered:
    meta, group = job
    return build_many(group, meta)


def iter_groups(
    groups: Iterable[Group], meta: Meta, *, processes: int | None = None, chunksize: int = 4
) -> Iterator[Rendered]:
    """One PDF per group, in input order. ``processes=1`` builds in this process."""
    n = processes or os.cpu_count() or 1
    jobs = ((meta, g) for g in groups)
    if n <= 1:
        yield from map(_work, jobs)
        return
    with multiprocessing.get_context("spawn").Pool(n) as pool:
        yield from pool.imap(_work, jobs, chunksize=chunksize)


def iter_packs(
    packs: Iterable[Pack], meta: Meta, *, processes: int | None = None, chunksize: int = 4
) -> Iterator[Rendered]:
    """Rendered dossier packs in input order (the benchmark's unit)."""
    groups = ([("submission", s), ("service-reference", r)] for s, r in packs)
    return iter_groups(groups, meta, processes=processes, chunksize=chunksize)
