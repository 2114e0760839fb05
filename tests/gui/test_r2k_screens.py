"""The Reg-2000 screens on both workstations, real widgets offscreen: the rail shows them only on
a Reg-2000 workstation, the reservists and requests are listed, a selected reservist's findings
read with their clauses in words, a decision taken through the screen's form is checked by the
service (a refusal is one translated line, nothing changes) — in Kazakh and Russian, within
1366x768 with every form open."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialog

from app.security.kdf import KdfParams
from app.services import r2k
from tests.gui.test_fit import problems
from ui.screens.r2k import demo
from ui.screens.r2k.common import Form

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> dict[str, Path]:
    return demo.create(tmp_path_factory.mktemp("r2k"), KdfParams.fast_for_tests())


def _open(make_window, path: Path, lang: str):
    w = make_window(path, lang=lang, user=demo.USER)
    w.unlock.passphrase.setText(demo.PASSPHRASE)
    w.unlock.submit()
    assert w.state == "main"
    return w


def _fits(d: QDialog, what: str) -> list[str]:
    d.show()
    QApplication.processEvents()
    found = problems(d, what)
    d.close()
    return found


def _rows(table) -> list[list[str]]:
    return [[table.item(i, j).text() for j in range(table.columnCount())] for i in range(table.rowCount())]


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_authority_screens(make_window, world, monkeypatch, lang, dialogs) -> None:
    w = _open(make_window, world["authority"], lang)
    assert {"r2k_reservists", "r2k_requests"} <= set(w.main.buttons)
    # the special bodies' screens (Rules-2025) are not offered on a Reg-2000 workstation
    # (nor the Department's, though ``session.body`` is None there as at the Department)
    rules2025 = {"nominees", "quarter", "review", "decisions", "reserve", "members", "bench", "deadlines",
                 "reports"}  # fmt: skip
    assert not rules2025 & set(w.main.buttons)
    screen = w.main.show_screen("r2k_reservists")
    rows = _rows(screen.table)
    assert [r[1] for r in rows] == ["700101300011", "780202400022", "810303300033", "690404400044"]
    word = {"kk": "Ереже", "ru": "Положения"}[lang]
    screen.table.selectRow(3)  # waiting for a decision, a document of p.22 missing
    p22 = {"kk": "22-тармағының", "ru": "пункта 22"}[lang]
    assert p22 in screen.findings.text()
    # the check is dated today (2026): the act was repealed on 04.12.2003, and it says so
    assert "04.12.2003" in screen.findings.text()
    seen: list[QDialog] = []

    def accept(self: Form) -> int:
        seen.append(self)
        return 1

    monkeypatch.setattr(Form, "exec", accept)
    errors_before = len(dialogs.errors)
    screen.enrol()  # p.22: documents missing, refused; the row stays as it was
    assert len(seen) == 1 and _fits(seen[0], f"{lang} enrol form") == []
    s = w.env.session
    assert r2k.show(s, r2k.reservists(s)[3].id)[0].status == "submitted"
    assert len(dialogs.errors) == errors_before + 1 and word in dialogs.errors[-1]
    for open_form in (screen.refuse, screen.exclude):
        open_form()
        assert _fits(seen[-1], f"{lang} {open_form.__name__} form") == []
    requests = w.main.show_screen("r2k_requests")
    ((_, body, category, *_),) = _rows(requests.table)
    assert body == demo.BODY_NAME and category == "C-4"
    assert problems(w, f"{lang} requests") == []
    requests.table.selectRow(0)
    requests.answer()  # answered already: refused, one line
    assert _fits(seen[-1], f"{lang} answer form") == []


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_body_screens(make_window, world, monkeypatch, lang) -> None:
    w = _open(make_window, world["body"], lang)
    screen = w.main.show_screen("r2k_reservists")
    assert {r[1]: r[5] for r in _rows(screen.table)} == {
        "700101300011": {"kk": "орналастырылды", "ru": "назначен"}[lang],
        "780202400022": {"kk": "резервте", "ru": "в резерве"}[lang]}  # fmt: skip
    assert list(screen.buttons) == ["submit", "send_submissions", "place"]
    seen: list[QDialog] = []
    monkeypatch.setattr(Form, "exec", lambda self: seen.append(self) or 0)
    screen.table.selectRow(1)
    screen.place()
    w.main.show_screen("r2k_requests").new_request()
    assert len(seen) == 2
    for d in seen:
        assert _fits(d, f"{lang} {d.windowTitle()}") == []
    for spec in w.main.specs:
        w.main.show_screen(spec.key)
        assert problems(w, f"{lang} body {spec.key}") == []


def test_the_rail_hides_them_elsewhere(make_window, workstation_path) -> None:
    from tests.gui.conftest import unlock

    w = make_window(workstation_path, lang="ru")
    unlock(w)
    assert not {"r2k_reservists", "r2k_requests"} & set(w.main.buttons)
    assert "nominees" in w.main.buttons


@pytest.mark.parametrize(("side", "lang"), [("authority", "kk"), ("body", "ru")])
def test_deadlines_screen_lists_the_reg2000_steps(make_window, world, side, lang) -> None:
    """The Reg-2000 steps from the records on the workstation's own Deadlines screen (p.4, p.10,
    p.34, p.36), their clauses in words, within 1366x768."""
    from app.rules.citation import cite

    w = _open(make_window, world[side], lang)
    assert "r2k_deadlines" in w.main.buttons and "deadlines" not in w.main.buttons
    screen = w.main.show_screen("r2k_deadlines")
    rows = _rows(screen.table)
    expected = r2k.deadlines(w.env.session)
    assert len(rows) == len(expected) > 0
    assert [r[2] for r in rows] == [cite(i.clause, lang) for i in expected]
    assert cite("Reg-2000 p.10", lang) in {r[2] for r in rows}
    if side == "authority":
        assert cite("Reg-2000 p.34", lang) in {r[2] for r in rows}
    assert problems(w, f"{lang} {side} deadlines") == []


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_transfer_to_a_lower_category_through_the_screen(make_window, world, monkeypatch, tmp_path, lang,
                                                         dialogs) -> None:  # fmt: skip
    """p.12-1 from the authority's Reservists screen: the form fits; an application after the term
    is refused in one line and nothing changes; one within the term moves the reservist to the
    lower category of the group."""
    import datetime as dt
    import shutil

    from PySide6.QtWidgets import QCheckBox, QDateEdit, QLineEdit

    root = tmp_path / "a"
    shutil.copytree(world["authority"].parent, root)
    w = _open(make_window, root / world["authority"].name, lang)
    screen = w.main.show_screen("r2k_reservists")
    assert "transfer" in screen.buttons and screen.buttons["transfer"].isEnabled()
    s = w.env.session
    rid = next(v.id for v in r2k.reservists(s) if v.iin == "780202400022")  # C-3, enrolled 11.03.2002
    screen.table.selectRow([r[0] for r in _rows(screen.table)].index(str(rid)))
    on: dict[str, dt.date] = {}
    seen: list[QDialog] = []

    def accept(self: Form) -> int:
        seen.append(self)
        self.findChildren(QLineEdit)[0].setText("C-4")
        self.findChildren(QCheckBox)[0].setChecked(True)
        for e in self.findChildren(QDateEdit):
            e.setDate(on["day"])
        return 1

    monkeypatch.setattr(Form, "exec", accept)
    errors = len(dialogs.errors)
    on["day"] = dt.date(2003, 3, 12)  # the term ended on 11.03.2003 (p.10 with p.4)
    screen.transfer()
    assert _fits(seen[0], f"{lang} transfer form") == []
    QApplication.processEvents()
    assert r2k.show(s, rid)[0].category == "C-3"
    on["day"] = dt.date(2002, 6, 3)
    screen.transfer()
    QApplication.processEvents()
    assert r2k.show(s, rid)[0].category == "C-4"
    assert len(dialogs.errors) == errors + 1
    assert {"kk": "12-1-тармағы", "ru": "пункт 12-1"}[lang] in dialogs.errors[-1]
