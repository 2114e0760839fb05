"""`make mutation`: mutation testing of the rules engine and the calendar with mutmut.

1. ``mutmut run`` over [tool.mutmut] in pyproject.toml. mutmut keeps its results in mutants/:
   a mutant of an unchanged function keeps its verdict, a changed function's mutants are new.
   Which tests reach which function is collected anew each time (mutmut would only collect it
   for tests with new names, so an edited test would not be run against the mutants it reaches).
2. The survivors, and the mutants no test reached, are run again against the current tests (a
   test added since the last run may kill or reach them; mutmut alone would keep the old
   verdict).
3. The score per file and every survivor are printed. Mutants listed as equivalent in
   docs/rules.md (section "Mutation testing", one row per mutant with its reason) are left out
   of the score; a listed mutant that no longer survives is reported so the list stays true.

Exit 1 when the score is under [tool.rezerv-mutation] target. ``MUTANTS='app.rules.terms.*'``
(make variable) re-tests the matching mutants from scratch; ``rm -rf mutants`` starts over.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUTMUT = [sys.executable, "-m", "mutmut"]
KILLED = {1, 3, 36, 37, 24, -24, 152, 255}  # killed, test-runner error, timeouts, type check
SURVIVED = 0
RETEST = {SURVIVED, 33, 5, None}  # survived, or no test reached it (a new test may)
ROW = re.compile(r"^\|\s*`([\w.]+__mutmut_\d+)`\s*\|")


def _config() -> tuple[list[str], float, Path, int]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]
    own = data["rezerv-mutation"]
    return (data["mutmut"]["only_mutate"], float(own["target"]), ROOT / own["equivalents"],
            int(own.get("workers", 2)))  # fmt: skip


def _results(files: list[str]) -> dict[str, dict[str, int | None]]:
    out = {}
    for f in files:
        meta = ROOT / "mutants" / f"{f}.meta"
        out[f] = json.loads(meta.read_text("utf-8"))["exit_code_by_key"] if meta.exists() else {}
    return out


def _equivalents(doc: Path) -> set[str]:
    return {m.group(1) for line in doc.read_text("utf-8").splitlines() if (m := ROW.match(line))}


def _mutmut(*args: str) -> None:
    subprocess.run([*MUTMUT, *args], cwd=ROOT, check=True)


def main(argv: list[str]) -> int:
    files, target, doc, workers = _config()
    (ROOT / "mutants" / "mutmut-stats.json").unlink(missing_ok=True)
    _mutmut("run", "--max-children", str(workers), *argv)
    survivors = [k for r in _results(files).values() for k, v in r.items() if v in RETEST]
    if survivors and not argv:
        print(f"\nRe-testing {len(survivors)} survivors and unreached mutants against the current tests")
        _mutmut("run", "--max-children", str(workers), *survivors)
    results = _results(files)
    equivalent = _equivalents(doc)

    print(f"\n{'file':<42} {'mutants':>7} {'killed':>6} {'equiv':>5} {'other':>5} {'score':>7}")
    all_killed = all_counted = all_total = all_eq = 0
    unexplained: list[str] = []
    stale: list[str] = []
    for f, r in results.items():
        killed = sum(1 for v in r.values() if v in KILLED)
        eq = sum(1 for k, v in r.items() if k in equivalent and v == SURVIVED)
        other = [k for k, v in r.items() if v not in KILLED and k not in equivalent]
        stale += [k for k, v in r.items() if k in equivalent and v != SURVIVED]
        unexplained += other
        counted = len(r) - eq
        all_killed += killed
        all_counted += counted
        all_total += len(r)
        all_eq += eq
        score = 100.0 * killed / counted if counted else 100.0
        print(f"{f:<42} {len(r):>7} {killed:>6} {eq:>5} {len(other):>5} {score:>6.1f}%")
    total = 100.0 * all_killed / all_counted if all_counted else 100.0
    print(f"{'all':<42} {all_total:>7} {all_killed:>6} {all_eq:>5} {len(unexplained):>5} "
          f"{total:>6.1f}%")  # fmt: skip
    known = {k for r in results.values() for k in r}
    stale += sorted(equivalent - known)
    print("(score = killed / (mutants - equivalent); equivalents: "
          f"{doc.relative_to(ROOT)}, section 'Mutation testing')")  # fmt: skip

    by_status: dict[str, list[str]] = {}
    for r in results.values():
        for k in (k for k in r if k in unexplained):
            code = r[k]
            name = {0: "survived", None: "not checked", 33: "no tests", 5: "no tests"}
            by_status.setdefault(name.get(code, f"exit {code}"), []).append(k)
    for status, names in by_status.items():
        print(f"\n{status} ({len(names)}), not listed as equivalent:")
        for k in names:
            print(f"    {k}")
    if stale:
        print(f"\nlisted as equivalent but no longer surviving ({len(stale)}): remove from the list")
        for k in stale:
            print(f"    {k}")
    print(f"\nmutation score {total:.1f} % (target {target:.0f} %)")
    return 0 if total >= target else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
