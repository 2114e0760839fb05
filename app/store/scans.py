"""SQL of signed scans (migration 0006 on this branch, reserved 0008) and of the printed records'
snapshots the scans are compared with. Functions over a connection the caller's unit of work
holds; no transactions are opened here."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import msgspec

from app.store.connection import Connection


class ScanRow(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    code: str
    kind: str
    nominee_id: int | None
    pages: int
    size: int
    outdated: bool
    changed: list[str]
    attached: str
    user: str


def save_snapshot(conn: Connection, document_id: int, entity: str, data: bytes, photo: str) -> None:
    conn.execute(
        "INSERT OR IGNORE INTO document_snapshots (document_id, entity, data, photo)"
        " VALUES (?,?,?,?)",
        (document_id, entity, data, photo),
    )


def snapshot(conn: Connection, document_id: int, entity: str) -> tuple[bytes, str] | None:
    row = conn.execute(
        "SELECT data, photo FROM document_snapshots WHERE document_id = ? AND entity = ?",
        (document_id, entity),
    ).fetchone()
    return None if row is None else (bytes(row[0]), str(row[1]))


def nominee_content(conn: Connection, nid: int) -> tuple[bytes, str] | None:
    """The dossier's stored JSON and the SHA-256 of its photo ('' when none)."""
    data = conn.execute("SELECT data FROM dossiers WHERE nominee_id = ?", (nid,)).fetchone()
    if data is None:
        return None
    photo = conn.execute("SELECT jpeg FROM photos WHERE nominee_id = ?", (nid,)).fetchone()
    return bytes(data[0]), hashlib.sha256(bytes(photo[0])).hexdigest() if photo else ""


def add(
    conn: Connection, *, document_id: int, nominee_id: int | None, sha256: str,
    pages: list[bytes], outdated: bool, changed: list[str], attached: str, user: str,
) -> int:  # fmt: skip
    cur = conn.execute(
        "INSERT INTO scans (document_id, nominee_id, sha256, pages, size, outdated, changed,"
        " attached, user) VALUES (?,?,?,?,?,?,?,?,?) RETURNING id",
        (document_id, nominee_id, sha256, len(pages), sum(len(p) for p in pages), int(outdated),
         json.dumps(changed, ensure_ascii=False), attached, user),
    )  # fmt: skip
    sid = int(cur.fetchone()[0])
    conn.executemany(
        "INSERT INTO scan_pages (scan_id, page_no, jpeg) VALUES (?,?,?)",
        [(sid, i, p) for i, p in enumerate(pages, 1)],
    )
    return sid


_COLS = (
    "s.id, d.code, d.kind, s.nominee_id, s.pages, s.size, s.outdated, s.changed, s.attached, s.user"
)


def _row(r: tuple[Any, ...]) -> ScanRow:
    return ScanRow(
        id=r[0], code=r[1], kind=r[2], nominee_id=r[3], pages=r[4], size=r[5],
        outdated=bool(r[6]), changed=json.loads(r[7]), attached=r[8], user=r[9],
    )  # fmt: skip


def for_nominee(conn: Connection, nid: int) -> list[ScanRow]:
    return [
        _row(r)
        for r in conn.execute(
            f"SELECT {_COLS} FROM scans s JOIN documents d ON d.id = s.document_id"
            " WHERE s.nominee_id = ? ORDER BY s.id",
            (nid,),
        )
    ]


def pages(conn: Connection, scan_id: int) -> list[bytes]:
    return [
        bytes(r[0])
        for r in conn.execute(
            "SELECT jpeg FROM scan_pages WHERE scan_id = ? ORDER BY page_no", (scan_id,)
        )
    ]


def printed_for(conn: Connection, entity: str) -> list[tuple[int, str, str, str]]:
    """Documents printed from ``entity``: (document id, code, document kind, digest printed),
    latest first."""
    return [
        (int(r[0]), str(r[1]), str(r[2]), str(r[3]))
        for r in conn.execute(
            "SELECT d.id, d.code, d.kind, s.digest FROM documents d JOIN document_sources s"
            " ON s.document_id = d.id WHERE s.entity = ? ORDER BY d.id DESC",
            (entity,),
        )
    ]


def scanned_documents(conn: Connection, nid: int) -> set[int]:
    return {int(r[0]) for r in conn.execute(
        "SELECT DISTINCT document_id FROM scans WHERE nominee_id = ?", (nid,))}  # fmt: skip
