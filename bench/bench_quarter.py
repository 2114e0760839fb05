"""A Department review of one quarter (issue 7): 1,000 nominees from three bodies.

Timed: importing the three nomination packages (decrypt, verify, validate every dossier and
photo, apply), running every check (``check --all``), and forming the recommended list
(p.11(2)) — together <= 10 s. The reviewer's marks are entered between the steps (untimed: that
is a person's work). Baseline: inspecting the same three packages (decrypt, verify, validate,
no writes), each package inspected right before it is imported. The review runs on ``REPEATS``
(7) new worlds in turn; the one whose ratio is the median is reported.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

Report = Callable[..., None]
COUNT = int(os.environ.get("REZERV_BENCH_QUARTER", "1000"))
PP = "benchmark passphrase long enough"
BODIES = ("knb", "syrbar", "sgs")
REPEATS = 7  # of three, the ratio moved by 22 % between two runs minutes apart (2.52 and 2.07,
# the worlds of one run spreading 2.12-2.61)


def _nominable(count: int, today: dt.date) -> list[Any]:
    import msgspec

    from app.rules import rulesets
    from app.rules.base import nominable
    from app.services import demo

    out = []
    for d in demo.dossiers(count * 3, seed=7, today=today):
        nom = msgspec.structs.replace(d.nomination, quarter="2026Q1", appointment_submission_pending=False)
        d = msgspec.structs.replace(d, nomination=nom)
        if d.photo is not None and nominable(rulesets.evaluate(d, at=today)):
            out.append(d)
        if len(out) == count:
            return out
    raise RuntimeError(f"only {len(out)} nominable demo dossiers")


def run(report: Report) -> None:
    # the review on REPEATS worlds of its own in turn, the one whose total/inspection ratio is
    # the median reported (one world: 1.79 and 2.05 in two runs of the same code)
    runs = sorted((_review_world() for _ in range(REPEATS)), key=lambda r: r["total"] / r["inspect"])
    print("quarter: review total / inspection, the worlds' ratios: "
          + " ".join(f"{r['total'] / r['inspect']:.2f}" for r in runs), flush=True)  # fmt: skip
    r = runs[len(runs) // 2]
    report(f"quarter: import 3 packages ({COUNT} dossiers)", r["import"], "s", baseline=r["inspect"])
    report(f"quarter: check --all ({COUNT})", r["check"], "s")
    report(f"quarter: form the list ({r['recommended']} recommended)", r["form"], "s")
    report("quarter: Department review total", r["total"], "s", target=10.0, baseline=r["inspect"])


def _review_world() -> dict[str, float]:
    """A new Department and three bodies' packages; the review's seconds."""
    import msgspec

    from app.clock import FixedClock
    from app.domain.dossier import Body
    from app.security.kdf import KdfParams
    from app.services import checks, nominees, review, transfer, transfer_bundles, workstation

    tmp = Path(tempfile.mkdtemp(prefix="rezerv-bench-quarter-"))
    clock = FixedClock(dt.datetime(2026, 2, 10, 10, 0).astimezone())
    kdf = KdfParams.fast_for_tests()

    def ws(role: str) -> workstation.Session:
        return workstation.create(tmp / role / "rezerv.db", role=role, user="admin", passphrase=PP,
                                  kdf=kdf, clock=clock)  # fmt: skip

    dept = ws("department")
    dcard = tmp / "dept.card"
    transfer.export_identity(dept, dcard)
    dossiers = _nominable(COUNT, clock.today())
    packages = []
    for i, body in enumerate(BODIES):
        s = ws(body)
        card = tmp / f"{body}.card"
        transfer.export_identity(s, card)
        transfer.add_peer(s, dcard, transfer.show_identity(dept).fingerprint)
        transfer.add_peer(dept, card, transfer.show_identity(s).fingerprint)
        mine = [msgspec.structs.replace(d, body=Body(body)) for d in dossiers[i::3]]
        nominees.add_many(s, mine)
        out = tmp / f"{body}.age"
        transfer_bundles.export_bundle(s, kind="nominations", peer_id=dept.workstation_id, out=out,
                                       quarter="2026Q1")  # fmt: skip
        packages.append(out)
        s.close()

    # each package inspected right before it is imported, so the import and its baseline see the
    # machine in the same mood (all three inspected first, then all three imported, the ratio
    # moved 1.14 -> 2.41 between two runs); an inspection after the import would compare with
    # the stored records, other work, so the baseline always goes first
    clock.at = dt.datetime(2026, 3, 5, 10, 0).astimezone()
    inspect_s = import_s = 0.0
    for p in packages:
        t0 = time.perf_counter()
        transfer_bundles.inspect_bundle(dept, p)
        t1 = time.perf_counter()
        transfer_bundles.import_bundle(dept, p)
        t2 = time.perf_counter()
        inspect_s, import_s = inspect_s + t1 - t0, import_s + t2 - t1
    t0 = time.perf_counter()
    summary = checks.check_all(dept)
    check_s = time.perf_counter() - t0
    assert len(summary.results) == COUNT, len(summary.results)

    for result in summary.results:  # the reviewer's marks: untimed
        review.set_marks(dept, result.id, accuracy="ok", completeness="ok", compliance="ok")
    t0 = time.perf_counter()
    ok, skipped = review.form_list(dept, "2026Q1", day=clock.today())
    form_s = time.perf_counter() - t0
    assert len(ok) + len(skipped) == COUNT

    dept.close()
    shutil.rmtree(tmp, ignore_errors=True)
    return {"import": import_s, "inspect": inspect_s, "check": check_s, "form": form_s,
            "total": import_s + check_s + form_s, "recommended": len(ok)}
