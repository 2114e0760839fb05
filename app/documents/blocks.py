"""Building blocks shared by the forms: the head with registration number and date, titles,
signature blocks, the agreement/approval stamps, label-value tables and data tables.

Table cells hold either a plain string (drawn as is, never parsed) when it fits its column on
one line, or an escaped Paragraph that wraps; rows may split across pages, so nothing is clipped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import cache
from typing import TypeAlias

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.tables import CellStyle

from app.documents import fonts
from app.documents.layout import WIDTH, Styles
from app.documents.model import Meta, Person, Signatory
from app.documents.text import date_or_blank, para, repeated_para, rich, t, wrap_plain
from app.i18n import fmt_date

PAD = 3  # cell padding, points
Cell: TypeAlias = str | Flowable


def cell(text: str, width: float, style: ParagraphStyle = Styles.cell) -> Cell:
    """A plain string when each of its lines fits the column, or when it can be broken into
    lines exactly as the Paragraph would break it (the table's leading equals the style's, as
    ``grid_style`` sets it); else a wrapping Paragraph. A plain string is never parsed, so it
    prints literally whatever it contains, and costs a fraction of a Paragraph to lay out, split
    across pages and draw."""
    s = fonts.printable(str(text))
    room = width - 2 * PAD
    if all(fonts.string_width(ln, style.fontSize, style.fontName) <= room for ln in s.split("\n")):
        return s  # reportlab draws each line of a plain cell as is
    if style.leading == style.fontSize + 2:
        lines = wrap_plain(s, room, style.fontName, style.fontSize)
        if lines is not None:
            return lines
    return para(s, style)


class _Table(Table):
    """Reportlab's Table, except that a plain multi-line cell in a row split across two pages is
    measured and cut at the leading it is drawn with, as a Paragraph is (reportlab takes
    1.2 x font size there), so a split row comes out exactly as it did with Paragraph cells."""

    def _listCellGeom(self, V, w, s, W=None, H=None, aH=72000):  # noqa: N803
        if isinstance(V, str) and V:
            return self._elementWidth(V, s), len(V.split("\n")) * (s.leading or 1.2 * s.fontsize)
        return super()._listCellGeom(V, w, s, W=W, H=H, aH=aH)

    def _calc_height(self, availHeight, availWidth, H=None, W=None):  # noqa: N803
        """Reportlab's, once per set of row heights: with every height known (each table a split
        makes of a measured one) the row positions depend on the heights alone, yet reportlab
        recomputes them, a Python loop over every row left, at each of the three to five wraps a
        page makes of the table (454 calls, 182,000 rows for a 1,000-row list; now one a table)."""
        known = self._argH
        memo = getattr(self, "_positions_memo", None)
        if memo is not None and None not in known and memo[0] == known:
            self._rowpositions, self._height, self._hmax = memo[1:]
            return
        super()._calc_height(availHeight, availWidth, H=H, W=W)
        if None not in known:
            self._positions_memo = (list(known), self._rowpositions, self._height, self._hmax)

    def _drawCell(self, cellval, cellstyle, pos, size):  # noqa: N802
        """A plain multi-line cell (left, top: every data cell) as one text object, its lines
        ``leading`` apart, instead of one text object per line: the same glyphs in the same
        places, at a third of the cost (a 1,000-row list draws 13,000 lines)."""
        if not (isinstance(cellval, str) and "\n" in cellval and cellstyle.alignment == "LEFT"
                and cellstyle.valign == "TOP" and not cellstyle.direction and not cellstyle.shaping
                and not cellstyle.href and not cellstyle.destination):  # fmt: skip
            return super()._drawCell(cellval, cellstyle, pos, size)
        cur = getattr(self, "_curcellstyle", None)  # reportlab's, set in its draw()
        if cur is not cellstyle:  # as reportlab's: colour and font of the cell
            if cur is None or cellstyle.color != cur.color:
                self.canv.setFillColor(cellstyle.color)
            if (cur is None or cellstyle.leading != cur.leading
                    or cellstyle.fontname != cur.fontname or cellstyle.fontsize != cur.fontsize):
                self.canv.setFont(cellstyle.fontname, cellstyle.fontsize, cellstyle.leading)
            self._curcellstyle = cellstyle
        colpos, rowpos = pos
        y = rowpos + size[1] - cellstyle.topPadding - cellstyle.fontsize
        text = self.canv.beginText(colpos + cellstyle.leftPadding, y)
        text.setLeading(cellstyle.leading)
        for line in cellval.split("\n"):
            text.textLine(line)
        self.canv.drawText(text)
        return None

    def _splitCell(self, value, style, oldHeight, newHeight, width):  # noqa: N803
        if isinstance(value, str) and value and style.valign == "TOP":
            rows = value.split("\n")
            leading = style.leading or 1.2 * style.fontsize
            room = newHeight - style.topPadding
            if leading * len(rows) <= room:
                return (value, "")
            if len(rows) < 2:
                return []
            k = int(room // leading)
            return ("\n".join(rows[:k]), "\n".join(rows[k:]))
        return super()._splitCell(value, style, oldHeight, newHeight, width)


def grid_style(*, header: bool = True, font_size: float = 9.5) -> list[tuple[object, ...]]:
    cmds: list[tuple[object, ...]] = [
        ("FONT", (0, 0), (-1, -1), fonts.REGULAR, font_size, font_size + 2),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        cmds += [
            ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
            ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.92, 0.92, 0.92)),
        ]
    return cmds


class DataTable(_Table):
    """A ruled table with a repeated header that remembers its cells and widths, so
    ``closing`` can take its last row to keep with the signature block."""

    cells: list[list[Cell]]
    widths: list[float]


TALL_ROW = 40  # lines: a row this tall may be split across pages


def _tall(data: list[list[Cell]], widths: list[float]) -> bool:
    room = TALL_ROW * Styles.cell.leading
    for row in data:
        for c, w in zip(row, widths, strict=True):
            if isinstance(c, str):
                if c.count("\n") >= TALL_ROW:
                    return True
            elif len(getattr(c, "text", "")) > 3 * TALL_ROW and c.wrap(w - 2 * PAD, 1e6)[1] > room:
                return True  # (a shorter text cannot make 40 lines even in the narrowest column)
    return False


def _data_table(data: list[list[Cell]], widths: list[float], *, header: bool = True) -> DataTable:
    """Rows move whole to the next page (splitting a row leaves a repeated header and half a
    row at the foot of a page); only a table holding a row too tall for that splits rows."""
    split = 1 if _tall(data[1:] if header else data, widths) else 0
    repeat = 1 if header else 0
    if split:
        table = DataTable(data, colWidths=widths, repeatRows=repeat, splitInRow=split)
        table.setStyle(TableStyle(grid_style(header=header)))
    else:
        head, body = _shared_styles(len(widths), header)
        styles = [[head] * len(widths)] * repeat + [[body] * len(widths) for _ in data[repeat:]]
        table = DataTable(data, colWidths=widths, repeatRows=repeat, splitInRow=0, cellStyles=styles)
        table.setStyle(TableStyle([c for c in grid_style(header=header) if c[0] in _DRAWN]))
    table.cells, table.widths = data, widths
    return table


_DRAWN = ("GRID", "BACKGROUND")  # grid_style's commands that are drawn, not set on each cell


@cache
def _shared_styles(ncols: int, header: bool) -> tuple[CellStyle, CellStyle]:
    """The header's and the other rows' cell style as grid_style sets them (reportlab applies
    each of its commands to every cell: 5 x 1,000 cells x 7 commands for a 1,000-row list, again
    for each table ``closing`` makes of it). Every cell of a row shares one style, which only a
    row split across pages would change (reportlab adjusts the split cells' styles): a table that
    may split rows is styled cell by cell."""
    sample = Table([[""] * ncols] * 2)
    sample.setStyle(TableStyle(grid_style(header=header)))
    return sample._cellStyles[0][0], sample._cellStyles[1][0]


def data_table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], fractions: Sequence[float]
) -> Table:
    """A ruled table whose header repeats on every page; ``fractions`` of the text width.
    Header cells are sized so that no word breaks (``header_cell``)."""
    widths = [WIDTH * f for f in fractions]
    data: list[list[Cell]] = [[header_cell(h, w) for h, w in zip(headers, widths, strict=True)]]
    data += [[cell(v, w) for v, w in zip(r, widths, strict=True)] for r in rows]
    return _data_table(data, widths)


def header_cell(text: str, width: float, style: ParagraphStyle = Styles.cell_head) -> Flowable:
    """A header cell that wraps only at spaces: when its longest word does not fit the column at
    the header's size, the size is reduced until it does (never below 6 pt, where the column
    is too narrow for any header and must be widened in the form)."""
    room = width - 2 * PAD
    words = fonts.printable(text).split()
    size = style.fontSize
    while size > 6 and any(fonts.string_width(w, size, style.fontName) > room for w in words):
        size -= 0.25
    style = _HEADER_STYLES.get(size) or _HEADER_STYLES.setdefault(size, ParagraphStyle(
        f"{style.name}_{size}", parent=style, fontSize=size, leading=size + 2, splitLongWords=0))  # fmt: skip
    return repeated_para(text, style)


_HEADER_STYLES: dict[float, ParagraphStyle] = {}


def _splittable(f: Flowable) -> bool:
    """A table with its header and at least two rows: its last row can go with the signature."""
    return isinstance(f, DataTable) and f.repeatRows == 1 and len(f.cells) >= 3


def closing(story: list[Flowable], end: Flowable | Sequence[Flowable]) -> list[Flowable]:
    """End a paper with its signature block(s), never alone on a page: the block is kept with
    what precedes it: the last paragraph (with its section heading), and when a table comes
    right before, the table's last row."""
    tail = [end] if isinstance(end, Flowable) else list(end)
    n = 0
    if story and not _splittable(story[-1]):
        n = 1
        before = story[-2] if len(story) >= 2 else None
        if isinstance(before, Paragraph) and before.style.name == Styles.label.name:
            n = 2  # a section's heading stays with its text
    keep, rest = story[len(story) - n:], story[: len(story) - n]
    table = rest[-1] if rest else None
    if isinstance(table, DataTable) and _splittable(table):
        head = _data_table(table.cells[:-1], table.widths)
        last = _data_table(table.cells[-1:], table.widths, header=False)
        rest, keep = [*rest[:-1], head], [last, *keep]
    return [*rest, KeepTogether(_flat([*keep, *tail]))]


def _flat(flowables: Sequence[Flowable]) -> list[Flowable]:
    """Nested KeepTogether contents, spliced in: reportlab pushes a KeepTogether that holds
    another one to the next page even when it fits."""
    out: list[Flowable] = []
    for f in flowables:
        out += _flat(f._content) if isinstance(f, KeepTogether) else [f]
    return out


def fields_table(pairs: Sequence[tuple[str, str]], label_fraction: float = 0.38) -> Table:
    """Label-value lines of a form (label bold, value wraps)."""
    widths = [WIDTH * label_fraction, WIDTH * (1 - label_fraction)]
    data: list[list[Cell]] = [
        [para(label, Styles.cell_head_left), cell(value, widths[1], Styles.cell_value)]
        for label, value in pairs
    ]
    table = _Table(data, colWidths=widths, splitInRow=1)
    cmds = grid_style(header=False, font_size=Styles.cell_value.fontSize)
    table.setStyle(TableStyle(cmds))
    return table


def head(meta: Meta, issuer: str) -> list[Flowable]:
    """Issuer on the left, registration number and date under it."""
    lang = meta.lang
    reg_no = meta.reg_no or "_" * 12
    reg_date = date_or_blank(meta.reg_date, lang)
    return [
        para(meta.issuer or issuer, Styles.issuer),
        para(t("doc.reg_line", lang, no=reg_no, date=reg_date), Styles.plain),
        Spacer(1, 4 * mm),
    ]


def title(text: str, subtitle: str = "") -> list[Flowable]:
    out: list[Flowable] = [para(text, Styles.title)]
    if subtitle:
        out.append(para(subtitle, Styles.subtitle))
    return out


def person_name(p: Person) -> str:
    return p.full_name


def signature(sig: Signatory, lang: str, *, role_key: str = "") -> Flowable:
    """Position (or the role's default wording) | signature line | name; then a date line."""
    position = sig.position or (t(role_key, lang) if role_key else "")
    name = sig.name or "_" * 16
    w = [WIDTH * 0.44, WIDTH * 0.24, WIDTH * 0.32]
    data: list[list[Cell]] = [
        [para(position, Styles.plain), "", para(name, Styles.plain_right)],
        ["", para(t("doc.signature", lang), Styles.caption), ""],
        [para(t("doc.date_blank", lang), Styles.small), "", ""],
    ]
    table = Table(data, colWidths=w)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), fonts.REGULAR, 12, 15),
                ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
                ("LINEBELOW", (1, 0), (1, 0), 0.5, colors.black),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, -1), 6),
                ("LEFTPADDING", (2, 0), (2, -1), 6),
                ("TOPPADDING", (0, 1), (-1, -1), 1),
            ]
        )
    )
    return KeepTogether([Spacer(1, 6 * mm), table])


def stamp(
    head_key: str, sig: Signatory, on: dt.date | None, lang: str, role_key: str
) -> list[Flowable]:
    """A КЕЛІСІЛДІ / БЕКІТЕМІН block: heading, position, signature line with name, date."""
    position = sig.position or t(role_key, lang)
    name = sig.name or "_" * 18
    when = fmt_date(on) if on else t("doc.date_blank", lang)
    return [
        para(t(head_key, lang), Styles.stamp_head),
        para(position, Styles.stamp),
        Spacer(1, 3 * mm),
        rich([("_" * 14 + " ", False), (name, False)], Styles.stamp),
        para(when, Styles.stamp),
    ]


def stamps_row(left: list[Flowable] | None, right: list[Flowable] | None) -> Table:
    """Two stamps side by side (agreement on the left, approval on the right), as on a sheet."""
    w = [WIDTH * 0.48, WIDTH * 0.04, WIDTH * 0.48]
    table = Table([[left or "", "", right or ""]], colWidths=w)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), fonts.REGULAR, 11, 14),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def labelled(label: str, text: str, lang: str) -> list[Flowable]:
    """A bold heading line and a free text that wraps and splits across pages."""
    value = text if text.strip() else t("doc.not_stated", lang)
    return [para(label, Styles.label), para(value, Styles.body)]
