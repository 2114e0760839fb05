"""Export of a filtered selection of the reserve register to CSV or XLSX: a file the user
explicitly saves, written atomically; headers in the user's language.

The XLSX is built in memory (XlsxWriter ``in_memory``): openpyxl spools each sheet as plaintext
XML to ``$TMPDIR/openpyxl.*`` first, which would leave personal data on disk if the process died.
Cells that a spreadsheet would read as a formula or a control (``=`` ``+`` ``-`` ``@`` TAB CR LF
at the start; OWASP "CSV injection") are prefixed with an apostrophe in both formats."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from app.domain import quarter as q
from app.errors import InvalidInput
from app.fsutil import atomic_write
from app.i18n import fmt_date, tr
from app.services import reserve
from app.services.workstation import Session

COLUMNS = ("iin", "name", "body", "position", "enrolled_on", "term_ends", "decision_number",
           "excluded_on", "ground", "state")  # fmt: skip


def rows(members: list[q.Member], lang: str, s: Session) -> list[list[str]]:
    today = s.clock.today()
    out = [[tr(f"reserve.col.{c}", lang) for c in COLUMNS]]
    for m in members:
        out.append([
            m.iin, m.name, tr(f"body.{m.body}", lang), m.position, fmt_date(m.enrolled_on),
            fmt_date(m.term_ends), m.decision_number, fmt_date(m.excluded_on),
            m.ground or "", tr(f"reserve.state.{reserve.state_of(m, today)}", lang),
        ])  # fmt: skip
    return out


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
WIDTHS = (14, 34, 18, 40, 12, 12, 16, 12, 8, 14)


def neutral(cell: str) -> str:
    """A cell a spreadsheet shows as text, never evaluates (CSV injection)."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def _csv(table: list[list[str]]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    for r in table:
        w.writerow([neutral(c) for c in r])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _xlsx(table: list[list[str]], title: str) -> bytes:
    import xlsxwriter

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False,
                                   "strings_to_urls": False, "strings_to_numbers": False})  # fmt: skip
    ws = wb.add_worksheet(title[:31])
    bold = wb.add_format({"bold": True})
    for i, r in enumerate(table):
        for j, c in enumerate(r):
            ws.write_string(i, j, neutral(c), bold if i == 0 else None)
    ws.freeze_panes(1, 0)
    for j, width in enumerate(WIDTHS):
        ws.set_column(j, j, width)
    wb.close()
    return buf.getvalue()


def export(s: Session, out: Path, f: reserve.RegisterFilter, *, lang: str, fmt: str = "") -> int:
    """Write the selection to ``out`` (format from ``fmt`` or the suffix); returns the row count."""
    fmt = fmt or out.suffix.lower().lstrip(".")
    if fmt not in ("csv", "xlsx"):
        raise InvalidInput("reserve.bad_format", format=fmt)
    members = reserve.members(s, f)
    table = rows(members, lang, s)
    data = _csv(table) if fmt == "csv" else _xlsx(table, tr("reserve.sheet", lang))
    try:
        atomic_write(out, data)
    except OSError as e:
        raise InvalidInput("reserve.cannot_write", path=str(out), reason=e.strerror or "") from None
    with s.db.unit_of_work(s.user) as uow:
        uow.audit("reserve.export", f"file:{out.name}", {"rows": len(members), "format": fmt})
        uow.commit()
    return len(members)
