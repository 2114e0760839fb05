"""The cheaper ways of laying out a page give the same page: table cells broken into lines by
``wrap_plain`` break exactly where a Paragraph would, hostile text in such a cell prints
literally, and the QR code's faster mask choice gives reportlab's own symbol."""

from __future__ import annotations

import hashlib
import random

import pytest
from reportlab.graphics.barcode.qr import QrCodeWidget

from app.documents import blocks, build, fonts, qr
from app.documents import model as m
from app.documents.fingerprint import qr_payload
from app.documents.layout import Styles
from app.documents.text import para, wrap_plain
from tests.documents import pdfutil

VOCAB = [
    "Заместитель", "начальника", "управления", "департамента", "по", "г.", "Астана", "Қарағанды",
    "полковник", "<b>&amp;", "a", "ИИН", "123456789012", "Сейітқалиұлы", "Әбілқайыр",
    "Нұрсұлтанұлы", "<img", "src=x>", "ё",
]  # fmt: skip


def _paragraph_lines(text: str, width: float) -> list[str]:
    p = para(text, Styles.cell)
    p.wrap(width, 1e9)
    bl = p.blPara
    if bl.kind == 0:
        return ["".join(words) for _, words in bl.lines]
    return ["".join(f.text for f in line.words).replace(" ", "") for line in bl.lines]


def test_wrap_plain_breaks_where_a_paragraph_breaks() -> None:
    rnd = random.Random(5)
    compared = 0
    for _ in range(600):
        segments = [" ".join(rnd.choice(VOCAB) for _ in range(rnd.randint(1, 12)))
                    for _ in range(rnd.randint(1, 3))]  # fmt: skip
        text = "\n".join(segments)
        for width in (45.0, 61.3, 90.0, 140.5, 260.0):
            fast = wrap_plain(text, width, Styles.cell.fontName, Styles.cell.fontSize)
            if fast is None:
                continue
            compared += 1
            assert [x.replace(" ", "") for x in fast.split("\n")] == _paragraph_lines(text, width)
            for line in fast.split("\n"):
                assert fonts.string_width(line, Styles.cell.fontSize) <= width + 1e-6
    assert compared > 1500


@pytest.mark.parametrize("text", ["Сейітқалиұлы" * 6, "a\u00a0b c", "a\n\nb", "soft\u00adhyphen"])
def test_wrap_plain_leaves_the_hard_cases_to_the_paragraph(text: str) -> None:
    assert wrap_plain(text, 60, Styles.cell.fontName, Styles.cell.fontSize) is None
    long = " ".join([text] * 4)
    if max(fonts.string_width(x, Styles.cell.fontSize) for x in long.split("\n")) > 60:
        assert not isinstance(blocks.cell(long, 66), str)


def test_hostile_text_in_a_wrapped_plain_cell_prints_literally(meta_for) -> None:
    hostile = '<img src="/etc/hostname"/> <a href="file:///etc/passwd">x</a> <b>bold</b> &amp;'
    assert isinstance(blocks.cell(hostile, 200), str)  # wraps, and still a plain string
    rows = [m.ListRow(person=m.Person(full_name=hostile), intended_position=hostile)]
    pdf = build("body-list", m.NomineeList(quarter="2026Q1", rows=rows), meta_for("ru")).pdf
    text = pdfutil.squash("".join(pdfutil.page_texts(pdf)))
    assert pdfutil.squash('<img src="/etc/hostname"/>') in text
    assert pdfutil.squash("<b>bold</b>&amp;") in text
    assert b"/Subtype /Image" not in pdf and b"/URI" not in pdf


def _reportlab_symbol(payload: str) -> list[list[bool]]:
    w = QrCodeWidget(payload, barLevel="M", barBorder=0)
    w.qr.make()
    return [list(row) for row in w.qr.modules]


@pytest.mark.parametrize("seed", range(40))
def test_qr_symbol_is_reportlabs_own(seed: int) -> None:
    payload = qr_payload(hashlib.sha256(str(seed).encode()).hexdigest())
    assert [list(row) for row in qr.make(payload).modules] == _reportlab_symbol(payload)


@pytest.mark.parametrize("payload", ["x", "REZERV:" + "Z" * 150, "Қазақ тілі", "y" * 300])
def test_qr_symbol_other_sizes(payload: str) -> None:
    assert [list(row) for row in qr.make(payload).modules] == _reportlab_symbol(payload)


def _placed_text(table) -> list[tuple[float, float, str]]:
    """Every piece of text the page shows, with where it starts (pypdf's text visitor)."""
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate

    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, initialFontName=fonts.REGULAR, invariant=1).build([table])
    out: list[tuple[float, float, str]] = []

    def visit(text, cm, tm, _font, _size) -> None:  # noqa: ANN001
        if text.strip():
            x, y = tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]
            out.append((round(x, 2), round(y, 2), text.strip()))

    for page in pdfutil.reader(buf.getvalue()).pages:
        page.extract_text(visitor_text=visit)
    return sorted(out)


def test_a_plain_multi_line_cell_is_drawn_where_reportlab_draws_it() -> None:
    from reportlab.platypus import Table, TableStyle

    rows = [["1", "Сейітқалиұлы Әбілқайыр\n17.05.1982, ИИН 820517300011", "полковник\nбастық", ""],
            ["2", "Ким Ольга", "", "a\n\nb <b>&amp;"]] * 40  # fmt: skip
    widths = [20.0, 200.0, 150.0, 90.0]
    ours = blocks._Table(rows, colWidths=widths, repeatRows=1, splitInRow=1)
    theirs = Table(rows, colWidths=widths, repeatRows=1, splitInRow=1)
    for t in (ours, theirs):
        t.setStyle(TableStyle(blocks.grid_style()))
    placed = _placed_text(ours)
    assert len(placed) > 200
    assert placed == _placed_text(theirs)


def test_a_long_lists_row_positions_are_made_once_a_table_and_print_the_same(meta_for, monkeypatch) -> None:
    """Each table a page split makes of a long list gets its row positions once, not at each
    of the wraps a page makes of it, and the PDF is byte for byte the one reportlab's own
    recomputing gives."""
    from reportlab.platypus import tables

    rnd = random.Random(8)
    rows = [m.ListRow(person=m.Person(full_name=" ".join(rnd.choice(VOCAB) for _ in range(3)),
                                      position=" ".join(rnd.choice(VOCAB) for _ in range(9))),
                      intended_position=" ".join(rnd.choice(VOCAB) for _ in range(6)))
            for _ in range(240)]  # fmt: skip
    lst, meta = m.NomineeList(quarter="2026Q1", rows=rows), meta_for("kk")
    calls = {"n": 0}
    base = tables.Table._calc_height

    def counted(self, *a, **k):  # noqa: ANN001, ANN002, ANN003
        calls["n"] += 1
        return base(self, *a, **k)

    monkeypatch.setattr(tables.Table, "_calc_height", counted)
    made: list = []
    real_init = blocks.DataTable.__init__

    def counting_init(self, *a, **k):  # noqa: ANN001, ANN002, ANN003
        made.append(self)
        real_init(self, *a, **k)

    monkeypatch.setattr(blocks.DataTable, "__init__", counting_init)
    memoised = build("body-list", lst, meta)
    assert memoised.pages > 8
    once, tables_made = calls["n"], len(made)
    monkeypatch.setattr(blocks._Table, "_calc_height", counted)  # reportlab's, every wrap
    calls["n"] = 0
    assert build("body-list", lst, meta).pdf == memoised.pdf
    # a table measured row by row (some heights unknown) is measured at each wrap still
    assert once <= tables_made + 5 < 2 * tables_made < calls["n"]
