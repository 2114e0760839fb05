"""The quarter board and the review workspace on real encrypted databases, offscreen."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import msgspec
import pytest

from app.clock import FixedClock
from app.domain.dossier import Sanction, SanctionKind
from app.security.kdf import KdfParams
from app.services import nominees, quarter, reserve, settings, transfer_bundles
from tests.gui.conftest import unlock
from tests.quarter.conftest import at, dossier
from tests.transfer.conftest import new_workstation, pin

pytestmark = pytest.mark.gui


def _close(*sessions) -> None:  # noqa: ANN002
    for s in sessions:
        s.close()


def test_quarter_board_counts_states_deadline_reminder_and_builds_the_list(
    make_window, tmp_path: Path, clock: FixedClock, fast_kdf: KdfParams, dialogs
) -> None:  # fmt: skip
    at(clock, "2026-02-20")
    s = new_workstation(tmp_path, "knb", "knb", clock, fast_kdf)
    ok = nominees.add(s, dossier(1, "knb", additional_candidate=True))
    blocked = dossier(2, "knb")
    blocked = msgspec.structs.replace(blocked, disciplinary=[
        Sanction(kind=SanctionKind.REPRIMAND, imposed=dt.date(2026, 2, 1))])  # fmt: skip
    bad = nominees.add(s, blocked)
    settings.put(s, quarter.REMINDERS_KEY, "10,5,2")
    path = s.db.path
    _close(s)

    w = make_window(path, lang="ru")
    unlock(w)
    board = w.main.show_screen("quarter")
    assert board.quarter.currentText() == "2026Q1"
    assert board.table.rowCount() == 2
    states = {board.table.item(i, 1).text(): board.table.item(i, 3).text() for i in range(2)}
    t = w.env.tr.t
    iin_ok = nominees.get(w.env.s(), ok).dossier.person.iin
    iin_bad = nominees.get(w.env.s(), bad).dossier.person.iin
    assert states == {iin_ok: t("status.ready"), iin_bad: t("status.draft")}
    assert t("quarter.ui.yes") in [board.table.item(i, 5).text() for i in range(2)]  # p.15
    # 27.02.2026 is the last working day before 1 March (p.10); from 20.02: 5 working days left
    assert "27.02.2026" in board.deadline.text() and "пункт 10 Правил" in board.deadline.text()
    assert board.board.workdays_left == 5 and board.board.reminder == 5
    assert not board.reminder.isHidden() and "5" in board.reminder.text()

    board.build_button.click()
    assert dialogs.infos and "1" in dialogs.infos[-1]
    assert nominees.get(w.env.s(), ok).status == "in_list"
    assert nominees.get(w.env.s(), bad).status == "draft"
    assert board.board.counts["in_list"] == 1 and board.board.counts["draft"] == 1

    w.env.tr.set_lang("kk")
    assert board.build_button.text() == w.env.tr.t("quarter.ui.build_list")


def test_review_workspace_marks_raises_and_shows_corrections(
    make_window, tmp_path: Path, clock: FixedClock, fast_kdf: KdfParams, dialogs
) -> None:  # fmt: skip
    at(clock, "2026-02-10")
    body = new_workstation(tmp_path, "knb", "knb", clock, fast_kdf)
    dept = new_workstation(tmp_path, "dept", "department", clock, fast_kdf)
    pin(body, dept, tmp_path)
    pin(dept, body, tmp_path)
    ids = [nominees.add(body, dossier(n, "knb")) for n in (1, 2)]
    quarter.build_list(body, "2026Q1")
    out = tmp_path / "n.age"
    quarter.send(body, "2026Q1", peer_id="department", out=out)
    transfer_bundles.import_bundle(dept, out)
    path = dept.db.path
    _close(dept)

    at(clock, "2026-03-04")
    w = make_window(path, lang="ru")
    unlock(w)
    ws = w.main.show_screen("review")
    assert ws.table.rowCount() == 2
    assert "подпункт 1) пункта 11 Правил" in ws.deadline.text() and "13.03.2026" in ws.deadline.text()
    assert ws.inbox.text() == w.env.tr.t(
        "review.ui.inbox", body=w.env.tr.t("body.knb"), packages=1, dossiers=2
    )
    ws.table.selectRow(0)
    nid = ws.current.nominee_id
    assert ws.rules.count() >= 1
    for a in ("accuracy", "completeness", "compliance"):
        ws.marks[a].setCurrentIndex(ws.marks[a].findData("ok"))
    ws.save_marks()
    s = w.env.s()
    assert nominees.get(s, nid).status == "under_review"
    assert ws.table.item(ws.table.currentRow(), 4).text() == "✓✓✓"

    ws.finding_kind.setCurrentIndex(ws.finding_kind.findData("deficiency"))
    ws.finding_text.setText("Нет справки о спецпроверке")
    ws.raise_finding()
    assert nominees.get(s, nid).status == "deficiency"
    assert "Нет справки" in ws.raised.item(0).text()

    # the body corrects; the correction comes back against the same dossier
    from app.services import review

    fb = tmp_path / "f.age"
    review.send_findings(s, "2026Q1", peer_id=body.workstation_id, out=fb)
    transfer_bundles.import_bundle(body, fb)
    iin = nominees.get(s, nid).dossier.person.iin
    bid = next(i for i in ids if nominees.get(body, i).dossier.person.iin == iin)
    rec = nominees.get(body, bid)
    quarter.correct(body, bid, msgspec.structs.replace(rec.dossier, rank="генерал-майор"))
    cb = tmp_path / "c.age"
    quarter.send_corrections(body, "2026Q1", peer_id=dept.workstation_id, out=cb)
    transfer_bundles.import_bundle(s, cb)
    ws.refresh()
    ws.select(nid)
    assert "rank" in ws.changes.text()
    assert nominees.get(s, nid).status == "corrected"

    other = next(i for i in review.checklist(s, nid).raised)
    assert other.resolved is not None
    dialogs.confirm_answer = True
    ws.form_button.click()
    assert nominees.get(s, nid).status == "recommended"
    assert dialogs.infos[-1] == w.env.tr.t("review.ui.formed", n=1, skipped=1)  # the other: unmarked
    _close(body)


def test_reserve_and_deadlines_screens(
    make_window, tmp_path: Path, clock: FixedClock, fast_kdf: KdfParams, dialogs
) -> None:
    at(clock, "2026-02-02")
    s = new_workstation(tmp_path, "sgs", "sgs", clock, fast_kdf)
    a, b = (nominees.add(s, dossier(n, "sgs")) for n in (1, 2))
    quarter.build_list(s, "2026Q1")
    quarter.submit_to_head_pa(s, "2026Q1", day=dt.date(2026, 2, 2), reference="1")
    from app.services import decisions

    decisions.record_many(s, "2026Q1", number="№ 1", day=dt.date(2026, 2, 2), exceptions={b: "refuse"})
    path = s.db.path
    _close(s)
    at(clock, "2026-03-02")
    w = make_window(path, lang="ru")
    unlock(w)
    rs = w.main.show_screen("reserve")
    assert rs.table.rowCount() == 1 and rs.table.item(0, 0).data(256) == a
    out = tmp_path / "r.csv"
    rs.ask_path = lambda: str(out)
    rs.export()
    text = out.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("ИИН") and len(text.splitlines()) == 2
    assert len(reserve.members(w.env.s())) == 1
    dl = w.main.show_screen("deadlines")
    dl.reminders.setText("7, 3")
    dl.reminders_button.click()
    assert quarter.reminder_offsets(w.env.s()) == (7, 3) and dl.reminders.text() == "7, 3"
    dl.reminders.setText("x")
    dl.reminders_button.click()
    assert dialogs.errors[-1] == w.env.tr.t("quarter.bad_reminders")
    rows = {dl.table.item(i, 6).text(): dl.table.item(i, 2).text() for i in range(dl.table.rowCount())}
    name = nominees.get(w.env.s(), a).dossier.person.surname
    assert any(k.startswith(name) and v == w.env.tr.t("quarter.cli.overdue") for k, v in rows.items())
    red = [dl.table.item(i, 2).foreground().color().name() for i in range(dl.table.rowCount())
           if dl.table.item(i, 2).text() == w.env.tr.t("quarter.cli.overdue")]  # fmt: skip
    assert red and set(red) == {"#b3261e"}
