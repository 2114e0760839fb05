"""One error contract: each bad input below gives one translated line and exit 4 (3 for access),
never "internal error" (exit 1), a traceback, a Pillow warning or a SQLCipher log line."""

from __future__ import annotations

import io
import os
import struct
import sys
import zlib
from pathlib import Path

import msgspec
import pytest

from app.cli.main import main as cli_main
from app.services import interchange
from tests.cli import PASSPHRASE, run_cli
from tests.factories import make_dossier


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("contract") / "ws" / "rezerv.db"
    assert run_cli("init", "--role", "knb", "--user", "admin", db=db, user=None).code == 0
    assert run_cli("demo", "--count", "2", "--seed", "3", db=db).code == 0
    return db


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch):
    for k in [k for k in os.environ if k.startswith("REZERV_")]:
        monkeypatch.delenv(k)
    monkeypatch.setenv("REZERV_INSECURE_TEST_KDF", "1")
    monkeypatch.setenv("REZERV_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("REZERV_USER", "admin")

    def run(db: Path, *argv: str, lang: str = "ru") -> tuple[int, str, str]:
        err, out = io.StringIO(), io.StringIO()
        monkeypatch.setattr(sys, "stderr", err)
        monkeypatch.setattr(sys, "stdout", out)
        monkeypatch.setattr(sys, "stdin", io.StringIO())
        code = cli_main(["--lang", lang, "--db", str(db), *argv])
        return code, out.getvalue(), err.getvalue()

    return run


def _one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err and "ERROR CORE" not in err and "Warning" not in err
    return lines[0]


def test_json_nested_10000_deep_is_refused(ws, cli, tmp_path):
    f = tmp_path / "deep.json"
    f.write_text("[" * 10000 + "]" * 10000)
    code, _, err = cli(ws, "nominee", "add", "--json", str(f))
    assert code == 4 and "глубоко" in _one_line(err)


def test_invalid_utf8_json_is_refused(ws, cli, tmp_path):
    f = tmp_path / "bad.json"
    f.write_bytes(b'{"person": {"surname": "\xff\xfe"}}')
    code, _, err = cli(ws, "nominee", "add", "--json", str(f), lang="kk")
    assert code == 4 and "UTF-8" in _one_line(err)


@pytest.mark.parametrize("argv", [
    ("nominee", "show", "9" * 20),
    ("check", "9" * 20),
    ("nominee", "list", "--limit", "9" * 20),
    ("pdf", "submission", "--nominee", "9" * 20, "--out", "x.pdf"),
])  # fmt: skip
def test_20_digit_ids_are_refused(ws, cli, tmp_path, monkeypatch, argv):
    monkeypatch.chdir(tmp_path)
    code, _, err = cli(ws, *argv)
    _one_line(err)
    assert code == 4


def test_quarter_of_year_zero_is_refused(ws, cli):
    code, _, err = cli(ws, "quarter", "board", "0000Q1")
    assert code == 4 and "0000Q1" in _one_line(err)


def test_backup_to_a_directory_or_missing_folder_is_refused(ws, cli, tmp_path):
    for out in (tmp_path, tmp_path / "missing" / "x.bk"):
        code, _, err = cli(ws, "backup", "--out", str(out))
        assert code == 4 and str(out) in _one_line(err)


def test_option_like_search_text_is_a_value(ws, cli):
    code, out, err = cli(ws, "nominee", "list", "--search", "-x")
    assert code == 0, err
    assert "usage" not in err and out.strip()


def test_directory_as_database_is_refused(cli, tmp_path):
    code, _, err = cli(tmp_path, "nominee", "list")
    assert code == 4 and str(tmp_path) in _one_line(err)


def test_read_only_database_or_folder_is_refused_not_called_corrupt(ws, cli, monkeypatch):
    real = os.access
    # the suite may run as root, for whom every file is writable: the OS answer is simulated
    monkeypatch.setattr(os, "access", lambda p, m, **k: False if m & os.W_OK else real(p, m, **k))
    code, _, err = cli(ws, "nominee", "list")
    line = _one_line(err)
    assert code == 4 and "запис" in line and "поврежд" not in line


def test_wrong_passphrase_prints_no_sqlcipher_log_line(ws, tmp_path):
    r = run_cli("nominee", "list", db=ws, passphrase="wrong passphrase entirely here")
    assert r.code == 3
    assert "ERROR CORE" not in r.err and len(r.err.strip().splitlines()) == 1


def _png_bomb() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", 30_000, 30_000, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0"))
            + chunk(b"IEND", b""))  # fmt: skip


def test_decompression_bomb_photo_gives_exit_4_and_no_pillow_warning(ws, tmp_path):
    (tmp_path / "bomb.png").write_bytes(_png_bomb())
    obj = interchange.to_obj(make_dossier(7, with_photo=False))
    obj["photo"] = "bomb.png"
    f = tmp_path / "d.json"
    f.write_bytes(msgspec.json.encode(obj))
    r = run_cli("nominee", "add", "--json", str(f), db=ws)
    assert r.code == 4, r
    assert "Warning" not in r.err and len(r.err.strip().splitlines()) == 1
