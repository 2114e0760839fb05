"""``make bench``: run every ``bench/bench_*.py`` in its own process and print one table.

Each module has ``run(report)``; ``report(name, value, unit, target=None, baseline=None)``.
A target is a ceiling, except for rates (units ending in ``/s``), where it is a floor. Ratios are
to a baseline measured in the same run. Results also go to ``bench/out/results.json``.
Usage: ``python -m bench [area ...]`` (e.g. ``python -m bench store rules``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _modules(selected: list[str]) -> list[str]:
    names = sorted(p.stem for p in HERE.glob("bench_*.py"))
    if selected:
        names = [n for n in names if n.removeprefix("bench_") in selected]
    return names


def main(argv: list[str]) -> int:
    results = []
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    for name in _modules(argv):
        print(f"== {name}", flush=True)
        p = subprocess.run(
            [sys.executable, "-m", "bench.child", name], capture_output=True, text=True, env=env,
            cwd=HERE.parent,
        )  # fmt: skip
        for line in p.stdout.splitlines():
            if line.startswith("@@"):
                results.append(json.loads(line[2:]))
            else:
                print(line)
        if p.returncode != 0:
            print(p.stderr[-3000:])
            results.append({"name": f"{name}: FAILED", "value": None, "unit": ""})
    print()
    print(f"{'measure':48} {'value':>12} {'unit':8} {'target':>8} {'met':4} {'baseline':>10} {'ratio':>7}")
    for r in results:
        v, t, b = r.get("value"), r.get("target"), r.get("baseline")
        met = ""
        if v is not None and t is not None:
            met = "yes" if (v >= t if r["unit"].endswith("/s") else v <= t) else "NO"
        ratio = f"{v / b:.2f}" if v is not None and b else ""
        print(f"{r['name']:48} {_fmt(v):>12} {r['unit']:8} {_fmt(t):>8} {met:4} {_fmt(b):>10} {ratio:>7}")
    out = HERE / "out"
    out.mkdir(exist_ok=True)
    (out / "results.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


def _fmt(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:.4g}"
    return str(v)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
