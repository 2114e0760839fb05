"""SQL of the document log (migration 0004): each printed document's fingerprint, registration
and the records it was printed from (``documents``, ``document_sources``). Functions over the
caller's connection or unit of work; no transactions are opened here. The typed face of it is
``app.documents.document_log``."""

from __future__ import annotations

import hashlib

from app.store.connection import Connection

# (entity, version, digest): a stored record a document was printed from
SourceRow = tuple[str, int, str]
# id, sha256, code, kind, lang, reg_no, reg_date, pages, first_printed, first_user, last_printed,
# prints
DocumentRow = tuple[int, str, str, str, str, str, str, int, str, str, str, int]


def nominee_state(conn: Connection, nid: int) -> tuple[int, bytes, bytes | None] | None:
    """The nominee record as stored now: version, encoded dossier and photo (None: no photo)."""
    row = conn.execute(
        "SELECT n.version, d.data FROM nominees n JOIN dossiers d ON d.nominee_id = n.id"
        " WHERE n.id = ?",
        (nid,),
    ).fetchone()
    if row is None:
        return None
    photo = conn.execute("SELECT jpeg FROM photos WHERE nominee_id = ?", (nid,)).fetchone()
    return int(row[0]), bytes(row[1]), bytes(photo[0]) if photo else None


def nominee_digest(conn: Connection, nid: int) -> tuple[int, str] | None:
    """``(version, digest)`` of a nominee's content and photo as they are now."""
    found = nominee_state(conn, nid)
    if found is None:
        return None
    version, data, photo = found
    h = hashlib.sha256(data)
    h.update(b"\x00photo\x00" + hashlib.sha256(photo or b"").digest())
    return version, h.hexdigest()


def record(conn: Connection, *, sha256: str, code: str, kind: str, lang: str, reg_no: str,
           reg_date: str, pages: int, ts: str, user: str,
           sources: list[SourceRow]) -> tuple[int, int]:  # fmt: skip
    """Register one print: ``(document id, prints so far)``; the sources are kept on the first."""
    cur = conn.execute(
        "INSERT INTO documents (sha256, code, kind, lang, reg_no, reg_date, pages, first_printed,"
        " first_user, last_printed) VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT (sha256) DO UPDATE"
        " SET prints = prints + 1, last_printed = excluded.last_printed RETURNING id, prints",
        (sha256, code, kind, lang, reg_no, reg_date, pages, ts, user, ts),
    )
    doc_id, prints = cur.fetchone()
    if prints == 1:
        conn.executemany(
            "INSERT INTO document_sources (document_id, entity, version, digest) VALUES (?,?,?,?)",
            [(doc_id, e, v, g) for e, v, g in sources],
        )
    return int(doc_id), int(prints)


def find(conn: Connection, *, code: str = "", sha256: str = "") -> tuple[DocumentRow, list[SourceRow]] | None:
    row = conn.execute(
        "SELECT id, sha256, code, kind, lang, reg_no, reg_date, pages, first_printed, first_user,"
        " last_printed, prints FROM documents WHERE code = ? OR sha256 = ?",
        (code, sha256),
    ).fetchone()
    if row is None:
        return None
    sources = [
        (str(e), int(v), str(g))
        for e, v, g in conn.execute(
            "SELECT entity, version, digest FROM document_sources WHERE document_id = ?"
            " ORDER BY entity",
            (row[0],),
        )
    ]
    return tuple(row), sources
