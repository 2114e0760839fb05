"""A full CLI session through the real ``rezerv`` command, and its error contract."""

import datetime as dt
import json
import sqlite3

import pytest

from app import resources
from app.domain.iin import make_iin
from tests.cli import PASSPHRASE, run_cli

EXAMPLE = resources.path("samples", "dossier-example.json")


def _no_traceback(r):
    assert "Traceback" not in r.err and "Traceback" not in r.out


@pytest.fixture
def ws(tmp_path):
    db = tmp_path / "data" / "rezerv.db"
    r = run_cli("init", "--role", "knb", "--user", "admin", db=db, user=None)
    assert r.code == 0, r.err
    return db


def test_full_session(ws, tmp_path):
    r = run_cli("nominee", "add", "--json", str(EXAMPLE), db=ws)
    assert r.code == 0, r.err
    nid = r.out.strip()
    assert nid.isdigit()

    r = run_cli("nominee", "list", "--search", "Seiıtqaliūly", "--format", "json", db=ws)
    rows = json.loads(r.out)
    assert [x["id"] for x in rows] == [int(nid)]
    assert {"id", "iin", "surname", "given_name"} <= set(rows[0])

    r = run_cli("nominee", "show", nid, "--format", "json", db=ws)
    shown = json.loads(r.out)
    original = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    assert shown["person"] == original["person"]
    assert shown["photo"].startswith("data:image/jpeg;base64,")
    again = tmp_path / "again.json"
    shown["person"]["iin"] = make_iin(dt.date(1982, 5, 17), "M", 500)
    again.write_text(json.dumps(shown, ensure_ascii=False), encoding="utf-8")
    r = run_cli("nominee", "add", "--json", str(again), db=ws)
    assert r.code == 0, r.err

    pp = tmp_path / "clerk.pp"
    pp.write_text("clerk passphrase long enough\n", encoding="utf-8")
    assert run_cli("user", "add", "clerk1", "--role", "clerk", "--new-passphrase-file", str(pp),
                   db=ws).code == 0  # fmt: skip
    r = run_cli("nominee", "list", "--format", "json", db=ws, user="clerk1",
                passphrase="clerk passphrase long enough")  # fmt: skip
    assert len(json.loads(r.out)) == 2

    r = run_cli("audit", "verify", db=ws)
    assert r.code == 0, r.err

    bk = tmp_path / "backup.rzb"
    assert run_cli("backup", "--out", str(bk), db=ws).code == 0
    target = tmp_path / "restored" / "rezerv.db"
    r = run_cli("restore", str(bk), db=target)
    assert r.code == 0, r.err
    r = run_cli("nominee", "list", "--format", "json", db=target)
    assert len(json.loads(r.out)) == 2
    r = run_cli("restore", str(bk), db=target)
    assert r.code == 4  # exists: needs --force
    assert run_cli("restore", str(bk), "--force", db=target).code == 0
    assert run_cli("audit", "verify", db=target).code == 0


def test_passwd_changes_only_the_users_slot(ws, tmp_path):
    new = tmp_path / "new.pp"
    new.write_text("the new passphrase for admin\n", encoding="utf-8")
    r = run_cli("passwd", "--new-passphrase-file", str(new), db=ws)
    assert r.code == 0, r.err
    assert run_cli("audit", "verify", db=ws).code == 3
    assert run_cli("audit", "verify", db=ws, passphrase="the new passphrase for admin").code == 0


def test_passphrase_file_first_line(ws, tmp_path):
    f = tmp_path / "pp"
    f.write_text(PASSPHRASE + "\nsecond line ignored\n", encoding="utf-8")
    r = run_cli("--passphrase-file", str(f), "audit", "verify", db=ws, passphrase=None)
    assert r.code == 0, r.err
    # global options go before the command; after it they are a usage error
    r = run_cli("audit", "verify", "--passphrase-file", str(f), db=ws, passphrase=None)
    assert r.code == 2
    r = run_cli("audit", "verify", db=ws, passphrase=None,
                env={"REZERV_PASSPHRASE": ""})  # fmt: skip
    assert r.code == 3


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["nominee", "show", "999"], 4),
        (["nominee", "frobnicate"], 2),
        (["nominee", "add", "--json", "/nonexistent/file.json"], 4),
        (["--bogus"], 2),
    ],
)
def test_exit_codes(ws, args, code):
    r = run_cli(*args, db=ws)
    assert r.code == code, r.err
    _no_traceback(r)
    assert r.err.strip()


def test_wrong_passphrase_exits_3_with_one_clear_line(ws):
    r = run_cli("nominee", "list", db=ws, passphrase="not the passphrase at all", lang="kk")
    assert r.code == 3
    assert r.err.strip().splitlines()[-1] == "Пайдаланушы аты немесе құпия фраза қате"
    _no_traceback(r)


def test_malformed_json_exits_4(ws, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"person": [', encoding="utf-8")
    r = run_cli("nominee", "add", "--json", str(bad), db=ws)
    assert r.code == 4
    assert "JSON" in r.err
    _no_traceback(r)


def test_plain_sqlite_file_is_named_and_untouched(tmp_path):
    p = tmp_path / "plain.db"
    c = sqlite3.connect(p)
    c.execute("CREATE TABLE t (a)")
    c.commit()
    c.close()
    before = p.read_bytes()
    r = run_cli("nominee", "list", db=p)
    assert r.code == 1 and "SQLite" in r.err
    r = run_cli("init", "--role", "knb", "--user", "admin", db=p, user=None)
    assert r.code == 1
    assert p.read_bytes() == before
    _no_traceback(r)


def test_demo_creates_valid_dossiers(ws):
    r = run_cli("demo", "--count", "30", "--seed", "7", db=ws)
    assert r.code == 0, r.err
    rows = json.loads(run_cli("nominee", "list", "--format", "json", db=ws).out)
    assert len(rows) == 30
    assert len({x["iin"] for x in rows}) == 30
