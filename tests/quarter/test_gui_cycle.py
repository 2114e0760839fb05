"""The quarter through the GUI on two real workstations: the board sends the list, the
Department records the agreement and the decisions (one refused) and exports the extract; the body
prints the notices, marks one delivered and raises an exclusion, which the Department decides."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import msgspec
import pytest
from PySide6.QtCore import QDate

from app.clock import FixedClock
from app.domain.dossier import CareerEvent, CareerEventKind
from app.security.kdf import KdfParams
from app.services import nominees, review, transfer_bundles
from app.services.workstation import Session
from tests.gui.conftest import unlock
from tests.quarter.conftest import at, dossier
from tests.transfer.conftest import new_workstation, pin

pytestmark = pytest.mark.gui


def _iin_map(s: Session) -> dict[str, int]:
    return {r.iin: r.id for r in nominees.rows(s)}


def test_a_quarter_through_the_screens(make_window, tmp_path: Path, clock: FixedClock,
                                       fast_kdf: KdfParams, dialogs) -> None:  # fmt: skip
    at(clock, "2026-02-10")
    body = new_workstation(tmp_path, "knb", "knb", clock, fast_kdf)
    dept = new_workstation(tmp_path, "dept", "department", clock, fast_kdf)
    pin(body, dept, tmp_path)
    pin(dept, body, tmp_path)
    for n in (1, 2):
        nominees.add(body, dossier(n, "knb"))
    paths = body.db.path, dept.db.path
    body.close()
    dept.close()

    wb = make_window(paths[0], lang="ru")
    unlock(wb)
    wd = make_window(paths[1], lang="ru")
    unlock(wd)
    sb, sd = wb.env.s(), wd.env.s()

    board = wb.main.show_screen("quarter")
    board.build_button.click()
    sent = tmp_path / "n.age"
    board.ask_path = lambda _f: str(sent)
    board.send_button.click()
    assert sent.exists() and board.board.counts["sent"] == 2, dialogs.errors
    pdf = tmp_path / "list.pdf"
    board.ask_path = lambda _f: str(pdf)
    board.print_button.click()
    assert dialogs.errors == [] and pdf.read_bytes().startswith(b"%PDF")  # the list as sent

    transfer_bundles.import_bundle(sd, sent)
    a, b = sorted(_iin_map(sd).values())
    for nid in (a, b):
        review.set_marks(sd, nid, accuracy="ok", completeness="ok", compliance="ok")
    review.form_list(sd, "2026Q1", day=dt.date(2026, 2, 10))

    at(clock, "2026-03-20")
    ds = wd.main.show_screen("decisions")
    ds.refresh()
    assert ds.table.rowCount() == 2
    assert ds.agreement.text() == wd.env.tr.t("decision.ui.not_agreed")
    ds.agree_date.setDate(QDate(2026, 3, 12))
    ds.agree_ref.setText("СБ № 3")
    ds.agree_button.click()
    assert "СБ № 3" in ds.agreement.text()
    ds.set_choice(b, "refuse")
    ds.number.setText("№ 45")
    ds.day.setDate(QDate(2026, 3, 20))
    ds.record_button.click()
    assert [nominees.get(sd, i).status for i in (a, b)] == ["enrolled", "refused"]
    assert ds.table.rowCount() == 0
    sheet = tmp_path / "sheet.pdf"
    ds.ask_path = lambda _f: str(sheet)
    ds.sheet_button.click()
    assert sheet.read_bytes().startswith(b"%PDF")
    extract = tmp_path / "e.age"
    ds.ask_path = lambda _f: str(extract)
    ds.extract_button.click()
    assert extract.exists(), dialogs.errors

    at(clock, "2026-03-26")
    transfer_bundles.import_bundle(sb, extract)
    ms = wb.main.show_screen("members")
    ms.refresh()
    assert ms.notices.rowCount() == 1
    notices_pdf = tmp_path / "notices.pdf"
    ms.ask_path = lambda _f: str(notices_pdf)
    ms.print_notices_button.click()
    assert notices_pdf.read_bytes().startswith(b"%PDF")
    assert ms.notices.item(0, 3).text().startswith("RZ-")  # the printed document's code
    ms.notices.selectRow(0)
    ms.delivered_date.setDate(QDate(2026, 3, 26))
    ms.delivered_button.click()
    assert ms.notices.item(0, 4).text() == "26.03.2026"

    at(clock, "2026-06-01")
    ms.refresh()
    assert ms.member.count() == 1 and ms.detected.text() == ""
    # the member's own report is recorded in the dossier: the rules engine finds p.18(4)
    (member,) = [r for r in nominees.rows(sb) if r.status == "enrolled"]
    rec = nominees.get(sb, member.id)
    report = CareerEvent(kind=CareerEventKind.EXCLUSION_REQUEST, date=dt.date(2026, 5, 28))
    nominees.update(sb, member.id, msgspec.structs.replace(rec.dossier, career_events=[report]))
    ms.refresh()
    assert ms.detected.text() == wb.env.tr.t("exclusion.ui.detected", n=1)
    ms.scan_button.click()
    assert ms.exclusions.rowCount() == 1 and ms.detected.text() == "", dialogs.errors
    assert ms.exclusions.item(0, 3).text() == wb.env.tr.t("exclusion.ui.source.rules")
    ms.ground.setCurrentIndex(ms.ground.findData("4"))
    ms.fact_date.setDate(QDate(2026, 5, 28))
    ms.evidence.setText("Рапорт от 28.05.2026")
    ms.raise_button.click()  # the same ground and date again: refused
    assert dialogs.errors[-1] == wb.env.tr.t("exclusion.exists", id=member.id, ground="p18_4")
    assert ms.exclusions.rowCount() == 1
    sub = tmp_path / "x.age"
    ms.ask_path = lambda _f: str(sub)
    ms.send_button.click()
    transfer_bundles.import_bundle(sd, sub)
    md = wd.main.show_screen("members")
    md.refresh()
    md.exclusions.selectRow(0)
    md.number.setText("№ 61")
    md.decision_date.setDate(QDate(2026, 6, 1))
    md.exclude_button.click()
    assert nominees.get(sd, a).status == "excluded", dialogs.errors
    back = tmp_path / "xd.age"
    md.ask_path = lambda _f: str(back)
    md.send_decisions_button.click()
    transfer_bundles.import_bundle(sb, back)
    ms.refresh()
    assert sorted(r.status for r in nominees.rows(sb)) == ["excluded", "refused"]
    assert ms.exclusions.item(0, 5).text() == wb.env.tr.t("exclusion.decision.exclude")
