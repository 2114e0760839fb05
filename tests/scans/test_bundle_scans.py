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


def test_a_carried_page_of_another_type_than_its_item_names_is_refused(pair: Pair, monkeypatch) -> None:
    """A four-tone PNG page sent as a ``scan-page+jpeg`` item (signed so by its sender) is refused
    on import, and nothing changes."""
    from app.transfer import dossiers

    (nid,) = pair.add_nominees(1)
    _sign(pair.body, nid, "vetting", scanned=True)
    out = pair.dir / "n.age"
    with monkeypatch.context() as m:
        m.setattr(dossiers, "PAGE_TYPES", {"png": dossiers.SCAN_PAGE_TYPE, "jpeg": dossiers.SCAN_PAGE_TYPE})
        tb.export_bundle(pair.body, kind="nominations", peer_id=pair.dept_id, out=out,
                         quarter="2026Q1")  # fmt: skip
    before = db_digest(pair.dept)
    with pytest.raises(InvalidInput) as e:
        tb.import_bundle(pair.dept, out)
    assert e.value.key == "bundle.entry_rejected"
    assert e.value.cause.key == "scan.page_not_normalized"  # type: ignore[attr-defined]
    assert db_digest(pair.dept) == before


def test_a_carried_page_must_be_a_stored_form_jpeg() -> None:
    import io

    from PIL import Image

    from app import scan

    page = scan._normalise(Image.new("RGB", (300, 400), "blue"))
    assert page.startswith(b"\xff\xd8")  # a colour page
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


def _chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    import struct

    out, pos = [], 8
    while pos < len(png):
        (n,) = struct.unpack_from(">I", png, pos)
        out.append((png[pos + 4 : pos + 8], png[pos + 8 : pos + 8 + n]))
        pos += 12 + n
    return out


def _png(chunks: list[tuple[bytes, bytes]]) -> bytes:
    import struct
    import zlib

    return b"\x89PNG\r\n\x1a\n" + b"".join(
        struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        for kind, body in chunks)  # fmt: skip


def test_a_carried_grey_page_must_be_a_four_tone_png_checked_without_decoding() -> None:
    """The chunks are walked, nothing is decoded: a text, ICC or EXIF chunk, transparency, a
    colour or longer palette, another bit depth or colour type, an interlaced or oversized image,
    a bad header CRC, a truncated file or trailing bytes are each refused."""
    import io
    import struct

    from PIL import Image, PngImagePlugin

    from app import scan

    page = scan._normalise(Image.new("L", (300, 400), 250))
    assert page.startswith(b"\x89PNG")
    scan.check_stored_page(page)
    chunks = _chunks(page)
    assert [k for k, _ in chunks] == [b"IHDR", b"PLTE", b"pHYs", b"IDAT", b"IEND"]
    ihdr = chunks[0][1]
    assert _png(chunks) == page
    scan.check_stored_page(_png(chunks[:2] + chunks[3:]))  # without pHYs

    def with_ihdr(**kw: int) -> bytes:
        w, h, depth, colour, comp, filt, inter = struct.unpack(">IIBBBBB", ihdr)
        f = {"w": w, "h": h, "depth": depth, "colour": colour, "inter": inter, **kw}
        body = struct.pack(">IIBBBBB", f["w"], f["h"], f["depth"], f["colour"], comp, filt, f["inter"])
        return _png([(b"IHDR", body), *chunks[1:]])

    info = PngImagePlugin.PngInfo()
    info.add_text("Software", "Scanner 3000")
    texted = io.BytesIO()
    Image.open(io.BytesIO(page)).save(texted, format="PNG", pnginfo=info)
    rgb, grey8 = io.BytesIO(), io.BytesIO()
    Image.new("RGB", (30, 40), "white").save(rgb, format="PNG")
    Image.new("L", (30, 40), 255).save(grey8, format="PNG")
    bad_crc = bytearray(page)
    bad_crc[8 + 8 + 13] ^= 1  # the header's CRC
    hostile = [
        texted.getvalue(), rgb.getvalue(), grey8.getvalue(), bytes(bad_crc), page[:-1],
        page + b"\x00", page[: len(page) // 2],
        _png([*chunks[:3], (b"tRNS", b"\x00"), *chunks[3:]]),
        _png([*chunks[:3], (b"iCCP", b"x\x00\x00"), *chunks[3:]]),
        _png([*chunks[:3], (b"eXIf", b"MM\x00*"), *chunks[3:]]),
        _png([*chunks[:4], (b"tEXt", b"Comment\x00hi"), chunks[4]]),
        _png([chunks[0], (b"PLTE", bytes([0, 0, 0, 255, 0, 0])), *chunks[2:]]),  # red tone
        _png([chunks[0], (b"PLTE", bytes(range(15))), *chunks[2:]]),  # five tones
        _png([chunks[0], *chunks[2:]]),  # no palette
        _png([chunks[0], chunks[1], chunks[1], *chunks[2:]]),  # the palette twice
        _png([*chunks[:3], chunks[4]]),  # no image data
        _png([*chunks[:4]]),  # no end
        _png([*chunks, (b"IDAT", chunks[3][1])]),  # data after the end
        with_ihdr(w=scan.LONG_SIDE + 1), with_ihdr(h=100_000), with_ihdr(w=0), with_ihdr(depth=8),
        with_ihdr(colour=0), with_ihdr(inter=1),
    ]  # fmt: skip
    for n, bad in enumerate(hostile):
        with pytest.raises(InvalidInput) as e:
            scan.check_stored_page(bad)
        assert e.value.key == "scan.page_not_normalized", n


def test_pages_stored_before_the_four_tone_form_still_travel(pair: Pair, monkeypatch) -> None:
    """A database of an earlier release holds its grey pages as JPEGs: they are carried as they
    are (``scan-page+jpeg``) and kept byte for byte by the Department."""
    import io

    from PIL import Image

    from app import scan

    def old_form(img: Image.Image) -> bytes:  # app/scan.py's _normalise of the earlier release
        img = img.convert("L")
        img.thumbnail((scan.LONG_SIDE, scan.LONG_SIDE), Image.Resampling.BILINEAR)
        out = io.BytesIO()
        img.save(out, format="JPEG", quality=scan.QUALITY, dpi=(scan.DPI, scan.DPI))
        return out.getvalue()

    (nid,) = pair.add_nominees(1)
    with monkeypatch.context() as m:
        m.setattr(scan, "_normalise", old_form)
        sub = _sign(pair.body, nid, "submission", scanned=True)
    _sign(pair.body, nid, "vetting", scanned=True)  # and one of today's form
    sent = _rows(pair.body, nid)
    assert [scan.page_format(p) for _, _, pages in sent for p in pages][:1] == ["jpeg"]
    assert scan.page_format(sent[1][2][0]) == "png"
    out = pair.dir / "n.age"
    tb.export_bundle(pair.body, kind="nominations", peer_id=pair.dept_id, out=out,
                     quarter="2026Q1")  # fmt: skip
    tb.import_bundle(pair.dept, out)
    dn = _dept_id(pair, nid)
    assert _rows(pair.dept, dn) == sent
    assert _states(pair.dept, dn)["submission"] == "signed" and sub == sent[0][0]


class _DiskFull(Exception):
    pass


@pytest.mark.parametrize("storing_fails", [False, True])
def test_pages_stored_while_the_next_entry_is_read_fail_in_their_turn(
        pair: Pair, monkeypatch, storing_fails: bool) -> None:  # fmt: skip
    """An entry's scan pages are stored on a worker thread while the next entry is read and
    checked: what storing them raised comes before what reading the next entry raised (as
    storing one entry at a time gives), nothing is kept, and the worker does not outlive the
    import."""
    import threading

    from app.transfer import dossiers

    for nid in pair.add_nominees(1, 2, 3):
        _sign(pair.body, nid, "vetting", scanned=False)
    out = pair.dir / "n.age"
    tb.export_bundle(pair.body, kind="nominations", peer_id=pair.dept_id, out=out,
                     quarter="2026Q1")  # fmt: skip
    real_add, real_check = scans_store.add_pages, dossiers.check_photo
    stored_on, checked = [], []

    def add_pages(conn, later):  # type: ignore[no-untyped-def]
        stored_on.append(threading.current_thread().name)
        if storing_fails:
            raise _DiskFull
        real_add(conn, later)

    def check_photo(jpeg: bytes) -> bytes:
        checked.append(jpeg)
        if len(checked) == 2:
            raise InvalidInput("bundle.photo_unreadable")
        return real_check(jpeg)

    monkeypatch.setattr(scans_store, "add_pages", add_pages)
    monkeypatch.setattr(dossiers, "check_photo", check_photo)
    before = db_digest(pair.dept)
    with pytest.raises((InvalidInput, _DiskFull)) as e:
        tb.import_bundle(pair.dept, out)
    if storing_fails:  # the first entry's pages, stored before the second entry was refused
        assert e.type is _DiskFull
    else:
        assert isinstance(e.value, InvalidInput) and e.value.key == "bundle.entry_rejected"
        assert e.value.params["n"] == 2
    assert len(stored_on) == 1 and stored_on[0].startswith("scan-pages")
    assert db_digest(pair.dept) == before
    assert not [t for t in threading.enumerate() if t.name.startswith("scan-pages")]


@pytest.mark.parametrize("refused", [None, 4, 5])
def test_entries_stored_in_groups_keep_the_order_of_one_at_a_time(
        pair: Pair, monkeypatch, refused: int | None) -> None:  # fmt: skip
    """The entries are stored in groups, each group's pages by the worker while the next group is
    read: every entry's pages are kept, each group's handed over once; an entry refused in the
    middle of a group is refused in its turn, after the entries before it were stored whole
    (pages too), and nothing is kept."""
    from app.transfer import dossiers

    ids = pair.add_nominees(1, 2, 3, 4, 5)
    for nid in ids:
        _sign(pair.body, nid, "vetting", scanned=False)
    out = pair.dir / "n.age"
    tb.export_bundle(pair.body, kind="nominations", peer_id=pair.dept_id, out=out,
                     quarter="2026Q1")  # fmt: skip
    monkeypatch.setattr(dossiers, "STORED_TOGETHER", 2)
    monkeypatch.setattr(dossiers, "ENTRIES_AHEAD", 3)
    real_add, real_check = scans_store.add_pages, dossiers.check_photo
    handed: list[list[int]] = []  # the scans of each hand-over
    checked: list[bytes] = []

    def add_pages(conn, later):  # type: ignore[no-untyped-def]
        handed.append([sid for sid, _ in later])
        real_add(conn, later)

    def check_photo(jpeg: bytes) -> bytes:
        checked.append(jpeg)
        if len(checked) == refused:
            raise InvalidInput("bundle.photo_unreadable")
        return real_check(jpeg)

    monkeypatch.setattr(scans_store, "add_pages", add_pages)
    monkeypatch.setattr(dossiers, "check_photo", check_photo)
    before = db_digest(pair.dept)
    if refused is None:
        tb.import_bundle(pair.dept, out)
        assert [len(h) for h in handed] == [2, 2, 1]
        for nid in ids:
            assert _rows(pair.dept, _dept_id(pair, nid)) == _rows(pair.body, nid)
        return
    with pytest.raises(InvalidInput) as e:
        tb.import_bundle(pair.dept, out)
    assert e.value.key == "bundle.entry_rejected" and e.value.params["n"] == refused
    # the groups before, then the entries of the refused one's group before it
    assert [len(h) for h in handed] == [2] + ([1] if refused == 4 else [2])
    assert db_digest(pair.dept) == before
