"""``rezerv pdf`` and ``rezerv document verify`` as a person runs them."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli import run_cli


def test_pdf_help_lists_every_kind() -> None:
    from app.cli.commands.pdf import PRINTABLE

    r = run_cli("pdf", "--help", user=None, passphrase=None)
    assert r.code == 0
    for kind in PRINTABLE:  # every kind but the report (``rezerv report``)
        assert kind in r.out


def test_print_and_verify_from_the_command_line(tmp_path: Path) -> None:
    db = tmp_path / "ws.db"
    assert run_cli("init", "--role", "knb", db=db).code == 0
    assert run_cli("demo", "--count", "3", db=db).code == 0
    listed = json.loads(run_cli("nominee", "list", "--format", "json", db=db).out)
    nid = str(listed[0]["id"])
    out = tmp_path / "sr.pdf"
    r = run_cli("pdf", "service-reference", "--nominee", nid, "--lang", "kk", "--out", str(out),
                db=db)  # fmt: skip
    assert r.code == 0, r.err
    assert out.read_bytes().startswith(b"%PDF")
    code = r.out.split("\t", 1)[0]
    v = run_cli("document", "verify", code, db=db)
    assert v.code == 0 and "nominee:" + nid in v.out
    bad = run_cli("pdf", "submission", "--quarter", "2026-1", "--out", str(out), db=db)
    assert bad.code == 4
    assert run_cli("document", "verify", "RZ-0000-0000-0000-0000", db=db).code == 4
    assert run_cli("pdf", "submission", "--out", str(out), db=db).code == 2
