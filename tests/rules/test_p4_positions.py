"""Rules-2025 p.4 (the position is in the list of Decree No. 290) and p.8(1) reading the
intended position's requirements from the positions catalogue."""

from __future__ import annotations

import datetime as dt

import msgspec

from app.domain.dossier import Training
from app.domain.positions import Catalogue, Position
from app.rules.rulesets import evaluate
from app.store.folding import fold

AT = dt.date(2026, 2, 10)


def _cat(*positions: Position) -> Catalogue:
    return Catalogue(list(positions), fold)


def _pos(title: str, listed: bool, **kw) -> Position:
    return Position(title=title, body="knb", decree_290=listed, **kw)


def _with_position(d, title: str, **nomination):
    n = msgspec.structs.replace(d.nomination, intended_position=title, **nomination)
    return msgspec.structs.replace(d, nomination=n)


def _p4(findings):
    return [f for f in findings if f.clause == "Rules-2025 p.4"]


def test_p4_listed_position_raises_nothing(make_dossier):
    d = _with_position(make_dossier(1), "Начальник управления")
    cat = _cat(_pos("начальник  УПРАВЛЕНИЯ", True))
    assert _p4(evaluate(d, at=AT, positions=cat)) == []


def test_p4_position_outside_the_list_is_a_blocker(make_dossier):
    d = _with_position(make_dossier(1), "Начальник управления")
    cat = _cat(_pos("Начальник управления", False))
    (f,) = _p4(evaluate(d, at=AT, positions=cat))
    assert f.severity.value == "blocker" and f.key == "r2025.p4.outside_list"
    assert f.field == "nomination.intended_position"
    assert "Начальник управления" in f.message("ru") and "290" in f.message("kk")


def test_p4_free_text_position_is_a_warning_and_no_catalogue_is_silent(make_dossier):
    d = _with_position(make_dossier(1), "Должность, которой нет")
    (f,) = _p4(evaluate(d, at=AT, positions=_cat(_pos("Начальник управления", True))))
    assert f.severity.value == "warning" and f.key == "r2025.p4.not_in_catalogue"
    assert _p4(evaluate(d, at=AT, positions=_cat())) == []
    assert _p4(evaluate(d, at=AT)) == []


def test_p8_1_reads_service_years_from_the_catalogue(make_dossier):
    # the dossier asks 10 years (it has 21); the catalogue says the position needs 25
    d = _with_position(make_dossier(1), "Начальник департамента", required_service_years=10)
    assert not [f for f in evaluate(d, at=AT) if f.key == "r2025.p8_1.service_short"]
    cat = _cat(_pos("Начальник департамента", True, service_years=25))
    (f,) = [f for f in evaluate(d, at=AT, positions=cat) if f.key == "r2025.p8_1.service_short"]
    assert f.clause == "Rules-2025 p.8(1)" and f.params["need"] == "25"
    # and the other way: the catalogue's lower figure replaces the dossier's higher one
    d30 = _with_position(d, "Начальник департамента", required_service_years=30)
    assert [f for f in evaluate(d30, at=AT) if f.key == "r2025.p8_1.service_short"]
    cat20 = _cat(_pos("Начальник департамента", True, service_years=20))
    assert not [f for f in evaluate(d30, at=AT, positions=cat20)
                if f.key == "r2025.p8_1.service_short"]  # fmt: skip


def test_p8_1_reads_training_from_the_catalogue(make_dossier):
    d = _with_position(make_dossier(1, training=[]), "Начальник департамента")
    assert not [f for f in evaluate(d, at=AT) if f.key == "r2025.p8_1.training_missing"]
    cat = _cat(_pos("Начальник департамента", True, training="Курсы руководителей"))
    (f,) = [f for f in evaluate(d, at=AT, positions=cat) if f.key == "r2025.p8_1.training_missing"]
    assert f.params["training"] == "Курсы руководителей"
    trained = msgspec.structs.replace(
        d, training=[Training(title="Курсы руководителей", completed=dt.date(2025, 3, 1))]
    )
    assert not [f for f in evaluate(trained, at=AT, positions=cat)
                if f.key == "r2025.p8_1.training_missing"]  # fmt: skip


def test_check_uses_the_workstations_catalogue(session, make_dossier, tmp_path):
    from app.services import checks, nominees, positions

    nid = nominees.add(session, _with_position(make_dossier(1), "Начальник управления"))
    assert _p4(checks.check_one(session, nid)) == []  # no catalogue kept yet
    f = tmp_path / "c.csv"
    f.write_text("title,body,decree_290\nНачальник управления,knb,нет\n", encoding="utf-8")
    positions.import_file(session, f)
    (found,) = _p4(checks.check_one(session, nid))
    assert found.key == "r2025.p4.outside_list"


def test_p4_free_text_position_warning_names_the_field_and_at_most_200_characters(make_dossier):
    title = "Должность, которой нет в каталоге " + "я" * 250
    d = _with_position(make_dossier(1), title)
    (f,) = _p4(evaluate(d, at=AT, positions=_cat(_pos("Начальник управления", True))))
    assert (f.field, f.params) == ("nomination.intended_position", {"position": title[:200]})
