"""Signed scans matched by their QR code: a printed paper rasterised at 150 dpi, turned a few
degrees and speckled, finds its record; an outdated paper names the changed fields; an unknown
code and a page without a QR are refused and change nothing."""

from __future__ import annotations

import io
import json
import random
from pathlib import Path

import msgspec
import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageDraw

from app import scan
from app.documents import fingerprint, qr
from app.errors import InvalidInput
from app.services import nominees, printing, scans
from app.store import audit
from tests.cli import run_cli


def _print(session, nid: int, kind: str) -> printing.Rendered:
    return printing.print_documents(session, printing.Request(kind=kind, lang="ru", nominee=nid))


def _scan(pdf: bytes, *, angle: float = 3.0, seed: int = 7, fmt: str = "PNG") -> bytes:
    """The paper as a scanner gives it: 150 dpi, a little turned, grey noise, EXIF left in."""
    doc = pdfium.PdfDocument(pdf)
    pages = []
    rnd = random.Random(seed)
    for i in range(len(doc)):
        img = doc[i].render(scale=150 / 72).to_pil().convert("L")
        img = img.rotate(angle, expand=True, fillcolor=255, resample=Image.Resampling.BICUBIC)
        px = img.load()
        w, h = img.size
        for _ in range(w * h // 60):  # salt and pepper on ~1.7 % of the pixels
            px[rnd.randrange(w), rnd.randrange(h)] = rnd.choice((0, 255))
        pages.append(img.convert("RGB"))
    out = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "ScannerMaker"
    pages[0].save(out, format=fmt, save_all=len(pages) > 1, append_images=pages[1:], exif=exif)
    return out.getvalue()


def _qr_png(payload: str) -> bytes:
    sym = qr.make(payload)
    n, box = sym.moduleCount, 8
    img = Image.new("L", ((n + 8) * box, (n + 8) * box), 255)
    d = ImageDraw.Draw(img)
    for r, row in enumerate(sym.modules):
        for c, dark in enumerate(row):
            if dark:
                d.rectangle([(c + 4) * box, (r + 4) * box, (c + 5) * box - 1, (r + 5) * box - 1], 0)
    out = io.BytesIO()
    img.save(out, format="PNG")
    return out.getvalue()


def _count(session) -> tuple[int, int]:
    conn = session.db.connection()
    return (conn.execute("SELECT count(*) FROM scans").fetchone()[0], audit.head(conn)[0])


def test_rotated_noisy_service_reference_attaches_to_its_record(session, make_dossier) -> None:
    other = nominees.add(session, make_dossier(2))
    nid = nominees.add(session, make_dossier(1))
    _print(session, other, "service-reference")
    r = _print(session, nid, "service-reference")
    res = scans.attach(session, _scan(r.pdf))
    assert (res.code, res.kind, res.nominee_id) == (r.docs[0].code, "service-reference", nid)
    assert not res.outdated and res.changed == [] and res.pages == r.docs[0].pages
    conn = session.db.connection()
    last = list(audit.rows(conn))[-1]
    assert (last.action, last.entity) == ("scan.attach", f"document:{res.code}")
    assert audit.verify(conn).ok
    [row] = scans.for_nominee(session, nid)
    assert row.code == res.code and scans.for_nominee(session, other) == []
    for page in scans.pages(session, row.id):  # a grey page: four tones, no metadata
        img = Image.open(io.BytesIO(page))
        assert img.format == "PNG" and img.mode == "P" and set(img.info) == {"dpi"}
        assert not img.getexif() and max(img.size) <= scan.LONG_SIDE
        assert {v for _, v in img.convert("L").getcolors()} <= set(scan.TONES)
        scan.check_stored_page(page)


def test_a_grey_page_keeps_its_ink_stamp_and_faint_marks_and_loses_the_paper_noise() -> None:
    """The four-tone form: black text stays black, a blue stamp (mid grey) and a faint pencil
    mark keep a tone of their own, the greyish noisy paper becomes white."""
    rnd = random.Random(3)
    page = Image.new("L", (400, 300), 238)
    px = page.load()
    for _ in range(400 * 300 // 3):  # the scanner's paper noise, +-8 around 238
        x, y = rnd.randrange(400), rnd.randrange(300)
        px[x, y] = 238 + rnd.randint(-8, 8)
    d = ImageDraw.Draw(page)
    d.rectangle((20, 20, 120, 40), fill=20)  # printed text
    d.ellipse((200, 100, 300, 200), outline=110, width=6)  # a stamp in blue ink
    d.line((40, 250, 180, 250), fill=195, width=3)  # a faint pencil mark
    out = Image.open(io.BytesIO(scan._normalise(page))).convert("L")
    assert out.getpixel((70, 30)) == scan.TONES[0]
    assert out.getpixel((250, 103)) in scan.TONES[1:3]
    assert out.getpixel((100, 250)) == scan.TONES[2]
    assert out.getpixel((350, 30)) == out.getpixel((10, 290)) == 255
    assert {v for _, v in out.getcolors()} <= set(scan.TONES)


def test_a_colour_page_is_kept_as_a_colour_jpeg() -> None:
    page = Image.new("RGB", (300, 400), "white")
    ImageDraw.Draw(page).line((10, 10, 200, 300), fill=(20, 40, 160), width=4)  # blue ink
    stored = scan._normalise(page)
    img = Image.open(io.BytesIO(stored))
    assert img.format == "JPEG" and img.mode == "RGB" and not img.getexif()
    scan.check_stored_page(stored)


def test_printed_pdf_itself_attaches_page_by_page(session, make_dossier) -> None:
    nid = nominees.add(session, make_dossier(1))
    r = _print(session, nid, "submission")
    res = scans.attach(session, r.pdf, nominee=nid)
    assert res.code == r.docs[0].code and res.pages == r.docs[0].pages


def test_outdated_version_is_attached_with_the_changed_fields(session, make_dossier) -> None:
    nid = nominees.add(session, make_dossier(1))
    r = _print(session, nid, "submission")
    rec = nominees.get(session, nid)
    changed = msgspec.structs.replace(
        rec.dossier, nomination=msgspec.structs.replace(rec.dossier.nomination, qualities="иное")
    )
    nominees.update(session, nid, changed, expected_version=rec.version)
    res = scans.attach(session, _scan(r.pdf, angle=-2.5, fmt="TIFF"))
    assert res.code == r.docs[0].code and res.outdated
    assert res.changed == ["nomination.qualities"]
    assert scans.for_nominee(session, nid)[0].outdated


def test_unknown_code_is_refused_and_changes_nothing(session, make_dossier) -> None:
    nominees.add(session, make_dossier(1))
    before = _count(session)
    stranger = fingerprint.qr_payload("ab" * 32)
    with pytest.raises(InvalidInput) as e:
        scans.attach(session, _qr_png(stranger))
    assert e.value.key == "scan.unknown_code" and e.value.exit_code == 4
    assert _count(session) == before


def test_page_without_qr_is_refused_unless_the_code_is_given(session, make_dossier) -> None:
    nid = nominees.add(session, make_dossier(1))
    r = _print(session, nid, "vetting")
    blank = Image.new("RGB", (1240, 1754), "white")
    ImageDraw.Draw(blank).text((100, 100), "signed, no code", fill="black")
    buf = io.BytesIO()
    blank.save(buf, format="JPEG")
    before = _count(session)
    with pytest.raises(InvalidInput) as e:
        scans.attach(session, buf.getvalue())
    assert e.value.key == "scan.no_qr" and _count(session) == before
    with pytest.raises(InvalidInput) as e:
        scans.attach(session, b"not an image at all")
    assert e.value.key == "scan.not_readable"
    res = scans.attach(session, buf.getvalue(), document=r.docs[0].code.lower())
    assert res.code == r.docs[0].code and res.nominee_id == nid


def test_a_reader_may_not_attach(session, make_dossier) -> None:
    from app.errors import PermissionDenied

    nid = nominees.add(session, make_dossier(1))
    r = _print(session, nid, "vetting")
    auditor = msgspec.structs.replace(session, role="auditor")
    before = _count(session)
    with pytest.raises(PermissionDenied):
        scans.attach(auditor, r.pdf)
    assert _count(session) == before


def test_scan_attach_from_the_command_line(tmp_path: Path) -> None:
    db = tmp_path / "ws.db"
    assert run_cli("init", "--role", "knb", db=db).code == 0
    assert run_cli("demo", "--count", "2", db=db).code == 0
    nid = str(json.loads(run_cli("nominee", "list", "--format", "json", db=db).out)[0]["id"])
    pdf = tmp_path / "sr.pdf"
    r = run_cli("pdf", "service-reference", "--nominee", nid, "--lang", "ru", "--out", str(pdf),
                db=db)  # fmt: skip
    assert r.code == 0, r.err
    code = r.out.split("\t", 1)[0]
    png = tmp_path / "scan.png"
    png.write_bytes(_scan(pdf.read_bytes()))
    ok = run_cli("scan", "attach", str(png), db=db, lang="ru")
    assert ok.code == 0, ok.err
    assert code in ok.out and "ПОСЛУЖНОЙ СПИСОК" in ok.out
    blank = tmp_path / "blank.png"
    Image.new("RGB", (600, 800), "white").save(blank)
    refused = run_cli("scan", "attach", str(blank), db=db, lang="kk")
    assert refused.code == 4 and refused.out == "" and len(refused.err.strip().splitlines()) == 1
    assert "QR" in refused.err and "Traceback" not in refused.err
    assert run_cli("scan", "attach", str(tmp_path), db=db).code == 4  # a directory


def test_checklist_from_the_command_line(tmp_path: Path) -> None:
    db = tmp_path / "ws.db"
    assert run_cli("init", "--role", "knb", db=db).code == 0
    assert run_cli("demo", "--count", "1", db=db).code == 0
    nid = str(json.loads(run_cli("nominee", "list", "--format", "json", db=db).out)[0]["id"])
    pdf = tmp_path / "v.pdf"
    assert run_cli("pdf", "vetting", "--nominee", nid, "--out", str(pdf), db=db).code == 0
    assert run_cli("scan", "attach", str(pdf), "--nominee", nid, db=db).code == 0
    got = json.loads(run_cli("scan", "checklist", nid, "--format", "json", db=db).out)
    assert [(i["kind"], i["state"]) for i in got] == [
        ("submission", "not_printed"), ("service-reference", "not_printed"), ("vetting", "signed")]
    text = run_cli("scan", "checklist", nid, db=db, lang="kk")
    assert text.code == 0 and "қол қойылғанның сканері тіркелді" in text.out
    assert run_cli("scan", "checklist", "999", db=db).code == 4
