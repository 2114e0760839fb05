"""The Positions screen: the bench strength table and its coverage chart, in kk and ru, fitting
1366x768."""

from __future__ import annotations

import datetime as dt

import pytest

from app.services import positions
from tests.gui.conftest import unlock

pytestmark = pytest.mark.gui


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_bench_screen_shows_the_catalogue_need_and_chart(make_window, workstation_path, tmp_path,
                                                         lang):  # fmt: skip
    w = make_window(workstation_path, lang=lang)
    unlock(w)
    s = w.env.session
    f = tmp_path / "c.csv"
    f.write_text("title;body;decree_290\nНачальник управления;knb;да\nНачальник отдела;knb;нет\n",
                 encoding="utf-8")  # fmt: skip
    positions.import_file(s, f)
    positions.add_need(s, "Начальник отдела", dt.date(2026, 1, 5), "vacancy")
    w.resize(1366, 768)
    screen = w.main.show_screen("bench")
    screen.refresh()
    assert screen.table.rowCount() == 2
    cells = {screen.table.item(r, 0).text(): [screen.table.item(r, c).text() for c in range(11)]
             for r in range(2)}  # fmt: skip
    assert cells["Начальник отдела"][5] == "1" and cells["Начальник отдела"][9] == "1"
    assert cells["Начальник отдела"][10] != "" and cells["Начальник управления"][10] == ""
    assert screen.chart.renderer().isValid()
    assert ("пункта 8" if lang == "ru" else "8-тармағының") in screen.heading.text()
    # the screen itself fits 1366x768 beside the rail (112 px) and under the top bar
    hint = screen.minimumSizeHint()
    assert hint.width() <= 1366 - 112 and hint.height() <= 768 - 120, hint
    w.grab().save(str(tmp_path / f"bench-{lang}.png"))


def test_wizard_offers_the_catalogue_and_warns_on_free_text(make_window, workstation_path,
                                                            tmp_path, make_dossier):  # fmt: skip
    from app.services import nominees

    w = make_window(workstation_path, lang="ru")
    unlock(w)
    f = tmp_path / "c.csv"
    f.write_text("title;body;decree_290\nНачальник управления;knb;да\nНачальник отдела;knb;нет\n",
                 encoding="utf-8")  # fmt: skip
    positions.import_file(w.env.session, f)
    screen = w.main.screen("nominees")
    nid = nominees.add(w.env.session, make_dossier(1))
    screen._edit_record(nominees.get(w.env.session, nid))
    wiz = screen.wizard
    wiz.go_to("submission")
    page = wiz.pages["submission"]
    completer = page.position.completer()
    assert completer is not None
    model = completer.model()
    assert sorted(model.index(i, 0).data() for i in range(model.rowCount())) == [
        "Начальник отдела", "Начальник управления"]
    completer.activated.emit("Начальник отдела")
    assert wiz.flow.get("nomination.intended_position") == "Начальник отдела"
    p4 = [(i.kind, i.key) for i in wiz.flow.issues() if i.clause == "Rules-2025 p.4"]
    assert p4 == [("blocker", "r2025.p4.outside_list")]  # outside the Decree No. 290 list
    page.binder._set("nomination.intended_position", "Произвольная должность")
    p4 = [(i.kind, i.key) for i in wiz.flow.issues() if i.clause == "Rules-2025 p.4"]
    assert p4 == [("warning", "r2025.p4.not_in_catalogue")]
    wiz.discard_silently()
