"""The signed-materials checklist printed (kk and ru): each required paper with its state, the
document code and the fields changed since an outdated print, read back from the PDF; from the
service and from `rezerv scan checklist ID --out FILE`."""

from __future__ import annotations

import io
import json
from pathlib import Path

import msgspec
from pypdf import PdfReader

from app.services import nominees, printing, scans
from tests.cli import run_cli


def _text(pdf: bytes) -> str:
    return " ".join((p.extract_text() or "") for p in PdfReader(io.BytesIO(pdf)).pages)


def test_printed_checklist_names_each_state_and_the_changed_fields(session, make_dossier) -> None:
    nid = nominees.add(session, make_dossier(1))
    sub = printing.print_documents(session, printing.Request(kind="submission", lang="ru", nominee=nid))
    scans.attach(session, sub.pdf, nominee=nid)
    sr = printing.print_documents(session, printing.Request(kind="service-reference", lang="ru",
                                                            nominee=nid))  # fmt: skip
    rec = nominees.get(session, nid)
    nominees.update(session, nid, msgspec.structs.replace(rec.dossier, rank="генерал-майор"))
    ru = " ".join(_text(scans.checklist_pdf(session, nid, "ru").pdf).split())
    assert "ПОДПИСАННЫЕ МАТЕРИАЛЫ КАНДИДАТА" in ru and rec.dossier.person.iin in ru
    assert "скан устарел" in ru and "rank" in ru and sub.docs[0].code in ru
    assert "напечатано, скана" in ru and sr.docs[0].code in ru and "не напечатано" in ru
    assert "пункт 10 Правил" in ru and "Не хватает скана подписанной текущей версии: 3." in ru
    kk = " ".join(_text(scans.checklist_pdf(session, nid, "kk").pdf).split())
    assert "ҚОЛ ҚОЙЫЛҒАН МАТЕРИАЛДАРЫ" in kk and "Қағидалардың 10-тармағы" in kk
    assert "басып шығарылмаған" in kk and "генерал" not in kk


def test_printed_checklist_from_the_command_line(tmp_path: Path) -> None:
    db = tmp_path / "ws.db"
    assert run_cli("init", "--role", "knb", db=db).code == 0
    assert run_cli("demo", "--count", "1", db=db).code == 0
    nid = str(json.loads(run_cli("nominee", "list", "--format", "json", db=db).out)[0]["id"])
    out = tmp_path / "checklist.pdf"
    r = run_cli("scan", "checklist", nid, "--out", str(out), "--lang", "kk", db=db)
    assert r.code == 0, r.err
    assert "ҚОЛ ҚОЙЫЛҒАН МАТЕРИАЛДАРЫ" in " ".join(_text(out.read_bytes()).split())
    again = run_cli("scan", "checklist", nid, "--out", str(out), db=db)
    assert again.code != 0 and "Traceback" not in again.err  # never replaces a file
