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


PagesLater = list[tuple[int, list[bytes]]]  # (scan id, its pages) to be stored later (``add_pages``)


def add(
    conn: Connection, *, document_id: int, nominee_id: int | None, sha256: str,
    pages: list[bytes], outdated: bool, changed: list[str], attached: str, user: str,
    later: PagesLater | None = None,
) -> int:  # fmt: skip
    """The scan and its pages; with ``later``, the pages are appended there for the caller to
    store with ``add_pages`` before its transaction ends (an import overlaps that with reading
    the next entry: ``app.transfer.dossiers``)."""
    cur = conn.execute(
        "INSERT INTO scans (document_id, nominee_id, sha256, pages, size, outdated, changed,"
        " attached, user) VALUES (?,?,?,?,?,?,?,?,?) RETURNING id",
        (document_id, nominee_id, sha256, len(pages), sum(len(p) for p in pages), int(outdated),
         json.dumps(changed, ensure_ascii=False), attached, user),
    )  # fmt: skip
    sid = int(cur.fetchone()[0])
    if later is None:
        add_pages(conn, [(sid, pages)])
    else:
        later.append((sid, pages))
    return sid


ROWS_AT_ONCE = 64  # pages inserted by one statement (3 parameters each)


def add_pages(conn: Connection, scans: PagesLater) -> None:
    """The pages of scans just added (``add``), up to ``ROWS_AT_ONCE`` in one statement: one
    step, during which SQLCipher encrypts them with the GIL released (``executemany`` takes it
    back between rows: a worker storing pages would wait for it each time)."""
    rows = [(sid, i, p) for sid, pages in scans for i, p in enumerate(pages, 1)]
    for at in range(0, len(rows), ROWS_AT_ONCE):
        part = rows[at : at + ROWS_AT_ONCE]
        conn.execute("INSERT INTO scan_pages (scan_id, page_no, jpeg) VALUES "
                     + ",".join(["(?,?,?)"] * len(part)), [v for row in part for v in row])  # fmt: skip


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


class CarriedScan(msgspec.Struct, frozen=True, kw_only=True):
    """A signed scan as a nominations or corrections bundle carries it: the document it signs
    (fingerprint, code, kind, language, pages printed), the record as printed (its version, its
    content digest, and the snapshot the digest was taken of), and the normalised pages."""

    document: str  # SHA-256 of the printed document
    code: str
    kind: str
    lang: str
    reg_no: str
    reg_date: str
    printed_pages: int
    printed: str  # when first printed (ISO)
    version: int  # the record's version printed
    digest: str  # the record's content digest printed
    snapshot: bytes  # the record's JSON at print time (without the photo)
    snapshot_photo: str  # SHA-256 of the photo at print time ('' none)
    sha256: str  # of the pages (SHA-256 over their SHA-256s, in order)
    attached: str
    pages: list[bytes]


def carried_for(conn: Connection, nid: int) -> list[CarriedScan]:
    """Every signed scan of ``nominee:nid``'s papers, oldest first, ready to be carried."""
    entity = f"nominee:{nid}"
    rows = conn.execute(
        "SELECT s.id, d.sha256, d.code, d.kind, d.lang, d.reg_no, d.reg_date, d.pages,"
        " d.first_printed, src.version, src.digest, snap.data, snap.photo, s.sha256, s.attached"
        " FROM scans s JOIN documents d ON d.id = s.document_id"
        " JOIN document_sources src ON src.document_id = d.id AND src.entity = ?"
        " JOIN document_snapshots snap ON snap.document_id = d.id AND snap.entity = ?"
        " WHERE s.nominee_id = ? ORDER BY s.id",
        (entity, entity, nid),
    ).fetchall()
    return [
        CarriedScan(
            document=r[1], code=r[2], kind=r[3], lang=r[4], reg_no=r[5], reg_date=r[6],
            printed_pages=r[7], printed=r[8], version=r[9], digest=r[10], snapshot=bytes(r[11]),
            snapshot_photo=r[12], sha256=r[13], attached=r[14], pages=pages(conn, r[0]),
        )  # fmt: skip
        for r in rows
    ]


HELD = 2047  # below hashlib's threshold for releasing the GIL (2048 bytes, HASHLIB_GIL_MINSIZE)


def sha256_held(data: bytes) -> hashlib._Hash:
    """SHA-256 of a few KiB without letting go of the GIL: ``hashlib`` releases it for every
    update of 2 KiB or more, and while an import's helper threads run (items read ahead, photos
    checked, pages stored) getting it back cost the importing thread 2 ms a time on the shared
    reference-like machine (a record's snapshot of 3-4 KiB is hashed in 5 us)."""
    h = hashlib.sha256()
    view = memoryview(data)
    for at in range(0, len(view), HELD):
        h.update(view[at : at + HELD])
    return h


def record_digest(data: bytes, photo_sha: str) -> str:
    """The content digest of a nominee record (``document_log.nominee_source``) from its stored JSON
    and its photo's SHA-256 ('' when none)."""
    h = sha256_held(data)
    h.update(b"\x00photo\x00" + (bytes.fromhex(photo_sha) if photo_sha else hashlib.sha256(b"").digest()))
    return h.hexdigest()


def _register_printed(conn: Connection, c: CarriedScan | CarriedSheet, peer: str) -> int:
    """A document printed at ``peer`` in this document log (kept as it is if already there); its id."""
    conn.execute(
        "INSERT INTO documents (sha256, code, kind, lang, reg_no, reg_date, pages, first_printed,"
        " first_user, last_printed) VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT (sha256) DO NOTHING",
        (c.document, c.code, c.kind, c.lang, c.reg_no, c.reg_date, c.printed_pages, c.printed,
         peer, c.printed),
    )  # fmt: skip
    return int(conn.execute("SELECT id FROM documents WHERE sha256 = ?", (c.document,)).fetchone()[0])


def register_received(conn: Connection, c: CarriedScan, entity: str, *, peer: str) -> int:
    """The received document's entry in this workstation's document log (printed at ``peer``),
    with the record it was printed from, as this workstation identifies it; its id."""
    doc_id = _register_printed(conn, c, peer)
    conn.execute(
        "INSERT OR IGNORE INTO document_sources (document_id, entity, version, digest)"
        " VALUES (?,?,?,?)",
        (doc_id, entity, c.version, c.digest),
    )
    save_snapshot(conn, doc_id, entity, c.snapshot, c.snapshot_photo)
    return doc_id


def has_scan(conn: Connection, document_id: int, sha256: str) -> bool:
    return conn.execute("SELECT 1 FROM scans WHERE document_id = ? AND sha256 = ?",
                        (document_id, sha256)).fetchone() is not None  # fmt: skip


# -- the decision sheet (p.12): one paper for the quarter's list, several persons -------------
SHEET = "decision-sheet"


class SheetPerson(msgspec.Struct, frozen=True, kw_only=True):
    """A person the signed decision sheet names, as printed: the record's version and content
    digest at print time and the snapshot the digest was taken of."""

    iin: str
    version: int
    digest: str
    snapshot: bytes  # the dossier's JSON at print time (without the photo)
    snapshot_photo: str  # SHA-256 of the photo at print time ('' none)


class CarriedSheet(msgspec.Struct, frozen=True, kw_only=True):
    """A signed scan of a decision sheet as an extract bundle carries it: the document, the
    persons it names as printed, the Department's match when it was attached, and the pages."""

    document: str
    code: str
    kind: str
    lang: str
    reg_no: str
    reg_date: str
    printed_pages: int
    printed: str
    persons: list[SheetPerson]
    outdated: bool  # as matched where it was attached
    sha256: str
    attached: str
    pages: list[bytes]


def _sheet_scans(conn: Connection) -> list[tuple[int, int]]:
    """(scan id, document id) of every decision-sheet scan, latest first."""
    return [(int(r[0]), int(r[1])) for r in conn.execute(
        "SELECT s.id, s.document_id FROM scans s JOIN documents d ON d.id = s.document_id"
        " WHERE d.kind = ? ORDER BY s.id DESC", (SHEET,))]  # fmt: skip


def _sheet_people(conn: Connection, doc_id: int) -> list[tuple[str, int | None, str, str, str]]:
    """Each person the document names: (entity, nominee id here or None, IIN, quarter, body)."""
    return [(str(r[0]), None if r[1] is None else int(r[1]), str(r[2] or ""), str(r[3] or ""),
             str(r[4] or "")) for r in conn.execute(
        "SELECT src.entity, n.id, n.iin, n.quarter, n.body FROM document_sources src"
        " LEFT JOIN nominees n ON src.entity = 'nominee:' || n.id"
        " WHERE src.document_id = ? ORDER BY src.entity", (doc_id,))]  # fmt: skip


def sheet_for_extract(conn: Connection, *, quarter: str, body: str) -> CarriedSheet | None:
    """The latest signed decision-sheet scan of ``quarter`` that names only ``body``'s nominees,
    ready to be carried in that body's extract (a sheet that names another body's nominees is
    not sent to this body: p.13 gives each body its own extract)."""
    for sid, doc_id in _sheet_scans(conn):
        people = _sheet_people(conn, doc_id)
        if not people or any(n is None or q != quarter or b != body for _, n, _, q, b in people):
            continue
        doc = conn.execute(
            "SELECT sha256, code, kind, lang, reg_no, reg_date, pages, first_printed FROM documents"
            " WHERE id = ?", (doc_id,)).fetchone()  # fmt: skip
        scan = conn.execute("SELECT sha256, attached, outdated FROM scans WHERE id = ?", (sid,)).fetchone()
        persons = []
        for entity, _, iin, _, _ in people:
            src = conn.execute(
                "SELECT src.version, src.digest, snap.data, snap.photo FROM document_sources src"
                " JOIN document_snapshots snap ON snap.document_id = src.document_id"
                " AND snap.entity = src.entity WHERE src.document_id = ? AND src.entity = ?",
                (doc_id, entity)).fetchone()  # fmt: skip
            if src is None:
                break
            persons.append(SheetPerson(iin=iin, version=int(src[0]), digest=str(src[1]),
                                       snapshot=bytes(src[2]), snapshot_photo=str(src[3])))  # fmt: skip
        else:
            return CarriedSheet(
                document=doc[0], code=doc[1], kind=doc[2], lang=doc[3], reg_no=doc[4],
                reg_date=doc[5], printed_pages=int(doc[6]), printed=doc[7], persons=persons,
                outdated=bool(scan[2]), sha256=scan[0], attached=scan[1], pages=pages(conn, sid),
            )  # fmt: skip
    return None


def register_received_sheet(conn: Connection, c: CarriedSheet, entities: list[str | None], *,
                            peer: str) -> int:  # fmt: skip
    """The received decision sheet's entry in this document log (printed at ``peer``) with the
    persons it names as this workstation identifies them (``entities``, in the order of
    ``c.persons``; None: a person not held here); its id."""
    doc_id = _register_printed(conn, c, peer)
    for p, entity in zip(c.persons, entities, strict=True):
        if entity is None:
            continue
        conn.execute(
            "INSERT OR IGNORE INTO document_sources (document_id, entity, version, digest)"
            " VALUES (?,?,?,?)",
            (doc_id, entity, p.version, p.digest),
        )
        save_snapshot(conn, doc_id, entity, p.snapshot, p.snapshot_photo)
    return doc_id


class SheetRow(msgspec.Struct, frozen=True, kw_only=True):
    scan: ScanRow
    document_id: int
    received: bool  # carried here in a bundle (else attached here)
    entities: list[str]  # the persons it names, as held here
    bodies: list[str]  # the bodies of those held here


def sheets_of_quarter(conn: Connection, quarter: str) -> list[SheetRow]:
    """Signed decision-sheet scans that name a nominee of ``quarter`` held here, latest first."""
    out = []
    for sid, doc_id in _sheet_scans(conn):
        people = _sheet_people(conn, doc_id)
        if not any(q == quarter for _, n, _, q, _ in people if n is not None):
            continue
        r = conn.execute(
            f"SELECT {_COLS}, d.first_user FROM scans s JOIN documents d ON d.id = s.document_id"
            " WHERE s.id = ?", (sid,)).fetchone()  # fmt: skip
        out.append(SheetRow(scan=_row(tuple(r[:10])), document_id=doc_id,
                            received=str(r[10]).startswith("peer:"),
                            entities=[e for e, *_ in people],
                            bodies=sorted({b for _, n, _, _, b in people if n is not None})))  # fmt: skip
    return out
