"""``make bench``: the calibration, then every ``bench/bench_*.py`` in its own process, one table.

Each module has ``run(report)``; ``report(name, value, unit, target=None, baseline=None, *,
ratio_target=None, calibrated=False)`` (see ``bench/child.py``). A target is a ceiling, except for
rates (units ending in ``/s``), where it is a floor; a ratio target is a ceiling on value /
baseline, the baseline (a GUI measure's floor) being measured in the same run. The calibration
(``bench/calibration.py``) is measured first and again at the end; results, calibration and date
go to ``bench/out/results.json`` (``make bench-table`` turns that into the README's table).
Usage: ``python -m bench [area ...]`` (e.g. ``python -m bench store rules``).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench import calibration

HERE = Path(__file__).resolve().parent


def _modules(selected: list[str]) -> list[str]:
    names = sorted(p.stem for p in HERE.glob("bench_*.py"))
    if selected:
        names = [n for n in names if n.removeprefix("bench_") in selected]
    return names


def _calibrate(env: dict[str, str]) -> dict[str, Any]:
    """In a fresh interpreter, so nothing of a benchmark's state weighs on it."""
    p = subprocess.run([sys.executable, "-m", "bench.calibration"], capture_output=True,
                       text=True, env=env, cwd=HERE.parent, check=True)  # fmt: skip
    return dict(json.loads(p.stdout.splitlines()[-1]))


@contextmanager
def scratch(env: dict[str, str], name: str) -> Iterator[dict[str, str]]:
    """``env`` with ``TMPDIR`` set to a new directory, removed with all it holds at the end, even
    when the benchmark fails: a module's databases (2 GB for the 100k store) and those of the
    processes it starts never outlive its run, whether or not the module cleans up itself."""
    path = tempfile.mkdtemp(prefix=f"rezerv-{name}-")
    try:
        yield dict(env, TMPDIR=path)
    finally:
        shutil.rmtree(path, ignore_errors=True)


def met(r: dict[str, Any], cal: dict[str, Any] | None) -> str:
    """"yes", "NO", "" (no target), "n/a" (a calibrated absolute target on a run off the
    reference, with no ratio target), or "ratio: yes" (such a run: the absolute target not
    judged, the ratio target met). A ratio target is judged on every run: its baseline ran on
    the same machine in the same minutes."""
    v, t, b, rt = r.get("value"), r.get("target"), r.get("baseline"), r.get("ratio_target")
    if v is None or (t is None and rt is None):
        return ""
    ratio_ok = rt is None or (bool(b) and v / b <= rt)
    if not ratio_ok:
        return "NO"
    if t is not None and r.get("calibrated") and not calibration.within_reference(cal):
        return "n/a" if rt is None else "ratio: yes"
    if t is not None and not (v >= t if r["unit"].endswith("/s") else v <= t):
        return "NO"
    return "yes"


def target_text(r: dict[str, Any]) -> str:
    parts = []
    if r.get("target") is not None:
        parts.append(("≥" if r["unit"].endswith("/s") else "≤") + _fmt(r["target"]))
    if r.get("ratio_target") is not None:
        parts.append(f"≤{_fmt(r['ratio_target'])}x")
    return " ".join(parts)


def main(argv: list[str]) -> int:
    results: list[dict[str, Any]] = []
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    started = dt.datetime.now().astimezone()
    # bytecode as an installed application has it (PYTHONDONTWRITEBYTECODE would otherwise make
    # every fresh interpreter of the GUI's start compile each module of the tree from source)
    subprocess.run([sys.executable, "-m", "compileall", "-q", "app", "ui", "bench"],
                   cwd=HERE.parent, check=True)  # fmt: skip
    cal = _calibrate(env)
    print(calibration.describe(cal), flush=True)
    env["REZERV_BENCH_CALIBRATION"] = json.dumps(cal)
    for name in _modules(argv):
        print(f"== {name}", flush=True)
        with scratch(env, name) as child_env:
            p = subprocess.run(
                [sys.executable, "-m", "bench.child", name], capture_output=True, text=True,
                env=child_env, cwd=HERE.parent,
            )  # fmt: skip
        for line in p.stdout.splitlines():
            if line.startswith("@@"):
                results.append(json.loads(line[2:]))
            else:
                print(line)
        if p.returncode != 0:
            print(p.stderr[-3000:])
            results.append({"name": f"{name}: FAILED", "value": None, "unit": ""})
    cal_end = _calibrate(env)
    print()
    print("at the start: " + calibration.describe(cal))
    print("at the end:   " + calibration.describe(cal_end))
    print(f"{'measure':48} {'value':>10} {'unit':7} {'target':>12} {'met':4} {'baseline':>10} "
          f"{'ratio':>7}")  # fmt: skip
    for r in results:
        v, b = r.get("value"), r.get("baseline")
        r["met"] = met(r, cal)
        ratio = f"{v / b:.2f}" if v is not None and b else ""
        print(f"{r['name']:48} {_fmt(v):>10} {r['unit']:7} {target_text(r):>12} {r['met']:4} "
              f"{_fmt(b):>10} {ratio:>7}")  # fmt: skip
    out = HERE / "out"
    out.mkdir(exist_ok=True)
    doc = {
        "date": started.isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "system": platform.platform()},  # fmt: skip
        "areas": [n.removeprefix("bench_") for n in _modules(argv)],
        "calibration": cal,
        "calibration_end": cal_end,
        "results": results,
    }
    (out / "results.json").write_text(json.dumps(doc, indent=1, ensure_ascii=False), "utf-8")
    return 0


def _fmt(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:.4g}"
    return str(v)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
