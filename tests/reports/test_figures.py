"""Every figure of every report against the scripted world (tests/reports/world.py), worked out
from the script by hand, and each report's totals reconciled with ``quarter states`` and
``reserve list`` (the services behind those commands)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from app.domain.workflow import NomineeStatus as St
from app.errors import InvalidInput
from app.services import deadlines, quarter, reports, reserve
from app.services.reserve import RegisterFilter
from tests.reports.world import PEOPLE

PERIOD = ("2025Q2", "2025Q4")
AT = dt.date(2025, 12, 31)  # the period's end, before today (10.02.2026)


def build(dept, kind: str, body: str = ""):
    s, _ = dept
    return reports.build(s, kind, reports.period(*PERIOD), body=body)


def rows_by(table, *keys: int) -> dict:
    return {tuple(r[k] for k in keys): r for r in table.rows}


def test_flow_per_quarter_and_body(dept):
    r = build(dept, "flow")
    rows = rows_by(r.tables[0], 0, 1)
    #               nominated sent deficiencies recommended enrolled refused share
    assert rows[("2025Q2", "knb")][2:] == [3, 3, 0, 3, 2, 1, 0.3333]
    assert rows[("2025Q2", "syrbar")][2:] == [1, 1, 1, 1, 1, 0, 0.0]  # no. 5 is a draft
    assert rows[("2025Q3", "knb")][2:] == [3, 2, 1, 2, 1, 1, 0.5]  # no. 10 in the list, not sent
    assert rows[("2025Q3", "syrbar")][2:] == [1, 1, 0, 1, 0, 0, None]  # no decision yet: no share
    assert rows[("2025Q3", "sgs")][2:] == [1, 1, 0, 1, 1, 0, 0.0]  # enrolled, later excluded
    assert rows[("2025Q4", "knb")][2:] == [2, 2, 1, 0, 0, 0, None]
    assert rows[("2025Q4", "syrbar")][2:] == [2, 2, 0, 2, 1, 1, 0.5]
    assert rows[("", "")][2:] == [13, 12, 3, 10, 6, 3, 0.3333]
    assert r.totals == {"nominated": 13, "sent": 12, "deficiencies": 3, "recommended": 10,
                        "enrolled": 6, "refused": 3}  # fmt: skip
    panel = r.panels[0]
    assert panel.categories == ["2025Q2", "2025Q3", "2025Q4"]
    assert panel.values[panel.series.index("enrolled")] == [3.0, 2.0, 1.0]


def test_flow_reconciles_with_quarter_states(dept):
    s, _ = dept
    r = build(dept, "flow")
    for qt in ("2025Q2", "2025Q3", "2025Q4"):
        states = Counter(status for _iin, _body, status in quarter.states(s, qt))
        rows = [row for row in r.tables[0].rows if row[0] == qt]
        nominated = sum(n for st, n in states.items() if st not in ("draft", "ready"))
        assert sum(row[2] for row in rows) == nominated
        # enrolled first: still in the reserve, excluded, or appointed from it (p.14)
        assert sum(row[6] for row in rows) == states[St.ENROLLED] + states[St.EXCLUDED] + states[St.APPOINTED]
        assert sum(row[7] for row in rows) == states[St.REFUSED]


def test_a_body_filter_keeps_one_body(dept):
    r = build(dept, "flow", body="syrbar")
    assert {row[1] for row in r.tables[0].rows} == {"syrbar", ""}
    assert r.totals["nominated"] == 1 + 1 + 2


def test_timeliness_on_time_late_and_pending(dept):
    s, _ = dept
    r = build(dept, "timeliness")
    rows = rows_by(r.tables[0], 0, 1, 2)
    cal_due = {d.step: d.due for d in deadlines.quarter(s, "2025Q3")}
    # p.10: KNB sent on 20.05 (on time); Syrbar on 03.06, after the deadline of 30.05 (Friday):
    # late by the working days 02.06 (Mon) and 03.06 (Tue)
    assert rows[("2025Q2", "p10", "knb")][3:] == ["2025-05-30", "2025-05-20", 1, 0, 0, 0]
    assert rows[("2025Q2", "p10", "syrbar")][3:] == ["2025-05-30", "2025-06-03", 0, 1, 0, 2]
    # p.10 at the Department without a recorded sending: the day the dossiers arrived (02.09)
    assert rows[("2025Q3", "p10", "syrbar")][4:] == ["2025-09-02", 0, 1, 0, 1]
    # p.11(1): the last mark (12.09.2025) once the list is formed; p.11(2): formed 03.10.2025
    assert rows[("2025Q3", "p11_1", "department")][4:] == ["2025-09-12", 1, 0, 0, 0]
    assert cal_due["form_list"] == dt.date(2025, 9, 29)
    assert rows[("2025Q3", "p11_2", "department")][4:] == ["2025-10-03", 0, 1, 0, 4]  # 30.09-03.10
    # p.11(3): extract to KNB sent 27.06 within ten working days of the approval on 20.06;
    # Syrbar's extract not sent
    assert rows[("2025Q2", "p11_3", "knb")][4:] == ["2025-06-27", 1, 0, 0, 0]
    assert rows[("2025Q2", "p11_3", "syrbar")][5:] == [0, 0, 1, 0]
    # p.13: KNB notices — no. 1 on time, no. 2 delivered 09.07 after 04.07 (Friday): 07.07 is the
    # day off for Capital Day (06.07, a Sunday), so two working days late (08.07, 09.07)
    assert rows[("2025Q2", "p13", "knb")][5:] == [1, 1, 0, 2]
    assert rows[("2025Q2", "p13", "syrbar")][5:] == [0, 0, 1, 0]  # no. 4 not yet notified
    # 2025Q4: nothing formed yet
    assert rows[("2025Q4", "p11_2", "department")][5:] == [0, 0, 1, 0]
    assert r.totals["late"] == 4
    assert r.totals["on_time"] + r.totals["late"] + r.totals["pending"] == len(r.tables[0].rows) + 1


def test_composition_at_the_period_end(dept):
    s, _ = dept
    r = build(dept, "composition")
    assert r.at == AT
    rows = rows_by(r.tables[0], 0, 1)
    # active on 31.12.2025: nos. 1, 4, 13 and the earlier 15, 17, 18 (2 and 9 excluded; 6 and 16
    # appointed from the reserve on 20.11.2025 and 10.05.2025, which ended their lines)
    assert r.totals == {"members": 6}
    assert {k[1]: v[2] for k, v in rows.items() if k[0] == "body"} == {"knb": 2, "syrbar": 3, "sgs": 1}
    assert {k[1]: v[2] for k, v in rows.items() if k[0] == "sex"} == {"M": 4, "F": 2}
    # ages on 31.12.2025: 1992 -> 33, 1995 -> 30 (under 35); 1990 -> 35; 1982 (x3) -> 43
    assert {k[1]: v[2] for k, v in rows.items() if k[0] == "age"} == {"lt35": 2, "35_39": 1, "40_44": 3}
    assert {k[1]: v[2] for k, v in rows.items() if k[0] == "service"} == {
        "lt10": 1, "10_14": 2, "20_24": 3}  # fmt: skip
    # training completed after enrolment: no. 1 (01.10.2025) and no. 18 (01.05.2024)
    assert {k[1]: v[2] for k, v in rows.items() if k[0] == "training"} == {"done": 2, "not_done": 4}
    assert rows[("rank", "полковник")][2:] == [3, 0.5]
    active = reserve.members(s, RegisterFilter(state="active", at=AT))
    assert len(active) == r.totals["members"]
    for dim in reports.DIMENSIONS:
        assert sum(row[2] for row in r.tables[0].rows if row[0] == dim) == len(active)


def test_horizon_and_appointments(dept):
    s, _ = dept
    r = build(dept, "horizon")
    horizon, appointments = r.tables
    rows = rows_by(horizon, 0)
    # terms ending: 01.03.2026 (no. 15, within 3 months), 25.06.2026 (no. 17, 3-6), 01.10.2026
    # (no. 18, 6-12), the rest later
    assert rows[("",)][1:] == [1, 1, 1, 3]
    assert rows[("knb",)][1:] == [1, 0, 0, 1]
    active = reserve.members(s, RegisterFilter(state="active", at=AT))
    assert sum(rows[("",)][1:]) == len(active)
    soon = [m for m in active if m.term_ends <= dt.date(2026, 12, 31)]
    assert sum(rows[("",)][1:4]) == len(soon)
    ap = rows_by(appointments, 0)
    # no. 16: enrolled 20.03.2024, appointed 10.05.2025 (416 days); no. 6: 25.09 -> 20.11.2025
    assert ap[("2025Q2",)][1:] == [1, 13.7, 13.7, 13.7, 0]
    assert ap[("2025Q3",)][1:] == [0, None, None, None, 0]
    assert ap[("2025Q4",)][1:] == [1, 1.8, 1.8, 1.8, 1]  # under three months: the override of p.14
    assert r.totals["appointed"] == 2
    assert "report.note.appointments" in r.notes
    appointed = reserve.members(s, RegisterFilter(state="appointed", at=AT))
    assert len(appointed) == r.totals["appointed"]


def test_appointments_come_from_the_register_not_the_career(dept):
    """An "appointment" in a member's career is not an appointment from the reserve; one recorded
    through the register (``reserve appoint``) counts in its quarter and ends the membership."""
    import msgspec

    from app.domain.dossier import CareerEvent, CareerEventKind
    from app.services import nominees, reserve_life

    s, ids = dept
    period = reports.period("2025Q2", "2026Q1")
    before = reports.build(s, "horizon", period)
    rec = nominees.get(s, ids[1])
    career = [*rec.dossier.career_events, CareerEvent(kind=CareerEventKind.APPOINTMENT,
                                                      date=dt.date(2026, 1, 15))]  # fmt: skip
    nominees.update(s, ids[1], msgspec.structs.replace(rec.dossier, career_events=career),
                    expected_version=rec.version)  # fmt: skip
    assert reports.build(s, "horizon", period).tables == before.tables
    # no. 13, enrolled 25.12.2025: appointed on 05.02.2026 with the Head of PA's leave (p.14 part 2);
    # the Department records no appointment itself, it receives the body's appointment report
    from app.errors import InvalidInput
    from app.services.bundle_workflow import BundleWorkflow

    with pytest.raises(InvalidInput):
        reserve_life.appoint(s, ids[13], position="Департамент", order="№ 13-к", day=dt.date(2026, 2, 5))
    with s.db.unit_of_work(s.user) as uow:
        BundleWorkflow(s).appointment_received(
            uow, ids[13], position="Департамент", order="№ 13-к", day=dt.date(2026, 2, 5),
            override=("head_pa", "О-13", dt.date(2026, 2, 2)), bundle_id="b" * 64)  # fmt: skip
        uow.commit()
    after = reports.build(s, "horizon", period)
    ap = rows_by(after.tables[1], 0)
    assert ap[("2026Q1",)][1:] == [1, 1.4, 1.4, 1.4, 1]  # 42 days
    assert after.totals["appointed"] == before.totals["appointed"] + 1
    # the membership ended: no longer active, not counted as an exclusion
    at = dt.date(2026, 2, 10)
    assert reports.build(s, "composition", period, at=at).totals["members"] == len(
        reserve.members(s, RegisterFilter(state="active", at=at)))
    assert reports.build(s, "exclusions", period).totals["excluded"] == 2


def test_exclusions_per_ground_and_quarter(dept):
    s, _ = dept
    r = build(dept, "exclusions")
    rows = rows_by(r.tables[0], 0)
    grounds = reports.GROUNDS
    q4 = dict(zip(grounds, rows[("2025Q4",)][1:9], strict=True))
    assert q4 == {g: (1 if g in ("p18_3", "p18_4") else 0) for g in grounds}
    assert rows[("2025Q2",)][-1] == rows[("2025Q3",)][-1] == 0
    assert rows[("",)][-1] == 2
    assert rows[("pending",)][1:] == [0, 0, 0, 0, 0, 1, 0, 0, 1]
    excluded = reserve.members(s, RegisterFilter(state="excluded", at=AT))
    in_period = [m for m in excluded if m.excluded_on and dt.date(2025, 4, 1) <= m.excluded_on <= AT]
    assert r.totals["excluded"] == len(in_period)
    assert Counter(m.ground for m in in_period) == {g: n for g, n in q4.items() if n}


def test_every_dossier_of_the_script_is_counted_once(dept):
    r = build(dept, "flow")
    nominated = [p for p in PEOPLE
                 if PERIOD[0] <= p.quarter <= PERIOD[1] and p.status not in ("draft", "ready")]
    assert r.totals["nominated"] == len(nominated)


@pytest.mark.parametrize(("first", "last"), [("2025Q4", "2025Q1"), ("2025Q5", "2025Q4"), ("x", "y"),
                                             ("2000Q1", "2025Q4")])  # fmt: skip
def test_a_bad_period_is_refused(first, last):
    with pytest.raises(InvalidInput):
        reports.period(first, last)


def test_unknown_kind_and_body_are_refused(dept):
    s, _ = dept
    with pytest.raises(InvalidInput):
        reports.build(s, "salaries", reports.period(*PERIOD))
    with pytest.raises(InvalidInput):
        reports.build(s, "flow", reports.period(*PERIOD), body="mvd")


def test_a_body_workstation_sees_its_own_body_only(session, make_dossier):
    from app.services import nominees

    nominees.add(session, make_dossier(1))
    r = reports.build(session, "flow", reports.period("2026Q1", "2026Q1"), body="syrbar")
    assert r.body == "knb"
    timeliness = reports.build(session, "timeliness", reports.period("2026Q1", "2026Q1"))
    assert "report.note.dept_steps" in timeliness.notes


def test_a_changed_dossier_shows_in_the_next_report(dept):
    """The composition reads the dossier facts kept in memory per connection, refreshed by the
    dossier's version: an edit shows at once."""
    import msgspec

    from app.services import nominees

    s, ids = dept
    before = rows_by(build(dept, "composition").tables[0], 0, 1)
    assert ("rank", "генерал-майор") not in before
    rec = nominees.get(s, ids[1])
    nominees.update(s, ids[1], msgspec.structs.replace(rec.dossier, rank="генерал-майор"),
                    expected_version=rec.version)  # fmt: skip
    after = rows_by(build(dept, "composition").tables[0], 0, 1)
    assert after[("rank", "генерал-майор")][2] == 1
    assert after[("rank", "полковник")][2] == before[("rank", "полковник")][2] - 1


def _facts_match_the_dossiers(s) -> int:
    """Every row of dossier_facts equals the facts of the dossier as decoded now."""
    from app.store.nominees import Nominees, facts

    conn = s.db.connection()
    stored = {r[0]: tuple(r) for r in conn.execute("SELECT * FROM dossier_facts")}
    dossiers = dict(Nominees(conn).iter_dossiers())
    assert stored.keys() == dossiers.keys()
    for nid, d in dossiers.items():
        assert stored[nid] == facts(nid, d), nid
    return len(stored)


def test_the_dossier_facts_follow_every_write(dept, make_dossier):
    """The composition reads dossier_facts, written with the dossier by every write path: add,
    update (here and from another thread's connection), bulk add; deleted with the nominee."""
    import threading

    import msgspec

    from app.domain.dossier import Training
    from app.services import nominees

    s, ids = dept
    assert _facts_match_the_dossiers(s) == len(PEOPLE)
    rec = nominees.get(s, ids[4])
    trained = [Training(title="Курс", institution="Академия", completed=dt.date(2025, 9, 1))]
    nominees.update(s, ids[4], msgspec.structs.replace(rec.dossier, rank="  майор запаса ", training=trained),
                    expected_version=rec.version)  # fmt: skip

    def elsewhere() -> None:  # another thread: another connection
        r = nominees.get(s, ids[13])
        nominees.update(s, ids[13], msgspec.structs.replace(r.dossier, rank="генерал", service_start=None),
                        expected_version=r.version)  # fmt: skip

    t = threading.Thread(target=elsewhere)
    t.start()
    t.join()
    added = nominees.add_many(s, [make_dossier(40 + n) for n in range(3)])
    nominees.delete(s, added[0])
    assert _facts_match_the_dossiers(s) == len(PEOPLE) + 2
    rows = rows_by(build(dept, "composition").tables[0], 0, 1)
    assert rows[("rank", "генерал")][2] == 1 and rows[("rank", "майор запаса")][2] == 1
    assert rows[("service", "unknown")][2] == 1
    # no. 4 (enrolled 20.06.2025) now has a training completed in the reserve: 3 of 6
    assert rows[("training", "done")][2] == 3


def test_the_migration_fills_the_facts_of_existing_dossiers(dept):
    """Migration 0009 computes the same rows in SQL from the stored dossiers."""
    from pathlib import Path

    import app.store

    s, _ = dept
    folder = Path(app.store.__file__).parent / "migrations"
    sql = (folder / "0009_dossier_facts.sql").read_text(encoding="utf-8")
    with s.db.unit_of_work(s.user) as uow:
        uow.conn.execute("DELETE FROM dossier_facts")
        uow.conn.execute(sql[sql.index("INSERT INTO dossier_facts"):])
        uow.audit("test.refill", "dossier_facts", {})
        uow.commit()
    assert _facts_match_the_dossiers(s) == len(PEOPLE)


def test_age_bands_count_full_years_on_the_day():
    at = dt.date(2025, 12, 31)
    cuts = reports._cuts(at, reports.AGE_BANDS)
    assert reports._band("1990-12-31", cuts) == "35_39"  # 35 today
    assert reports._band("1991-01-01", cuts) == "lt35"  # 35 tomorrow
    assert reports._band("1975-12-31", cuts) == "ge50"
    assert reports._band("", cuts) == reports._band("2026-01-01", cuts) == "unknown"
    assert reports.years_before(dt.date(2024, 2, 29), 1) == dt.date(2023, 2, 28)
