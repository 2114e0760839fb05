"""Signed scans travel with the dossier: a nominations bundle carries them, the Department keeps
them byte for byte and matches them to the record it received; after a correction the same scans
show as outdated there, naming what changed; a carried page that does not match its digest is
refused and changes nothing."""

from __future__ import annotations

import msgspec
import pytest

from app.errors import InvalidInput
from app.services import nominees, printing, scans
from app.services import transfer_bundles as tb
from app.store import audit
from app.store import scans as scans_store
from app.store.nominees import Nominees
from tests.scans.test_attach import _scan
from tests.transfer.conftest import Pair, db_digest


def _sign(s, nid: int, kind: str, *, scanned: bool) -> str:
    r = printing.print_documents(s, printing.Request(kind=kind, lang="ru", nominee=nid))
    scans.attach(s, _scan(r.pdf) if scanned else r.pdf, nominee=nid)
    return r.docs[0].code


def _dept_id(pair: Pair, nid: int) -> int:
    iin = nominees.get(pair.body, nid).dossier.person.iin
    dn = Nominees(pair.dept.db.connection()).id_by_iin(iin)
    assert dn is not None
    return dn


def _rows(s, nid: int) -> list[tuple[str, str, list[bytes]]]:
    conn = s.db.connection()
    return [(c.code, c.sha256, c.pages) for c in scans_store.carried_for(conn, nid)]


def _states(s, nid: int) -> dict[str, str]:
    return {i.kind: i.state.value for i in scans.checklist(s, nid)}


def test_a_scan_carried_in_a_bundle_arrives_intact_and_matched(pair: Pair) -> None:
    (nid,) = pair.add_nominees(1)
    sr = _sign(pair.body, nid, "service-reference", scanned=True)
    sub = _sign(pair.body, nid, "submission", scanned=False)
    sent = _rows(pair.body, nid)
    assert [c for c, _, _ in sent] == [sr, sub]

    out = pair.dir / "n.age"
    tb.export_bundle(pair.body, kind="nominations", peer_id=pair.dept_id, out=out,
                     quarter="2026Q1")  # fmt: skip
    tb.import_bundle(pair.dept, out)
    dn = _dept_id(pair, nid)

    got = _rows(pair.dept, dn)
    assert got == sent  # same codes, same fingerprints, the very same page bytes
    for (_, sha, pages) in got:
        assert sha == scans.scan.pages_digest(pages)
    assert _states(pair.dept, dn) == {"submission": "signed", "service-reference": "signed",
                                      "vetting": "not_printed"}  # fmt: skip
    rows = scans.for_nominee(pair.dept, dn)
    assert [(r.code, r.outdated, r.changed) for r in rows] == [(sr, False, []), (sub, False, [])]
    conn = pair.dept.db.connection()
    acts = [(a.action, a.entity) for a in audit.rows(conn) if a.action == "scan.receive"]
    assert acts == [("scan.receive", f"document:{sr}"), ("scan.receive", f"document:{sub}")]
    assert audit.verify(conn).ok


def test_after_a_correction_the_department_sees_the_scans_outdated(pair: Pair) -> None:
    (nid,) = pair.add_nominees(1)
    _sign(pair.body, nid, "vetting", scanned=False)
    tb.export_bundle(pair.body, kind="nominations", peer_id=pair.dept_id, out=pair.dir / "a.age",
                     quarter="2026Q1")  # fmt: skip
    tb.import_bundle(pair.dept, pair.dir / "a.age")
    rec = nominees.get(pair.body, nid)
    nominees.update(pair.body, nid, msgspec.structs.replace(rec.dossier, rank="генерал-майор"))
    tb.export_bundle(pair.body, kind="corrections", peer_id=pair.dept_id, out=pair.dir / "b.age",
                     quarter="2026Q1")  # fmt: skip
    tb.import_bundle(pair.dept, pair.dir / "b.age")
    dn = _dept_id(pair, nid)
    assert len(scans.for_nominee(pair.dept, dn)) == 1  # carried twice, kept once
    assert _states(pair.dept, dn)["vetting"] == "outdated"
    assert _states(pair.body, nid)["vetting"] == "outdated"
    for s, n in ((pair.dept, dn), (pair.body, nid)):  # which fields changed, on either side
        [item] = [i for i in scans.checklist(s, n) if i.kind == "vetting"]
        assert item.changed == ["rank"]


def test_a_carried_page_that_does_not_match_is_refused(pair: Pair, monkeypatch) -> None:
    (nid,) = pair.add_nominees(1)
    _sign(pair.body, nid, "vetting", scanned=False)
    real = scans_store.carried_for

    def swapped(conn, n):  # a page replaced after signing, the digest left as it was
        other = scans.scan._normalise(scans.scan.Image.new("RGB", (100, 140), "white"))
        return [msgspec.structs.replace(c, pages=[other, *c.pages[1:]]) for c in real(conn, n)]

    monkeypatch.setattr("app.transfer.dossiers.scans_store.carried_for", swapped)
    out = pair.dir / "n.age"
    tb.export_bundle(pair.body, kind="nominations", peer_id=pair.dept_id, out=out,
                     quarter="2026Q1")  # fmt: skip
    before = db_digest(pair.dept)
    with pytest.raises(InvalidInput) as e:
        tb.import_bundle(pair.dept, out)
    assert e.value.key == "bundle.entry_rejected"
    assert e.value.cause.key == "bundle.scan_mismatch"  # type: ignore[attr-defined]
    assert db_digest(pair.dept) == before


def test_a_carried_page_must_be_a_stored_form_jpeg() -> None:
    import io

    from PIL import Image

    from app import scan

    page = scan._normalise(Image.new("RGB", (300, 400), "white"))
    scan.check_stored_page(page)
    exif = Image.Exif()
    exif[0x010F] = "Scanner"
    with_exif = io.BytesIO()
    Image.new("RGB", (300, 400), "white").save(with_exif, format="JPEG", exif=exif)
    big = io.BytesIO()
    Image.new("L", (scan.LONG_SIDE + 1, 10), 255).save(big, format="JPEG")
    png = io.BytesIO()
    Image.new("L", (30, 40), 255).save(png, format="PNG")
    for bad in (page[: len(page) // 2], with_exif.getvalue(), big.getvalue(), png.getvalue(), b""):
        with pytest.raises(InvalidInput) as e:
            scan.check_stored_page(bad)
        assert e.value.key == "scan.page_not_normalized"
