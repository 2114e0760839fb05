"""``make screenshots``: a PNG of every screen and dialog in Kazakh and Russian under
docs/screenshots/<lang>/, rendered on an offscreen screen of 1366x768 (the smallest the offices
have), from a throwaway demo workstation (weak test KDF: nothing real)."""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QWidget

from app.clock import FixedClock
from app.security.kdf import KdfParams
from app.services import calendar, demo_history, nominees, quarter
from app.services.workstation import Session
from app.store.nominees import Filters
from ui import app as ui_app
from ui import demo_data, fit
from ui.app_window import AppWindow
from ui.ops import SyncExecutor

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
SIZE = (1366, 768 - 64)  # the screen less a title bar and a desktop panel
CLOCK = FixedClock(dt.datetime(2026, 2, 10, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=5))))


# a demo transfer (made up for the picture, not a real decree)
DEMO_OVERRIDES = [
    (dt.date(2026, 5, 8), "day_off", "Демалыс күнін ауыстыру / Перенос выходного дня"),
    (dt.date(2026, 5, 16), "workday", "Жұмыс сенбісі / Рабочая суббота"),
]
DEMO_REFERENCE = "ҚР Үкіметінің қаулысы / Постановление Правительства РК (демо)"


class _QuietDialogs:
    def __init__(self, *_: object) -> None:
        pass

    def error(self, *_: object) -> None:
        pass

    info = error

    def confirm(self, *_: object) -> bool:
        return False

    def ask_save(self, *_: object) -> str:
        return "discard"

    def open_image(self, *_: object) -> None:
        return None


def _settle(app: QApplication, seconds: float = 0.12) -> None:
    """Let timers fire (the nominee list gathers the thumbnails a paint asked for for 30 ms)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.005)


def _save(app: QApplication, widget: QWidget, lang: str, name: str) -> None:
    app.processEvents()
    widget.grab()  # a first paint asks for what it shows (thumbnails)
    _settle(app)
    path = OUT / lang / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(path))
    print(path.relative_to(OUT.parent.parent))


def _window(app: QApplication, path: Path, lang: str, user: str = "") -> AppWindow:
    w = ui_app.build(
        app,
        path=path,
        lang=lang,
        user=user,
        executor=SyncExecutor(),
        kdf=KdfParams.fast_for_tests(),
        dialogs=_QuietDialogs(),  # type: ignore[arg-type]
        clock=CLOCK,
        remember_lang=False,
    )
    w.resize(*SIZE)
    w.show()
    return w


def _screen_of(w: AppWindow, key: str) -> Any:
    """A screen of the window (each has its own attributes, driven here by name)."""
    assert w.main is not None
    return w.main.screen(key)


def _screen(w: AppWindow, key: str) -> Any:
    assert w.main is not None
    return w.main.show_screen(key)


def _session(w: AppWindow) -> Session:
    assert w.env.session is not None
    return w.env.session


def _unlock(w: AppWindow, passphrase: str) -> None:
    assert w.unlock is not None
    w.unlock.passphrase.setText(passphrase)
    w.unlock.submit()


def shoot(app: QApplication, tmp: Path, lang: str) -> None:
    fresh = _window(app, tmp / f"fresh-{lang}" / "rezerv.db", lang)
    first_run = fresh.first_run
    assert first_run is not None
    first_run.role_page.radios["knb"].setChecked(True)
    _save(app, fresh, lang, "01-first-run")
    first_run.next()
    page = first_run.user_page
    page.name.setText("aigerim")
    page.secret.first.setText("тау басында ақ қар жатыр")
    page.secret.second.setText("тау басында ақ қар жатыр")
    _save(app, fresh, lang, "02-first-run-passphrase")
    fresh.close()

    db = tmp / "demo" / "rezerv.db"
    w = _window(app, db, lang, user=demo_data.USER)
    _save(app, w, lang, "03-unlock")
    _unlock(w, demo_data.PASSPHRASE)
    screen = _screen_of(w, "nominees")
    s = _session(w)
    blocked = nominees.rows(s, Filters(findings="blocked"), limit=1)
    _save(app, w, lang, "04-nominees")
    screen.findings.setCurrentIndex(screen.findings.findData("blocked"))
    if blocked:
        screen.table.selectRow(0)
    _save(app, w, lang, "05-nominees-blocked")
    screen.findings.setCurrentIndex(0)
    screen.search.setText("нұрл")
    screen.apply_filters()
    _save(app, w, lang, "06-nominees-search")
    screen.search.setText("")
    if blocked:
        screen._edit_record(nominees.get(s, blocked[0].id))
        wiz = screen.wizard
        wiz.resize(*SIZE)
        _save(app, wiz, lang, "07-wizard-identity")
        for step, name in (("service", "08-wizard-service"), ("photo", "09-wizard-photo"),
                           ("records", "10-wizard-records"), ("submission", "11-wizard-submission"),
                           ("review", "12-wizard-review")):  # fmt: skip
            wiz.go_to(step)
            _save(app, wiz, lang, name)
        wiz.discard_silently()
    assert w.main is not None
    for key in ("quarter", "reserve", "members", "deadlines", "transfers"):
        if key in w.main.buttons:
            _screen(w, key)
            _save(app, w, lang, f"2{list(w.main.buttons).index(key)}-{key}")
    _dialogs(app, w, lang, s)
    _photo_crop(app, w, lang)
    audit = _screen(w, "audit")
    audit.verify()
    _save(app, w, lang, "13-audit")
    settings = _screen(w, "settings")
    _save(app, w, lang, "14-settings-language")
    settings.show_page("lock")
    _save(app, w, lang, "15-settings-lock")
    settings.show_page("users")
    _save(app, w, lang, "16-settings-users")
    page = settings.show_page("calendar")
    page.check_day.setDate(page.items[0].day if page.items else page.check_day.date())
    _save(app, w, lang, "18-settings-calendar")
    settings.show_page("reminders")
    _save(app, w, lang, "19-settings-reminders")
    reports_screen = _screen(w, "reports")
    reports_screen.first.setCurrentText("2024Q1")
    reports_screen.last.setCurrentText("2026Q1")
    for i, kind in enumerate(("flow", "timeliness", "composition", "horizon", "exclusions")):
        reports_screen.kind.setCurrentIndex(reports_screen.kind.findData(kind))
        _save(app, w, lang, f"{20 + i}-report-{kind}")
    _screen(w, "bench")
    _save(app, w, lang, "25-bench")
    board = _screen(w, "quarter")
    board.sort_need_button.click()
    _save(app, w, lang, "35-quarter-by-need")
    w.lock()
    _save(app, w, lang, "17-locked")
    w.close()


def _demo_positions(s: Session, root: Path) -> None:
    """A made-up positions catalogue from the demo's intended positions, with a few needs."""
    import csv
    from collections import Counter

    from app.services import positions
    from app.store.nominees import Nominees

    seen = Counter((d.body.value, d.nomination.intended_position.strip())
                   for _, d in Nominees(s.db.connection()).iter_dossiers()
                   if d.nomination.intended_position.strip() and d.body.value == s.body)  # fmt: skip
    top = [k for k, _ in seen.most_common(12)]
    f = root / "positions.csv"
    with f.open("w", encoding="utf-8", newline="") as out:
        w = csv.writer(out)
        w.writerow(["title", "body", "decree_290", "service_years"])
        for i, (body, title) in enumerate(top):
            w.writerow([title, body, "0" if i == len(top) - 1 else "1", 10 + i % 5])
    positions.import_file(s, f)
    today = s.clock.today()
    for i, (_, title) in enumerate(top[:6]):
        positions.add_need(s, title, today + dt.timedelta(days=30 * i - 20),
                           ("vacancy", "age_limit", "term_of_office", "rotation")[i % 4])  # fmt: skip


def _dialog(app: QApplication, lang: str, name: str) -> None:
    """The dialog that is open now, as the clerk sees it (its own size, capped to the screen)."""
    from PySide6.QtWidgets import QDialog

    app.processEvents()
    for d in QApplication.topLevelWidgets():
        if isinstance(d, QDialog) and d.isVisible():
            _save(app, d, lang, name)
            d.reject()


def _dialogs(app: QApplication, w: AppWindow, lang: str, s: object) -> None:
    from ui.print.dialog import open_print_dialog

    ids = [r.id for r in nominees.rows(_session(w), Filters(), limit=3)]
    if ids:
        open_print_dialog(w.env, w, ids[:1])
        _dialog(app, lang, "30-print-preview")
    transfers = _screen(w, "transfers")
    transfers.show_tab("trust")
    transfers.trust.add_peer()
    _dialog(app, lang, "31-add-peer")
    settings = _screen(w, "settings")
    users = settings.show_page("users")
    users.add_user()
    _dialog(app, lang, "32-add-user")
    users.change_passphrase()
    _dialog(app, lang, "33-change-passphrase")
    _life(app, w, lang)
    from ui.signed import shots as signed  # the signed papers (issue 19)

    signed.shoot(app, w, lang, _save, Path(tempfile.mkdtemp(prefix="rezerv-signed-")))
    root = Path(tempfile.mkdtemp(prefix="rezerv-conflict-"))
    path, cid = signed.conflict_db(_session(w), root, CLOCK)
    dept = _window(app, path, lang, user=demo_data.USER)
    _unlock(dept, demo_data.PASSPHRASE)
    signed.shoot_conflict(app, dept, lang, _save, cid)
    dept.close()


def _demo_life(s: Session) -> int | None:
    """A member in the reserve today with a course, an acting duty and an override recorded (the
    timeline's picture); None when the demo has no such member."""
    from app.services import reserve, reserve_life

    today = s.clock.today()
    active = [m for m in reserve.members(s) if reserve.state_of(m, today) == "active"]
    for m in active:
        start = max(m.enrolled_on, today - dt.timedelta(days=60))
        try:
            reserve_life.record_acting(s, m.nominee_id, order="№ 30 л/с (демо)", day_from=start,
                                       day_to=start + dt.timedelta(days=20))  # fmt: skip
        except Exception:  # noqa: BLE001, S112 - a seconded member (p.17): try the next
            continue
        reserve_life.record_training(s, m.nominee_id, course="Құқық қорғау органдары академиясы / "
                                     "Академия правоохранительных органов (демо)", day_from=start,
                                     day_to=start + dt.timedelta(days=11), hours=72,
                                     certificate="№ 0042")  # fmt: skip
        reserve_life.record_override(s, m.nominee_id, by="head_pa", number="№ 5-р (демо)", day=today)
        return m.nominee_id
    return None


_LIFE_MEMBER: list[int] = []  # set by main() once the demo history is made


def _life(app: QApplication, w: AppWindow, lang: str) -> None:
    """The Reserve screen's member dialogs: appoint, override, training, acting and the timeline."""
    screen = _screen(w, "reserve")
    rows = [i for i in range(screen.table.rowCount())
            if _LIFE_MEMBER and screen.table.item(i, 0).data(256) == _LIFE_MEMBER[0]]  # fmt: skip
    if not rows:
        return
    screen.table.selectRow(rows[0])
    for n, key in enumerate(("appoint", "override", "training", "acting", "timeline")):
        screen.life.open(key)
        _dialog(app, lang, f"{34 + n}-life-{key}")


class _Files:
    """Answers the Transfers screen's file dialogs from a queue (no dialog is shown)."""

    def __init__(self) -> None:
        self.queue: list[str] = []

    def _next(self, *_: object) -> str | None:
        return self.queue.pop(0) if self.queue else None

    open_bundle = open_card = save_bundle = save_card = _next


def _exchange_workstations(root: Path) -> tuple[Path, Path, str]:
    """A small body workstation and the Department, each holding the other's card."""
    from app.services import transfer, workstation

    body = demo_data.create(root / "x-body" / "rezerv.db", 6, kdf=KdfParams.fast_for_tests(),
                            clock=CLOCK)  # fmt: skip
    dept = workstation.create(root / "x-dept" / "rezerv.db", role="department", user=demo_data.USER,
                              passphrase=demo_data.PASSPHRASE, kdf=KdfParams.fast_for_tests(),
                              clock=CLOCK)  # fmt: skip
    for a, b in ((body, dept), (dept, body)):
        card = root / f"card-{b.workstation_id}.json"
        if not card.exists():
            transfer.export_identity(b, card)
        transfer.add_peer(a, card, transfer.show_identity(b).fingerprint)
    dept_id = dept.workstation_id
    out = (Path(body.db.path), Path(dept.db.path), dept_id)
    body.close()
    dept.close()
    return out


def _exchange(app: QApplication, root: Path, lang: str) -> None:
    """The export dialog, the import preview, a conflicting correction and the conflicts side by
    side, between a body and the Department."""
    import msgspec

    from app.services import transfer_bundles
    from app.store.nominees import Nominees

    body_db, dept_db, dept_id = _exchange_workstations(root / lang)
    body_w = _window(app, body_db, lang, user=demo_data.USER)
    _unlock(body_w, demo_data.PASSPHRASE)
    dept_w = _window(app, dept_db, lang, user=demo_data.USER)
    _unlock(dept_w, demo_data.PASSPHRASE)
    body, dept = _screen(body_w, "transfers"), _screen(dept_w, "transfers")
    body_files, dept_files = _Files(), _Files()
    body.set_files(body_files)
    dept.set_files(dept_files)
    body.show_tab("outbox")
    body.outbox.start_export()
    dialog = body.outbox.dialog
    dialog.quarter.setCurrentIndex(max(0, dialog.quarter.findText("2026Q1")))
    _save(app, dialog, lang, "34-export")
    dialog.reject()
    bs, ds = _session(body_w), _session(dept_w)
    # the demo's dossiers of the body itself (a body sends only its own)
    own = tuple(r.id for r in nominees.rows(bs, Filters(findings="nominable"), limit=50)
                if r.body == bs.body)
    first = root / lang / "q1.rzv"
    transfer_bundles.export_bundle(bs, kind="nominations", peer_id=dept_id, out=first, nominee_ids=own)
    dept_files.queue.append(str(first))
    dept.inbox.choose()
    _save(app, dept.inbox.preview, lang, "35-import-preview")
    dept.inbox.preview.confirm()
    dept.inbox.preview.reject()
    row = next(iter(Nominees(ds.db.connection()).iter_dossiers()), None)
    if row is None:
        return
    iin = row[1].person.iin
    for s, position in ((ds, "Бөлім бастығы / Начальник отдела"),
                        (bs, "Басқарма бастығы / Начальник управления")):  # fmt: skip
        nid = Nominees(s.db.connection()).id_by_iin(iin)
        assert nid is not None
        d = nominees.get(s, nid).dossier
        nominees.update(s, nid, msgspec.structs.replace(d, current_position=position))
    second = root / lang / "c1.rzv"
    transfer_bundles.export_bundle(bs, kind="corrections", peer_id=dept_id, out=second,
                                   quarter=row[1].nomination.quarter)  # fmt: skip
    dept_files.queue.append(str(second))
    dept.inbox.choose()
    _save(app, dept.inbox.preview, lang, "36-import-conflict")
    dept.inbox.preview.confirm()
    dept.inbox.preview.reject()
    tab = dept.show_tab("conflicts")
    tab.list.selectRow(0)
    tab.show_selected()
    _save(app, dept_w, lang, "37-conflicts")
    body_w.close()
    dept_w.close()


def _photo_crop(app: QApplication, w: AppWindow, lang: str) -> None:
    """The photo page with a wide camera photo in the crop frame."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage, QPainter

    img = QImage(3200, 1800, QImage.Format.Format_RGB32)
    img.fill(QColor("#9db4cc"))
    p = QPainter(img)
    p.setBrush(QColor("#6d7f93"))
    p.drawEllipse(1400, 420, 420, 520)  # a head, roughly, for the frame to sit on
    p.drawRect(1250, 940, 720, 860)
    p.end()
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    img.save(buf, "JPEG", 85)  # type: ignore[call-overload]  # the stubs say bytes; PySide6 takes str
    screen = _screen(w, "nominees")
    rec = nominees.get(_session(w), nominees.rows(_session(w), Filters(), limit=1)[0].id)
    screen._edit_record(rec)
    wiz = screen.wizard
    wiz.resize(*SIZE)
    wiz.go_to("photo")
    wiz.pages["photo"].open_bytes(bytes(data.data()))
    _save(app, wiz, lang, "38-photo-crop")
    wiz.discard_silently()


def shoot_r2k(app: QApplication, paths: dict[str, Path], lang: str) -> None:
    """The Reg-2000 workstations (Decree No. 330 of 2000): the authorised body and a state body."""
    from ui.screens.r2k import demo as r2k_demo

    for n, side in enumerate(("authority", "body")):
        w = _window(app, paths[side], lang, user=r2k_demo.USER)
        _unlock(w, r2k_demo.PASSPHRASE)
        screen = _screen(w, "r2k_reservists")
        screen.table.selectRow(0)
        _save(app, w, lang, f"{40 + 2 * n}-r2k-{side}-reservists")
        _screen(w, "r2k_requests")
        _save(app, w, lang, f"{41 + 2 * n}-r2k-{side}-requests")
        _screen(w, "r2k_deadlines")
        _save(app, w, lang, f"{44 + n}-r2k-{side}-deadlines")
        _r2k_documents(app, w, lang, side, screen)
        _dialog(app, lang, f"{46 + n}-r2k-{side}-documents")
        w.close()


def _r2k_documents(app: QApplication, w: AppWindow, lang: str, side: str, screen: QWidget) -> None:
    """The documents form open (not modal, for the picture): at the authority a graduate with the
    eight documents of p.22, one not ticked; at a body its competition's recommendation with the
    commission's vote (p.18, p.19)."""
    from app.domain.reg2000 import Doc
    from ui.screens.r2k import demo as r2k_demo
    from ui.screens.r2k.submit import SubmitForm

    f = SubmitForm(w.env, authority=side == "authority", parent=screen)
    f.source.setCurrentIndex(1 if side == "authority" else 0)
    f.iin.setText("850505300055")
    f.name.setText("Серікова Әсел Маратқызы")
    f.category.setText("C-4")
    f.group.setText("C")
    f.rank.setValue(4)
    f.consent.setChecked(True)
    f.qualified.setChecked(True)
    f.check_all()
    if side == "authority":
        f.docs[2][Doc.HEALTH_CERTIFICATE].setChecked(False)
    else:
        f.k_body.setText(r2k_demo.BODY_NAME)
        f.k_vacancy.setText("№ 12")
        for box, value in ((f.k_members, 9), (f.k_present, 7), (f.k_for, 5)):
            box.setValue(value)
        for c in f.k_checks.values():
            c.setChecked(True)
    f.show()
    app.processEvents()


def main() -> int:
    app = QApplication.instance() or QApplication(["rezerv-screenshots", *fit.offscreen_args()])
    app = ui_app.application()
    with tempfile.TemporaryDirectory(prefix="rezerv-shots-") as tmp:
        root = Path(tmp)
        s = demo_data.create(root / "demo" / "rezerv.db", 400, kdf=KdfParams.fast_for_tests(),
                             clock=CLOCK)  # fmt: skip
        for day, kind, reason in DEMO_OVERRIDES:
            calendar.add_override(s, day, kind, reason=reason, reference=DEMO_REFERENCE)
        quarter.set_reminder_offsets(s, [10, 5, 2])
        demo_history.history(s, [f"{y}Q{n}" for y in (2023, 2024, 2025) for n in (1, 2, 3, 4)] + ["2026Q1"])
        _demo_positions(s, root)
        member = _demo_life(s)
        if member is not None:
            _LIFE_MEMBER.append(member)
        _demo_department(s, root)
        s.close()
        from ui.screens.r2k import demo as r2k_demo

        r2k_paths = r2k_demo.create(root, KdfParams.fast_for_tests())
        for lang in ("kk", "ru"):
            shoot(app, root, lang)
            _exchange(app, root, lang)
            shoot_r2k(app, r2k_paths, lang)
            dept = _window(app, root / "dept" / "rezerv.db", lang, user=demo_data.USER)
            _unlock(dept, demo_data.PASSPHRASE)
            _screen(dept, "quarter")
            _save(app, dept, lang, "36-department-quarter-need")
            dept.close()
    return 0


def _demo_department(s: Session, root: Path) -> None:
    """A Department workstation that received the demo body's catalogue and need (the positions
    bundle): its quarter board shows the body's need (p.11(2)). The body's own screens are left as
    they were (its nominations are not sent)."""
    from app.services import positions_transfer, transfer, transfer_bundles, workstation

    dept = workstation.create(root / "dept" / "rezerv.db", role="department", user=demo_data.USER,
                              passphrase=demo_data.PASSPHRASE, kdf=KdfParams.fast_for_tests(),
                              clock=CLOCK)  # fmt: skip
    for a, b in ((s, dept), (dept, s)):
        card = root / f"card-{b.workstation_id}.json"
        transfer.export_identity(b, card)
        transfer.add_peer(a, card, transfer.show_identity(b).fingerprint)
    out = root / "positions.rzv"
    positions_transfer.send(s, peer_id="department", out=out)
    transfer_bundles.import_bundle(dept, out)
    dept.close()


if __name__ == "__main__":
    sys.exit(main())
