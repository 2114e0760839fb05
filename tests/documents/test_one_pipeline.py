"""One printing pipeline: every kind printed by ``rezerv pdf`` and by the printing service the
Print… dialog calls gives the same paper (compared as text), and ``rezerv pdf pack`` puts
several kinds of several people in one file."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.clock import FixedClock
from app.services import printing, workstation
from tests.cli import PASSPHRASE, run_cli

NOW = "2026-02-10T10:00:00+05:00"
EXTRA = {  # what the CLI needs besides the nominee for kinds that print more than the dossier
    "exclusion-submission": {"ground": 3, "facts": "Rules-2025 p.18(3): disciplinary[0].kind"},
    "exclusion-decision": {"ground": 6, "facts": "приказ № 12-к"},
    "reg2000-list-answer": {"category": "B-3"},
}


def _text(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[int]]:
    tmp = tmp_path_factory.mktemp("pipeline")
    db = tmp / "ws.db"
    env = {"REZERV_NOW": NOW}
    assert run_cli("init", "--role", "knb", db=db, env=env).code == 0
    assert run_cli("demo", "--count", "3", db=db, env=env).code == 0
    listed = json.loads(run_cli("nominee", "list", "--format", "json", db=db, env=env).out)
    return db, sorted(int(x["id"]) for x in listed)[:2]


def _cli_args(kind: str, extra: dict[str, object]) -> list[str]:
    out = []
    for name, value in extra.items():
        out += [f"--{name}", str(value)]
    return out


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_kind_prints_the_same_paper_from_the_cli_and_the_service(demo, tmp_path, lang) -> None:
    db, ids = demo
    nid = ids[0]
    cli_text: dict[str, str] = {}
    for kind in printing.DOCUMENTS:
        out = tmp_path / f"{kind}.pdf"
        r = run_cli("pdf", kind, "--ids", str(nid), "--lang", lang, "--out", str(out),
                    *_cli_args(kind, EXTRA.get(kind, {})), db=db, env={"REZERV_NOW": NOW})  # fmt: skip
        assert r.code == 0, (kind, r.err)
        cli_text[kind] = _text(out.read_bytes())
    clock = FixedClock(dt.datetime.fromisoformat(NOW))
    s = workstation.unlock(db, user="admin", passphrase=PASSPHRASE, clock=clock)
    try:
        for kind in printing.DOCUMENTS:
            # the request the Print… dialog builds (ui.print.dialog.PrintDialog.request)
            extra = EXTRA.get(kind, {})
            req = printing.Request(kind=kind, lang=lang, ids=(nid,), **extra)  # type: ignore[arg-type]
            output = printing.build(s, req)
            text = _text(output.merged())
            assert text == cli_text[kind], kind
            assert text.strip()
    finally:
        s.close()


def test_pack_prints_several_kinds_of_several_people_in_one_file(demo, tmp_path) -> None:
    db, ids = demo
    out = tmp_path / "pack.pdf"
    r = run_cli("pdf", "pack", "--kinds", "submission,service-reference,vetting",
                "--ids", ",".join(map(str, ids)), "--lang", "ru", "--out", str(out), db=db,
                env={"REZERV_NOW": NOW})  # fmt: skip
    assert r.code == 0, r.err
    kinds = [line.split("\t")[1] for line in r.out.splitlines() if "\t" in line]
    assert kinds == ["submission", "service-reference", "vetting"] * len(ids)
    reader = PdfReader(str(out))
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert text.count("ПОСЛУЖНОЙ СПИСОК") == len(ids)
    # the same request through the service gives the same pages
    clock = FixedClock(dt.datetime.fromisoformat(NOW))
    s = workstation.unlock(db, user="admin", passphrase=PASSPHRASE, clock=clock)
    try:
        req = printing.Request(kind="pack", kinds=("submission", "service-reference", "vetting"),
                               lang="ru", ids=tuple(ids))  # fmt: skip
        assert _text(printing.build(s, req).merged()) == text
    finally:
        s.close()


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["pack", "--ids", "1"], 2),  # no --kinds
        (["pack", "--kinds", "submission,nonsense", "--ids", "1"], 4),
        (["submission", "--kinds", "vetting", "--ids", "1"], 2),
        (["submission", "--ids", "1,x"], 4),
        (["submission", "--ids", "1", "--nominee", "1"], 2),
    ],
)
def test_bad_pack_requests_get_one_line_and_change_nothing(demo, tmp_path, args, code) -> None:
    db, _ = demo
    out = tmp_path / "x.pdf"
    r = run_cli("pdf", *args, "--out", str(out), db=db)
    assert r.code == code, r.err
    assert len(r.err.strip().splitlines()) == 1 and "Traceback" not in r.err
    assert not out.exists()


def test_out_folder_gets_the_default_file_name(demo, tmp_path) -> None:
    db, ids = demo
    r = run_cli("pdf", "service-reference", "--ids", str(ids[0]), "--lang", "kk",
                "--out", str(tmp_path), db=db, env={"REZERV_NOW": NOW}, lang="ru")  # fmt: skip
    assert r.code == 0, r.err
    (made,) = list(tmp_path.glob("*.pdf"))
    assert made.name.endswith(" — Послужной список — 10.02.2026.pdf")
    assert made.read_bytes().startswith(b"%PDF")
