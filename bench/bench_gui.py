"""The desktop application on 100,000 demo dossiers (real Argon2 parameters for the key slot),
each GUI figure against its floor measured in the same run (``bench/gui_floor.py``): what the
same result costs with nothing of the application in between. Targets are ratios to the floor,
so they hold on a slow or busy machine as on an idle one:

- process start -> unlocked, painted nominee list, beyond the KDF, in CPU seconds: <= 2x its floor (a fresh
  interpreter importing QtWidgets, opening the database with the raw key, the first-page query,
  painting an empty table of the same columns); the KDF subtracted is the time the same start
  spent in Argon2 (the baseline of the whole start)
- each search keystroke answered (query issued -> model reset, debounce excluded): p95 <= 1.5x
  the floor's p95 (the store's search for the same words + one model reset of the first page)
- opening a dossier in the detail pane and the edit wizard (until the wizard is painted):
  reported against decoding the stored dossier + building the same widgets empty (no target)
- the event loop never blocked > 50 ms (a 5 ms probe timer) during search, scrolling, opening a
  dossier (detail pane and the edit wizard, until its findings are shown) and verifying the
  audit chain, judged on a run whose
  calibration (``bench/calibration.py``) is within 20 % of the reference
- peak memory <= 200 MB (ru_maxrss of the application process, Argon2's 64 MiB included)

The machine is shared and its speed drifts by up to 2x within minutes, so a figure and its floor
are never taken minutes apart: each is measured interleaved with its floor (A, B, A, B, ...,
which one goes first alternating), and a ratio is the median of the per-pair ratios, reported
as the pair whose ratio is the median (an odd number of pairs): the value and baseline shown are
that pair's absolute figures, their ratio the median ratio. The medians (and p95) of each series
are printed for information.

- start is a single figure per process, so it is taken ``RUNS`` (11) times, the floor's and the
  application's fresh processes alternating (each application run also types the words); each
  application run is paired with the floor run just before it, in wall-clock seconds (beyond its
  own KDF) and in CPU seconds of all threads (the judged figure: on a shared machine the wall
  clock mostly measures the wait for a core); "start to painted" keeps the least wall clock;
- each keystroke is paired with the floor's search for the same word, asked right before or
  after it in the same session; the words are typed ``KEY_PASSES`` (3) times a run and the
  keystrokes of all runs are pooled (``RUNS`` x 3 x 23 pairs): the judged p95 is the
  application's p95 over the floor's p95 of the same, interleaved samples (483 each; of 161, two
  runs minutes apart gave 1.04 and 1.26), and the median of the per-keystroke ratios is reported besides;
- ``gui_app.PAIRS`` (81) dossiers across the list in the full run, and ``gui_app.QUICK_PAIRS``
  (9) in each quick run, each opened in the detail pane and then in the edit wizard, each paired
  with the floor's ``open`` / ``wizard`` of the same dossier, in wall-clock and in CPU
  milliseconds (all threads of each process; the wall-clock ratio of a 50 ms opening against its
  10 ms floor grows with the machine's load, the CPU ratio does not); the pairs of all eleven
  runs are pooled (``OPEN_PAIRS``, 171), so that no one process's speed (a floor of a few
  milliseconds differs by up to 60 % from one process to the next) decides the median.

The application runs in a child process (``python bench/gui_app.py DB``).
``REZERV_BENCH_GUI_DB`` reuses a prepared workstation made with ``ui.demo_data`` (user ``demo``);
otherwise one is made in a temporary directory.
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

from bench import gui_app
from bench.pairs import median_pair

Report = Callable[..., None]
COUNT = int(os.environ.get("REZERV_BENCH_COUNT", "100000"))
RUNS = int(os.environ.get("REZERV_BENCH_GUI_RUNS", "11"))  # odd: a median pair (of seven, the
# CPU ratio read 1.83 and 2.09 in two runs of the same code)
ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
# dossiers opened in the detail pane and the wizard: the full run's and each quick run's
OPEN_PAIRS = gui_app.PAIRS + (RUNS - 1) * gui_app.QUICK_PAIRS
KEY_PASSES = 3  # the words typed three times a run: a p95 of 483 pairs (of 161 it moved by 21 %)
WORDS = ["ах", "ахм", "ахме", "нұ", "нұр", "нұрл", "се", "сер", "серік", "ки", "ким", "ив",
         "иван", "жұ", "жұма", "ос", "оспан", "ас", "асқар", "бе", "бек", "88", "880"]  # fmt: skip


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18] if len(values) > 1 else values[0]


def _series(name: str, pairs: list[tuple[float, float]], unit: str) -> None:
    """The per-pair ratios and each series' median (and p95 from 20 pairs on), for the log."""
    a, b = [p[0] for p in pairs], [p[1] for p in pairs]
    ratios = sorted(x / y for x, y in pairs)
    text = (f"{name}, {len(pairs)} pairs: median {statistics.median(a):.3g} {unit} vs floor "
            f"{statistics.median(b):.3g} {unit}")
    if len(pairs) >= 20:
        text += f"; p95 {_p95(a):.3g} vs {_p95(b):.3g}"
    text += "; ratios " + " ".join(f"{r:.2f}" for r in ratios)
    text += f"; median ratio {statistics.median(ratios):.2f}"
    print(text, flush=True)


def _spawn(args: list[str], stdin: str = "") -> dict:
    """A fresh interpreter; returns its JSON line with ``start_s`` (launch -> painted) added."""
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    started = time.time()
    out = subprocess.run([sys.executable, *args], input=stdin, capture_output=True, text=True,
                         env=env, cwd=ROOT, timeout=900, check=False)  # fmt: skip
    line = next((ln for ln in out.stdout.splitlines() if ln.startswith("{")), None)
    if line is None:
        print(out.stdout[-2000:], out.stderr[-3000:])
        raise RuntimeError(f"{args[0]} failed")
    r = dict(json.loads(line))
    r["start_s"] = r["painted_at"] - started
    return r


def _login() -> tuple[str, str]:
    from ui import demo_data

    return (os.environ.get("REZERV_BENCH_GUI_USER", demo_data.USER),
            os.environ.get("REZERV_BENCH_GUI_PASSPHRASE", demo_data.PASSPHRASE))  # fmt: skip


def _raw_key(db: str) -> bytes:
    from app.services import workstation

    user, secret = _login()
    s = workstation.unlock(Path(db), user=user, passphrase=secret)
    try:
        return s.db.raw_key()
    finally:
        s.close()


def run(report: Report) -> None:
    from app.security.kdf import KdfParams

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
    key_hex = _raw_key(db).hex()
    gui_in = "\n".join([*_login(), json.dumps(WORDS * KEY_PASSES), key_hex]) + "\n"
    floor_cmd, gui_cmd = [str(HERE / "gui_floor.py"), db], [str(HERE / "gui_app.py"), db]
    floors = [_spawn(floor_cmd, key_hex + "\n")]
    runs = [_spawn(gui_cmd, gui_in)]  # the full session, then quick ones (start and keystrokes)
    for _ in range(RUNS - 1):  # alternating, so both see the machine in the same mood
        floors.append(_spawn(floor_cmd, key_hex + "\n"))
        runs.append(_spawn([*gui_cmd, "--quick"], gui_in))
    r = runs[0]
    print("start (s), application: " + " ".join(f"{g['start_s']:.3f} (KDF {g['kdf_s']:.3f})"
                                                 for g in runs)
          + "; floor: " + " ".join(f"{f['start_s']:.3f}" for f in floors), flush=True)  # fmt: skip
    # the whole start against its own KDF: the median pair (the fastest run's, as before, read
    # 4.19 and 3.44 in two runs of the same code)
    start_s, kdf_s = median_pair([(g["start_s"], g["kdf_s"]) for g in runs])
    report("gui: start to painted nominee list", round(start_s, 3), "s", baseline=round(kdf_s, 3))
    # each application run against the floor run just before it (the machine in the same mood)
    wall = [(g["start_s"] - g["kdf_s"], f["start_s"]) for g, f in zip(runs, floors, strict=True)]
    cpu = [(g["cpu_s"] - g["kdf_cpu_s"], f["cpu_s"]) for g, f in zip(runs, floors, strict=True)]
    _series("start beyond the KDF, wall", wall, "s")
    _series("start beyond the KDF, CPU", cpu, "s")
    app_s, floor_s = median_pair(wall)
    report("gui: start beyond the KDF", round(app_s, 3), "s", baseline=round(floor_s, 3))
    # judged in CPU seconds: on a shared machine the wall clock moves with the others' load
    app_cpu, floor_cpu = median_pair(cpu)
    report("gui: start beyond the KDF, CPU", round(app_cpu, 3), "s", baseline=round(floor_cpu, 3),
           ratio_target=2.0)  # fmt: skip
    report("gui: rows in the nominee list", r["rows"], "rows")
    keys = [(a, b) for g in runs for a, b in zip(g["search_ms"], g["floor"]["search"], strict=True)]
    _series("search keystroke", keys, "ms")
    app_keys, floor_keys = [a for a, _ in keys], [b for _, b in keys]
    report("gui: search keystroke p95", round(_p95(app_keys), 1), "ms",
           baseline=round(_p95(floor_keys), 1), ratio_target=1.5)  # fmt: skip
    key_ms, key_floor = median_pair(keys)
    report("gui: search keystroke, median of pairs", round(key_ms, 1), "ms", baseline=round(key_floor, 1))
    for phase in ("search", "scroll", "open", "wizard", "verify"):
        report(f"gui: event loop max block, {phase}", round(r["block_ms"][phase], 1), "ms",
               target=50, calibrated=True)  # fmt: skip
    for key, label in (("open", "open dossier (detail pane)"), ("wizard", "open edit wizard")):
        # the pairs of every run pooled: each run's application and floor are processes of their own
        wall_pairs = [p for g in runs for p in zip(g[f"{key}_ms"], g["floor"][key], strict=True)]
        cpu_of_run = [list(zip(g[f"{key}_cpu_ms"], g["floor_cpu"][key], strict=True)) for g in runs]
        cpu_pairs = [p for pairs in cpu_of_run for p in pairs]
        assert len(wall_pairs) == len(cpu_pairs) == OPEN_PAIRS, len(wall_pairs)
        print(f"{label}, CPU, each run's median ratio (the full run first): " + " ".join(
            f"{statistics.median(a / b for a, b in pairs):.2f}" for pairs in cpu_of_run), flush=True)
        _series(label, wall_pairs, "ms")
        _series(f"{label}, CPU", cpu_pairs, "ms")
        ms, floor_ms = median_pair(wall_pairs)
        report(f"gui: {label}, median of pairs", round(ms, 1), "ms", baseline=round(floor_ms, 1))
        ms, floor_ms = median_pair(cpu_pairs)
        report(f"gui: {label}, CPU, median of pairs", round(ms, 1), "ms",
               baseline=round(floor_ms, 1))  # fmt: skip
        report(f"gui: {label} p95", round(_p95([a for a, _ in wall_pairs]), 1), "ms")
    report("gui: scroll page fetch p95", round(_p95(r["page_ms"]), 1), "ms")
    report("gui: verify audit chain", round(r["verify_s"], 2), "s")
    report("gui: peak memory", round(r["peak_mb"], 1), "MB", target=200)
    if tmp is not None:
        tmp.cleanup()
