"""Services over a real SQLCipher workstation: calendar overrides, checks, deadlines."""

from __future__ import annotations

import datetime as dt

import msgspec
import pytest

from app.domain.dossier import Sanction, SanctionKind
from app.errors import InvalidInput, NotFound, PermissionDenied
from app.services import calendar, checks, deadlines, nominees, workstation
from app.store.nominees import Nominees

D = dt.date


def audit_actions(s: workstation.Session) -> list[str]:
    return [r[0] for r in s.db.connection().execute("SELECT action FROM audit ORDER BY seq")]


def test_calendar_override_add_list_remove_is_audited(session: workstation.Session) -> None:
    assert calendar.day_info(session, D(2026, 1, 5)).workday
    calendar.add_override(session, D(2026, 1, 5), "day_off", reason="перенос",
                          reference="ПП РК № 1")  # fmt: skip
    calendar.add_override(session, D(2026, 1, 10), "workday", reference="ПП РК № 1")
    info = calendar.day_info(session, D(2026, 1, 5))
    assert (info.workday, info.source) == (False, "override")
    assert [o.day for o in calendar.overrides(session, 2026)] == [D(2026, 1, 5), D(2026, 1, 10)]
    assert calendar.overrides(session, 2025) == []
    assert calendar.add_workdays(session, D(2026, 1, 2), 1) == D(2026, 1, 6)
    calendar.remove_override(session, D(2026, 1, 5))
    assert calendar.day_info(session, D(2026, 1, 5)).workday
    assert audit_actions(session)[-3:] == [
        "calendar.override.add", "calendar.override.add", "calendar.override.remove"
    ]


def test_calendar_override_refusals_change_nothing(session: workstation.Session) -> None:
    calendar.add_override(session, D(2026, 1, 5), "day_off")
    before = audit_actions(session)
    with pytest.raises(InvalidInput):
        calendar.add_override(session, D(2026, 1, 5), "workday")  # exists
    with pytest.raises(InvalidInput):
        calendar.add_override(session, D(2026, 1, 6), "holiday")  # unknown kind
    with pytest.raises(InvalidInput):
        calendar.add_override(session, D(2026, 1, 6), "day_off", reason="x" * 501)
    with pytest.raises(InvalidInput):
        calendar.add_override(session, D(1900, 1, 1), "day_off")
    with pytest.raises(NotFound):
        calendar.remove_override(session, D(2026, 2, 2))
    with pytest.raises(InvalidInput):
        calendar.add_workdays(session, D(2026, 1, 1), 100000)
    assert audit_actions(session) == before
    assert [o.day for o in calendar.overrides(session)] == [D(2026, 1, 5)]


def test_calendar_override_needs_a_supervisor(
    session: workstation.Session, db_path, fast_kdf
) -> None:
    workstation.add_user(session, "clerk1", "clerk", "clerk passphrase is long enough", fast_kdf)
    clerk = workstation.unlock(db_path, user="clerk1", passphrase="clerk passphrase is long enough")
    try:
        with pytest.raises(PermissionDenied):
            calendar.add_override(clerk, D(2026, 1, 5), "day_off")
        calendar.add_override(session, D(2026, 1, 5), "day_off")
        with pytest.raises(PermissionDenied):
            calendar.remove_override(clerk, D(2026, 1, 5))
        assert not calendar.day_info(clerk, D(2026, 1, 5)).workday  # reading is allowed
    finally:
        clerk.close()


def test_check_one_and_all_refresh_cached_counts(
    session: workstation.Session, make_dossier
) -> None:
    good = nominees.add(session, make_dossier(1))
    sanction = Sanction(kind=SanctionKind.REPRIMAND, imposed=D(2026, 1, 20))
    bad_d = make_dossier(2, with_photo=False, disciplinary=[sanction])
    bad = nominees.add(session, bad_d)
    assert checks.check_one(session, good) == []
    clauses = {f.clause for f in checks.check_one(session, bad)}
    assert clauses == {"Rules-2025 p.8(3)", "Rules-2025 p.10(2)"}
    # make the cached counts stale, then let check --all refresh them
    with session.db.unit_of_work(session.user) as uow:
        uow.nominees.set_findings(good, 7, 7)
        uow.nominees.set_findings(bad, 0, 0)
        uow.commit()
    summary = checks.check_all(session)
    assert summary.refreshed and summary.nominable == 1 and len(summary.results) == 2
    rows = {r.id: (r.blockers, r.warnings) for r in Nominees(session.db.connection()).rows()}
    assert rows == {good: (0, 0), bad: (2, 0)}
    assert audit_actions(session)[-1] == "rules.check_all"
    # nothing stale: nothing written, no audit row
    n_audit = len(audit_actions(session))
    assert not checks.check_all(session).refreshed
    assert len(audit_actions(session)) == n_audit
    # the photo is stored apart from the dossier: check --all must still see it
    assert not any(f.field == "photo" for r in summary.results if r.id == good
                   for f in r.findings)  # fmt: skip
    # before the sanction was imposed, p.8(3) does not block
    past = {f.clause for f in checks.check_one(session, bad, at=D(2026, 1, 19))}
    assert "Rules-2025 p.8(3)" not in past and "Rules-2025 p.10(2)" in past


def test_check_unknown_nominee_and_ruleset(session: workstation.Session) -> None:
    with pytest.raises(NotFound):
        checks.check_one(session, 999)
    with pytest.raises(InvalidInput):
        checks.check_all(session, ruleset="rules-1999")


def test_workstation_ruleset_is_read_from_meta(
    session: workstation.Session, make_dossier
) -> None:
    nid = nominees.add(session, make_dossier(1))
    assert checks.ruleset_name(session) == "rules-2025"
    conn = session.db.connection()
    conn.execute("UPDATE meta SET value = 'reg-2000' WHERE key = 'ruleset'")
    assert checks.ruleset_name(session) == "reg-2000"
    assert [f.clause for f in checks.check_one(session, nid)] == ["Reg-2000 p.1"]
    assert checks.check_one(session, nid, ruleset="rules-2025") == []
    with pytest.raises(InvalidInput):
        deadlines.quarter(session, "2026Q1")


def test_deadlines_use_the_database_overrides(session: workstation.Session) -> None:
    (d,) = deadlines.event(session, "approval", D(2025, 12, 26))
    assert d.due == D(2026, 1, 14)
    calendar.add_override(session, D(2026, 1, 5), "day_off", reference="ПП РК")
    (d,) = deadlines.event(session, "approval", D(2025, 12, 26))
    assert d.due == D(2026, 1, 15)
    q = deadlines.quarter(session, "2026Q1", approved=D(2026, 3, 2))
    assert [x.due for x in q] == [D(2026, 2, 27), D(2026, 3, 13), D(2026, 3, 27),
                                  D(2026, 3, 17), None]  # fmt: skip
    assert "reenrolment" not in deadlines.events(session)  # events are names, steps are not
    assert "grounds_removed" in deadlines.events(session)


def test_reserve_membership_struct_round_trips() -> None:
    from app.domain.reserve import ExclusionGround, ReserveMembership

    m = ReserveMembership(enrolled_on=D(2025, 1, 1), excluded_on=D(2025, 6, 1),
                          ground=ExclusionGround.LISTED_SANCTION)  # fmt: skip
    raw = msgspec.json.encode(m)
    assert b'"p18_3"' in raw
    assert msgspec.json.decode(raw, type=ReserveMembership) == m
    assert not m.active(D(2025, 6, 1)) and m.active(D(2025, 5, 31))
