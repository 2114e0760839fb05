"""Unlock attempts are enforced by the workstation: the failure is counted before the KDF runs (a
killed attempt still counts), an early retry is refused without the KDF, unknown names behave
like known ones, and after N failures the name is locked until a supervisor unlocks it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.errors import AuthError, PermissionDenied
from app.security.kdf import KdfParams
from app.security.keyslots import KeyStore
from app.services import audit, workstation
from tests.conftest import PASSPHRASE


def _fail(db: Path, user: str, t: float, passphrase: str = "wrong wrong wrong") -> str:
    with pytest.raises(AuthError) as e:
        workstation.unlock(db, user=user, passphrase=passphrase, now=lambda: t)
    return e.value.key


def test_user_is_locked_after_n_failures_until_a_supervisor_unlocks(session, db_path, fast_kdf):
    workstation.add_user(session, "clerk1", "clerk", PASSPHRASE, kdf=fast_kdf)
    workstation.set_lock_after(session, 3)
    session.close()
    t = 1000.0
    for _ in range(3):
        assert _fail(db_path, "clerk1", t) == "auth.wrong_passphrase"
        t += 100
    # locked now, even with the right passphrase
    assert _fail(db_path, "clerk1", t, PASSPHRASE) == "auth.user_locked"
    s = workstation.unlock(db_path, user="admin", passphrase=PASSPHRASE, now=lambda: t)
    try:
        workstation.unlock_user(s, "clerk1")
        assert audit.rows(s, limit=1)[0].action == "user.unlock"
    finally:
        s.close()
    workstation.unlock(db_path, user="clerk1", passphrase=PASSPHRASE, now=lambda: t).close()


def test_clerk_cannot_unlock_users_or_change_the_limit(session, db_path, fast_kdf):
    workstation.add_user(session, "clerk1", "clerk", PASSPHRASE, kdf=fast_kdf)
    session.close()
    s = workstation.unlock(db_path, user="clerk1", passphrase=PASSPHRASE)
    try:
        with pytest.raises(PermissionDenied):
            workstation.unlock_user(s, "admin")
        with pytest.raises(PermissionDenied):
            workstation.set_lock_after(s, 100)
    finally:
        s.close()


def test_unknown_name_is_counted_and_locked_like_a_known_one(session, db_path):
    session.close()
    t = 1000.0
    keys = []
    for user in ("admin", "nobody"):
        seq = []
        for _ in range(10):
            seq.append(_fail(db_path, user, t))
            seq.append(_fail(db_path, user, t))  # too early
            t += 100
        seq.append(_fail(db_path, user, t))
        keys.append(seq)
    assert keys[0] == keys[1]
    assert keys[0][:3] == ["auth.wrong_passphrase", "auth.wrong_passphrase", "auth.wrong_passphrase"]
    assert "auth.wait" in keys[0] and keys[0][-1] == "auth.user_locked"


def test_unknown_name_costs_the_same_kdf_as_the_workstations_slots(session, db_path, monkeypatch):
    session.close()
    from app.security import keyslots

    used: list[KdfParams] = []
    real = keyslots.derive
    monkeypatch.setattr(keyslots, "derive", lambda p, s, k: (used.append(k), real(p, s, k))[1])
    _fail(db_path, "admin", 0.0)
    _fail(db_path, "nobody", 0.0)
    assert used[0] == used[1]


def test_killed_attempt_is_still_counted(session, db_path):
    session.close()
    ks = KeyStore(db_path)
    kf = ks.load()
    slow = KdfParams(time_cost=40, memory_kib=64 * 1024, parallelism=1)
    kf.slots[0].kdf = slow  # a KDF long enough to kill the attempt in the middle
    ks.save(kf)
    code = (
        "import sys; from pathlib import Path; from app.services import workstation\n"
        f"workstation.unlock(Path({str(db_path)!r}), user='admin', passphrase='guess one two')\n"
    )
    p = subprocess.Popen([sys.executable, "-c", code], cwd=Path(__file__).parents[2],
                         env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])})  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not KeyStore(db_path).load().attempts:
        time.sleep(0.02)
    assert p.poll() is None, "the attempt was still deriving its key when it was killed"
    os.kill(p.pid, signal.SIGKILL)
    p.wait()
    att = KeyStore(db_path).load().attempts
    assert [a.failures for a in att] == [1]
