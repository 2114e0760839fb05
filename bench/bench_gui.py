"""The desktop application on 100,000 demo dossiers (real Argon2 parameters for the key slot).

- process start -> unlocked, painted registry <= 1.0 s beyond the KDF (baseline: the KDF alone)
- each search keystroke answered <= 50 ms p95 (query issued -> model reset, debounce excluded)
- the event loop never blocked > 100 ms (a 5 ms probe timer) during search, scrolling, opening a
  dossier (detail pane and the edit wizard) and verifying the audit chain
- peak memory <= 200 MB (ru_maxrss of the application process, Argon2's 64 MiB included)

The application runs in a child process (``python bench/bench_gui.py --child DB``), so its start
is measured from a fresh interpreter. ``REZERV_BENCH_GUI_DB`` reuses a prepared workstation made
with ``ui.demo_data`` (user ``demo``); otherwise one is made in a temporary directory.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

Report = Callable[..., None]
COUNT = int(os.environ.get("REZERV_BENCH_COUNT", "100000"))
ROOT = Path(__file__).resolve().parent.parent
WORDS = ["ах", "ахм", "ахме", "нұ", "нұр", "нұрл", "се", "сер", "серік", "ки", "ким", "ив",
         "иван", "жұ", "жұма", "ос", "оспан", "ас", "асқар", "бе", "бек", "88", "880"]  # fmt: skip


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18] if len(values) > 1 else values[0]


def run(report: Report) -> None:
    from app.security.kdf import KdfParams, derive

    tmp = None
    db = os.environ.get("REZERV_BENCH_GUI_DB")
    if not db:
        from ui import demo_data

        tmp = tempfile.TemporaryDirectory(prefix="rezerv-bench-gui-")
        path = Path(tmp.name) / "rezerv.db"
        t0 = time.perf_counter()
        demo_data.create(path, COUNT, kdf=KdfParams.default()).close()
        print(f"prepared {COUNT} dossiers in {time.perf_counter() - t0:.1f} s", flush=True)
        db = str(path)
    kdf = []
    for _ in range(3):
        t0 = time.perf_counter()
        derive("benchmark passphrase long enough", os.urandom(16), KdfParams.default())
        kdf.append(time.perf_counter() - t0)
    kdf_s = min(kdf)
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    started = time.time()
    out = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child", db],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=900, check=False,
    )  # fmt: skip
    line = next((ln for ln in out.stdout.splitlines() if ln.startswith("{")), None)
    if line is None:
        print(out.stdout[-2000:], out.stderr[-3000:])
        raise RuntimeError("the GUI child failed")
    r = json.loads(line)
    start_s = r["painted_at"] - started
    report("gui: start to painted registry", round(start_s, 3), "s", target=round(kdf_s + 1.0, 3),
           baseline=round(kdf_s, 3))  # fmt: skip
    report("gui: start beyond the KDF", round(start_s - kdf_s, 3), "s", target=1.0)
    report("gui: rows in registry", r["rows"], "rows")
    report("gui: search keystroke p95", round(_p95(r["search_ms"]), 1), "ms", target=50)
    report("gui: search keystroke max", round(max(r["search_ms"]), 1), "ms")
    for phase in ("search", "scroll", "open", "wizard", "verify"):
        report(f"gui: event loop max block, {phase}", round(r["block_ms"][phase], 1), "ms",
               target=100)  # fmt: skip
    report("gui: open dossier (detail pane)", round(_p95(r["open_ms"]), 1), "ms p95")
    report("gui: open edit wizard", round(r["wizard_ms"], 1), "ms")
    report("gui: scroll page fetch p95", round(_p95(r["page_ms"]), 1), "ms")
    report("gui: verify audit chain", round(r["verify_s"], 2), "s")
    report("gui: peak memory", round(r["peak_mb"], 1), "MB", target=200)
    if tmp is not None:
        tmp.cleanup()


# --- the child: the real application ----------------------------------------------------------


def _child(db: str) -> None:  # noqa: C901 - one scripted session, phase by phase
    import resource

    from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    from app.store.nominees import Filters
    from ui import app as ui_app
    from ui import demo_data
    from ui.ops import PoolExecutor

    app = ui_app.application()
    user = os.environ.get("REZERV_BENCH_GUI_USER", demo_data.USER)
    secret = os.environ.get("REZERV_BENCH_GUI_PASSPHRASE", demo_data.PASSPHRASE)
    class Dialogs:  # an error here is a failed benchmark, not a modal box nobody clicks
        def __getattr__(self, name: str) -> Callable[..., None]:
            def fail(_parent: object, text: str = "", *_: object) -> None:
                raise SystemExit(f"dialog {name}: {text}")

            return fail

    w = ui_app.build(app, path=Path(db), lang="kk", user=user, executor=PoolExecutor(),
                     dialogs=Dialogs(), remember_lang=False)  # type: ignore[arg-type]  # fmt: skip
    w.resize(1366, 820)
    w.show()
    result: dict = {}
    probe = {"last": time.perf_counter(), "max": 0.0}

    def tick() -> None:
        now = time.perf_counter()
        probe["max"] = max(probe["max"], now - probe["last"])
        probe["last"] = now

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)

    def phase_start() -> None:
        probe["last"] = time.perf_counter()
        probe["max"] = 0.0
        timer.start()

    def phase_end() -> float:
        timer.stop()
        if os.environ.get("REZERV_BENCH_GUI_VERBOSE"):
            status = Path("/proc/self/status").read_text()
            mem = [ln for ln in status.splitlines() if ln.startswith(("VmRSS", "VmHWM"))]
            print(" ".join(mem), file=sys.stderr, flush=True)
        return probe["max"] * 1000

    def wait(cond: Callable[[], bool], timeout: float = 60.0) -> None:
        end = time.perf_counter() + timeout
        while not cond():
            if time.perf_counter() > end:
                raise TimeoutError
            app.processEvents()
            time.sleep(0.001)

    class Painted(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.at = 0.0

        def eventFilter(self, obj: QObject, e: QEvent) -> bool:  # noqa: N802
            if e.type() == QEvent.Type.Paint and not self.at:
                screen = w.main.screen("nominees") if w.main else None
                if screen is not None and screen.model.rowCount() > 0:
                    self.at = time.time()
            return False

    painted = Painted()
    w.unlock.passphrase.setText(secret)
    w.unlock.submit()
    wait(lambda: w.main is not None)
    screen = w.main.screen("nominees")
    screen.table.viewport().installEventFilter(painted)
    wait(lambda: painted.at > 0)
    result["painted_at"] = painted.at
    result["rows"] = screen.model.rowCount()
    model = screen.model

    # search: each keystroke's query from issue to the model's reset
    phase_start()
    search_ms = []
    for word in WORDS:
        done = {"n": 0}
        model.reset_done.connect(lambda _n, d=done: d.__setitem__("n", 1))
        t = QElapsedTimer()
        t.start()
        model.query(Filters(search=word))
        wait(lambda d=done: d["n"] == 1)
        search_ms.append(t.nsecsElapsed() / 1e6)
        model.reset_done.disconnect()
        model.reset_done.connect(screen._counted)
    result["search_ms"] = search_ms
    block = {"search": phase_end()}
    model.query(Filters())
    wait(lambda: not model.loading)

    # scrolling from top to bottom in steps, each page fetched in the background
    phase_start()
    bar = screen.table.verticalScrollBar()
    page_ms = []
    for i in range(0, 41):
        bar.setValue(int(bar.maximum() * i / 40))
        t = QElapsedTimer()
        t.start()
        top = screen.table.rowAt(5)
        wait(lambda top=top: model.row_at(max(0, top)) is not None)
        page_ms.append(t.nsecsElapsed() / 1e6)
        app.processEvents()
    result["page_ms"] = page_ms
    block["scroll"] = phase_end()

    # opening dossiers in the detail pane
    phase_start()
    open_ms = []
    for row in (5, 50, 500, model.rowCount() // 2, model.rowCount() - 3):
        bar.setValue(0)
        wait(lambda row=row: model.row_at(row) is not None)
        t = QElapsedTimer()
        t.start()
        nid = model.row_at(row).id
        screen.detail.load(nid)
        wait(lambda nid=nid: screen.detail.record is not None and screen.detail.record.id == nid)
        open_ms.append(t.nsecsElapsed() / 1e6)
    result["open_ms"] = open_ms
    block["open"] = phase_end()

    phase_start()
    t = QElapsedTimer()
    t.start()
    screen._edit_record(screen.detail.record)
    app.processEvents()
    result["wizard_ms"] = t.nsecsElapsed() / 1e6
    block["wizard"] = phase_end()
    screen.wizard.discard_silently()

    # verifying the audit chain off the GUI thread
    audit = w.main.show_screen("audit")
    phase_start()
    t0 = time.perf_counter()
    audit.report = None
    audit.verify()
    wait(lambda: audit.report is not None, timeout=600)
    result["verify_s"] = time.perf_counter() - t0
    block["verify"] = phase_end()
    result["block_ms"] = block
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result), flush=True)
    w.close()
    QApplication.processEvents()


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        sys.path.insert(0, str(ROOT))
        _child(sys.argv[2])
