"""The printed report read back (title, period, figures, the vector chart, the fingerprint in the
registry) and the data export (JSON codes, CSV and XLSX in words through the register export's
writers), by the service and through the real ``rezerv report`` command."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.errors import InvalidInput
from app.i18n import tr
from app.services import printing, report_output, reports
from tests.cli import run_cli
from tests.conftest import PASSPHRASE
from tests.documents import pdfutil

NOW = {"REZERV_NOW": "2026-02-10T10:00:00+05:00"}


def _vector_bars(pdf: bytes) -> tuple[int, bool]:
    """Rectangles drawn on the first page, and whether the chart's first colour fills any: the
    bars are vector paths in the page, not a picture."""
    content = pdfutil.reader(pdf).pages[0].get_contents().get_data().decode("latin-1")
    return content.count(" re"), ".184314 .364706 .541176 rg" in content  # PALETTE[0] #2f5d8a


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_each_report_prints_its_title_period_figures_and_a_vector_chart(dept, lang):
    s, _ = dept
    p = reports.period("2025Q2", "2025Q4")
    for kind in reports.KINDS:
        r = reports.build(s, kind, p)
        rendered = report_output.print_report(s, r, lang)
        text = pdfutil.squash("".join(pdfutil.page_texts(rendered.pdf)))
        assert pdfutil.squash(tr(f"report.kind.{kind}", lang)) in text
        assert pdfutil.squash(tr("report.quarter", lang, year="2025", q="II")) in text
        assert len(pdfutil.reader(rendered.pdf).pages[0].images) == 0  # no picture: drawn in vectors
        rectangles, coloured = _vector_bars(rendered.pdf)
        bars = sum(1 for panel in r.panels for series in panel.values for v in series if v)
        assert coloured and bars and rectangles >= bars, kind
        assert rendered.docs[0].code in pdfutil.squash(pdfutil.page_texts(rendered.pdf)[0])
        entry = printing.verify(s, rendered.docs[0].code).entry
        assert entry.kind == "report" and entry.lang == lang


def test_the_printed_flow_carries_the_figures_of_the_table(dept):
    s, _ = dept
    r = reports.build(s, "flow", reports.period("2025Q2", "2025Q4"))
    text = pdfutil.squash("".join(pdfutil.page_texts(report_output.print_report(s, r, "ru").pdf)))
    # the total row: 13 nominated, 12 sent, 3 with deficiencies, 10 recommended, 6 enrolled,
    # 3 refused, refusal share 33,3 %
    assert pdfutil.squash("Итого 13 12 3 10 6 3 33,3 %") in text
    assert pdfutil.squash("СВР «Сырбар»") in text


def test_the_exclusions_report_cites_the_grounds_in_words(dept):
    s, _ = dept
    r = reports.build(s, "exclusions", reports.period("2025Q2", "2025Q4"))
    text = pdfutil.squash("".join(pdfutil.page_texts(report_output.print_report(s, r, "ru").pdf)))
    assert pdfutil.squash("подпункт 3)") in text and pdfutil.squash("пункта 18 Правил") in text
    assert "p18_" not in text


def test_json_keeps_codes_csv_and_xlsx_carry_words(dept, tmp_path):
    s, _ = dept
    r = reports.build(s, "exclusions", reports.period("2025Q2", "2025Q4"))
    data = json.loads(report_output.export_bytes(r, "json", "ru"))
    assert data["tables"][0]["columns"][1] == "p18_1"
    assert data["totals"]["excluded"] == 2
    out = tmp_path / "x.csv"
    n = report_output.export(s, r, out, lang="ru")
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    assert n == len(r.tables[0].rows)
    assert ["Итого", "0", "0", "1", "1", "0", "0", "0", "0", "2"] in rows
    xlsx = tmp_path / "x.xlsx"
    report_output.export(s, r, xlsx, lang="kk")
    sheet = load_workbook(xlsx).active
    values = [[c for c in row if c is not None] for row in sheet.iter_rows(values_only=True)]
    assert ["Барлығы", "0", "0", "1", "1", "0", "0", "0", "0", "2"] in values


def test_a_cell_that_would_be_a_formula_is_written_as_text(dept, tmp_path):
    s, ids = dept
    s.db.connection().execute("UPDATE reserve_members SET position = ? WHERE nominee_id = ?",
                              ("=HYPERLINK(\"http://x\")", ids[1]))  # fmt: skip
    r = reports.build(s, "composition", reports.period("2025Q2", "2025Q4"))
    out = tmp_path / "c.csv"
    report_output.export(s, r, out, lang="ru")
    assert "'=HYPERLINK" in out.read_bytes().decode("utf-8-sig")


def test_a_bad_format_changes_nothing(dept, tmp_path):
    s, _ = dept
    r = reports.build(s, "flow", reports.period("2025Q2", "2025Q4"))
    with pytest.raises(InvalidInput):
        report_output.export(s, r, tmp_path / "x.docx", lang="ru")
    assert not (tmp_path / "x.docx").exists()


def test_the_report_command(world_db: Path, tmp_path: Path):
    out = tmp_path / "flow.pdf"

    def cli(*args: str, **kw):  # noqa: ANN202
        return run_cli("report", *args, db=world_db, passphrase=PASSPHRASE, env=NOW, **kw)

    r = cli("flow", "--from", "2025Q2", "--to", "2025Q4", "--lang", "kk", "--out", str(out))
    assert r.code == 0, r.err
    assert out.read_bytes().startswith(b"%PDF")
    text = pdfutil.squash("".join(pdfutil.page_texts(out.read_bytes())))
    assert pdfutil.squash(tr("report.kind.flow", "kk")) in text
    figures = json.loads(cli("exclusions", "--from", "2025Q2", "--to", "2025Q4", "--format", "json").out)
    assert figures["totals"]["excluded"] == 2
    body = json.loads(cli("flow", "--from", "2025Q2", "--to", "2025Q4", "--body", "syrbar",
                          "--format", "json").out)  # fmt: skip
    assert body["totals"]["nominated"] == 4
    xlsx = tmp_path / "t.xlsx"
    assert cli("timeliness", "--from", "2025Q2", "--to", "2025Q4", "--out", str(xlsx)).code == 0
    assert xlsx.read_bytes()[:2] == b"PK"
    bad = cli("flow", "--from", "2025Q4", "--to", "2025Q1", "--format", "json")
    assert bad.code == 4 and "Traceback" not in bad.err and bad.err.count("\n") == 1
    assert cli("flow", "--from", "2025Q2", "--to", "2025Q4", "--out", str(out)).code == 2  # exists
    assert cli("flow", "--from", "2025Q2", "--to", "2025Q4").code == 2  # no --out for a PDF
    verified = run_cli("document", "verify", _code(out), db=world_db, passphrase=PASSPHRASE, env=NOW)
    assert verified.code == 0, verified.err


def _code(pdf_path: Path) -> str:
    import re

    text = pdfutil.page_texts(pdf_path.read_bytes())[0]
    found = re.search(r"RZ-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", text)
    assert found
    return found.group(0)


def test_hostile_ranks_and_positions_survive_the_chart_the_svg_and_the_paper(dept, hostile_strings):
    import xml.etree.ElementTree as ET

    from app.documents import charts
    from app.services import report_text

    s, ids = dept
    conn = s.db.connection()
    values = hostile_strings[:40]
    for i, text in enumerate(values):
        conn.execute("UPDATE reserve_members SET position = ? WHERE nominee_id = ?", (text, ids[1 + i % 18]))
    r = reports.build(s, "composition", reports.period("2025Q2", "2025Q4"))
    for lang in ("kk", "ru"):
        text = report_text.present(r, lang)
        svg = charts.svg(charts.drawing(text.panels, 520))
        ET.fromstring(svg)  # well-formed: every label escaped
        rendered = report_output.print_report(s, r, lang)
        assert rendered.pdf.startswith(b"%PDF")
    shown = {row[1] for row in r.tables[0].rows if row[0] == "position"}
    assert shown & {v.strip() for v in values}


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_text_of_every_report_is_translated(dept, lang):
    """No key comes back untranslated (tr returns the key itself when it is missing), and no code
    (a ground, a step, a body) is shown to a person."""
    import re

    from app.i18n import catalog
    from app.services import report_text

    s, _ = dept
    texts: list[str] = []
    for kind in reports.KINDS:
        t = report_text.present(reports.build(s, kind, reports.period("2025Q2", "2025Q4")), lang)
        texts += [t.title, t.subtitle, *t.notes]
        for table in t.tables:
            texts += [table.title, *table.headers, *(c for row in table.rows for c in row)]
        for panel in t.panels:
            texts += [panel.title, *panel.categories, *panel.series]
    assert not [x for x in texts if re.search(r"\b(report|body|cite)\.[a-z_]+", x)]
    assert not [x for x in texts if re.search(r"\bp18_\d|\bp1[013]_?\d?\b|Rules-2025", x)]
    root = Path(__file__).resolve().parents[2]
    code = "".join((root / f).read_text(encoding="utf-8") for f in (
        "app/services/reports.py", "ui/screens/reports/screen.py", "app/cli/commands/report.py"))  # fmt: skip
    used = set(re.findall(r'"(report\.[a-z_.]+[a-z_])"', code))
    assert used and not used - set(catalog(lang))
