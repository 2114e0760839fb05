"""The wizard: Russian forms of the current position, unit and education beside the Kazakh ones
(Russian papers print them), and "subject to attestation" against "service results"."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.services import nominees, printing
from tests.gui.conftest import unlock
from tests.gui.test_wizard import _type

pytestmark = pytest.mark.gui
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def _shots(tmp_path: Path) -> Path:
    """docs/screenshots/ when REZERV_SCREENSHOTS=1, otherwise the test's own folder (a test run
    never rewrites tracked files)."""
    return SHOTS if os.environ.get("REZERV_SCREENSHOTS") else tmp_path


@pytest.fixture
def screen(make_window, workstation_path, make_dossier):
    w = make_window(workstation_path)
    unlock(w)
    nid = nominees.add(w.env.session, make_dossier())
    scr = w.main.screen("nominees")
    return scr, nid


def _edit(scr, nid: int, qtbot) -> None:
    scr._edit_record(nominees.get(scr.env.session, nid))
    qtbot.waitUntil(lambda: scr.wizard.opened, timeout=20000)  # it opens in turns of the loop


def test_russian_forms_are_entered_beside_the_kazakh_ones_and_printed(screen, qtbot) -> None:
    scr, nid = screen
    _edit(scr, nid, qtbot)
    wiz = scr.wizard
    service = wiz.pages["service"]
    service.ensure_built()
    b = service.binder
    for path in ("current_position", "current_position_ru", "unit", "unit_ru"):
        assert b.widgets[path].isEnabled(), path
    b.widgets["current_position"].clear()
    _type(qtbot, b.widgets["current_position"], "Басқарма бастығы")
    _type(qtbot, b.widgets["current_position_ru"], "Начальник управления")
    _type(qtbot, b.widgets["unit_ru"], "Департамент по области")
    education = next(e for e in service.lists if e.path == "education")
    columns = [c.name for c in education.columns]
    assert columns.index("institution_ru") == columns.index("institution") + 1
    education.table.item(0, columns.index("institution_ru")).setText("Академия КНБ РК")
    assert wiz.flow.get("education[0].institution_ru") == "Академия КНБ РК"
    wiz.accept()
    qtbot.waitUntil(lambda: nominees.get(scr.env.session, nid).dossier.unit_ru != "", timeout=20000)
    d = nominees.get(scr.env.session, nid).dossier
    assert d.current_position_ru == "Начальник управления" and d.current_position == "Басқарма бастығы"
    s = scr.env.session
    texts = {}
    for lang, present, absent in (("ru", "Начальник управления", "Басқарма бастығы"),
                                  ("kk", "Басқарма бастығы", "Начальник управления")):  # fmt: skip
        out = printing.build(s, printing.Request(kind="service-reference", lang=lang, nominee=nid))
        texts[lang] = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(out.merged())).pages)
        assert present in texts[lang] and absent not in texts[lang]
    assert "Академия КНБ РК" in texts["ru"] and "Академия КНБ РК" not in texts["kk"]


def test_attestation_and_service_results_are_exclusive(screen, qtbot) -> None:
    scr, nid = screen
    _edit(scr, nid, qtbot)
    page = scr.wizard.pages["attestation"]
    page.ensure_built()
    w = page.binder.widgets
    subject = w["attestation.subject"]
    subject.setChecked(True)
    assert w["attestation.decision"].isEnabled() and not w["attestation.service_results"].isEnabled()
    subject.setChecked(False)
    assert not w["attestation.decision"].isEnabled() and w["attestation.service_results"].isEnabled()
    assert not w["attestation.date"].isEnabled() and not w["attestation.protocol_ref"].isEnabled()
    assert scr.wizard.flow.get("attestation.subject") is False


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_service_page_fits_1366x768(make_window, workstation_path, make_dossier, qtbot, lang,
                                    tmp_path: Path) -> None:
    w = make_window(workstation_path, lang=lang)
    unlock(w)
    nid = nominees.add(w.env.session, make_dossier())
    scr = w.main.screen("nominees")
    _edit(scr, nid, qtbot)
    wiz = scr.wizard
    wiz.resize(1366, 768)
    wiz.next()  # identity -> service
    assert wiz.currentPage() is wiz.pages["service"]
    qtbot.waitExposed(wiz)
    qtbot.waitUntil(lambda: wiz.pages["service"].built, timeout=20000)
    qtbot.wait(100)
    assert wiz.minimumSizeHint().height() <= 768 and wiz.minimumSizeHint().width() <= 1366
    folder = _shots(tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    assert wiz.grab().save(str(folder / f"wizard-service-ru-forms.{lang}.png"))
