"""The printed-document registry (migration 0004): which fingerprint came from which records.

Plain SQL on a connection the caller's unit of work holds; no transactions are opened here.
(A repository in the sense of ``app/store``; it lives beside the documents it describes.)
"""

from __future__ import annotations

import datetime as dt
import hashlib

import msgspec

from app.documents.builder import PrintedDoc
from app.documents.model import Source
from app.store import scans
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
    row = conn.execute(
        "SELECT n.version, d.data FROM nominees n JOIN dossiers d ON d.nominee_id = n.id"
        " WHERE n.id = ?",
        (nid,),
    ).fetchone()
    if row is None:
        return None
    photo = conn.execute(
        "SELECT jpeg FROM photos WHERE nominee_id = ?", (nid,)
    ).fetchone()
    h = hashlib.sha256(bytes(row[1]))
    h.update(b"\x00photo\x00" + hashlib.sha256(bytes(photo[0]) if photo else b"").digest())
    return Source(entity=f"nominee:{nid}", version=int(row[0]), digest=h.hexdigest())


def current_source(conn: Connection, entity: str) -> Source | None:
    kind, _, ident = entity.partition(":")
    if kind == "nominee" and ident.isdigit():
        return nominee_source(conn, int(ident))
    return None


def record(conn: Connection, doc: PrintedDoc, *, user: str, now: dt.datetime) -> bool:
    """Register one print; returns True when the document is new (False: printed again)."""
    ts = now.isoformat(timespec="seconds")
    ex = conn.execute
    cur = ex(
        "INSERT INTO documents (sha256, code, kind, lang, reg_no, reg_date, pages, first_printed,"
        " first_user, last_printed) VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT (sha256) DO UPDATE"
        " SET prints = prints + 1, last_printed = excluded.last_printed RETURNING id, prints",
        (doc.sha256, doc.code, doc.kind, doc.lang, doc.reg_no, doc.reg_date, doc.pages, ts, user,
         ts),
    )  # fmt: skip
    doc_id, prints = cur.fetchone()
    if prints == 1:
        conn.executemany(
            "INSERT INTO document_sources (document_id, entity, version, digest) VALUES (?,?,?,?)",
            [(doc_id, s.entity, s.version, s.digest) for s in doc.sources],
        )
        _snapshot(conn, doc_id, doc.sources)
    return bool(prints == 1)


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
    ex = conn.execute
    row = ex(
        "SELECT id, sha256, code, kind, lang, reg_no, reg_date, pages, first_printed, first_user,"
        " last_printed, prints FROM documents WHERE code = ? OR sha256 = ?",
        (code, sha256),
    ).fetchone()
    if row is None:
        return None
    sources = [
        Source(entity=e, version=v, digest=g)
        for e, v, g in ex(
            "SELECT entity, version, digest FROM document_sources WHERE document_id = ?"
            " ORDER BY entity",
            (row[0],),
        )
    ]
    return Entry(
        id=row[0], sha256=row[1], code=row[2], kind=row[3], lang=row[4], reg_no=row[5],
        reg_date=row[6], pages=row[7], first_printed=row[8], first_user=row[9],
        last_printed=row[10], prints=row[11], sources=sources,
    )  # fmt: skip
