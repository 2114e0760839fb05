"""The Transfers screen over two real workstations: a body exports, the Department previews and
imports (nothing changes before the clerk confirms), the receipt goes back; refusals show their
translated message and change nothing; conflicts side by side; peers pinned only on a matching
fingerprint."""

from __future__ import annotations

import os
from pathlib import Path

import msgspec
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPushButton, QTableWidget, QWidget

from app import i18n
from app.errors import RezervError
from app.services import nominees, transfer, workstation
from app.services import transfer_bundles as tb
from app.transfer import envelope
from app.transfer import format as fmt
from app.transfer.identity import Own
from tests.conftest import PASSPHRASE
from tests.gui.conftest import BACKGROUND_MS, unlock
from tests.transfer.conftest import db_digest, new_workstation, own, pin
from tests.transfer.forge import forge
from ui.screens.transfers import common

pytestmark = pytest.mark.gui
ROOT = Path(__file__).resolve().parents[2]


class FakeFiles:
    """Answers the file dialogs from queues; records what was asked."""

    def __init__(self) -> None:
        self.bundles: list[str] = []
        self.saves: list[str] = []
        self.cards: list[str] = []
        self.suggested: list[str] = []

    def open_bundle(self, parent):
        return self.bundles.pop(0) if self.bundles else None

    def open_card(self, parent):
        return self.cards.pop(0) if self.cards else None

    def save_bundle(self, parent, suggested):
        self.suggested.append(suggested)
        return self.saves.pop(0) if self.saves else None

    save_card = save_bundle


class Site(msgspec.Struct, kw_only=True, dict=True):
    path: Path
    id: str
    own: Own


@pytest.fixture
def sites(tmp_path, clock, fast_kdf, make_dossier):
    body = new_workstation(tmp_path, "body", "knb", clock, fast_kdf)
    dept = new_workstation(tmp_path, "dept", "department", clock, fast_kdf)
    pin(body, dept, tmp_path)
    pin(dept, body, tmp_path)
    for n in (1, 2):
        nominees.add(body, make_dossier(n))
    out = (Site(path=Path(body.db.path), id=body.workstation_id, own=own(body)),
           Site(path=Path(dept.db.path), id=dept.workstation_id, own=own(dept)))  # fmt: skip
    body.close()
    dept.close()
    (tmp_path / "stick").mkdir()
    return out


def open_screen(make_window, path: Path, lang: str = "kk"):
    w = make_window(path, lang=lang)
    unlock(w)
    screen = w.main.show_screen("transfers")
    files = FakeFiles()
    screen.set_files(files)
    return w, screen, files


def export_q1(screen, files, out: Path):
    """Through the outbox's dialog: nominations, the only peer, quarter 2026Q1."""
    files.saves.append(str(out))
    screen.show_tab("outbox")
    screen.outbox.start_export()
    dialog = screen.outbox.dialog
    assert dialog.kind.currentData() == "nominations"
    dialog.quarter.setCurrentIndex(dialog.quarter.findText("2026Q1"))
    assert dialog.ok.isEnabled()
    dialog.submit()
    return screen.outbox.result


def test_the_screen_is_in_the_rail_in_both_languages(make_window, sites):
    for lang in ("kk", "ru"):
        w = make_window(sites[0].path, lang=lang)
        unlock(w)
        button = w.main.buttons["transfers"]
        assert button.text() == i18n.tr("uitransfer.screen", lang)
        assert button.accessibleName() == i18n.tr("uitransfer.screen", lang)
        keys = [s.key for s in w.main.specs]
        assert keys.index("nominees") < keys.index("transfers") < keys.index("audit")
        screen = w.main.show_screen("transfers")
        assert w.main.title.text() == i18n.tr("uitransfer.screen", lang)
        assert screen.tabs.tabText(1) == i18n.tr("uitransfer.tab.outbox", lang)
        w.lock()


def test_export_preview_then_import_then_receipt(make_window, sites, dialogs, tmp_path):
    body_w, body, body_files = open_screen(make_window, sites[0].path)
    # identity: the fingerprint shown is the one the service reports, grouped for reading aloud
    card = transfer.show_identity(body_w.env.session)
    assert body.trust.fingerprint.text().replace(" ", "").replace("–", "-") == card.fingerprint
    out = tmp_path / "stick" / "q1.age"
    result = export_q1(body, body_files, out)
    assert dialogs.errors == []
    assert result is not None and result.count == 2 and out.exists()
    assert str(out) in body.outbox.status.text()
    assert [r.id for r in body.outbox.rows] == [result.bundle_id]
    waiting = i18n.tr("uitransfer.outbox.state.waiting", "kk")
    assert body.outbox.table.item(0, 0).text() == waiting

    dept_w, dept, dept_files = open_screen(make_window, sites[1].path)
    session = dept_w.env.session
    before = db_digest(session)
    dept_files.bundles.append(str(out))
    dept.show_tab("inbox")
    dept.inbox.choose()
    preview = dept.inbox.preview
    assert preview is not None and preview.isVisible()
    assert preview.ins.verified and preview.ins.refusal is None
    assert preview.fields["sender"].text().startswith(i18n.tr("ui.workstation.knb", "kk"))
    assert preview.fields["kind"].text() == i18n.tr("uitransfer.kind.nominations", "kk")
    table = preview.changes
    assert table.rowCount() == 2
    add = i18n.tr("uitransfer.action.add", "kk")
    assert {table.item(i, 0).text() for i in range(2)} == {add}
    iins = {table.item(i, 1).text() for i in range(2)}
    assert len(iins) == 2 and all(len(x) == 12 for x in iins)
    assert preview.apply_button.isEnabled()
    # nothing applied while the clerk looks at the preview
    assert db_digest(session) == before
    assert nominees.count(session) == 0

    preview.confirm()
    assert preview.outcome is not None and dialogs.errors == []
    assert nominees.count(session) == 2
    assert db_digest(session) != before
    receipt = tmp_path / "stick" / "q1.receipt.rzv"
    assert preview.outcome.receipt_path == str(receipt) and receipt.exists()
    assert str(receipt) in preview.status.text()
    assert not preview.apply_button.isVisible()
    assert [r.id for r in dept.inbox.rows] == [result.bundle_id]

    # the receipt goes back to the body: the outbox shows the bundle acknowledged
    body_files.bundles.append(str(receipt))
    body.inbox.choose()
    back = body.inbox.preview
    assert back.ins.kind == "receipt"
    assert back.changes.item(0, 0).text() == i18n.tr("uitransfer.action.ack", "kk")
    back.confirm()
    assert back.outcome is not None and back.outcome.receipt_id is None
    row = next(i for i, r in enumerate(body.outbox.rows) if r.id == result.bundle_id)
    acked = body.outbox.rows[row].acked
    assert acked is not None
    assert body.outbox.table.item(row, 0).text() == i18n.tr(
        "uitransfer.outbox.state.acked", "kk", date=common.when(acked)
    )


def _flip(path: Path, at: int) -> Path:
    data = bytearray(path.read_bytes())
    data[at] ^= 0x01
    bad = path.with_name("tampered.age")
    bad.write_bytes(bytes(data))
    return bad


def test_a_tampered_bundle_shows_its_message_and_changes_nothing(make_window, sites, dialogs,
                                                                 tmp_path):  # fmt: skip
    _w, body, body_files = open_screen(make_window, sites[0].path)
    out = tmp_path / "stick" / "q1.age"
    export_q1(body, body_files, out)
    bad = _flip(out, len(out.read_bytes()) // 2)

    dept_w, dept, dept_files = open_screen(make_window, sites[1].path, lang="ru")
    session = dept_w.env.session
    with pytest.raises(RezervError) as e:
        tb.inspect_bundle(session, bad)
    expected = e.value.message("ru")
    before = db_digest(session)
    dept_files.bundles.append(str(bad))
    dept.inbox.choose()
    assert dialogs.errors == [expected]
    assert "Traceback" not in expected and expected != e.value.key
    assert dept.inbox.preview is None
    assert expected in dept.inbox.status.text()
    assert db_digest(session) == before
    assert dept.inbox.open_button.isEnabled() and not dept.inbox.panel.isVisible()


def _cases(sent: bytes, body: Own, dept: Own, rogue: Own) -> list[tuple[str, bytes]]:
    u = fmt.parse(envelope.decrypt(sent, body.identity()))
    items = [(it.media_type, b) for it, b in zip(u.manifest.items, u.items, strict=True)]
    keys, me = [dept.card.age_recipient], [fmt.Recipient(id=dept.id, seq=1, prev="")]
    return [
        ("bundle.empty", b""),
        ("bundle.not_age", b"PK\x03\x04 not a bundle"),
        ("bundle.truncated", sent[:60]),
        ("bundle.payload_damaged", sent[: len(sent) // 2]),
        ("bundle.format_newer", forge(body, keys, me, items, version=2)),
        ("bundle.unknown_sender", forge(rogue, keys, me, items)),
        ("bundle.not_recipient",
         forge(body, keys, [fmt.Recipient(id="ab" * 16, seq=1, prev="")], items)),
    ]  # fmt: skip


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_refusal_shows_its_translated_message(make_window, sites, dialogs, tmp_path, lang,
                                                    clock, fast_kdf):  # fmt: skip
    third = new_workstation(tmp_path, "third", "syrbar", clock, fast_kdf)
    rogue = own(third)
    third.close()
    _w, body, body_files = open_screen(make_window, sites[0].path)
    out = tmp_path / "stick" / "q1.age"
    export_q1(body, body_files, out)
    dept_w, dept, dept_files = open_screen(make_window, sites[1].path, lang=lang)
    session = dept_w.env.session
    before = db_digest(session)
    for key, data in _cases(out.read_bytes(), sites[0].own, sites[1].own, rogue):
        path = tmp_path / "stick" / f"{key}.age"
        path.write_bytes(data)
        dialogs.errors.clear()
        dept_files.bundles.append(str(path))
        dept.inbox.choose()
        preview = dept.inbox.preview
        if preview is None:  # refused before the manifest could be read: a message box
            err = dept.inbox.last_error
            assert isinstance(err, RezervError) and err.key == key
            assert dialogs.errors == [err.message(lang)]
        else:  # readable but refused: the preview says why and cannot apply
            err = preview.ins.refusal
            assert err is not None and err.key == key
            assert err.message(lang) in preview.refusal.text()
            assert not preview.apply_button.isEnabled()
            preview.reject()
        assert err.message(lang) != key and "Traceback" not in err.message(lang)
        assert db_digest(session) == before, key
    assert not list((tmp_path / "stick").glob("*.receipt*"))


def test_a_replayed_bundle_is_previewed_as_refused(make_window, sites, dialogs, tmp_path):
    _w, body, body_files = open_screen(make_window, sites[0].path)
    out = tmp_path / "stick" / "q1.age"
    export_q1(body, body_files, out)
    dept_w, dept, dept_files = open_screen(make_window, sites[1].path)
    dept_files.bundles += [str(out), str(out)]
    dept.inbox.choose()
    dept.inbox.preview.confirm()
    session = dept_w.env.session
    before = db_digest(session)
    dept.inbox.choose()
    preview = dept.inbox.preview
    assert preview.ins.refusal is not None and preview.ins.refusal.key == "bundle.replayed"
    assert preview.refusal.isVisibleTo(preview)
    assert preview.ins.refusal.message("kk") in preview.refusal.text()
    assert not preview.apply_button.isEnabled()
    preview.confirm()  # ignored
    assert db_digest(session) == before


def test_the_file_must_not_change_between_preview_and_apply(make_window, sites, tmp_path):
    _w, body, body_files = open_screen(make_window, sites[0].path)
    out = tmp_path / "stick" / "q1.age"
    export_q1(body, body_files, out)
    dept_w, dept, dept_files = open_screen(make_window, sites[1].path)
    dept_files.bundles.append(str(out))
    dept.inbox.choose()
    preview = dept.inbox.preview
    out.write_bytes(out.read_bytes() + b"x")
    preview.confirm()
    assert preview.outcome is None and nominees.count(dept_w.env.session) == 0
    assert i18n.tr("uitransfer.preview.file_changed", "kk") in preview.status.text()
    assert not preview.apply_button.isEnabled()


def test_a_conflict_is_shown_side_by_side(make_window, sites, tmp_path, make_dossier):
    body_w, body, body_files = open_screen(make_window, sites[0].path)
    dept_w, dept, dept_files = open_screen(make_window, sites[1].path)
    out = tmp_path / "stick" / "q1.age"
    export_q1(body, body_files, out)
    dept_files.bundles.append(str(out))
    dept.inbox.choose()
    dept.inbox.preview.confirm()
    # both sides edit the same dossier; the body sends a correction
    iin = make_dossier(1).person.iin
    ds = dept_w.env.session
    nid = _id(ds, iin)
    rec = nominees.get(ds, nid)
    nominees.update(ds, nid, _with_position(rec.dossier, "Бөлім бастығы (жергілікті)"))
    bs = body_w.env.session
    bid = _id(bs, iin)
    nominees.update(bs, bid, _with_position(nominees.get(bs, bid).dossier, "Басқарма бастығы"))
    corr = tmp_path / "stick" / "c1.age"
    r = tb.export_bundle(bs, kind="corrections", peer_id=sites[1].id, out=corr, quarter="2026Q1")
    assert r.count == 1
    dept_files.bundles.append(str(corr))
    dept.inbox.choose()
    preview = dept.inbox.preview
    assert preview.changes.item(0, 0).text() == i18n.tr("uitransfer.action.conflict", "kk")
    preview.confirm()
    tab = dept.show_tab("conflicts")
    assert len(tab.rows) == 1 and tab.rows[0].iin == iin
    assert dept.tabs.tabText(3) == i18n.tr("uitransfer.tab.conflicts_n", "kk", count=1)
    tab.list.selectRow(0)
    tab.show_selected()
    shown = {(tab.fields.item(i, 1).text(), tab.fields.item(i, 2).text())
             for i in range(tab.fields.rowCount())}  # fmt: skip
    assert ("Бөлім бастығы (жергілікті)", "Басқарма бастығы") in shown
    # the local record was not overwritten
    assert nominees.get(ds, nid).dossier.current_position == "Бөлім бастығы (жергілікті)"
    dept_w.resize(1366, 820)
    folder = ROOT / "docs" / "screenshots" if os.environ.get("REZERV_SCREENSHOTS") else tmp_path
    assert dept_w.grab().save(str(folder / "transfers-conflict-kk.png"))


def _id(s, iin: str) -> int:
    from app.store.nominees import Nominees

    nid = Nominees(s.db.connection()).id_by_iin(iin)
    assert nid is not None
    return nid


def _with_position(d, position: str):
    return msgspec.structs.replace(d, current_position=position)


def test_peers_pinned_only_on_matching_fingerprint_and_revoked_on_confirmation(
    make_window, sites, tmp_path, dialogs, clock, fast_kdf
):
    third = new_workstation(tmp_path, "third", "syrbar", clock, fast_kdf)
    card = tmp_path / "third-card.json"
    transfer.export_identity(third, card)
    right = transfer.show_identity(third).fingerprint
    third.close()
    w, screen, files = open_screen(make_window, sites[1].path)
    trust = screen.trust
    assert trust.add.isEnabled()
    assert len(trust.peers) == 1
    files.cards.append(str(card))
    trust.add_peer()
    dialog = trust.dialog
    dialog.choose_card()
    wrong = ("0000" + right[4:]) if not right.startswith("0000") else ("1111" + right[4:])
    dialog.fingerprint.setText(wrong)
    dialog.submit()
    assert dialog.error.isVisibleTo(dialog)
    assert dialog.error.text() == i18n.tr("peer.fingerprint_mismatch", "kk", typed=wrong)
    assert len(transfer.list_peers(w.env.session)) == 1
    dialog.fingerprint.setText(right.lower().replace("-", " "))
    dialog.submit()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert len(trust.peers) == 2
    # revoke: asked first; "no" keeps it
    row = [p.role for p in trust.peers].index("syrbar")
    trust.table.selectRow(row)
    dialogs.confirm_answer = False
    trust.revoke_peer()
    assert all(p.active for p in transfer.list_peers(w.env.session))
    dialogs.confirm_answer = True
    trust.revoke_peer()
    assert right in dialogs.asked[-1]
    revoked = [p for p in transfer.list_peers(w.env.session) if p.revoked]
    assert [p.role for p in revoked] == ["syrbar"]
    assert not trust.revoke.isEnabled()


def test_a_clerk_exchanges_but_cannot_manage_peers(make_window, sites):
    w = make_window(sites[1].path)
    unlock(w)
    workstation.add_user(w.env.session, "clerk1", "clerk", "another long passphrase for the clerk",
                         kdf=w.env.kdf)  # fmt: skip
    w.lock()
    unlock(w, user="clerk1", passphrase="another long passphrase for the clerk")
    screen = w.main.show_screen("transfers")
    assert not screen.trust.add.isEnabled()
    assert screen.trust.peers_hint.text() == i18n.tr("uitransfer.peers.supervisor_only", "kk")
    assert screen.inbox.open_button.isEnabled() and screen.outbox.new.isEnabled()


def test_card_export_writes_the_public_card(make_window, sites, tmp_path):
    _w, screen, files = open_screen(make_window, sites[0].path)
    out = tmp_path / "card.json"
    files.saves.append(str(out))
    screen.trust.export_card()
    card = msgspec.json.decode(out.read_bytes())
    assert card["id"] == sites[0].id and "secret" not in out.read_text()
    assert files.suggested[-1].endswith(".json")
    assert str(out) in screen.trust.saved.text()


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_screenshot(make_window, sites, tmp_path, lang, qapp):
    """The outbox after an export and the preview of its import; saved under docs/screenshots/
    when REZERV_SCREENSHOTS=1 (otherwise into the test's temporary folder)."""
    body_w, body, body_files = open_screen(make_window, sites[0].path, lang=lang)
    body_w.resize(1366, 820)
    out = tmp_path / "stick" / "q1.age"
    export_q1(body, body_files, out)
    _dept_w, dept, dept_files = open_screen(make_window, sites[1].path, lang=lang)
    dept_files.bundles.append(str(out))
    dept.inbox.choose()
    dept.inbox.preview.resize(820, 600)
    folder = ROOT / "docs" / "screenshots" if os.environ.get("REZERV_SCREENSHOTS") else tmp_path
    body.show_tab("outbox")
    qapp.processEvents()
    assert body_w.grab().save(str(folder / f"transfers-{lang}.png"))
    assert dept.inbox.preview.grab().save(str(folder / f"transfers-preview-{lang}.png"))
    body.show_tab("trust")
    qapp.processEvents()
    assert body_w.grab().save(str(folder / f"transfers-trust-{lang}.png"))
    assert PASSPHRASE not in (folder / f"transfers-{lang}.png").read_bytes().decode("latin-1")


def test_export_of_dossiers_picked_one_by_one(make_window, sites, tmp_path, dialogs):
    _w, body, files = open_screen(make_window, sites[0].path)
    out = tmp_path / "stick" / "one.age"
    files.saves.append(str(out))
    body.outbox.start_export()
    dialog = body.outbox.dialog
    dialog.by_pick.setChecked(True)
    assert dialog.picks.count() == 2 and not dialog.ok.isEnabled()
    dialog.picks.item(1).setCheckState(Qt.CheckState.Checked)
    assert dialog.ok.isEnabled()
    assert dialog.picked_count.text() == i18n.tr("uitransfer.export.picked", "kk", count=1)
    dialog.submit()
    assert dialogs.errors == []
    assert body.outbox.result.count == 1 and out.exists()
    # the same file again: the service refuses to replace it, with its own message
    files.saves.append(str(out))
    body.outbox.start_export()
    body.outbox.dialog.by_pick.setChecked(True)
    body.outbox.dialog.picks.item(0).setCheckState(Qt.CheckState.Checked)
    body.outbox.dialog.submit()
    assert dialogs.errors == [i18n.tr("bundle.out_exists", "kk", path=str(out))]
    assert len(body.outbox.rows) == 1


def test_language_switch_and_accessible_names(make_window, sites):
    w, screen, _files = open_screen(make_window, sites[0].path, lang="kk")
    w.env.tr.set_lang("ru")
    assert screen.tabs.tabText(2) == i18n.tr("uitransfer.tab.inbox", "ru")
    header = screen.trust.table.horizontalHeaderItem(2).text()
    assert header == i18n.tr("uitransfer.peers.col.fingerprint", "ru")
    assert screen.inbox.open_button.text() == i18n.tr("uitransfer.inbox.open", "ru")
    unnamed = []
    for key in ("trust", "outbox", "inbox", "conflicts"):
        tab = screen.show_tab(key)
        for widget in tab.findChildren(QWidget):
            if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or not widget.isVisibleTo(tab):
                continue
            if isinstance(widget, QLineEdit | QComboBox | QTableWidget):
                named = widget.accessibleName()
            elif isinstance(widget, QPushButton | QCheckBox):
                named = widget.accessibleName() or widget.text()
            else:
                continue
            if not named:
                unnamed.append(type(widget).__name__)
    assert unnamed == []


def test_closing_mid_exchange_asks_first(make_window, sites, dialogs):
    _w, screen, _files = open_screen(make_window, sites[0].path)
    assert screen.confirm_close() and dialogs.asked == []
    screen.outbox.busy = True
    dialogs.confirm_answer = False
    assert not screen.confirm_close()
    assert dialogs.asked == [i18n.tr("uitransfer.confirm_close", "kk")]
    screen.outbox.busy = False


def test_inspect_and_import_run_off_the_gui_thread(make_window, sites, tmp_path, qtbot, monkeypatch):
    import threading

    from ui.ops import PoolExecutor

    _w, body, body_files = open_screen(make_window, sites[0].path)
    out = tmp_path / "stick" / "q1.age"
    export_q1(body, body_files, out)
    dept_w, dept, _files = open_screen(make_window, sites[1].path)
    pool = PoolExecutor()
    dept_w.env.executor = pool
    threads: list[str] = []
    real_inspect, real_import = tb.inspect_bundle, tb.import_bundle

    def inspect(*a, **kw):
        threads.append(threading.current_thread().name)
        return real_inspect(*a, **kw)

    def import_(*a, **kw):
        threads.append(threading.current_thread().name)
        return real_import(*a, **kw)

    monkeypatch.setattr(tb, "inspect_bundle", inspect)
    monkeypatch.setattr(tb, "import_bundle", import_)
    dept.inbox.inspect(out)
    assert dept.inbox.busy and dept.inbox.panel.isVisibleTo(dept.inbox)
    assert not dept.inbox.open_button.isEnabled()
    qtbot.waitUntil(lambda: dept.inbox.preview is not None, timeout=BACKGROUND_MS)
    assert not dept.inbox.busy and dept.inbox.open_button.isEnabled()
    preview = dept.inbox.preview
    preview.confirm()
    assert preview.busy and not preview.apply_button.isEnabled() and preview.cancel.isEnabled()
    assert dept.working()
    qtbot.waitUntil(lambda: preview.outcome is not None, timeout=BACKGROUND_MS)
    pool.wait()
    assert not dept.working()
    assert len(threads) == 2 and threading.main_thread().name not in threads
    assert nominees.count(dept_w.env.session) == 2
