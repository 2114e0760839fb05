"""The dossier wizard's flow walked without Qt (after Electrum's tests/test_wizard.py)."""

from __future__ import annotations

import datetime as dt

from app.domain.iin import make_iin
from app.rules.base import Finding, Severity
from app.services import dossier_flow, nominees
from app.services.dossier_flow import DossierFlow, step_of

TODAY = dt.date(2026, 2, 10)


def test_field_paths_map_to_their_step() -> None:
    assert step_of("person.iin") == "identity"
    assert step_of("disciplinary[0].lifted") == "records"
    assert step_of("indicators[2].text") == "submission"
    assert step_of("photo") == "photo"
    assert step_of("") == "review"


def test_blank_flow_reports_required_fields_and_cannot_be_built() -> None:
    flow = DossierFlow(body="knb", today=TODAY)
    fields = {p.field for p in flow.problems()}
    assert {"person.iin", "person.surname", "person.birth_date", "person.sex"} <= fields
    assert flow.dossier() is None
    assert not flow.can_save()
    assert not flow.dirty


def test_iin_fills_birth_date_and_sex(make_dossier) -> None:
    flow = DossierFlow(body="knb", today=TODAY)
    assert flow.set_iin("12345") == "dossier.iin.not_12_digits"
    iin = make_iin(dt.date(1985, 3, 4), "F", 7)
    assert flow.set_iin(iin) is None
    assert flow.get("person.birth_date") == dt.date(1985, 3, 4)
    assert flow.get("person.sex") == "F"
    assert flow.dirty


def _filled(flow: DossierFlow) -> None:
    flow.set_iin(make_iin(dt.date(1985, 3, 4), "M", 7))
    flow.set("person.surname", "Әбілқайыров")
    flow.set("person.given_name", "Нұрлан")


def test_minimal_dossier_builds_and_lists_items(make_dossier) -> None:
    flow = DossierFlow(body="knb", today=TODAY)
    _filled(flow)
    assert flow.can_save(), flow.problems()
    i = flow.add_item(
        "service_record", {"start": None, "end": None, "position": "", "unit": "", "order_ref": ""}
    )
    fields = {p.field for p in flow.problems()}
    assert fields == {"service_record[0].start", "service_record[0].position"}
    flow.set(f"service_record[{i}].start", dt.date(2010, 1, 1))
    flow.set(f"service_record[{i}].position", "Оперуполномоченный")
    flow.add_item(
        "service_record",
        {"start": dt.date(2012, 1, 1), "end": None, "position": "Б", "unit": "", "order_ref": ""},
    )
    assert flow.move_item("service_record", 1, -1) == 0
    assert flow.get("service_record[0].position") == "Б"
    flow.remove_item("service_record", 0)
    assert len(flow.items("service_record")) == 1
    d = flow.dossier()
    assert d is not None and d.service_record[0].position == "Оперуполномоченный"


def test_validation_problem_points_at_its_step() -> None:
    flow = DossierFlow(body="knb", today=TODAY)
    _filled(flow)
    flow.add_item(
        "disciplinary",
        {
            "kind": "reprimand",
            "imposed": dt.date(2024, 5, 1),
            "lifted": dt.date(2024, 1, 1),
            "corruption": False,
            "order_ref": "",
            "grounds": "",
        },
    )
    problems = flow.step_problems("records")
    assert [p.field for p in problems] == ["disciplinary[0].lifted"]
    assert flow.step_problems("identity") == []


def test_input_errors_are_problems_until_cleared() -> None:
    flow = DossierFlow(body="knb", today=TODAY)
    _filled(flow)
    flow.set_input_error("vetting.date", "ui.date.invalid")
    assert [p.field for p in flow.problems()] == ["vetting.date"]
    flow.set("vetting.date", dt.date(2025, 1, 1))
    assert flow.can_save()


def test_findings_come_from_the_evaluator_with_their_step() -> None:
    def evaluate(d, at):
        return [
            Finding(severity=Severity.WARNING, clause="p.10(1)", field="indicators", key="w"),
            Finding(
                severity=Severity.BLOCKER,
                clause="Rules-2025 p.8(3)",
                field="disciplinary[0].lifted",
                key="rules.active_sanction",
            ),
        ]

    flow = DossierFlow(body="knb", today=TODAY, evaluate=evaluate)
    assert flow.findings() == []  # not buildable yet
    _filled(flow)
    found = flow.findings()
    assert [f.kind for f in found] == ["blocker", "warning"]
    assert found[0].step == "records" and found[0].clause == "Rules-2025 p.8(3)"


def test_save_then_edit_round_trip(session, make_dossier) -> None:
    flow = DossierFlow(body=session.body, today=TODAY)
    _filled(flow)
    nid = flow.save(session)
    assert not flow.dirty
    rec = nominees.get(session, nid)
    assert rec.dossier.person.surname == "Әбілқайыров"
    edit = DossierFlow(rec.dossier, nominee_id=rec.id, version=rec.version, today=TODAY)
    assert not edit.dirty
    edit.set("person.surname_ru", "Абилкаиров")
    assert edit.dirty
    edit.save(session)
    assert nominees.get(session, nid).dossier.person.surname_ru == "Абилкаиров"
    assert edit.version == 2


def test_loading_a_full_dossier_is_clean_and_buildable(make_dossier) -> None:
    d = make_dossier()
    flow = DossierFlow(d, nominee_id=1, version=1, today=TODAY)
    assert flow.dossier() == d
    assert flow.can_save(), flow.problems()
    assert dossier_flow.to_data(d)["body"] == "knb"


def test_draft_state_is_data_only_and_restores_the_same_draft(make_dossier) -> None:
    flow = DossierFlow(make_dossier(3), nominee_id=7, version=2,
                       evaluate=lambda d, at: [])  # fmt: skip
    flow.set("person.surname", "Серікбаев")
    flow.set_input_error("service_start", "ui.date.invalid")
    flow.photo_source = b"\x89PNG"
    state = flow.draft_state(page=2)
    assert isinstance(state, bytes)  # no callables: the evaluator is never part of it
    back, page = dossier_flow.restore(state)
    assert page == 2 and back.dirty
    assert back.data == flow.data  # dates stay dates, bytes stay bytes
    assert isinstance(back.get("person.birth_date"), dt.date)
    assert (back.nominee_id, back.version, back.today) == (7, 2, flow.today)
    assert back.input_errors == flow.input_errors and back.photo_source == b"\x89PNG"
