"""The positions catalogue (Rules-2025 p.4) and the need for candidates (p.8 part 1): kept by the
body's HR supervisor, imported from the CSV or XLSX file HR already keeps, every change audited.

An import is all or nothing: any refused row is reported with its line number and nothing is
written."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

from app.domain.positions import BODIES, Need, NeedReason, Position
from app.errors import InvalidInput, NotFound
from app.i18n import LANGS, tr
from app.security.roles import Permission
from app.services.workstation import Session
from app.store import positions as repo
from app.store.folding import fold

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000
COLUMNS = ("title", "body", "subdivision", "level", "decree_290", "service_years", "training")
REQUIRED = ("title", "body", "decree_290")
_YES = {"1", "yes", "true", "da", "ia", "+"}  # folded: да, иә
_NO = {"0", "no", "false", "net", "zhok", "jok", "-"}  # folded: нет, жоқ
_MAX_REFUSED_SHOWN = 20


def read_bounded(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of ``path`` if it is a regular file of at most ``limit`` bytes (checked on the
    open descriptor, so a swapped path cannot slip through)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        raise InvalidInput("positions.import.unreadable", path=str(path)) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise InvalidInput("positions.import.not_file", path=str(path))
        if st.st_size > limit:
            raise InvalidInput("positions.import.too_large", limit_mb=max(1, limit // (1024 * 1024)))
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError:
        raise InvalidInput("positions.import.unreadable", path=str(path)) from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        raise InvalidInput("positions.import.too_large", limit_mb=max(1, limit // (1024 * 1024)))
    return data


def _header_names() -> dict[str, str]:
    names = {fold(c): c for c in COLUMNS}
    for lang in LANGS:
        for c in COLUMNS:
            names[fold(tr(f"positions.col.{c}", lang))] = c
    return names


def _table(path: Path, raw: bytes) -> list[list[str]]:
    if path.suffix.lower() == ".xlsx":
        return _xlsx_rows(raw)
    if path.suffix.lower() == ".csv":
        return _csv_rows(raw)
    raise InvalidInput("positions.import.bad_kind", path=path.name)


def _csv_rows(raw: bytes) -> list[list[str]]:
    import csv
    import io

    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput("positions.import.not_utf8") from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    try:
        return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    except csv.Error:
        raise InvalidInput("positions.import.malformed") from None


def _xlsx_rows(raw: bytes) -> list[list[str]]:
    import io
    import zipfile

    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise InvalidInput("positions.import.malformed") from None
    ws = wb.worksheets[0] if wb.worksheets else None
    out: list[list[str]] = []
    if ws is not None:
        for row in ws.iter_rows(values_only=True):
            out.append(["" if v is None else str(v).strip() for v in row])
            if len(out) > MAX_ROWS + 1:
                break
    wb.close()
    return out


def _bool(text: str) -> bool | None:
    f = fold(text) or text.strip()
    return True if f in _YES else False if f in _NO else None


def parse(path: Path, raw: bytes) -> list[Position]:
    """The positions of a catalogue file, or ``InvalidInput`` naming every refused line."""
    table = _table(path, raw)
    while table and not any(c.strip() for c in table[0]):
        table = table[1:]
    if not table:
        raise InvalidInput("positions.import.empty")
    names = _header_names()
    index = {names[fold(h)]: i for i, h in enumerate(table[0]) if fold(h) in names}
    missing = [c for c in REQUIRED if c not in index]
    if missing:
        raise InvalidInput("positions.import.no_columns", columns=", ".join(missing))
    if len(table) - 1 > MAX_ROWS:
        raise InvalidInput("positions.import.too_many", limit=MAX_ROWS)
    out: list[Position] = []
    refused: list[str] = []
    seen: dict[tuple[str, str], int] = {}
    for line, row in enumerate(table[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        cell = {c: (row[i].strip() if i < len(row) else "") for c, i in index.items()}
        bad = _row_problem(cell)
        key = (cell.get("body", "").lower(), fold(cell.get("title", "")))
        if bad is None and key in seen:
            bad = f"title={seen[key]}"
        if bad is not None:
            refused.append(f"{line} ({bad})")
            continue
        seen[key] = line
        years = cell.get("service_years", "")
        out.append(Position(title=cell["title"], body=key[0],
                            subdivision=cell.get("subdivision", "")[:500],
                            level=cell.get("level", "")[:100],
                            decree_290=bool(_bool(cell["decree_290"])),
                            service_years=int(years) if years else None,
                            training=cell.get("training", "")[:500]))  # fmt: skip
    if refused:
        shown = ", ".join(refused[:_MAX_REFUSED_SHOWN])
        more = len(refused) - _MAX_REFUSED_SHOWN
        raise InvalidInput("positions.import.refused", count=len(refused),
                           lines=shown + (f", … +{more}" if more > 0 else ""))  # fmt: skip
    return out


def _row_problem(cell: dict[str, str]) -> str | None:
    title = cell.get("title", "")
    if not title or len(title) > 500 or not fold(title) or any(ord(c) < 32 for c in title):
        return "title"
    if cell.get("body", "").lower() not in BODIES:
        return "body"
    if _bool(cell.get("decree_290", "")) is None:
        return "decree_290"
    years = cell.get("service_years", "")
    if years and not (years.isdigit() and int(years) <= 60):
        return "service_years"
    return None


def import_file(s: Session, path: Path) -> tuple[int, int]:
    """Add or update the catalogue from ``path``; (added, updated). Supervisor only."""
    s.require(Permission.MANAGE_POSITIONS)
    found = parse(path, read_bounded(path, MAX_FILE_BYTES))
    if s.body is not None and any(p.body != s.body for p in found):
        raise InvalidInput("positions.import.other_body", body=tr(f"body.{s.body}", "ru"))
    added = updated = 0
    with s.db.unit_of_work(s.user) as uow:
        for p in found:
            _, inserted = repo.upsert(uow.conn, p)
            added += inserted
            updated += not inserted
        uow.audit("positions.import", "positions",
                  {"file": path.name, "added": added, "updated": updated})  # fmt: skip
        uow.commit()
    return added, updated


def catalogue(s: Session, *, body: str = "") -> list[Position]:
    s.require(Permission.READ)
    return repo.positions(s.db.connection(), body=body or (s.body or ""))


def needs(s: Session) -> list[Need]:
    s.require(Permission.READ)
    return repo.needs(s.db.connection())


def add_need(s: Session, title: str, vacant_from: dt.date, reason: str, *, body: str = "") -> int:
    """A current vacancy (``vacant_from`` today or earlier) or an expected one. Supervisor only."""
    s.require(Permission.MANAGE_POSITIONS)
    try:
        why = NeedReason(reason)
    except ValueError:
        known = ", ".join(r.value for r in NeedReason)
        raise InvalidInput("positions.need.bad_reason", reason=reason[:40], known=known) from None
    if vacant_from.year < 2000 or vacant_from > s.clock.today() + dt.timedelta(days=366 * 5):
        raise InvalidInput("positions.need.bad_date", date=vacant_from.isoformat())
    with s.db.unit_of_work(s.user) as uow:
        p = repo.find(uow.conn, body or (s.body or ""), title)
        if p is None:
            raise NotFound("positions.not_found", title=title[:200])
        nid = repo.add_need(uow.conn, Need(position_id=p.id, vacant_from=vacant_from, reason=why),
                            now=uow.now, user=s.user)  # fmt: skip
        uow.audit("positions.need", f"position:{p.id}",
                  {"need": nid, "vacant_from": vacant_from.isoformat(), "reason": why.value})  # fmt: skip
        uow.commit()
    return nid
