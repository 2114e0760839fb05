"""Repository of nominee dossiers: rows, photos and the folded search index."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

import msgspec

from app.domain.dossier import Dossier, NomineeRecord
from app.domain.workflow import NomineeStatus
from app.errors import InvalidInput, NotFound
from app.store.connection import Connection, IntegrityError
from app.store.folding import fold, fts_query

_ENC = msgspec.json.Encoder()
_DEC = msgspec.json.Decoder(type=Dossier)

SORT_COLUMNS = {
    "name": "sort_key",
    "iin": "iin",
    "body": "body",
    "status": "status",
    "position": "position",
    "updated": "updated",
    "blockers": "blockers",
}


class NomineeRow(msgspec.Struct, frozen=True, kw_only=True):
    """A nominee list line: enough to list and sort without decoding the dossier."""

    id: int
    iin: str
    surname: str
    given_name: str
    patronymic: str
    body: str
    status: str
    position: str
    unit: str
    quarter: str
    blockers: int
    warnings: int
    version: int
    updated: str


class Filters(msgspec.Struct, frozen=True, kw_only=True):
    search: str = ""
    body: str = ""
    status: str = ""
    findings: str = ""  # "", "nominable" (no blockers) or "blocked"
    quarter: str = ""


_ROW_COLS = (
    "id, iin, surname, given_name, patronymic, body, status, position, unit, quarter,"
    " blockers, warnings, version, updated"
)


def search_text(d: Dossier) -> str:
    p = d.person
    parts = [
        p.surname, p.given_name, p.patronymic, p.surname_ru, p.given_name_ru, p.patronymic_ru,
        p.iin, d.current_position, d.unit,
    ]  # fmt: skip
    return fold(" ".join(parts))


def sort_key(d: Dossier) -> str:
    p = d.person
    return f"{p.surname.casefold()}\x1f{p.given_name.casefold()}\x1f{p.patronymic.casefold()}"


def encode(d: Dossier) -> bytes:
    """The dossier without its photo (the photo has its own table)."""
    return _ENC.encode(msgspec.structs.replace(d, photo=None))


def decode(data: bytes) -> Dossier:
    return _DEC.decode(data)


_FACTS_SQL = ("INSERT OR REPLACE INTO dossier_facts (nominee_id, birth, sex, rank, service_start, trained)"
              " VALUES (?, ?, ?, ?, ?, ?)")  # fmt: skip


def facts(nid: int, d: Dossier) -> tuple[int, str, str, str, str, str]:
    """The row of ``dossier_facts`` (migration 0009) the reports read instead of the dossier."""
    trained = sorted(t.completed.isoformat() for t in d.training if t.completed is not None)
    return (nid, d.person.birth_date.isoformat(), str(d.person.sex.value), d.rank.strip(),
            d.service_start.isoformat() if d.service_start else "", ",".join(trained))  # fmt: skip


def put_facts(conn: Connection, rows: Iterable[tuple[int, str, str, str, str, str]]) -> None:
    """Written with every dossier (add, update, bulk add): the facts never lag the dossier."""
    conn.executemany(_FACTS_SQL, rows)


class Nominees:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def add(
        self,
        d: Dossier,
        *,
        now: dt.datetime,
        thumb: bytes | None = None,
        status: str = NomineeStatus.DRAFT,
        blockers: int = 0,
        warnings: int = 0,
    ) -> int:
        ts = now.isoformat(timespec="seconds")
        try:
            cur = self.conn.execute(
                "INSERT INTO nominees (iin, body, status, surname, given_name, patronymic,"
                " sort_key, position, unit, quarter, blockers, warnings, version, created,"
                " updated) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,1,?,?)",
                (
                    d.person.iin, d.body, status, d.person.surname, d.person.given_name,
                    d.person.patronymic, sort_key(d), d.current_position, d.unit,
                    d.nomination.quarter, blockers, warnings, ts, ts,
                ),
            )  # fmt: skip
        except IntegrityError:
            raise InvalidInput("dossier.duplicate_iin", iin=d.person.iin) from None
        nid = int(cur.lastrowid or 0)
        self.conn.execute("INSERT INTO dossiers (nominee_id, data) VALUES (?, ?)", (nid, encode(d)))
        put_facts(self.conn, [facts(nid, d)])
        self.conn.execute(
            "INSERT INTO nominee_fts (rowid, text) VALUES (?, ?)", (nid, search_text(d))
        )
        if d.photo is not None:
            self._put_photo(nid, d.photo, thumb or b"")
        return nid

    def update(
        self,
        nid: int,
        d: Dossier,
        *,
        now: dt.datetime,
        expected_version: int | None = None,
        thumb: bytes | None = None,
        blockers: int | None = None,
        warnings: int | None = None,
    ) -> int:
        """Replace the dossier; returns the new version. A stale ``expected_version`` is refused."""
        row = self.conn.execute(
            "SELECT version, blockers, warnings FROM nominees WHERE id = ?", (nid,)
        ).fetchone()
        if row is None:
            raise NotFound("nominee.not_found", id=nid)
        version, old_b, old_w = row
        if expected_version is not None and expected_version != version:
            raise InvalidInput("nominee.changed_meanwhile", id=nid)
        try:
            self.conn.execute(
                "UPDATE nominees SET iin=?, body=?, surname=?, given_name=?, patronymic=?,"
                " sort_key=?, position=?, unit=?, quarter=?, blockers=?, warnings=?,"
                " version=version+1, updated=? WHERE id=?",
                (
                    d.person.iin, d.body, d.person.surname, d.person.given_name,
                    d.person.patronymic, sort_key(d), d.current_position, d.unit,
                    d.nomination.quarter, old_b if blockers is None else blockers,
                    old_w if warnings is None else warnings,
                    now.isoformat(timespec="seconds"), nid,
                ),
            )  # fmt: skip
        except IntegrityError:
            raise InvalidInput("dossier.duplicate_iin", iin=d.person.iin) from None
        self.conn.execute("UPDATE dossiers SET data = ? WHERE nominee_id = ?", (encode(d), nid))
        put_facts(self.conn, [facts(nid, d)])
        self.conn.execute("DELETE FROM nominee_fts WHERE rowid = ?", (nid,))
        self.conn.execute(
            "INSERT INTO nominee_fts (rowid, text) VALUES (?, ?)", (nid, search_text(d))
        )
        if d.photo is None:
            self.conn.execute("DELETE FROM photos WHERE nominee_id = ?", (nid,))
        else:
            self._put_photo(nid, d.photo, thumb or b"")
        return int(version) + 1

    def _put_photo(self, nid: int, jpeg: bytes, thumb: bytes) -> None:
        self.conn.execute(
            "INSERT INTO photos (nominee_id, jpeg, thumb) VALUES (?, ?, ?)"
            " ON CONFLICT (nominee_id) DO UPDATE SET jpeg = excluded.jpeg, thumb = excluded.thumb",
            (nid, jpeg, thumb),
        )

    def status(self, nid: int) -> str:
        row = self.conn.execute("SELECT status FROM nominees WHERE id = ?", (nid,)).fetchone()
        if row is None:
            raise NotFound("nominee.not_found", id=nid)
        return str(row[0])

    def _write_status(self, nid: int, status: str, *, now: dt.datetime) -> None:
        """Only ``UnitOfWork.move`` calls this: it checks the move and audits it."""
        cur = self.conn.execute(
            "UPDATE nominees SET status = ?, updated = ? WHERE id = ?",
            (status, now.isoformat(timespec="seconds"), nid),
        )
        if cur.rowcount == 0:
            raise NotFound("nominee.not_found", id=nid)

    def with_photo(self) -> set[int]:
        return {int(r[0]) for r in self.conn.execute("SELECT nominee_id FROM photos")}

    def cached_findings(self) -> dict[int, tuple[int, int]]:
        """Nominee id -> the (blockers, warnings) counts kept on its row."""
        rows = self.conn.execute("SELECT id, blockers, warnings FROM nominees")
        return {int(r[0]): (r[1], r[2]) for r in rows}

    def set_findings(self, nid: int, blockers: int, warnings: int) -> None:
        self.conn.execute(
            "UPDATE nominees SET blockers = ?, warnings = ? WHERE id = ?", (blockers, warnings, nid)
        )

    def delete(self, nid: int) -> None:
        self.conn.execute("DELETE FROM nominee_fts WHERE rowid = ?", (nid,))
        cur = self.conn.execute("DELETE FROM nominees WHERE id = ?", (nid,))
        if cur.rowcount == 0:
            raise NotFound("nominee.not_found", id=nid)

    def get(self, nid: int, *, with_photo: bool = True) -> NomineeRecord:
        row = self.conn.execute(
            "SELECT n.id, n.version, n.status, n.created, n.updated, d.data FROM nominees n"
            " JOIN dossiers d ON d.nominee_id = n.id WHERE n.id = ?",
            (nid,),
        ).fetchone()
        if row is None:
            raise NotFound("nominee.not_found", id=nid)
        d = decode(row[5])
        if with_photo:
            p = self.conn.execute(
                "SELECT jpeg FROM photos WHERE nominee_id = ?", (nid,)
            ).fetchone()
            d = msgspec.structs.replace(d, photo=bytes(p[0]) if p else None)
        return NomineeRecord(
            id=row[0], version=row[1], status=row[2],
            created=dt.datetime.fromisoformat(row[3]), updated=dt.datetime.fromisoformat(row[4]),
            dossier=d,
        )  # fmt: skip

    def id_by_iin(self, iin: str) -> int | None:
        row = self.conn.execute("SELECT id FROM nominees WHERE iin = ?", (iin,)).fetchone()
        return int(row[0]) if row else None

    def thumb(self, nid: int) -> bytes | None:
        row = self.conn.execute(
            "SELECT thumb FROM photos WHERE nominee_id = ?", (nid,)
        ).fetchone()
        return bytes(row[0]) if row and row[0] else None

    def _where(self, f: Filters) -> tuple[str, list[object]]:
        clauses: list[str] = []
        params: list[object] = []
        if f.search:
            q = fts_query(f.search)
            if q is None:
                clauses.append("0")
            else:
                clauses.append("id IN (SELECT rowid FROM nominee_fts WHERE nominee_fts MATCH ?)")
                params.append(q)
        if f.body:
            clauses.append("body = ?")
            params.append(f.body)
        if f.status:
            clauses.append("status = ?")
            params.append(f.status)
        if f.quarter:
            clauses.append("quarter = ?")
            params.append(f.quarter)
        if f.findings == "nominable":
            clauses.append("blockers = 0")
        elif f.findings == "blocked":
            clauses.append("blockers > 0")
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def count(self, f: Filters = Filters()) -> int:
        if f.search and f == Filters(search=f.search):
            q = fts_query(f.search)
            if q is None:
                return 0
            sql = "SELECT count(*) FROM nominee_fts WHERE nominee_fts MATCH ?"
            return int(self.conn.execute(sql, (q,)).fetchone()[0])
        where, params = self._where(f)
        return int(self.conn.execute(f"SELECT count(*) FROM nominees{where}", params).fetchone()[0])

    def rows(
        self,
        f: Filters = Filters(),
        *,
        sort: str = "name",
        descending: bool = False,
        offset: int = 0,
        limit: int = 200,
    ) -> list[NomineeRow]:
        """One window of nominee list lines (the GUI model fetches windows; nothing loads all rows)."""
        col = SORT_COLUMNS.get(sort, "sort_key")
        order = "DESC" if descending else "ASC"
        where, params = self._where(f)
        # By name, walk the small (sort_key, id) index in order and stop after one window,
        # instead of sorting every match of a short prefix in a temporary table.
        source = "nominees INDEXED BY nominees_sort" if col == "sort_key" else "nominees"
        sql = (
            f"SELECT {_ROW_COLS} FROM {source}{where} ORDER BY {col} {order}, id {order}"
            " LIMIT ? OFFSET ?"
        )
        return [
            NomineeRow(
                id=r[0], iin=r[1], surname=r[2], given_name=r[3], patronymic=r[4], body=r[5],
                status=r[6], position=r[7], unit=r[8], quarter=r[9], blockers=r[10],
                warnings=r[11], version=r[12], updated=r[13],
            )  # fmt: skip
            for r in self.conn.execute(sql, [*params, limit, offset])
        ]

    def ids(self, f: Filters = Filters()) -> list[int]:
        where, params = self._where(f)
        return [int(r[0]) for r in self.conn.execute(f"SELECT id FROM nominees{where} ORDER BY id", params)]

    def iter_dossiers(self, ids: Iterable[int] | None = None) -> Iterable[tuple[int, Dossier]]:
        """Decode dossiers (without photos) for batch work such as ``check --all``."""
        if ids is None:
            for nid, data in self.conn.execute(
                "SELECT nominee_id, data FROM dossiers ORDER BY nominee_id"
            ):
                yield int(nid), decode(data)
        else:
            for nid in ids:
                row = self.conn.execute(
                    "SELECT data FROM dossiers WHERE nominee_id = ?", (nid,)
                ).fetchone()
                if row:
                    yield nid, decode(row[0])

    def add_many(self, items: Sequence[NewNominee], *, now: dt.datetime) -> list[int]:
        """Several new dossiers with one statement per table (rows, dossiers, search index,
        photos) instead of four per dossier; the same rows as ``add`` one by one. Ids follow the
        highest in use, as SQLite's own would. Call inside the caller's transaction."""
        if not items:
            return []
        ts = now.isoformat(timespec="seconds")
        top = self.conn.execute("SELECT coalesce(max(id), 0) FROM nominees").fetchone()[0]
        ids = list(range(int(top) + 1, int(top) + 1 + len(items)))
        try:
            self.conn.executemany(
                "INSERT INTO nominees (id, iin, body, status, surname, given_name, patronymic,"
                " sort_key, position, unit, quarter, blockers, warnings, version, created,"
                " updated) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,1,?,?)",
                [
                    (
                        nid, it.dossier.person.iin, it.dossier.body, it.status,
                        it.dossier.person.surname, it.dossier.person.given_name,
                        it.dossier.person.patronymic, sort_key(it.dossier),
                        it.dossier.current_position, it.dossier.unit,
                        it.dossier.nomination.quarter, it.blockers, it.warnings, ts, ts,
                    )
                    for nid, it in zip(ids, items, strict=True)
                ],
            )  # fmt: skip
        except IntegrityError:
            raise InvalidInput("dossier.duplicate_iin", iin=self._duplicate(items, int(top))) from None
        self.conn.executemany(
            "INSERT INTO dossiers (nominee_id, data) VALUES (?, ?)",
            [(nid, it.encoded or encode(it.dossier)) for nid, it in zip(ids, items, strict=True)],
        )
        put_facts(self.conn, [facts(nid, it.dossier) for nid, it in zip(ids, items, strict=True)])
        self.conn.executemany(
            "INSERT INTO nominee_fts (rowid, text) VALUES (?, ?)",
            [(nid, search_text(it.dossier)) for nid, it in zip(ids, items, strict=True)],
        )
        self.conn.executemany(
            "INSERT INTO photos (nominee_id, jpeg, thumb) VALUES (?, ?, ?)",
            [
                (nid, it.dossier.photo, it.thumb or b"")
                for nid, it in zip(ids, items, strict=True)
                if it.dossier.photo is not None
            ],
        )
        return ids

    def _duplicate(self, items: Sequence[NewNominee], top: int) -> str:
        """The IIN that made a bulk insert fail: repeated in the batch, or stored before it (the
        rows of the batch inserted before the failing one are still there until rollback)."""
        seen: set[str] = set()
        for it in items:
            iin = it.dossier.person.iin
            stored = self.conn.execute(
                "SELECT 1 FROM nominees WHERE iin = ? AND id <= ?", (iin, top)
            ).fetchone()
            if iin in seen or stored:
                return iin
            seen.add(iin)
        return ""


class NewNominee(msgspec.Struct, frozen=True, kw_only=True):
    """One dossier for ``Nominees.add_many``; ``encoded``: ``encode(dossier)`` if already made."""

    dossier: Dossier
    thumb: bytes | None = None
    status: str = NomineeStatus.DRAFT
    blockers: int = 0
    warnings: int = 0
    encoded: bytes = b""
