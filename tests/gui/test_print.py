"""Print…: the preview shows the real pages, saving writes a PDF that reads back, generation runs
in the background, and printing goes to the printer chosen (a PDF-format QPrinter here: the
QPrintDialog is the only thing replaced)."""

from __future__ import annotations

import io
import os
import threading
from pathlib import Path

import msgspec
import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter

from app.documents import build
from app.documents import from_dossier as fd
from app.documents import model as m
from app.services import nominees, printing
from tests.gui.conftest import unlock
from ui.ops import PoolExecutor
from ui.print.dialog import PrintDialog, open_print_dialog

pytestmark = pytest.mark.gui
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def _shots(tmp_path: Path) -> Path:
    """docs/screenshots/ when REZERV_SCREENSHOTS=1, otherwise the test's own folder (a test run
    never rewrites tracked files)."""
    return SHOTS if os.environ.get("REZERV_SCREENSHOTS") else tmp_path


@pytest.fixture
def env_with(make_window, workstation_path, make_dossier):
    def make(n: int = 1, lang: str = "kk"):
        w = make_window(workstation_path, lang=lang)
        unlock(w)
        ids = [nominees.add(w.env.session, make_dossier(i + 1)) for i in range(n)]
        return w, ids

    return make


def _dialog(qtbot, env, ids, **kw) -> PrintDialog:
    dialog = open_print_dialog(env, None, ids, **kw)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.page_count() > 0, timeout=20000)
    return dialog


def _expected_pages(session, nid: int, kind: str, lang: str) -> int:
    rec = nominees.get(session, nid)
    data = fd.submission(rec.dossier, lang) if kind == "submission" else None
    meta = m.Meta(lang=lang, printed_on=session.clock.today())
    return build(kind, data, meta).docs[0].pages


def test_preview_shows_the_submissions_pages(env_with, qtbot):
    w, ids = env_with()
    dialog = _dialog(qtbot, w.env, ids, kind="submission")
    expected = _expected_pages(w.env.session, ids[0], "submission", "kk")
    assert dialog.page_count() == expected
    assert len(PdfReader(io.BytesIO(dialog.output.merged())).pages) == expected
    pix = dialog.view.pixmap()
    assert not pix.isNull() and pix.height() > pix.width()  # an A4 page, portrait
    img = pix.toImage()
    dark = sum(1 for x in range(0, img.width(), 7) for y in range(0, img.height(), 7)
               if img.pixelColor(x, y).lightness() < 128)  # fmt: skip
    assert dark > 50  # text drawn, not a blank page
    assert dialog.page_label.text().endswith(str(expected))


def test_language_and_kind_are_chosen_in_the_dialog(env_with, qtbot):
    w, ids = env_with()
    dialog = _dialog(qtbot, w.env, ids, kind="submission")
    first = dialog.output
    dialog.lang.setCurrentIndex(dialog.lang.findData("ru"))
    qtbot.waitUntil(lambda: dialog.output is not None and dialog.output is not first, timeout=20000)
    assert dialog.output.docs[0].lang == "ru"
    dialog.kind.setCurrentIndex(dialog.kind.findData(printing.PACK))
    qtbot.waitUntil(lambda: dialog.output is not None and len(dialog.output.docs) == 2,
                    timeout=20000)  # fmt: skip
    assert [d.kind for d in dialog.output.docs] == ["submission", "service-reference"]


def test_save_writes_a_pdf_with_the_nominees_name(env_with, qtbot, tmp_path):
    w, ids = env_with()
    dialog = _dialog(qtbot, w.env, ids, kind="submission")
    dialog.lang.setCurrentIndex(dialog.lang.findData("ru"))
    qtbot.waitUntil(lambda: dialog.output is not None and dialog.output.docs[0].lang == "ru",
                    timeout=20000)  # fmt: skip
    out = tmp_path / "out"
    out.mkdir()
    target = out / "out.pdf"
    dialog.save_path_factory = lambda: str(target)
    with qtbot.waitSignal(dialog.saved, timeout=20000):
        dialog.save_pdf()
    text = "".join(p.extract_text() for p in PdfReader(str(target)).pages)
    assert "Сейиткалиулы Абилкаир Нурсултанович" in text
    assert sorted(p.name for p in out.iterdir()) == ["out.pdf"]  # no temp file left
    with w.env.session.db.reading() as conn:
        (prints,) = conn.execute("SELECT count(*) FROM documents").fetchone()
    assert prints == 1  # registered when saved, not when previewed


def test_preview_alone_registers_nothing(env_with, qtbot):
    w, ids = env_with()
    _dialog(qtbot, w.env, ids, kind="submission")
    with w.env.session.db.reading() as conn:
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 0


def test_generation_runs_in_the_background(env_with, qtbot, monkeypatch):
    w, ids = env_with()
    release = threading.Event()
    started = threading.Event()
    real = printing.build

    def slow(*args, **kw):
        started.set()
        assert release.wait(20)
        return real(*args, **kw)

    monkeypatch.setattr(printing, "build", slow)
    executor = PoolExecutor(1)
    w.env.executor = executor
    dialog = open_print_dialog(w.env, None, ids, kind="submission")
    qtbot.addWidget(dialog)
    qtbot.waitUntil(started.is_set, timeout=20000)
    ticks = []
    from PySide6.QtCore import QTimer

    QTimer.singleShot(10, lambda: ticks.append(1))
    qtbot.waitUntil(lambda: bool(ticks), timeout=20000)  # the event loop runs meanwhile
    assert dialog.page_count() == 0 and not dialog.print_button.isEnabled()
    assert dialog.progress.isVisible()
    release.set()
    qtbot.waitUntil(lambda: dialog.page_count() > 0, timeout=20000)
    assert dialog.print_button.isEnabled()
    executor.wait()


def test_printing_goes_to_the_chosen_printer(env_with, qtbot, tmp_path):
    w, ids = env_with(2)
    dialog = _dialog(qtbot, w.env, ids, kind=printing.PACK)
    pages = dialog.page_count()
    assert pages == sum(d.pages for d in dialog.output.docs) and len(dialog.output.docs) == 4
    target = tmp_path / "printer.pdf"

    def printer() -> QPrinter:  # what the system dialog would hand back
        p = QPrinter(QPrinter.PrinterMode.HighResolution)
        p.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        p.setOutputFileName(str(target))
        return p

    dialog.printer_factory = printer
    with qtbot.waitSignal(dialog.printed, timeout=30000) as sig:
        dialog.print_pages()
    assert sig.args == [pages]
    printed = PdfReader(str(target))
    assert len(printed.pages) == pages
    box = printed.pages[0].mediabox
    assert abs(float(box.width) - 595.3) < 2 and abs(float(box.height) - 841.9) < 2  # A4
    with w.env.session.db.reading() as conn:
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 4


def test_cancelled_print_dialog_prints_nothing(env_with, qtbot):
    w, ids = env_with()
    dialog = _dialog(qtbot, w.env, ids, kind="submission")
    dialog.printer_factory = lambda: None
    dialog.print_pages()
    assert dialog._painter is None
    with w.env.session.db.reading() as conn:
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 0


def test_hostile_name_previews_and_saves_literally(env_with, qtbot, tmp_path, make_dossier):
    w, _ = env_with(0)
    d = make_dossier(7)
    hostile = '<img src="/etc/hostname"/> <b>Ә</b>'
    d = msgspec.structs.replace(d, person=msgspec.structs.replace(d.person, surname_ru=hostile))
    nid = nominees.add(w.env.session, d)
    dialog = _dialog(qtbot, w.env, [nid], kind="submission")
    dialog.lang.setCurrentIndex(dialog.lang.findData("ru"))
    qtbot.waitUntil(lambda: dialog.output is not None and dialog.output.docs[0].lang == "ru",
                    timeout=20000)  # fmt: skip
    target = tmp_path / "h.pdf"
    dialog.save_path_factory = lambda: str(target)
    with qtbot.waitSignal(dialog.saved, timeout=20000):
        dialog.save_pdf()
    text = "".join(p.extract_text() for p in PdfReader(str(target)).pages).replace(" ", "")
    assert '<imgsrc="/etc/hostname"/><b>Ә</b>' in text


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_screenshot_of_the_preview(env_with, qtbot, lang, tmp_path):
    w, ids = env_with(1, lang=lang)
    dialog = _dialog(qtbot, w.env, ids, kind="service-reference")
    dialog.lang.setCurrentIndex(dialog.lang.findData(lang))
    qtbot.waitUntil(lambda: dialog.output is not None and dialog.output.docs[0].lang == lang
                    and dialog.page_count() > 0, timeout=20000)  # fmt: skip
    dialog.resize(900, 1000)
    dialog.show()
    qtbot.waitExposed(dialog)
    folder = _shots(tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    assert dialog.grab().save(str(folder / f"print-{lang}.png"))


def test_nominees_screen_has_print(env_with, qtbot, monkeypatch):
    w, ids = env_with(2)
    screen = w.main.screen("nominees")
    screen.apply_filters()
    qtbot.waitUntil(lambda: screen.detail.record is not None, timeout=20000)
    button = screen._print_button
    assert button is not None and button.isEnabled() and button.text()
    opened = []

    def fake(env, parent, nids, kind=None, **kw):
        opened.append((nids, kind, kw))

    monkeypatch.setattr("ui.print.dialog.open_print_dialog", fake)
    button.click()
    assert opened == [([screen.detail.record.id], None, {})]
    screen.table.selectAll()
    from ui.print import actions

    assert sorted(actions.selected_ids(screen)) == sorted(ids)


def test_quarter_batch_builds_packs_on_worker_processes(env_with, qtbot, monkeypatch):
    w, ids = env_with(3)
    monkeypatch.setattr(printing, "PARALLEL_FROM", 2)  # spawn the pool even for three packs
    quarter = nominees.get(w.env.session, ids[0]).dossier.nomination.quarter
    assert quarter
    dialog = open_print_dialog(w.env, None, [], printing.PACK, quarter=quarter)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.page_count() > 0, timeout=120000)
    assert len(dialog.output.pdfs) == 3 and len(dialog.output.docs) == 6
    assert dialog.page_count() == sum(d.pages for d in dialog.output.docs)
    dialog.show_page(dialog.page_count() - 1)  # the last pack's last page
    assert (
        dialog.page_label.text().startswith(str(dialog.page_count()))
        or str(dialog.page_count()) in dialog.page_label.text()
    )
    merged = PdfReader(io.BytesIO(dialog.output.merged()))
    assert len(merged.pages) == dialog.page_count()


def test_locking_closes_the_preview(env_with, qtbot):
    w, ids = env_with()
    dialog = open_print_dialog(w.env, None, ids, kind="submission")  # deletes itself on close
    qtbot.waitUntil(lambda: dialog.page_count() > 0, timeout=20000)
    closed = []
    dialog.finished.connect(lambda *_: closed.append(True))
    w.lock()
    assert closed == [True]
    assert w.env.on_session_lost == [] or all(
        getattr(cb, "__name__", "") != "close_on_lock" for cb in w.env.on_session_lost
    )


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_default_file_name_names_the_person_the_paper_and_the_day(env_with, qtbot, lang):
    w, ids = env_with(lang=lang)
    dialog = _dialog(qtbot, w.env, ids, kind="service-reference")
    name = dialog.default_file_name()
    day = w.env.session.clock.today().strftime("%d.%m.%Y")
    who = "Сейиткалиулы А. Н." if lang == "ru" else "Сейітқалиұлы Ә. Н."
    assert name == f"{who} — {w.env.tr.t('pdf.name.service-reference')} — {day}.pdf"
    assert not any(c in name for c in '/\\:*?"<>|') and name.isprintable()
    # the dialog asks the same service the CLI asks, with the same request
    assert dialog.request() == printing.Request(kind="service-reference", lang=dialog.current_lang(),
                                                ids=tuple(ids))  # fmt: skip


def test_default_file_name_of_a_pack_of_several(env_with, qtbot):
    w, ids = env_with(2, lang="ru")
    dialog = _dialog(qtbot, w.env, ids, kind=printing.PACK)
    name = dialog.default_file_name()
    assert name.startswith("2 чел. — Пакет документов — "), name
