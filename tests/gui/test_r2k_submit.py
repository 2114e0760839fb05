"""The Reg-2000 documents form on the Reservists screen, real widgets offscreen in Kazakh and
Russian: every document of each source's list (p.19, p.22 — the eight of a graduate —, p.29,
p.32-2) is a checkbox with its clause in words, the source's own facts beside it (the
commission's vote for source 1), the form within 1366x768; saved without one document, the
record's findings name it (``r2000.doc.missing``). At a state body the form offers only the two
sources it submits (p.19, p.32-2), and the documents go to the authority as a bundle."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QFormLayout

from app.domain.reg2000 import Doc, Source
from app.rules.citation import cite
from app.rules.reg_2000_params import DOCUMENTS
from app.security.kdf import KdfParams
from app.services import r2k
from app.services import transfer_bundles as tb
from tests.gui.test_fit import problems
from tests.gui.test_r2k_screens import _open
from ui.screens.r2k import demo
from ui.screens.r2k.submit import SubmitForm

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> dict[str, Path]:
    return demo.create(tmp_path_factory.mktemp("r2k_submit"), KdfParams.fast_for_tests())


def _copy(world: dict[str, Path], side: str, tmp_path: Path) -> Path:
    root = tmp_path / side
    shutil.copytree(world[side].parent, root)
    return root / world[side].name


def _field_xs(form: SubmitForm) -> set[int]:
    """Where the shown rows' fields start (labelled rows and the checkbox rows alike)."""
    xs = set()
    for i in range(form.fields.rowCount()):
        item = form.fields.itemAt(i, QFormLayout.ItemRole.FieldRole)
        w = item.widget() if item is not None else None
        if w is not None and w.isVisibleTo(form):
            xs.add(w.mapTo(form, w.rect().topLeft()).x())
    return xs


def test_the_authority_records_the_day_the_body_sent_for_sources_1_and_4(make_window, world,
                                                                        tmp_path) -> None:  # fmt: skip
    """p.19, p.32-2 judge the day the state body sent the documents; p.20, p.32-3 run from the
    receipt: at the authority the form asks for both."""
    w = _open(make_window, _copy(world, "authority", tmp_path), "ru")
    form = SubmitForm(w.env, authority=True, parent=w.main.show_screen("r2k_reservists"))
    form.received.setDate(dt.date(2026, 1, 23))
    form.sent.setDate(dt.date(2026, 1, 20))
    form.iin.setText("850505300055")
    form.name.setText("Ким Ольга")
    form.category.setText("C-4")
    form.source.setCurrentIndex(3)
    r = form.reservist()
    assert (r.attestation_sent, r.documents_received) == (dt.date(2026, 1, 20), dt.date(2026, 1, 23))
    form.source.setCurrentIndex(0)
    r = form.reservist()
    assert r.competition is not None and r.competition.sent_to_authority == dt.date(2026, 1, 20)
    assert r.attestation_sent is None


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_document_is_a_field_and_a_missing_one_is_found(make_window, world, monkeypatch, tmp_path,
                                                              lang, dialogs) -> None:  # fmt: skip
    w = _open(make_window, _copy(world, "authority", tmp_path), lang)
    screen = w.main.show_screen("r2k_reservists")
    t = w.env.tr.t
    form = SubmitForm(w.env, authority=True, parent=screen)
    assert [form.source.itemData(i) for i in range(form.source.count())] == [1, 2, 3, 4]
    for src, items in DOCUMENTS.items():
        form.source.setCurrentIndex(src.value - 1)
        form.show()
        QApplication.processEvents()
        shown = {d: c for d, c in form.docs[src.value].items() if c.isVisibleTo(form)}
        assert list(shown) == [d for d, _ in items]  # p.22: all eight for a graduate
        for doc, point in items:
            assert shown[doc].text().replace("\n", " ") == t(f"rules.r2000_doc.{doc.value}")
            assert shown[doc].toolTip() == cite(f"Reg-2000 {point}", lang)
        assert problems(form, f"{lang} submit form, source {src.value}") == []
        # one label column: the common rows and the source's own start their fields at one x
        assert len(_field_xs(form)) == 1, _field_xs(form)
        assert form.sent.isVisibleTo(form) == (src in (Source.COMPETITION, Source.ATTESTATION))
        form.close()
    assert len(DOCUMENTS[Source.TRAINING]) == 8

    missing = Doc.HEALTH_CERTIFICATE  # p.22(6)

    def fill(self: SubmitForm) -> int:
        self.source.setCurrentIndex(1)  # a graduate (p.21)
        self.iin.setText("850505300055")
        self.name.setText("Жаңа Түлек")
        self.category.setText("C-4")
        self.consent.setChecked(True)
        self.qualified.setChecked(True)
        self.check_all()
        self.docs[2][missing].setChecked(False)
        self.completed.setDate(dt.date(2026, 1, 20))
        return 1

    monkeypatch.setattr(SubmitForm, "exec", fill)
    errors = len(dialogs.errors)
    screen.submit()
    QApplication.processEvents()
    assert len(dialogs.errors) == errors and screen.submitted is not None
    rec = r2k.show(w.env.session, screen.submitted)[0]
    assert rec.status == "submitted" and missing not in rec.reservist.documents
    assert len(rec.reservist.documents) == 7
    text = screen.findings.text()
    assert t(f"rules.r2000_doc.{missing.value}") in text and cite("Reg-2000 p.22(6)", lang) in text
    assert t("rules.r2000_doc.application") not in text  # the ones given are not named


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_body_submits_its_own_commissions_and_sends_them(make_window, world, monkeypatch, tmp_path,
                                                             lang, dialogs) -> None:  # fmt: skip
    w = _open(make_window, _copy(world, "body", tmp_path), lang)
    screen = w.main.show_screen("r2k_reservists")
    assert list(screen.buttons) == ["submit", "send_submissions", "place"]
    form = SubmitForm(w.env, authority=False, parent=screen)
    assert [form.source.itemData(i) for i in range(form.source.count())] == [1, 4]
    form.show()
    QApplication.processEvents()
    assert form.k_members.isVisibleTo(form) and not form.received.isVisibleTo(form)
    assert not form.sent.isVisibleTo(form)  # the body's sending day is the bundle's
    assert len(_field_xs(form)) == 1
    assert problems(form, f"{lang} body submit form") == []
    form.close()

    def fill(self: SubmitForm) -> int:  # source 1: the vote lacks a quorum (5 of 9 present)
        self.iin.setText("860606400066")
        self.name.setText("Конкурсқа Қатысушы")
        self.category.setText("C-4")
        self.consent.setChecked(True)
        self.check_all()
        for box, n in ((self.k_members, 9), (self.k_present, 5), (self.k_for, 5)):
            box.setValue(n)
        return 1

    monkeypatch.setattr(SubmitForm, "exec", fill)
    screen.submit()
    QApplication.processEvents()
    assert screen.submitted is not None
    assert cite("Reg-2000 p.18", lang) in screen.findings.text()
    out = tmp_path / "sub.rzv"
    screen.ask_path = lambda _filter: str(out)
    screen.send_submissions()
    QApplication.processEvents()
    assert out.exists() and tb.inspect_bundle(w.env.session, out).kind == "r2k_submission"
    assert any(str(out) in m for m in dialogs.infos)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_authority_records_the_p37_notices_from_the_screen(make_window, world, monkeypatch, tmp_path,
                                                                lang) -> None:  # fmt: skip
    """p.36 part 3 - p.37: the body's placement reaches the authority, which records through the
    screen's form (within 1366x768) that it notified the reservist and sent the personal file."""
    from app.services import workstation
    from app.transfer import peers
    from tests.gui.test_r2k_screens import _fits, _rows
    from ui.screens.r2k.common import Form

    b = workstation.unlock(_copy(world, "body", tmp_path), user=demo.USER, passphrase=demo.PASSPHRASE)
    try:
        to_auth = next(p.id for p in peers.all_peers(b.db.connection()) if p.role == "reg2000-authority")
        out = Path(r2k.send_placements(b, peer_id=to_auth, out=tmp_path / "p.rzv").path)
    finally:
        b.close()
    w = _open(make_window, _copy(world, "authority", tmp_path), lang)
    s = w.env.session
    tb.import_bundle(s, out)
    rid = next(v.id for v in r2k.reservists(s) if v.status == "placed")
    screen = w.main.show_screen("r2k_reservists")
    assert "notified" in screen.buttons
    screen.refresh()
    QApplication.processEvents()
    screen.table.selectRow([r[0] for r in _rows(screen.table)].index(str(rid)))
    seen: list[Form] = []
    monkeypatch.setattr(Form, "exec", lambda self: seen.append(self) or 1)
    screen.notified()
    QApplication.processEvents()
    assert len(seen) == 1 and _fits(seen[0], f"{lang} notified form") == []
    pl = r2k.show(s, rid)[0].reservist.placement
    today = s.clock.today()
    assert pl is not None and (pl.reservist_notified, pl.file_sent) == (today, today)
