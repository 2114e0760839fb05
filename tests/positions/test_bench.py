"""Bench strength for a scripted world, against a hand count: members whose terms end inside and
outside the horizon, one appointed, one excluded, one not yet enrolled, one whose term is over;
nominees of this quarter and of another; needs now, within and beyond the horizon."""

from __future__ import annotations

import datetime as dt

import msgspec

from app.services import bench, nominees, positions
from app.store import quarter_repo
from tests.documents.pdfutil import layout_text

D = dt.date
HEADER = "title;body;decree_290\n"
CATALOGUE = HEADER + (
    "Начальник управления;knb;да\n"
    "Начальник департамента;knb;да\n"
    "Заместитель начальника департамента;knb;нет\n"
    "Начальник отдела;knb;да\n"
)


def _nominee(session, make_dossier, serial: int, position: str, quarter: str = "2026Q1") -> int:
    d = make_dossier(serial)
    n = msgspec.structs.replace(d.nomination, intended_position=position, quarter=quarter)
    return nominees.add(session, msgspec.structs.replace(d, nomination=n))


def _move(session, nid: int, *states: str) -> None:
    with session.db.unit_of_work(session.user) as uow:
        for st in states:
            uow.move(nid, st, "test.move")
        uow.commit()


def _member(session, make_dossier, serial, position, ends, *, enrolled=D(2025, 6, 1), then=()):
    nid = _nominee(session, make_dossier, serial, position, quarter="2025Q2")
    _move(session, nid, "sent", "enrolled", *then)
    with session.db.unit_of_work(session.user) as uow:
        quarter_repo.put_member(uow.conn, nid, body="knb", position=position, enrolled_on=enrolled,
                                term_ends=ends, number="№ 1")  # fmt: skip
        if "excluded" in then:
            quarter_repo.exclude_member(uow.conn, nid, D(2026, 1, 20), "3", "№ 2")
        uow.audit("test.member", f"nominee:{nid}", {})
        uow.commit()
    return nid


def test_bench_matches_a_hand_count(session, make_dossier, tmp_path):
    f = tmp_path / "c.csv"
    f.write_text(CATALOGUE, encoding="utf-8")
    positions.import_file(session, f)
    for title, day, reason in (("Начальник управления", D(2026, 1, 15), "vacancy"),
                               ("Начальник управления", D(2026, 5, 1), "age_limit"),
                               ("Начальник управления", D(2026, 9, 1), "term_of_office"),
                               ("Начальник департамента", D(2026, 4, 1), "rotation")):  # fmt: skip
        positions.add_need(session, title, day, reason)
    A, B, C = "Начальник управления", "Начальник департамента", "Заместитель начальника департамента"
    _member(session, make_dossier, 1, A, D(2028, 6, 1))  # ready
    _member(session, make_dossier, 2, "начальник  УПРАВЛЕНИЯ", D(2026, 5, 1))  # ends in the horizon
    _member(session, make_dossier, 3, A, D(2026, 7, 15))  # ends after the horizon: ready
    _member(session, make_dossier, 4, A, D(2028, 6, 1), then=("excluded",))
    _member(session, make_dossier, 5, A, D(2028, 6, 1), then=("appointed",))
    _member(session, make_dossier, 6, B, D(2026, 3, 1))  # ends in the horizon
    _member(session, make_dossier, 7, B, D(2029, 3, 1), enrolled=D(2026, 3, 1))  # not yet in it
    _member(session, make_dossier, 8, C, D(2029, 1, 1))  # ready
    _member(session, make_dossier, 9, A, D(2026, 1, 31))  # term over before the day
    _nominee(session, make_dossier, 11, A)  # draft on this quarter's board
    _move(session, _nominee(session, make_dossier, 12, B), "sent")
    _nominee(session, make_dossier, 13, A, quarter="2025Q4")  # another quarter
    _move(session, _nominee(session, make_dossier, 14, A), "sent", "refused")  # decided

    b = bench.bench(session)
    assert (b.at, b.horizon, b.quarter) == (D(2026, 2, 10), D(2026, 6, 30), "2026Q1")
    got = {r.title: (r.vacant_now, r.vacant_expected, r.ready, r.expiring, r.nominees, r.gap,
                     r.flagged) for r in b.rows}  # fmt: skip
    assert got == {
        A: (1, 1, 2, 1, 1, 0, False),
        B: (0, 1, 0, 1, 1, 1, True),
        C: (0, 0, 1, 0, 0, 0, False),
        "Начальник отдела": (0, 0, 0, 0, 0, 0, False),
    }
    assert b.by_body() == {"knb": {"positions": 4, "need": 3, "ready": 3, "expiring": 2,
                                   "nominees": 2, "gap": 1, "flagged": 1}}  # fmt: skip
    # a horizon past September brings the third need of A in and moves member 3 to expiring
    late = {r.title: r for r in bench.bench(session, horizon=D(2026, 12, 31)).rows}
    assert (late[A].vacant_expected, late[A].ready, late[A].expiring, late[A].gap) == (2, 1, 2, 2)


def test_default_horizon_is_the_end_of_the_next_quarter():
    assert bench.default_horizon(D(2026, 2, 10)) == D(2026, 6, 30)
    assert bench.default_horizon(D(2026, 11, 30)) == D(2027, 3, 31)
    assert bench.default_horizon(D(2026, 7, 1)) == D(2026, 12, 31)


def test_printed_bench_in_both_languages_with_the_footer(session, tmp_path):

    from app.services import bench_export

    f = tmp_path / "c.csv"
    f.write_text(CATALOGUE, encoding="utf-8")
    positions.import_file(session, f)
    positions.add_need(session, "Начальник отдела", D(2026, 3, 1), "rotation")
    b = bench.bench(session)
    for lang, words in (("ru", ("Обеспеченность кадровым резервом", "пункта 8 Правил")),
                        ("kk", ("қамтамасыз етілу", "8-тармағының"))):  # fmt: skip
        r = bench_export.print_bench(session, b, body="", lang=lang)
        text = layout_text(r.pdf)
        assert all(w in text for w in words), text
        assert "Начальник отдела *" in text and r.docs[0].code in text.replace(" ", "")
    n = session.db.connection().execute(
        "SELECT COUNT(*) FROM audit WHERE action = 'document.print'").fetchone()[0]  # fmt: skip
    assert n == 2


def test_quarter_board_shows_the_need_each_nominee_covers(session, make_dossier, tmp_path):
    from app.services import quarter

    f = tmp_path / "c.csv"
    f.write_text(CATALOGUE, encoding="utf-8")
    positions.import_file(session, f)
    positions.add_need(session, "Начальник отдела", D(2026, 3, 1), "rotation")
    positions.add_need(session, "Начальник отдела", D(2026, 4, 1), "age_limit")
    a = _nominee(session, make_dossier, 1, "начальник ОТДЕЛА")
    b = _nominee(session, make_dossier, 2, "Начальник управления")
    c = _nominee(session, make_dossier, 3, "Должности нет в перечне")
    gaps = {r.id: r.need_gap for r in quarter.board(session, "2026Q1").rows}
    assert gaps == {a: 2, b: 0, c: None}
