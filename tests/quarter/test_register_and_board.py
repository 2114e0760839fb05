"""The register's filters and its CSV/XLSX export; the board's reminders and p.8 / p.15 flags;
every quarter change audited and the audit chain intact."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import msgspec
import pytest
from openpyxl import load_workbook

from app.domain.dossier import Secondment, SecondmentKind
from app.errors import InvalidInput
from app.services import audit, decisions, nominees, quarter, register_export, reserve
from app.services.reserve import RegisterFilter
from tests.quarter.conftest import Cycle, at

D = dt.date.fromisoformat


def _sgs_members(c: Cycle, *serials: int, refuse: tuple[int, ...] = ()) -> list[int]:
    ids = c.add(c.sgs, *serials)
    quarter.build_list(c.sgs, "2026Q1")
    quarter.submit_to_head_pa(c.sgs, "2026Q1", day=D("2026-02-02"), reference="1")
    decisions.record_many(c.sgs, "2026Q1", number="=cmd|' /C calc'!A0", day=D("2026-02-02"),
                          exceptions={ids[i]: "refuse" for i in refuse})  # fmt: skip
    return ids


def test_register_filters_and_exports(cycle: Cycle, tmp_path: Path) -> None:
    c = cycle
    a, b, x = _sgs_members(c, 1, 2, 3, refuse=(2,))
    assert [m.nominee_id for m in reserve.members(c.sgs)] == sorted([a, b])
    assert c.status(c.sgs, x) == "refused"
    iin_b = nominees.get(c.sgs, b).dossier.person.iin
    assert [m.nominee_id for m in reserve.members(c.sgs, RegisterFilter(search=iin_b))] == [b]
    assert reserve.members(c.sgs, RegisterFilter(enrolled_from=D("2026-02-03"))) == []
    assert reserve.members(c.sgs, RegisterFilter(state="excluded")) == []
    with pytest.raises(InvalidInput):
        reserve.members(c.sgs, RegisterFilter(state="gone"))

    out = tmp_path / "r.csv"
    assert register_export.export(c.sgs, out, RegisterFilter(search=iin_b), lang="ru") == 1
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows[0][0] == "ИИН" and rows[1][0] == iin_b
    assert rows[1][6].startswith("'=")  # a formula-looking cell is neutralised
    xlsx = tmp_path / "r.xlsx"
    assert register_export.export(c.sgs, xlsx, RegisterFilter(), lang="kk") == 2
    ws = load_workbook(xlsx).active
    assert ws is not None and ws["A1"].value == "ЖСН" and ws.max_row == 3
    assert str(ws["G2"].value).startswith("'=")
    with pytest.raises(InvalidInput):
        register_export.export(c.sgs, tmp_path / "r.pdf", RegisterFilter(), lang="ru")
    assert out.stat().st_mode & 0o077 == 0  # written like every saved file: owner only


def test_reminders_and_board_flags(cycle: Cycle) -> None:
    c = cycle
    assert quarter.reminder_for(12, (10, 5, 2)) is None
    assert quarter.reminder_for(10, (10, 5, 2)) == 10
    assert quarter.reminder_for(4, (10, 5, 2)) == 5
    assert quarter.reminder_for(-1, (10, 5, 2)) == 2
    quarter.set_reminder_offsets(c.knb, [3, 7, 7])
    assert quarter.reminder_offsets(c.knb) == (7, 3)
    with pytest.raises(InvalidInput):
        quarter.set_reminder_offsets(c.knb, [61])
    pa = Secondment(kind=SecondmentKind.PRESIDENTIAL_ADMINISTRATION, host="ПА", pa_submission=True)
    (n1,) = c.add(c.knb, 1, additional_candidate=True)
    d = nominees.get(c.knb, n1).dossier
    nominees.update(c.knb, n1, msgspec.structs.replace(d, secondment=pa))
    at(c.clock, "2026-02-23")
    board = quarter.board(c.knb, "2026Q1")
    (row,) = board.rows
    assert row.additional and row.secondment == "presidential_administration" and not row.path_ok
    assert board.deadline.due == D("2026-02-27")
    assert board.workdays_left == 4 and board.reminder == 7


def test_every_quarter_change_is_audited_and_the_chain_holds(cycle: Cycle) -> None:
    c = cycle
    a, b = _sgs_members(c, 1, 2, refuse=(1,))
    conn = c.sgs.db.connection()
    actions = [r[0] for r in conn.execute("SELECT action FROM audit ORDER BY seq")]
    assert actions.count("quarter.list_add") == 2 and actions.count("quarter.submit_head_pa") == 2
    assert actions.count("decision.record") == 2
    entities = {r[0] for r in conn.execute("SELECT entity FROM audit WHERE action = 'decision.record'")}
    assert entities == {f"nominee:{a}", f"nominee:{b}"}
    assert audit.verify(c.sgs).ok
