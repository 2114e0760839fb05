"""Sizes and start times of the release, for packaging/README.md (run by ``make release-measure``).

Cold start: before each run every file of the unpacked folder (and, for the baseline, of the
.venv's Python and PySide6) is dropped from the page cache with posix_fadvise(DONTNEED), then the
time from exec to the first screen on display (the ``gui:`` line REZERV_SMOKE_GUI prints once it
is painted and saved) is taken. The baseline in the same run is
``python -c "import PySide6.QtWidgets"`` from the .venv (exec to exit), cold the same way.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5


def evict(*trees: Path) -> None:
    for tree in trees:
        for p in tree.rglob("*"):
            if p.is_file() and not p.is_symlink():
                try:
                    fd = os.open(p, os.O_RDONLY)
                except OSError:
                    continue
                try:
                    os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
                finally:
                    os.close(fd)


def timed(cmd: list[str], env: dict[str, str]) -> float:
    """Seconds from exec to exit, or, for the program, to its ``gui:`` line: the first screen is
    on display (painted, and its picture saved); quitting after it is not part of the start."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert p.stdout is not None
    shown = next((time.perf_counter() for line in p.stdout if line.startswith("gui: ")), None)
    if p.wait() != 0:
        raise subprocess.CalledProcessError(p.returncode, cmd)
    return (shown or time.perf_counter()) - t0


def _runs(times: list[float]) -> str:
    return ", ".join(f"{x:.2f}" for x in times)


def main() -> int:
    dist = ROOT / "dist"
    tarball = next(dist.glob("rezerv-*-linux-x86_64.tar.gz"))
    deb = next(dist.glob("rezerv_*_amd64.deb"))
    venv = ROOT / ".venv"
    py = venv / "bin" / "python"
    import PySide6

    pyside = Path(PySide6.__file__).parent
    stdlib = Path(sys.base_prefix) / "lib"
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        with tarfile.open(tarball) as tf:
            tf.extractall(work, filter="tar")
        folder = next(work.glob("rezerv-*"))
        unpacked = sum(p.lstat().st_size for p in folder.rglob("*"))
        files = sum(1 for p in folder.rglob("*") if p.is_file())
        home = work / "home"
        home.mkdir()
        env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8",
               "REZERV_INSECURE_TEST_KDF": "1", "REZERV_PASSPHRASE": "measure passphrase long enough x"}
        db = work / "ws" / "rezerv.db"
        subprocess.run([str(folder / "rezerv"), "--db", str(db), "init", "--role", "knb", "--user", "admin"],
                       env=env, check=True, capture_output=True)  # fmt: skip
        gui_env = {**env, "REZERV_DB": str(db), "REZERV_SMOKE_GUI": str(work / "first.png")}
        app, base = [], []
        for _ in range(RUNS):
            evict(folder)
            app.append(timed([str(folder / "rezerv")], gui_env))
            evict(pyside, stdlib, venv / "lib")
            base.append(timed([str(py), "-c", "import PySide6.QtWidgets"], env))
        warm_app = [timed([str(folder / "rezerv")], gui_env) for _ in range(RUNS)]
        warm_base = [timed([str(py), "-c", "import PySide6.QtWidgets"], env) for _ in range(RUNS)]
        dev_env = {**gui_env, "PYTHONPATH": str(ROOT)}
        warm_dev = [timed([str(py), "-m", "ui.bootstrap"], dev_env) for _ in range(RUNS)]
    a, b = statistics.median(app), statistics.median(base)
    wa, wb = statistics.median(warm_app), statistics.median(warm_base)
    print(f"tarball          {tarball.name}: {tarball.stat().st_size / 2**20:.1f} MiB")
    print(f"deb              {deb.name}: {deb.stat().st_size / 2**20:.1f} MiB")
    print(f"unpacked         {unpacked / 2**20:.1f} MiB in {files} files")
    print(f"cold start to unlock screen  median {a:.2f} s of {RUNS} (runs {_runs(app)})")
    print(f"cold import PySide6.QtWidgets median {b:.2f} s of {RUNS} (runs {_runs(base)})")
    print(f"ratio cold       {a / b:.2f}")
    print(f"warm start to unlock screen  median {wa:.2f} s; warm import PySide6.QtWidgets {wb:.2f} s; "
          f"ratio {wa / wb:.2f}")  # fmt: skip
    print(f"warm start from source (.venv python -m ui.bootstrap) median {statistics.median(warm_dev):.2f} s")
    print(f"load average     {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
