"""The audit log in words: every action kind the services write has a kk and ru text, the object
is the person's name and IIN (or the document, bundle, user), and the log filters by person."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.domain.quarter import Event
from app.i18n import tr
from tests.gui.conftest import unlock
from ui.screens.audit.model import entity_text

pytestmark = pytest.mark.gui
APP = Path(__file__).resolve().parents[2] / "app"
LITERAL = re.compile(r"""(?:\baudit\(\s*|\baction=)(f?)"([^"]+)\"""")
# an action kind built at run time, and the values it takes
DYNAMIC = {"quarter.{event}": [f"quarter.{e.value}" for e in Event]}


def action_kinds() -> set[str]:
    kinds: set[str] = set()
    for path in APP.rglob("*.py"):
        for is_f, text in LITERAL.findall(path.read_text(encoding="utf-8")):
            if is_f:
                assert text in DYNAMIC, f"{path}: an audit action built at run time: {text}"
                kinds.update(DYNAMIC[text])
            elif re.fullmatch(r"[a-z_]+(\.[a-z_]+)+", text):
                kinds.add(text)
    return kinds


def test_the_scan_finds_the_action_kinds() -> None:
    kinds = action_kinds()
    assert {"nominee.add", "workstation.init", "document.print", "quarter.approved"} <= kinds
    assert len(kinds) >= 40


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_action_kind_is_translated(lang: str) -> None:
    missing = sorted(k for k in action_kinds()
                     if tr(f"ui.audit.action.{k}", lang) == f"ui.audit.action.{k}")  # fmt: skip
    assert missing == []


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_objects_in_words(lang: str) -> None:
    people = {7: ("Сейітқалиұлы Әбілқайыр", "820517300011")}
    text = entity_text(lang, "nominee:7", people)
    assert "Сейітқалиұлы Әбілқайыр" in text and "820517300011" in text
    assert "nominee" not in entity_text(lang, "nominee:8", people)
    assert "8" in entity_text(lang, "nominee:8", people)
    for entity in ("bundle:3b1d3a2bc37c16fa", "user:aigerim", "document:NTC-2026-0001",
                   "quarter:2026Q1:knb", "calendar:2026-05-08", "setting:idle_minutes",
                   "workstation", "peer:abcdef"):  # fmt: skip
        shown = entity_text(lang, entity, people)
        assert shown != entity and not shown.startswith(entity.split(":")[0] + ":"), shown
    assert "08.05.2026" in entity_text(lang, "calendar:2026-05-08", people)


def test_audit_screen_shows_people_and_filters_by_person(make_window, workstation_path,
                                                          make_dossier, qtbot):  # fmt: skip
    from app.services import nominees

    w = make_window(workstation_path, lang="ru")
    unlock(w)
    s = w.env.session
    first, second = make_dossier(1), make_dossier(2)
    a = nominees.add(s, first)
    nominees.add(s, second)
    nominees.delete(s, a)
    screen = w.main.show_screen("audit")
    m = screen.model
    col = {name: i for i, name in enumerate(("seq", "time", "user", "action", "entity", "hash"))}
    shown = [(m.index(r, col["action"]).data(), m.index(r, col["entity"]).data())
             for r in range(m.rowCount())]  # fmt: skip
    assert all("." not in action for action, _ in shown), shown
    assert (tr("ui.audit.action.nominee.add", "ru"),
            tr("ui.audit.entity.nominee", "ru", name=f"{second.person.surname} "
               f"{second.person.given_name} {second.person.patronymic}".strip(),
               iin=second.person.iin)) in shown  # fmt: skip
    assert tr("ui.audit.entity.nominee_gone", "ru", id=a) in [e for _, e in shown]
    screen.person.setText(second.person.iin)
    screen.apply_filters()
    assert [r.entity for r in m.rows] == [f"nominee:{a + 1}"]
    screen.person.setText("")
    screen.action.setCurrentIndex(screen.action.findData("workstation."))
    assert [r.action for r in m.rows] == ["workstation.init"]
