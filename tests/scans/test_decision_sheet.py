"""The decision sheet the Head of PA signed (p.12), scanned at the Department: printed there,
rasterised as a scanner gives it, attached by its QR code (the quarter's paper, several persons,
no one nominee), carried in the body's extract bundle (p.13), checked page by page against the
digest the index states, kept encrypted and matched at the body; a tampered page, a wrong
digest or a changed snapshot refuses the bundle and changes nothing; a sheet naming another
body's nominees is not sent."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import msgspec
import pytest

from app.errors import InvalidInput
from app.services import decisions, nominees, scans
from app.store import audit
from app.store import scans as scans_store
from tests.cli import run_cli
from tests.conftest import PASSPHRASE
from tests.quarter.conftest import Cycle, at, recommend_and_agree, send_and_review
from tests.scans.test_attach import _scan
from tests.transfer.conftest import db_digest

D = dt.date.fromisoformat


def _signed_sheet(c: Cycle, *serials: int, body: str = "knb") -> tuple[list[int], str, bytes]:
    """Dossiers sent and reviewed, the list agreed, the sheet printed for ``body`` (the paper
    the Head of PA signs) and the decisions recorded from it: (body ids, code, scanned sheet)."""
    ids, _ = send_and_review(c, *serials)
    recommend_and_agree(c)
    at(c.clock, "2026-03-20")
    sheet = decisions.print_sheet(c.dept, "2026Q1", lang="ru", body=body)
    decisions.record_many(c.dept, "2026Q1", number="№ 45", day=D("2026-03-20"))
    return ids, sheet.docs[0].code, _scan(sheet.pdf)


def _count(s) -> tuple[int, int]:
    conn = s.db.connection()
    return conn.execute("SELECT count(*) FROM scans").fetchone()[0], audit.head(conn)[0]


def test_a_signed_sheet_travels_in_the_extract_and_is_matched_at_the_body(cycle: Cycle) -> None:
    c = cycle
    (a, b), code, png = _signed_sheet(c, 1, 2)
    res = scans.attach(c.dept, png)
    assert (res.code, res.kind, res.nominee_id, res.outdated) == (code, "decision-sheet", None, False)
    [sheet] = scans.sheets(c.dept, "2026Q1")
    assert (sheet.scan.code, sheet.received, sheet.persons, sheet.outdated) == (code, False, 2, False)
    dept_pages = scans.pages(c.dept, sheet.scan.id)

    out = c.out("extract")
    decisions.send_extract(c.dept, "2026Q1", peer_id=c.knb.workstation_id, out=out)
    ex = decisions.extract_sheet(c.dept, "2026Q1", peer_id=c.knb.workstation_id)
    assert ex is not None and (ex.code, ex.carried) == (code, True)
    before = _count(c.knb)
    got = c.carry(out, c.knb)
    assert got.counts["sheet_scan"] == 1 and got.counts["enrol"] == 2
    assert c.status(c.knb, a) == "enrolled"

    [here] = scans.sheets(c.knb, "2026Q1")
    assert (here.scan.code, here.scan.kind, here.received, here.persons) == (code, "decision-sheet", True, 2)
    assert not here.outdated and here.changed == []
    pages = scans.pages(c.knb, here.scan.id)
    assert pages == dept_pages and scans.scan.pages_digest(pages) == scans.scan.pages_digest(dept_pages)
    assert _count(c.knb)[0] == before[0] + 1
    conn = c.knb.db.connection()
    [row] = [r for r in audit.rows(conn) if r.action == "scan.receive"]
    assert row.entity == f"document:{code}" and audit.verify(conn).ok
    # kept in the document log as the Department's paper, naming the body's own records
    from app.services import printing

    v = printing.verify(c.knb, code)
    assert v.entry.kind == "decision-sheet" and v.entry.first_user.startswith("peer:")
    assert sorted(x.entity for x in v.sources) == sorted([f"nominee:{a}", f"nominee:{b}"])

    # the body edits one dossier: the signed sheet no longer matches it, naming the field
    rec = nominees.get(c.knb, b)
    nominees.update(c.knb, b, msgspec.structs.replace(rec.dossier, rank="генерал-майор"))
    [later] = scans.sheets(c.knb, "2026Q1")
    assert later.outdated and later.changed == [f"nominee:{b}:rank"]


def _tamper(monkeypatch, change) -> None:
    real = scans_store.sheet_for_extract

    def swapped(conn, **kw):
        found = real(conn, **kw)
        return None if found is None else change(found)

    monkeypatch.setattr("app.transfer.findings_extracts.scans_store.sheet_for_extract", swapped)


def _other_page(found: scans_store.CarriedSheet) -> scans_store.CarriedSheet:
    other = scans.scan._normalise(scans.scan.Image.new("RGB", (1240, 1754), "white"))
    return msgspec.structs.replace(found, pages=[other, *found.pages[1:]])


def _wrong_digest(found: scans_store.CarriedSheet) -> scans_store.CarriedSheet:
    return msgspec.structs.replace(found, sha256=hashlib.sha256(b"x").hexdigest())


def _other_snapshot(found: scans_store.CarriedSheet) -> scans_store.CarriedSheet:
    p = found.persons[0]
    snap = p.snapshot.replace(b'"rank":"', b'"rank":"X', 1)
    assert snap != p.snapshot
    return msgspec.structs.replace(found, persons=[msgspec.structs.replace(p, snapshot=snap),
                                                   *found.persons[1:]])  # fmt: skip


@pytest.mark.parametrize("change", [_other_page, _wrong_digest, _other_snapshot],
                         ids=["tampered-page", "wrong-digest", "changed-snapshot"])  # fmt: skip
def test_a_sheet_that_does_not_match_refuses_the_extract(cycle: Cycle, monkeypatch, change) -> None:
    c = cycle
    (a, _), code, png = _signed_sheet(c, 1, 2)
    scans.attach(c.dept, png)
    _tamper(monkeypatch, change)
    out = c.out("extract")
    decisions.send_extract(c.dept, "2026Q1", peer_id=c.knb.workstation_id, out=out)
    before = db_digest(c.knb)
    with pytest.raises(InvalidInput) as e:
        c.carry(out, c.knb)
    assert e.value.key == "bundle.scan_mismatch" and e.value.params["code"] == code
    assert e.value.exit_code == 4 and "\n" not in e.value.message("ru")
    assert db_digest(c.knb) == before  # not even the decisions: the whole bundle is refused
    assert c.status(c.knb, a) == "sent"


def test_a_sheet_naming_another_bodys_nominees_is_not_sent(cycle: Cycle) -> None:
    c = cycle
    send_and_review(c, 21, body="syrbar")
    _, code, png = _signed_sheet(c, 1, body="")  # the whole quarter's sheet: both bodies
    res = scans.attach(c.dept, png)
    assert res.code == code and res.nominee_id is None
    out = c.out("extract")
    decisions.send_extract(c.dept, "2026Q1", peer_id=c.knb.workstation_id, out=out)
    ex = decisions.extract_sheet(c.dept, "2026Q1", peer_id=c.knb.workstation_id)
    assert ex is not None and (ex.code, ex.carried) == (code, False)
    got = c.carry(out, c.knb)
    assert "sheet_scan" not in got.counts and got.counts["enrol"] == 1
    assert scans.sheets(c.knb, "2026Q1") == [] and _count(c.knb)[0] == 0


def test_the_decisions_screen_refuses_another_paper(cycle: Cycle) -> None:
    from app.services import printing

    c = cycle
    _, (dn,) = send_and_review(c, 1)
    r = printing.print_documents(c.dept, printing.Request(kind="vetting", lang="ru", nominee=dn))
    before = _count(c.dept)
    with pytest.raises(InvalidInput) as e:
        scans.attach(c.dept, r.pdf, kind="decision-sheet")
    assert e.value.key == "scan.not_decision_sheet" and e.value.exit_code == 4
    assert _count(c.dept) == before


def test_sheet_attached_and_extract_sent_through_the_command_line(cycle: Cycle, tmp_path) -> None:
    c = cycle
    (a, _), code, png = _signed_sheet(c, 1, 2)
    scan_file = tmp_path / "sheet.png"
    scan_file.write_bytes(png)
    env = {"REZERV_NOW": "2026-03-20T10:00:00+05:00"}
    db = c.dept.db.path
    r = run_cli("scan", "attach", str(scan_file), "--format", "json", db=db, passphrase=PASSPHRASE, env=env)
    assert r.code == 0, r.err
    got = json.loads(r.out)
    assert (got["code"], got["kind"], got["nominee_id"]) == (code, "decision-sheet", None)
    assert not got["outdated"]
    again = run_cli("scan", "attach", str(scan_file), db=db, passphrase=PASSPHRASE, env=env, lang="kk")
    assert again.code == 0 and code in again.out
    out = tmp_path / "extract.age"
    r = run_cli("decision", "extract", "2026Q1", "--to", "knb", "--out", str(out), db=db,
                passphrase=PASSPHRASE, env=env)  # fmt: skip
    assert r.code == 0, r.err
    assert "Скан подписанного листа решений" not in r.out  # carried, not withheld
    assert code in r.out and "отправлен скан подписанного листа решений" in r.out
    c.carry(out, c.knb)
    [here] = scans.sheets(c.knb, "2026Q1")
    assert here.scan.code == code and here.received and not here.outdated
    assert c.status(c.knb, a) == "enrolled"
    listed = run_cli("scan", "sheets", "2026Q1", "--format", "json", db=c.knb.db.path,
                     passphrase=PASSPHRASE, env=env)  # fmt: skip
    assert listed.code == 0, listed.err
    [got] = json.loads(listed.out)
    assert (got["scan"]["code"], got["received"], got["persons"], got["outdated"]) == (code, True, 2, False)
    text = run_cli("scan", "sheets", "2026Q1", db=c.knb.db.path, passphrase=PASSPHRASE, env=env)
    assert text.code == 0 and code in text.out and "получен с выпиской" in text.out
    assert "соответствует записям" in text.out
    bad = run_cli("scan", "sheets", "2026Q9", db=c.knb.db.path, passphrase=PASSPHRASE, env=env)
    assert bad.code == 4 and len(bad.err.strip().splitlines()) == 1 and "Traceback" not in bad.err
