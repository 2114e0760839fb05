"""Runs one benchmark module and prints its results as ``@@{json}`` lines."""

from __future__ import annotations

import importlib
import json
import sys


def report(name: str, value: float, unit: str, target: float | None = None,
           baseline: float | None = None, *, ratio_target: float | None = None,
           calibrated: bool = False) -> None:  # fmt: skip
    """``target``: a ceiling on the value (a floor for ``/s`` units); ``ratio_target``: a ceiling
    on value / baseline; ``calibrated``: the target is judged only on a run whose calibration is
    within the reference's tolerance (an absolute figure that moves with the machine)."""
    print("@@" + json.dumps({"name": name, "value": value, "unit": unit, "target": target,
                             "baseline": baseline, "ratio_target": ratio_target,
                             "calibrated": calibrated}), flush=True)  # fmt: skip


if __name__ == "__main__":
    importlib.import_module(f"bench.{sys.argv[1]}").run(report)
