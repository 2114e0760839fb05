"""The nominee list: windowed model, search as you type, filters, sorting, detail, clipboard."""

from __future__ import annotations

import datetime as dt

import msgspec
import pytest
from PySide6.QtGui import QGuiApplication

from app.domain.dossier import Body, Sanction, SanctionKind
from app.domain.iin import make_iin
from app.services import nominees
from tests.gui.conftest import unlock
from ui.screens.nominees.model import FIRST, PAGE

pytestmark = pytest.mark.gui


@pytest.fixture
def nominee_list(make_window, workstation_path):
    w = make_window(workstation_path)
    unlock(w)
    return w, w.main.screen("nominees")


def many(make_dossier, n: int) -> list:
    out = []
    for i in range(n):
        birth = dt.date(1970, 1, 1) + dt.timedelta(days=i)
        d = make_dossier(1, with_photo=i < 3)
        person = msgspec.structs.replace(d.person, iin=make_iin(birth, "M", 1), birth_date=birth,
                                         surname=f"Тест{i:04d}")  # fmt: skip
        out.append(msgspec.structs.replace(d, person=person))
    return out


def test_model_loads_windows_not_all_rows(nominee_list, qtbot, make_dossier):
    w, screen = nominee_list
    nominees.add_many(w.env.session, many(make_dossier, PAGE * 3 + 10))
    screen.apply_filters()
    model = screen.model
    assert model.rowCount() == PAGE * 3 + 10
    assert model.loaded_rows() == FIRST  # only the first window
    model.data(model.index(PAGE * 2 + 5, 1))  # the view asks for a far row
    qtbot.waitUntil(lambda: model.loaded_rows() == FIRST + PAGE, timeout=20000)
    assert model.row_at(PAGE * 2 + 5) is not None
    assert model.row_at(PAGE + 1) is None  # never asked for: not loaded
    assert model.row_at(FIRST + 1) is None  # past the first window: the rest of page 0 follows
    qtbot.waitUntil(lambda: model.row_at(FIRST + 1) is not None, timeout=20000)


def test_search_as_you_type_from_two_letters(nominee_list, qtbot, make_dossier):
    w, screen = nominee_list
    s = w.env.session
    nominees.add(s, make_dossier(1))
    other = make_dossier(2)
    other = msgspec.structs.replace(
        other,
        person=msgspec.structs.replace(
            other.person,
            surname="Иванов",
            surname_ru="Иванов",
            given_name="Олег",
            given_name_ru="Олег",
        ),
    )
    nominees.add(s, other)
    screen.apply_filters()
    assert screen.model.rowCount() == 2
    screen.search.setText("с")  # one letter: no query
    qtbot.wait(300)
    assert screen.model.rowCount() == 2
    with qtbot.waitSignal(screen.searched, timeout=20000):
        screen.search.setText("сейіт")
    assert screen.model.rowCount() == 1
    assert screen.model.row_at(0).surname == "Сейітқалиұлы"
    with qtbot.waitSignal(screen.searched, timeout=20000):
        screen.search.setText("seiit")  # Latin script folds to the same
    assert screen.model.rowCount() == 1
    with qtbot.waitSignal(screen.searched, timeout=20000):
        screen.search.setText("")
    assert screen.model.rowCount() == 2


def test_filters_and_sorting(nominee_list, make_dossier):
    w, screen = nominee_list
    s = w.env.session
    nominees.add(s, make_dossier(1))
    blocked = make_dossier(
        2,
        body=Body.SGS,
        disciplinary=[Sanction(kind=SanctionKind.REPRIMAND, imposed=dt.date(2025, 12, 1))],
    )
    nominees.add(s, blocked)
    screen.apply_filters()
    screen.findings.setCurrentIndex(screen.findings.findData("blocked"))
    assert screen.model.rowCount() == 1
    assert screen.model.row_at(0).blockers >= 1
    screen.findings.setCurrentIndex(screen.findings.findData("nominable"))
    assert screen.model.rowCount() == 1 and screen.model.row_at(0).blockers == 0
    screen.findings.setCurrentIndex(0)
    screen.body.setCurrentIndex(screen.body.findData("sgs"))
    assert screen.model.rowCount() == 1 and screen.model.row_at(0).body == "sgs"
    screen.body.setCurrentIndex(0)
    from PySide6.QtCore import Qt

    screen.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)  # IIN
    iins = [screen.model.row_at(i).iin for i in range(2)]
    assert iins == sorted(iins, reverse=True)


def test_detail_pane_shows_the_dossier_and_its_blocker_with_clause(nominee_list, make_dossier):
    w, screen = nominee_list
    blocked = make_dossier(
        3, disciplinary=[Sanction(kind=SanctionKind.REPRIMAND, imposed=dt.date(2025, 12, 1))]
    )
    nid = nominees.add(w.env.session, blocked)
    screen.apply_filters()
    assert screen.detail.record is not None and screen.detail.record.id == nid
    texts = screen.detail.findings.texts()
    assert any("8-тармағының 3) тармақшасы" in t for t in texts), texts
    assert screen.detail.findings.counts()["blocker"] >= 1


def test_detail_pane_shows_the_photo_fitted_to_its_box_or_says_there_is_none(nominee_list, make_dossier):
    w, screen = nominee_list
    with_photo = nominees.add(w.env.session, make_dossier(1, with_photo=True))
    without = nominees.add(w.env.session, make_dossier(2, with_photo=False))
    screen.detail.load(with_photo)
    assert screen.detail.record is not None and screen.detail.record.id == with_photo
    pix = screen.detail.photo.pixmap()
    box = screen.detail.photo.size()
    assert not pix.isNull() and 0 < pix.width() <= box.width() and 0 < pix.height() <= box.height()
    assert max(box.width() - pix.width(), box.height() - pix.height()) <= 1  # fitted, not tiny
    screen.detail.load(without)
    assert screen.detail.photo.pixmap().isNull()
    assert screen.detail.photo.text() == w.env.tr.t("ui.photo.none")


def test_a_photo_that_is_not_an_image_is_no_photo() -> None:
    from PySide6.QtCore import QSize

    from ui.screens.nominees.detail import photo_image

    assert photo_image(b"not an image", QSize(118, 157)) is None
    assert photo_image(None, QSize(118, 157)) is None


def test_copying_an_iin_clears_the_clipboard_later(nominee_list, make_dossier, qtbot):
    w, screen = nominee_list
    nominees.add(w.env.session, make_dossier(4))
    screen.apply_filters()
    w.env.clipboard._timer.setInterval(100)
    screen.detail.copy.click()
    iin = screen.detail.record.dossier.person.iin
    assert QGuiApplication.clipboard().text() == iin
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() == "", timeout=20000)


def test_bulk_delete_of_selected_rows(nominee_list, make_dossier, dialogs):
    w, screen = nominee_list
    for i in range(5):
        nominees.add(w.env.session, make_dossier(10 + i))
    screen.apply_filters()
    from PySide6.QtCore import QItemSelectionModel

    sel = screen.table.selectionModel()
    sel.clearSelection()
    for r in (1, 2, 3):
        sel.select(screen.model.index(r, 0), QItemSelectionModel.SelectionFlag.Select
                   | QItemSelectionModel.SelectionFlag.Rows)  # fmt: skip
    assert screen.selected_rows() == [1, 2, 3]
    screen.delete_selected()
    assert dialogs.asked
    assert nominees.count(w.env.session) == 2
    assert screen.model.rowCount() == 2
