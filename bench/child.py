"""Runs one benchmark module and prints its results as ``@@{json}`` lines."""

from __future__ import annotations

import importlib
import json
import sys


def report(name: str, value: float, unit: str, target: float | None = None,
           baseline: float | None = None) -> None:  # fmt: skip
    print("@@" + json.dumps({"name": name, "value": value, "unit": unit, "target": target,
                             "baseline": baseline}), flush=True)  # fmt: skip


if __name__ == "__main__":
    importlib.import_module(f"bench.{sys.argv[1]}").run(report)
