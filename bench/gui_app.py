"""The GUI benchmark's application session (``python bench/gui_app.py DB [--quick]``; on stdin
the user, the passphrase (typed into the unlock screen) and the search words as JSON): start to
the painted nominee list, search keystrokes, then (unless ``--quick``) scrolling, then opening
dossiers and the edit wizard, and (unless ``--quick``) verifying the audit chain, with a 5 ms
probe timer measuring the event loop's longest block in each phase. Prints one JSON line.
Imports as little as the floor (``gui_floor.py``) before the application's own: its start is
measured from the launch.

Each keystroke, each dossier opened and each wizard opened is paired with its floor's answer to
the same request (``gui_floor.py --serve``), taken right before or right after it (alternating),
so that each pair sees the machine in the same mood; ``PAIRS`` (81) dossiers are opened in the
full run, ``QUICK_PAIRS`` (9) in a quick one, each in the detail pane and then in the wizard, so
the median of the per-pair ratios (of all runs, pooled by ``bench_gui``) means something.
Each opening is timed in wall-clock and in CPU milliseconds of the whole process (all threads),
the floor's likewise: on a busy machine a 50 ms multi-step, two-thread opening waits for a core
far more than its 10 ms straight-line floor, so the wall-clock ratio moves with the others' load
and the CPU ratio is what the code costs.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# between two searches as typed: the nominee list asks 180 ms after the last key, so a person's next
# query comes at least that much later; meanwhile the answer is painted and its photos come in
TYPING_GAP_MS = 180
SETTLE_MS = 1000  # from the first paint to the first keystroke
# dossiers opened (detail pane, then wizard), each paired with its floor's; odd: a median pair
PAIRS = int(os.environ.get("REZERV_BENCH_GUI_PAIRS", "81"))  # of 41, the wizard's ratio moved by
# 20 % between two runs (the floor, a few ms, moves with the machine more than the application);
# of 61, the detail pane's wall-clock ratio by 17 % (7.98 and 6.84; in CPU 7.07 and 7.34)
# and in each repeated (quick) run, in processes of its own (both the application's and the
# floor's): all in one pair of processes, the wizard's 81 pairs still moved by 17 % between two
# runs minutes apart (5.28 and 4.50, 04.12.2026), the floor's few milliseconds differing from
# one process to the next (block medians 4.8-7.8 ms); the pairs of all runs are pooled
QUICK_PAIRS = int(os.environ.get("REZERV_BENCH_GUI_QUICK_PAIRS", "9"))


class _BlockStacks:
    """A diagnostic (``REZERV_BENCH_GUI_STACKS=1``): while the probe timer has not ticked for
    ``LATE`` seconds, the GUI thread's Python stack is sampled every 2 ms; at each phase's end the
    stacks seen most often in its blocks go to stderr, so a long block names the code that held
    the event loop (a stack ending in a call into Qt or SQLite names the Python line that made it)."""

    LATE = 0.025

    def __init__(self, probe: dict[str, float]) -> None:
        import collections
        import threading

        self.probe = probe
        self.seen: collections.Counter[str] = collections.Counter()
        self.main = threading.get_ident()
        threading.Thread(target=self._watch, daemon=True).start()

    def _watch(self) -> None:
        import traceback

        while True:
            time.sleep(0.002)
            if self.probe.get("on") and time.perf_counter() - self.probe["last"] > self.LATE:
                frame = sys._current_frames().get(self.main)
                if frame is not None:
                    where = traceback.extract_stack(frame)[-12:]
                    self.seen[" < ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}"
                                         for f in reversed(where))] += 1  # fmt: skip

    def report(self) -> None:
        for stack, n in self.seen.most_common(4):
            print(f"  {n * 2} ms in blocks: {stack}", file=sys.stderr, flush=True)
        print("--", file=sys.stderr, flush=True)
        self.seen.clear()


def main(db: str, quick: bool = False) -> None:  # noqa: C901 - one scripted session
    import resource

    from PySide6.QtCore import QElapsedTimer, QEvent, QEventLoop, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    from app.security import keyslots
    from app.store.nominees import Filters
    from ui import app as ui_app
    from ui.ops import PoolExecutor

    # the KDF's own time in this very start, so "beyond the KDF" subtracts what this run spent
    # in it (on a shared machine Argon2 alone moves by a factor of three from minute to minute)
    derive, kdf_s, kdf_cpu = keyslots.derive, [], []

    def cpu() -> float:  # every thread of the process, Argon2's own included
        r = resource.getrusage(resource.RUSAGE_SELF)
        return r.ru_utime + r.ru_stime

    def timed_derive(*args: object, **kw: object) -> bytes:
        t0, c0 = time.perf_counter(), cpu()
        try:
            return derive(*args, **kw)  # type: ignore[arg-type]
        finally:
            kdf_s.append(time.perf_counter() - t0)
            kdf_cpu.append(cpu() - c0)

    keyslots.derive = timed_derive  # type: ignore[assignment]
    app = ui_app.application()
    user, secret = sys.stdin.readline().rstrip("\n"), sys.stdin.readline().rstrip("\n")
    words = json.loads(sys.stdin.readline() or "[]")
    key_hex = sys.stdin.readline().strip()
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
    stacks = _BlockStacks(probe) if os.environ.get("REZERV_BENCH_GUI_STACKS") else None

    def phase_start() -> None:
        probe["last"] = time.perf_counter()
        probe["max"] = 0.0
        probe["on"] = 1.0
        timer.start()

    def phase_end() -> float:
        timer.stop()
        probe["on"] = 0.0
        if stacks is not None:
            stacks.report()
        if os.environ.get("REZERV_BENCH_GUI_VERBOSE"):
            status = Path("/proc/self/status").read_text()
            mem = [ln for ln in status.splitlines() if ln.startswith(("VmRSS", "VmHWM"))]
            print(" ".join(mem), file=sys.stderr, flush=True)
        return probe["max"] * 1000

    def wait(cond: Callable[[], bool], timeout: float = 60.0) -> None:
        """As the application's own event loop waits: asleep until an event comes (no polling,
        which would take the GIL from the workers every millisecond)."""
        end = time.perf_counter() + timeout
        while not cond():
            if time.perf_counter() > end:
                raise TimeoutError
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)

    def settle(ms: int) -> None:
        """The event loop runs on for ``ms`` (what it has to do meanwhile is its own work)."""
        end = time.perf_counter() + ms / 1000
        QTimer.singleShot(ms, lambda: None)
        while time.perf_counter() < end:
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)

    keepalive = QTimer()  # wakes a wait that no event would end, so its timeout is seen
    keepalive.start(50)

    class Painted(QObject):
        """The time of the first paint of the watched widget once ``ready()`` holds."""

        def __init__(self, ready: Callable[[], bool]) -> None:
            super().__init__()
            self.at = 0.0
            self.ready = ready

        def eventFilter(self, obj: QObject, e: QEvent) -> bool:  # noqa: N802
            if e.type() == QEvent.Type.Paint and not self.at and self.ready():
                self.at = time.time()
            return False

    def nominees_shown() -> bool:
        screen = w.main.screen("nominees") if w.main else None
        return screen is not None and screen.model.rowCount() > 0

    painted = Painted(nominees_shown)
    w.unlock.passphrase.setText(secret)
    w.unlock.submit()
    wait(lambda: w.main is not None)
    screen = w.main.screen("nominees")
    screen.table.viewport().installEventFilter(painted)
    wait(lambda: painted.at > 0)
    result["painted_at"] = painted.at
    result["cpu_s"] = cpu()
    result["kdf_s"], result["kdf_cpu_s"] = sum(kdf_s), sum(kdf_cpu)
    result["rows"] = screen.model.rowCount()
    model = screen.model

    # a person looks at the nominee list for a moment before typing: the application's work that
    # follows its first paint (loading the first row's detail, preloading the wizard) is done
    settle(SETTLE_MS)

    # the floor (gui_floor.py --serve), a fresh interpreter started only now: each measure below
    # is taken right next to its floor's, alternating which goes first, so both see the machine
    # in the same mood; the probe is paused while the floor works
    import subprocess

    floor = subprocess.Popen([sys.executable, str(ROOT / "bench" / "gui_floor.py"), db, "--serve"],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT)  # fmt: skip
    assert floor.stdin is not None and floor.stdout is not None
    floor.stdin.write(key_hex + "\n")
    floor.stdin.flush()
    floor.stdout.readline()  # its start
    floor.stdout.readline()  # ready

    floors_cpu: dict[str, list[float]] = {"open": [], "wizard": []}

    def ask(request: str) -> float:
        """The floor's milliseconds for ``request`` (its CPU milliseconds kept by the caller)."""
        running = timer.isActive()
        timer.stop()
        floor.stdin.write(request + "\n")  # type: ignore[union-attr]
        floor.stdin.flush()  # type: ignore[union-attr]
        ms, cpu_ms = json.loads(floor.stdout.readline())  # type: ignore[union-attr]
        probe["last"] = time.perf_counter()
        if running:
            timer.start()
        what = request.partition(" ")[0]
        if what in floors_cpu:
            floors_cpu[what].append(float(cpu_ms))
        return float(ms)

    floors: dict[str, list[float]] = {"search": [], "open": [], "wizard": []}

    # search: each keystroke's query from issue to the model's reset
    phase_start()
    search_ms = []
    for i, word in enumerate(words):  # each word also asked of the floor, before or after it
        if i % 2 == 0:
            floors["search"].append(ask(f"search {word}"))
        done = {"n": 0}
        model.reset_done.connect(lambda _n, d=done: d.__setitem__("n", 1))
        t = QElapsedTimer()
        t.start()
        model.query(Filters(search=word))
        wait(lambda d=done: d["n"] == 1)
        search_ms.append(t.nsecsElapsed() / 1e6)
        model.reset_done.disconnect()
        model.reset_done.connect(screen._counted)
        settle(TYPING_GAP_MS)  # the answer painted, its photos fetched, as between two queries
        if i % 2 == 1:
            floors["search"].append(ask(f"search {word}"))
    result["search_ms"] = search_ms
    block = {"search": phase_end()}

    def finish() -> None:
        result["floor"] = floors
        result["floor_cpu"] = floors_cpu
        floor.stdin.close()  # type: ignore[union-attr]
        floor.wait(timeout=60)
        print(json.dumps(result), flush=True)
        w.close()

    model.query(Filters())
    wait(lambda: not model.loading)
    bar = screen.table.verticalScrollBar()

    if not quick:  # scrolling from top to bottom in steps, each page fetched in the background
        phase_start()
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
    open_ms, open_cpu = [], []
    total = model.rowCount()  # distinct rows from the top to the bottom of the list
    count = QUICK_PAIRS if quick else PAIRS
    rows_at = [3 + (total - 7) * k // (count - 1) for k in range(count)]
    for i, row in enumerate(rows_at):
        bar.setValue(0)
        wait(lambda row=row: model.row_at(row) is not None)
        if i % 2 == 0:
            floors["open"].append(ask(f"open {row}"))
        t = QElapsedTimer()
        t.start()
        c0 = cpu()
        nid = model.row_at(row).id
        screen.detail.load(nid)
        wait(lambda nid=nid: screen.detail.record is not None and screen.detail.record.id == nid)
        open_ms.append(t.nsecsElapsed() / 1e6)
        open_cpu.append((cpu() - c0) * 1000)
        if i % 2 == 1:
            floors["open"].append(ask(f"open {row}"))
    result["open_ms"], result["open_cpu_ms"] = open_ms, open_cpu
    block["open"] = phase_end()

    wizard_ms, wizard_cpu, block["wizard"] = [], [], 0.0
    for i, row in enumerate(rows_at):  # each dossier opened above, now in the edit wizard
        wait(lambda row=row: model.row_at(row) is not None)  # its page may have left the cache
        nid = model.row_at(row).id
        screen.detail.load(nid)
        wait(lambda nid=nid: screen.detail.record is not None and screen.detail.record.id == nid)
        if i % 2 == 0:
            floors["wizard"].append(ask(f"wizard {row}"))
        phase_start()
        t = QElapsedTimer()
        t.start()
        c0 = cpu()
        screen._edit_record(screen.detail.record)
        wiz = screen.wizard
        shown = Painted(lambda: True)
        wiz.installEventFilter(shown)
        wait(lambda s=shown: s.at > 0)  # opened: the wizard painted
        wizard_ms.append(t.nsecsElapsed() / 1e6)
        wizard_cpu.append((cpu() - c0) * 1000)
        wait(lambda z=wiz: z.refreshes > 0)  # and its findings shown, all within the phase
        settle(50)
        block["wizard"] = max(block["wizard"], phase_end())
        screen.wizard.discard_silently()
        app.processEvents()
        # the closed wizard's deleteLater() done, as the application's own event loop does on
        # returning to it (processEvents() alone, outside exec(), leaves deferred deletes pending)
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        if i % 2 == 1:
            floors["wizard"].append(ask(f"wizard {row}"))
    result["wizard_ms"], result["wizard_cpu_ms"] = wizard_ms, wizard_cpu
    if quick:  # start, keystrokes and a few openings only (the repeated runs)
        finish()
        return

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
    finish()
    QApplication.processEvents()


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main(sys.argv[1], quick="--quick" in sys.argv)
