"""The document log (migration 0004): which fingerprint came from which records.

Typed functions over ``app.store.document_log`` (its SQL) on a connection the caller's unit of
work holds; no transactions are opened here.
"""

from __future__ import annotations

import datetime as dt

import msgspec

from app.documents.builder import PrintedDoc
from app.documents.model import Source
from app.store import document_log, r2k, scans
from app.store.connection import Connection


class Entry(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    sha256: str
    code: str
    kind: str
    lang: str
    reg_no: str
    reg_date: str
    pages: int
    first_printed: str
    first_user: str
    last_printed: str
    prints: int
    sources: list[Source]


def nominee_source(conn: Connection, nid: int) -> Source | None:
    """The nominee record as it is now: version and a digest of its content and photo."""
    found = document_log.nominee_digest(conn, nid)
    if found is None:
        return None
    return Source(entity=f"nominee:{nid}", version=found[0], digest=found[1])


def r2k_source(conn: Connection, rid: int) -> Source | None:
    """A Reg-2000 reservist's record as it is now (``app.store.r2k``)."""
    found = r2k.digest(conn, rid)
    if found is None:
        return None
    return Source(entity=f"r2k:{rid}", version=found[0], digest=found[1])


def current_source(conn: Connection, entity: str) -> Source | None:
    kind, _, ident = entity.partition(":")
    if kind == "nominee" and ident.isdigit():
        return nominee_source(conn, int(ident))
    if kind == "r2k" and ident.isdigit():
        return r2k_source(conn, int(ident))
    return None


def record(conn: Connection, doc: PrintedDoc, *, user: str, now: dt.datetime) -> bool:
    """Register one print; returns True when the document is new (False: printed again)."""
    doc_id, prints = document_log.record(
        conn, sha256=doc.sha256, code=doc.code, kind=doc.kind, lang=doc.lang, reg_no=doc.reg_no,
        reg_date=doc.reg_date, pages=doc.pages, ts=now.isoformat(timespec="seconds"), user=user,
        sources=[(s.entity, s.version, s.digest) for s in doc.sources],
    )  # fmt: skip
    if prints == 1:
        _snapshot(conn, doc_id, doc.sources)
    return prints == 1


def _snapshot(conn: Connection, doc_id: int, sources: list[Source]) -> None:
    """The printed records' content, so a signed scan of an outdated paper can name the fields
    changed since (``app.services.scans``)."""
    for src in sources:
        kind, _, ident = src.entity.partition(":")
        if kind == "nominee" and ident.isdigit():
            content = scans.nominee_content(conn, int(ident))
            if content is not None:
                scans.save_snapshot(conn, doc_id, src.entity, *content)


def find(conn: Connection, *, code: str = "", sha256: str = "") -> Entry | None:
    found = document_log.find(conn, code=code, sha256=sha256)
    if found is None:
        return None
    row, sources = found
    return Entry(
        id=row[0], sha256=row[1], code=row[2], kind=row[3], lang=row[4], reg_no=row[5],
        reg_date=row[6], pages=row[7], first_printed=row[8], first_user=row[9],
        last_printed=row[10], prints=row[11],
        sources=[Source(entity=e, version=v, digest=g) for e, v, g in sources],
    )  # fmt: skip
