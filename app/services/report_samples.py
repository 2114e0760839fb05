"""The five reports in both languages for ``make samples``: a throwaway Department workstation
(weak test KDF, synthetic dossiers and history, removed afterwards) prints each report over
2023-2026; the first pages go to ``docs/samples/report-<kind>.<lang>.png`` (later pages ``-2``...).
Needs ``pdftoppm`` (poppler-utils), as ``app.documents.samples`` does."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from app.clock import FixedClock
from app.documents.samples import OUT
from app.security.kdf import KdfParams
from app.services import demo, demo_history, report_output, reports, workstation

CLOCK = FixedClock(dt.datetime(2026, 2, 10, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=5))))
PERIOD = ("2023Q1", "2026Q1")


def main() -> int:
    if shutil.which("pdftoppm") is None:
        sys.stderr.write("pdftoppm (poppler-utils) is needed to render the samples\n")
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="rezerv-report-samples-") as tmp:
        s = workstation.create(Path(tmp) / "rezerv.db", role="department", user="samples",
                               passphrase="образцы отчётов для документации",  # noqa: S106 - throwaway
                               kdf=KdfParams.fast_for_tests(), clock=CLOCK)  # fmt: skip
        try:
            demo.populate(s, 360, seed=5)
            period = reports.period(*PERIOD)
            demo_history.history(s, period.quarters)
            for kind in reports.KINDS:
                shown = reports.period("2025Q1", "2026Q1") if kind == "timeliness" else period
                r = reports.build(s, kind, shown)
                for lang in ("kk", "ru"):
                    _png(report_output.print_report(s, r, lang).pdf, f"report-{kind}.{lang}")
        finally:
            s.close()
    print(f"report samples written to {OUT}")
    return 0


def _png(pdf: bytes, stem: str) -> None:
    for old in OUT.glob(f"{stem}*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-", str(OUT / stem)], input=pdf, check=True)
    for png in sorted(OUT.glob(f"{stem}-*.png")):
        number = int(png.stem.rsplit("-", 1)[1])
        png.rename(OUT / (f"{stem}.png" if number == 1 else f"{stem}-{number}.png"))


if __name__ == "__main__":
    raise SystemExit(main())
