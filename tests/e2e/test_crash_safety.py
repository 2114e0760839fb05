"""SIGKILL a writing process at random moments; nothing committed may be lost or damaged."""

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.security.kdf import KdfParams
from app.services import nominees, workstation
from app.store import audit
from app.store.nominees import Nominees

REPO = Path(__file__).resolve().parents[2]
PP = "crash test passphrase long enough"


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_nothing_committed(tmp_path):
    db = tmp_path / "rezerv.db"
    workstation.create(db, role="knb", user="admin", passphrase=PP,
                       kdf=KdfParams.fast_for_tests()).close()  # fmt: skip
    rng = random.Random(20260122)
    committed: dict[int, int] = {}  # serial -> id
    next_serial = 1
    for _ in range(12):
        proc = subprocess.Popen(
            [sys.executable, "-m", "tests.e2e.crash_writer", str(db), PP, str(next_serial)],
            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        try:
            # wait for the first commit, then kill at a random moment within the next writes
            first = proc.stdout.readline()
            assert first, proc.stderr.read()
            time.sleep(rng.uniform(0.0, 0.4))
        finally:
            os.kill(proc.pid, signal.SIGKILL)
        rest, _ = proc.communicate()
        for line in [first, *rest.splitlines()]:
            if line.strip():
                serial, nid = map(int, line.split())
                committed[serial] = nid
        next_serial = max(committed) + 1

    s = workstation.unlock(db, user="admin", passphrase=PP)
    conn = s.db.connection()
    assert conn.execute("PRAGMA cipher_integrity_check").fetchall() == []
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    report = audit.verify(conn)
    assert report.ok, report
    repo = Nominees(conn)
    for serial, nid in committed.items():
        rec = nominees.get(s, nid)
        assert rec.dossier.photo is not None, serial
    # every stored dossier has exactly one audit row, and search still agrees with the rows
    count = repo.count()
    assert count >= len(committed)
    adds = conn.execute("SELECT count(*) FROM audit WHERE action = 'nominee.add'").fetchone()[0]
    assert adds == count
    fts = conn.execute("SELECT count(*) FROM nominee_fts").fetchone()[0]
    assert fts == count
    s.close()
