"""``make bench-table``: the README's benchmark table comes from bench/out/results.json (no
timing is asserted here: only that the figures of a run are carried over as they are)."""

from __future__ import annotations

import json

import pytest

from bench import table
from bench.__main__ import _modules

ALL = [m.removeprefix("bench_") for m in _modules([])]


def _doc(cal_ratio: float, areas: list[str] | None = None) -> dict:
    cal = {"seconds": 0.53 * cal_ratio, "argon2_s": 0.2, "sqlcipher_s": 0.3, "reference_s": 0.53,
           "ratio": cal_ratio, "load": 1.0}  # fmt: skip
    return {
        "date": "2026-12-02T14:05:00+00:00",
        "machine": {"cpus": 2},
        "areas": ALL if areas is None else areas,
        "calibration": cal,
        "calibration_end": cal,
        "results": [
            {"name": "gui: start beyond the KDF", "value": 0.61, "unit": "s", "target": None,
             "baseline": 0.4, "ratio_target": 2.0},
            {"name": "gui: search keystroke p95", "value": 70.0, "unit": "ms", "target": None,
             "baseline": 40.0, "ratio_target": 1.5},
            *[{"name": f"gui: event loop max block, {p}", "value": v, "unit": "ms", "target": 50,
               "baseline": None, "calibrated": True}
              for p, v in (("search", 20.0), ("scroll", 31.0), ("open", 12.0), ("wizard", 44.0),
                           ("verify", 18.0))],
            {"name": "store.unlock_with_kdf", "value": 0.16, "unit": "s", "target": 0.5,
             "baseline": 0.25},
            {"name": "somebody's new measure", "value": 3.0, "unit": "s", "target": 2.0},
            {"name": "scan_attach_10_pages", "value": 2.5, "unit": "s", "target": 2.0,
             "baseline": 1.0, "ratio_target": 3.0, "calibrated": True},
            {"name": "scans.bundle_import_1000_dossiers_2_pages", "value": 1.0, "unit": "s",
             "target": 4.0, "baseline": 0.05, "ratio_target": 15.0, "calibrated": True},
            {"name": "an informational figure", "value": 7.0, "unit": "MB"},
        ],
    }  # fmt: skip


def _row(text: str, label: str) -> list[str]:
    line = next(ln for ln in text.splitlines() if ln.startswith(f"| {label}"))
    return [c.strip() for c in line.strip("|").split("|")]


def test_the_table_carries_each_figure_its_baseline_ratio_and_verdict() -> None:
    text = table.table(_doc(1.1))
    assert "02.12.2026 14:05" in text and "0.58 s = 1.10× the reference 0.53 s" in text
    start = _row(text, "start to painted nominee list beyond the KDF")
    assert start[1:] == ["0.61 s", "≤ 2× baseline", start[3], "1.52", "yes"]
    assert start[3].endswith("0.40 s")
    keys = _row(text, "search keystroke p95")
    assert keys[1] == "70 ms" and keys[4] == "1.75" and keys[5] == "NO"
    blocks = _row(text, "event loop longest block")
    assert blocks[1] == "20 / 31 / 12 / 44 / 18 ms" and blocks[5] == "yes"
    assert _row(text, "somebody's new measure")[5] == "NO"  # a target nobody labelled yet
    assert "an informational figure" not in text


def test_an_absolute_target_is_not_judged_off_the_reference_machine() -> None:
    blocks = _row(table.table(_doc(1.6)), "event loop longest block")
    assert blocks[5] == "n/a"


def test_only_the_marked_section_of_the_readme_changes(tmp_path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(f"# R\nbefore\n{table.BEGIN}\nold table\n{table.END}\nafter\n", "utf-8")
    results = tmp_path / "results.json"
    results.write_text(json.dumps(_doc(1.0)), "utf-8")
    assert table.main(["--results", str(results), "--readme", str(readme)]) == 0
    out = readme.read_text("utf-8")
    assert out.startswith("# R\nbefore\n") and out.endswith(f"{table.END}\nafter\n")
    assert "old table" not in out and "| unlock incl. KDF" in out


def test_a_readme_without_the_markers_is_refused(tmp_path) -> None:
    with pytest.raises(SystemExit):
        table.replace_section("# R\nno markers\n", "body")


def test_a_run_of_some_areas_is_not_written_over_the_whole_table_unless_asked(tmp_path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(f"# R\n{table.BEGIN}\nold table\n{table.END}\n", "utf-8")
    results = tmp_path / "results.json"
    results.write_text(json.dumps(_doc(1.0, ["gui"])), "utf-8")
    with pytest.raises(SystemExit, match=r"no figures of: .*store"):
        table.main(["--results", str(results), "--readme", str(readme)])
    assert "old table" in readme.read_text("utf-8")
    assert table.main(["--results", str(results), "--readme", str(readme), "--partial"]) == 0
    assert "old table" not in readme.read_text("utf-8")


def test_a_ratio_target_is_judged_on_any_run_and_the_seconds_only_on_a_calibrated_one() -> None:
    off, on = table.table(_doc(1.6)), table.table(_doc(1.0))
    attach, bulk = "attach a signed 10-page scan", "import 1,000 dossiers with 2 scanned pages"
    assert _row(off, attach)[5] == "ratio: yes"  # 2.5x <= 3x; its 2.5 s > 2 s not judged here
    assert _row(on, attach)[5] == "NO"  # on the reference machine 2.5 s > 2 s is judged
    assert _row(off, bulk)[5] == _row(on, bulk)[5] == "NO"  # 20x > 15x, whatever the machine
