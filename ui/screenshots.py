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
    """Let timers fire (the registry gathers the thumbnails a paint asked for for 30 ms)."""
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


def shoot(app: QApplication, tmp: Path, lang: str) -> None:
    fresh = _window(app, tmp / f"fresh-{lang}" / "rezerv.db", lang)
    fresh.first_run.role_page.radios["knb"].setChecked(True)
    _save(app, fresh, lang, "01-first-run")
    fresh.first_run.next()
    page = fresh.first_run.user_page
    page.name.setText("aigerim")
    page.secret.first.setText("тау басында ақ қар жатыр")
    page.secret.second.setText("тау басында ақ қар жатыр")
    _save(app, fresh, lang, "02-first-run-passphrase")
    fresh.close()

    db = tmp / "demo" / "rezerv.db"
    w = _window(app, db, lang, user=demo_data.USER)
    _save(app, w, lang, "03-unlock")
    w.unlock.passphrase.setText(demo_data.PASSPHRASE)
    w.unlock.submit()
    screen = w.main.screen("nominees")
    s = w.env.session
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
    for key in ("quarter", "reserve", "members", "deadlines", "transfers"):
        if key in w.main.buttons:
            w.main.show_screen(key)
            _save(app, w, lang, f"2{list(w.main.buttons).index(key)}-{key}")
    _dialogs(app, w, lang, s)
    audit = w.main.show_screen("audit")
    audit.verify()
    _save(app, w, lang, "13-audit")
    settings = w.main.show_screen("settings")
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
    reports_screen = w.main.show_screen("reports")
    reports_screen.first.setCurrentText("2024Q1")
    reports_screen.last.setCurrentText("2026Q1")
    for i, kind in enumerate(("flow", "timeliness", "composition", "horizon", "exclusions")):
        reports_screen.kind.setCurrentIndex(reports_screen.kind.findData(kind))
        _save(app, w, lang, f"{20 + i}-report-{kind}")
    w.main.show_screen("bench")
    _save(app, w, lang, "25-bench")
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

    ids = [r.id for r in nominees.rows(w.env.session, Filters(), limit=3)]
    if ids:
        open_print_dialog(w.env, w, ids[:1])
        _dialog(app, lang, "30-print-preview")
    transfers = w.main.show_screen("transfers")
    transfers.show_tab("trust")
    transfers.trust.add_peer()
    _dialog(app, lang, "31-add-peer")
    settings = w.main.show_screen("settings")
    users = settings.show_page("users")
    users.add_user()
    _dialog(app, lang, "32-add-user")
    users.change_passphrase()
    _dialog(app, lang, "33-change-passphrase")
    from ui.signed import shots as signed  # the signed papers (issue 19)

    signed.shoot(app, w, lang, _save, Path(tempfile.mkdtemp(prefix="rezerv-signed-")))
    root = Path(tempfile.mkdtemp(prefix="rezerv-conflict-"))
    path, cid = signed.conflict_db(w.env.session, root, CLOCK)
    dept = _window(app, path, lang, user=demo_data.USER)
    dept.unlock.passphrase.setText(demo_data.PASSPHRASE)
    dept.unlock.submit()
    signed.shoot_conflict(app, dept, lang, _save, cid)
    dept.close()


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
        s.close()
        for lang in ("kk", "ru"):
            shoot(app, root, lang)
    return 0


if __name__ == "__main__":
    sys.exit(main())
