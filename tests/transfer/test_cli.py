"""The CLI end to end over two workstations (subprocesses), and the reference ``age`` tool."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.services import interchange
from tests.conftest import PASSPHRASE
from tests.factories import make_dossier

REZERV = Path(sys.executable).with_name("rezerv")
pytestmark = pytest.mark.skipif(not REZERV.exists(), reason="rezerv entry point not installed")


def run(db: Path, *args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
    env = dict(
        os.environ, REZERV_INSECURE_TEST_KDF="1", REZERV_PASSPHRASE=PASSPHRASE,
        REZERV_USER="admin", REZERV_LANG="ru", REZERV_NOW="2026-02-10T10:00:00+05:00",
    )  # fmt: skip
    p = subprocess.run([str(REZERV), "--db", str(db), *args], env=env, capture_output=True,
                       text=True, timeout=120)  # fmt: skip
    assert "Traceback" not in p.stderr
    if ok:
        assert p.returncode == 0, p.stderr
    return p


def test_cli_exchange(tmp_path: Path) -> None:
    body, dept, stick = tmp_path / "b" / "r.db", tmp_path / "d" / "r.db", tmp_path / "stick"
    stick.mkdir()
    run(body, "init", "--role", "knb", "--user", "admin")
    run(dept, "init", "--role", "department", "--user", "admin")
    ids = {}
    for name, db in (("body", body), ("dept", dept)):
        shown = json.loads(run(db, "identity", "show", "--format", "json").stdout)
        assert set(shown) >= {"id", "fingerprint"}
        ids[name] = shown
        run(db, "identity", "export", "--out", str(stick / f"{name}.card"))
    bad = run(dept, "peer", "add", str(stick / "body.card"), "--fingerprint",
              "0000-0000-0000-0000-0000", ok=False)  # fmt: skip
    assert bad.returncode == 4 and bad.stderr.strip().splitlines()[-1].startswith("Отпечаток")
    run(dept, "peer", "add", str(stick / "body.card"), "--fingerprint",
        ids["body"]["fingerprint"].lower())  # fmt: skip
    run(body, "peer", "add", str(stick / "dept.card"), "--fingerprint", ids["dept"]["fingerprint"])
    listed = json.loads(run(dept, "peer", "list", "--format", "json").stdout)
    assert [p["id"] for p in listed] == [ids["body"]["id"]]

    src = tmp_path / "d1.json"
    src.write_text(json.dumps(interchange.to_obj(make_dossier(1)), ensure_ascii=False))
    run(body, "nominee", "add", "--json", str(src))
    out = stick / "q1.age"
    run(body, "bundle", "export", "--kind", "nominations", "--quarter", "2026Q1",
        "--to", ids["dept"]["id"], "--out", str(out))  # fmt: skip
    ins = json.loads(run(dept, "bundle", "inspect", str(out), "--format", "json").stdout)
    assert ins["verified"] and ins["counts"]["add"] == 1 and ins["refusal"] is None
    imp = run(dept, "bundle", "import", str(out))
    assert "принят" in imp.stdout
    receipt = stick / "q1.receipt.rzv"
    assert receipt.exists()
    run(body, "bundle", "import", str(receipt))
    again = run(dept, "bundle", "import", str(out), "--receipt", str(stick / "r2.age"), ok=False)
    assert again.returncode == 4 and "уже был принят" in again.stderr
    junk = stick / "junk.age"
    junk.write_bytes(b"hello")
    bad_inspect = run(dept, "bundle", "inspect", str(junk), ok=False)
    assert bad_inspect.returncode == 4 and "не зашифрован age" in bad_inspect.stderr
    run(dept, "peer", "revoke", ids["body"]["id"])
    revoked = run(dept, "bundle", "inspect", str(out), ok=False)
    assert revoked.returncode == 4 and "отозван" in revoked.stderr


@pytest.mark.skipif(shutil.which("age") is None, reason="the reference age tool is not installed")
def test_reference_age_tool_opens_a_bundle_with_the_workstation_identity(tmp_path: Path) -> None:
    from app.clock import FixedClock
    from app.security.kdf import KdfParams
    from app.services import workstation
    from app.transfer import format as fmt
    from tests.transfer.conftest import own, pin

    clock = FixedClock(dt.datetime(2026, 2, 10, 10, tzinfo=dt.timezone(dt.timedelta(hours=5))))
    kdf = KdfParams.fast_for_tests()
    b = workstation.create(tmp_path / "b.db", role="knb", user="a", passphrase=PASSPHRASE, kdf=kdf,
                           clock=clock)  # fmt: skip
    d = workstation.create(tmp_path / "d.db", role="department", user="a", passphrase=PASSPHRASE,
                           kdf=kdf, clock=clock)  # fmt: skip
    try:
        pin(b, d, tmp_path)
        from app.services import nominees
        from app.services import transfer_bundles as tb

        nominees.add(b, make_dossier(1))
        out = tmp_path / "q.age"
        tb.export_bundle(b, kind="nominations", peer_id=d.workstation_id, out=out, quarter="2026Q1")
        key = tmp_path / "dept.key"  # test only: the secret never leaves the database otherwise
        key.write_text(own(d).age_identity + "\n")
        key.chmod(0o600)
        p = subprocess.run(["age", "-d", "-i", str(key), str(out)], capture_output=True, timeout=60)
        assert p.returncode == 0, p.stderr
        assert p.stdout.startswith(fmt.MAGIC)
        assert fmt.parse(p.stdout).manifest.recipients[0].id == d.workstation_id
    finally:
        b.close()
        d.close()
