"""``make bench`` gives each benchmark's process its own ``TMPDIR`` and removes it afterwards, so
the 100k-dossier databases (2 GB each) never pile up in the system's temporary directory."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from bench.__main__ import scratch


def test_a_child_writes_under_its_scratch_and_it_is_gone_after(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    env = dict(os.environ, TMPDIR="/elsewhere")
    with scratch(env, "bench_x") as child_env:
        where = Path(child_env["TMPDIR"])
        assert where.parent == tmp_path and where.is_dir()
        code = ("import tempfile, pathlib; d = tempfile.mkdtemp();"
                " pathlib.Path(d, 'r.db').write_bytes(b'x' * 4096); print(d)")
        made = Path(subprocess.run([sys.executable, "-c", code], env=child_env, check=True,
                                   capture_output=True, text=True).stdout.strip())  # fmt: skip
        assert made.parent == where and (made / "r.db").is_file()
    assert not where.exists() and list(tmp_path.iterdir()) == []
    assert env["TMPDIR"] == "/elsewhere"  # the caller's environment is left as it was


def test_the_scratch_goes_even_when_the_benchmark_fails(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    env = dict(os.environ)
    with pytest.raises(RuntimeError), scratch(env, "bench_y") as child_env:
        Path(child_env["TMPDIR"], "left.db").write_bytes(b"x")
        raise RuntimeError("the benchmark failed")
    assert list(tmp_path.iterdir()) == []
