"""Signed scans: attaching a 10-page scanned PDF (rasterise, read the QR, re-encode, match,
store encrypted, audit) — target 2 s on the reference machine, and at most 3x the baseline of
rasterising the same 10 pages with pdfium at the same 150 dpi in the same run: five papers
attached, each paired with rasterising its own scan, the median pair reported.

Where the time went (profiled): the QR reading of every page (eager rotations of the whole page
enlarged twice, 0.85 s a page) and the RGB JPEG encoding (0.12 s a page). Now the page is read
at its own size first, zxing reporting where it saw a code it could not read; that code is
mapped upright by the corners zxing measured, then its neighbourhood cleared of speckle and
enlarged; the page's corners only last (no whole-page enlargement, no fixed rotations); a later
page of a scan whose document is known gets only the located codes' tries; a grey
page is stored in four tones as a PNG (zlib's run-length strategy: 15 ms a page).

Then the bundle of 1,000 dossiers with two signed pages each (``_bundle``)."""

from __future__ import annotations

import datetime as dt
import io
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.pairs import interleaved_timed, median_pair

Report = Callable[..., None]
PAGES = 10


def _scanned_pdf(pdf: bytes) -> bytes:
    """The printed paper as a scanner's PDF: 150 dpi greyscale pages, turned 2 degrees, speckled."""
    import pypdfium2 as pdfium
    from PIL import Image

    doc = pdfium.PdfDocument(pdf)
    rnd = random.Random(1)
    pages = []
    for i in range(PAGES):
        img = doc[i % len(doc)].render(scale=150 / 72).to_pil().convert("L")
        img = img.rotate(2, expand=True, fillcolor=255, resample=Image.Resampling.BICUBIC)
        px = img.load()
        for _ in range(img.width * img.height // 100):
            px[rnd.randrange(img.width), rnd.randrange(img.height)] = rnd.choice((0, 255))
        pages.append(img.convert("RGB"))
    out = io.BytesIO()
    pages[0].save(out, format="PDF", save_all=True, append_images=pages[1:], resolution=150)
    return out.getvalue()


def run(report: Report) -> None:
    import pypdfium2 as pdfium

    from app import scan
    from app.clock import SystemClock
    from app.security.kdf import KdfParams
    from app.services import nominees, printing, scans, workstation
    from tests.factories import make_dossier

    with tempfile.TemporaryDirectory() as tmp:
        s = workstation.create(Path(tmp) / "rezerv.db", role="knb", user="admin",
                               passphrase="bench passphrase 1234", kdf=KdfParams.fast_for_tests(),
                               clock=SystemClock())  # fmt: skip
        scanned = []  # one printed paper for each of ATTACH_PAIRS nominees, scanned
        for k in range(ATTACH_PAIRS):
            nid = nominees.add(s, make_dossier(k + 1))
            r = printing.print_documents(
                s, printing.Request(kind="service-reference", lang="kk", nominee=nid)
            )
            scanned.append((r.docs[0].code, _scanned_pdf(r.pdf)))
        def rasterise(k: int) -> None:  # the baseline: the same scan's pages at 150 dpi
            doc = pdfium.PdfDocument(scanned[k][1])
            for i in range(len(doc)):
                doc[i].render(scale=scan.DPI / 72).to_pil()

        def attach(k: int) -> float:  # each paper is attached once
            code, data = scanned[k]
            t0 = time.perf_counter()
            res = scans.attach(s, data)
            took = time.perf_counter() - t0
            assert res.code == code and res.pages == PAGES
            return took

        rasterise(0)  # warm up
        # attach, then the same scan rasterised; the next pair the other way round
        pairs = interleaved_timed(attach, rasterise, runs=ATTACH_PAIRS)
        s.close()
    print("scans: attach / rasterise, the pairs' ratios: "
          + " ".join(f"{a / b:.2f}" for a, b in pairs), flush=True)  # fmt: skip
    took, base = median_pair(pairs)
    # attaching rasterises, reads the code and re-encodes each page, and stores it encrypted:
    # about three rasterisations' worth of work at most
    report("scan_attach_10_pages", took, "s", 2.0, base, ratio_target=3.0, calibrated=True)
    _bundle(report)


BUNDLE_COUNT = 1000
SPECKLE = 20_000  # one speck in this many pixels


def _pages() -> list[bytes]:
    """Two stored pages as a clean scanner gives them: a printed submission and service reference
    rasterised at 150 dpi, a speck in 20,000 pixels, normalised as attaching stores them (four
    tones, PNG: about 45 KiB a page; as the quality-80 JPEG stored before, 235 KiB, and with a
    speck in 1,000, as a poor scanner gives, 260 KiB: that 1,000-dossier bundle, 525 MiB, was
    refused as over the 512 MiB bundle limit)."""
    import pypdfium2 as pdfium

    from app import scan
    from app.documents import build
    from app.documents import from_dossier as fd
    from app.documents import model as m
    from tests.factories import make_dossier

    d = make_dossier(1)
    rnd = random.Random(2)
    out = []
    for kind in ("submission", "service-reference"):
        data = fd.submission(d, "kk") if kind == "submission" else fd.service_reference(d, "kk")
        pdf = build(kind, data, m.Meta(lang="kk", printed_on=dt.date(2026, 2, 10))).pdf
        img = pdfium.PdfDocument(pdf)[0].render(scale=150 / 72).to_pil().convert("L")
        px = img.load()
        for _ in range(img.width * img.height // SPECKLE):
            px[rnd.randrange(img.width), rnd.randrange(img.height)] = rnd.choice((0, 255))
        out.append(scan._normalise(img))
    return out


# The ratios to ``age`` on the same bytes that the absolute targets (2 s, 4 s) are on the reference
# machine, where age takes about 0.21 s / 0.26 s for this bundle's 100 MiB: they hold the targets
# on a machine of another speed.
EXPORT_RATIO = 9.0
ATTACH_PAIRS = 5  # papers attached, each paired with rasterising its scan (once, 2.43 / 1.89)
RUNS = 9  # the bundle's exchanges, each to a new Department (and age five times on its bytes);
# of five, the median import's ratio moved 8.3 -> 9.8 between two runs (one import took 7.4 s,
# the others 2.8-5.0 s)
IMPORT_RATIO = 15.0


def _bundle(report: Report) -> None:
    """A nominations bundle of 1,000 dossiers with two scanned pages each: export and import,
    each against age encrypting / decrypting the same bytes in the same run (as bench_transfer:
    nine exchanges, each to a new Department, each against the median of five age runs on its
    bytes; the run whose ratio is the median reported).

    Where the time went (profiled, pages stored as quality-80 JPEGs, a 466 MiB bundle): reading
    the pages out of SQLCipher, hashing each item, encrypting, then reading the file back,
    decrypting and hashing every item again on export; on import, decrypting, hashing each item
    and each page again for the scan's digest, and above all writing 466 MiB of blobs into
    SQLCipher (15 of 27 profiled seconds). The page's stored form decided nearly all of it: a
    grey page is now a four-tone PNG (45 KiB instead of 235 KiB; docs/documents.md, "Signed
    scans"), the bundle 100 MiB. Besides: the scan's digest on import is taken over the page
    hashes the signed manifest holds (no second hashing), a carried page's header and chunks are
    checked without decoding it, and the export's read-back compares the decrypted file with the
    container sealed instead of parsing and hashing every item again. Back to back on the same
    loaded machine (calibration about 3x the reference): export 12.3 s before, 3.0 s after;
    import 23.9 s before, 4.5 s after. What is left on import is mostly the work of any
    1,000-dossier bundle (each photo decoded, each dossier validated, evaluated and stored) and
    writing the pages into SQLCipher; hence the ratio to age is higher than the bytes alone
    would give.

    Then (issue #19; cProfile, and each thread's CPU time, on a fixed 100 MiB bundle imported into
    fresh copies of one database): import took about 5 s of CPU, all of it on the importing
    thread but age's 0.6 s: the SQL 1.9 s (the 2,000 pages' inserts 0.85 s, mostly their page
    encryption; the commit 0.4 s), each photo's full decoding for its check 0.8-1.0 s (Pillow's
    header parsing included; any nominations bundle pays it), the age plaintext handed over in
    pyrage's 8 KiB writes, a queue operation each (0.3 s over both threads), hashing the items
    against the manifest, decoding, validating and evaluating the dossiers (0.4 s). Export about
    2 s: the pages read out of SQLCipher 0.6 s (their decryption: one query for all pages is only
    0.06 s faster than one per scan), age encrypting 0.4-0.5 s and decrypting the file read back
    0.45-0.55 s, hashing the items 0.2 s, packing 0.13 s. Now on import the whole photo check
    runs on a worker thread while the importing thread stores the entry before (Pillow's JPEG
    reader alone reads the header, which needs no warnings filter; the decoding releases the
    GIL), the items are read and hashed on a helper thread up to 4 MiB ahead, and the age
    plaintext comes in 64 KiB batches; whatever a helper raised is raised in its turn, so the
    refusals and their order are unchanged (tests/transfer/test_hostile_photos.py). On export the
    sealed file is opened with the archive key on a helper thread while it is recorded, written
    and read back (the file compared with it byte for byte), and the items are hashed in two
    halves on two threads. The importing thread's CPU time went from 4.0-5.2 s to 3.4 s and the
    exporting thread's from 1.8-2.3 s to 1.3-1.8 s (the helpers took 1.3 s and 0.5 s): the wall
    time on a machine whose second core is free; the work in all is the same. On this shared
    machine, whose second core was mostly taken (two threads hashing got 1.1-1.9x one), the wall
    times did not separate from the noise: ``python -m bench scans`` alternated, calibration
    1.5x-2.1x, import 7.00 s and 6.27 s before, 5.85 s and 6.93 s after (age 0.42-0.45 s);
    export 2.56 s and 2.39 s before, 2.31 s and 2.57 s after (age 0.32-0.42 s).

    Then (issue #19, the absolute times; each thread's CPU time, cProfile with the thread's CPU
    clock, and a wall/CPU account of each step on fresh copies of one database): pyrage holds the
    GIL all the time it encrypts or decrypts, so the export's "helper" opening the sealed file
    with the archive key stopped the exporting thread for its whole 0.45 s, and every time the
    importing thread let go of the GIL (each SQL statement, each hash of 2 KiB or more) a helper
    could keep it up to the 5 ms switch interval: hashing a 3 KiB snapshot (``record_digest``)
    took 2 ms a time, 2 s in all. The import's own SQL was not wasteful: the WAL took each page
    once (27,264 frames for 27,312 pages, nothing freed, so ``secure_delete`` wrote nothing),
    and a larger page cache only moved the encryption from the inserts to the commit. Now on
    export the sealed file is encrypted and its read-back decrypted through pyrage's streaming
    calls (a quarter less time; the read-back compared with the container as it comes), and the
    chosen nominees' scans are read on a helper thread over a second, read-only connection while
    the nominees are chosen (SQLCipher decrypting releases the GIL): the exporting thread's CPU
    1.6-1.8 s -> 1.2-1.5 s. On import each entry's pages are stored by one statement on a worker
    thread while the next entry is read and checked (no SQL runs meanwhile; the worker is
    waited for before the next statement, so errors and refusals keep their order), and small
    hashes keep the GIL: the importing thread's CPU 4.3-4.7 s -> 2.8-3.3 s. On this shared
    machine (calibration 1.9x-2.7x, load average 4) ``python -m bench scans`` alternated gave
    import 11.11 s and 10.48 s before, 9.40 s and 8.69 s after; export 2.88 s and 2.42 s
    before, 2.02 s and 2.82 s after: the second core was taken, so what the helpers do in
    parallel showed only in the CPU times. (The baselines are pyrage's one-shot calls, as
    before; ``envelope.encrypt`` stays the benchmarks' stand-in for age.)

    Then (issue #19; each thread's CPU time from /proc, one bundle imported into fresh copies of
    one Department database, the code before and after alternated): handing each entry's pages
    to the worker, and waiting for it, cost the importing thread about a millisecond a switch on
    the shared machine (2 of its 6 s waiting); the entries are now stored in groups of 32, each
    group's pages handed over once, and 40 entries are read and their photos checked ahead (one
    before: the photo worker and the importing thread waited for each other in turn). The pages
    went into a WITHOUT ROWID table, whose every insert read stored pages whole to compare keys:
    a rowid table since migration 0012 (the worker's CPU 1.15-1.4 s -> 0.85-0.9 s). Importing
    thread 2.7 s -> 1.7 s of CPU, the process 6.4 s -> 4.4 s; wall 5.4 s -> 4.0 s (medians of
    four). What is left: the pages' SQLCipher encryption and WAL writes on the worker (now the
    slower side), each entry's SQL (some 15 statements), validation and rules, and the commit
    (0.2-0.3 s writing the WAL, 0.2-0.3 s checkpointing its 100 MiB)."""

    from app import scan
    from app.store import scans as store
    from bench.bench_transfer import _setup, cpu_report, exchanges

    pages = _pages()
    sha = scan.pages_digest(pages)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        body, dept = _setup(root)
        try:
            with body.db.unit_of_work(body.user) as uow:
                ids = [int(r[0]) for r in uow.conn.execute("SELECT id FROM nominees ORDER BY id")]
                for nid in ids[:BUNDLE_COUNT]:
                    data, photo = store.nominee_content(uow.conn, nid) or (b"", "")
                    doc = f"{nid:064x}"
                    c = store.CarriedScan(
                        document=doc, code=f"RZ-{nid:04d}-0000-0000-0000", kind="submission",
                        lang="kk", reg_no="", reg_date="", printed_pages=2, printed="2026-02-10",
                        version=1, digest=store.record_digest(data, photo), snapshot=data,
                        snapshot_photo=photo, sha256=sha, attached="2026-02-10T10:00:00",
                        pages=pages,
                    )  # fmt: skip
                    doc_id = store.register_received(uow.conn, c, f"nominee:{nid}", peer="bench")
                    store.add(uow.conn, document_id=doc_id, nominee_id=nid, sha256=sha, pages=pages,
                              outdated=False, changed=[], attached=c.attached, user="a")  # fmt: skip
                uow.commit()
            # the exchange RUNS times, each to a new Department: the median pair
            runs = exchanges(root, body, dept, RUNS, BUNDLE_COUNT, check=_pages_kept)
        finally:
            body.close()
    export_s, enc_s = median_pair([(x.export_s, x.age_enc_s) for x in runs])
    import_s, dec_s = median_pair([(x.import_s, x.age_dec_s) for x in runs])
    print("scans: export/import of 1,000 dossiers with 2 pages each, s (ratio to age) of the runs: "
          + " ".join(f"{x.export_s:.2f} ({x.export_s / x.age_enc_s:.1f})/{x.import_s:.2f} "
                     f"({x.import_s / x.age_dec_s:.1f})" for x in runs))  # fmt: skip
    report("scans.bundle_export_1000_dossiers_2_pages", export_s, "s", target=2.0,
           baseline=enc_s, ratio_target=EXPORT_RATIO, calibrated=True)  # fmt: skip
    report("scans.bundle_import_1000_dossiers_2_pages", import_s, "s", target=4.0,
           baseline=dec_s, ratio_target=IMPORT_RATIO, calibrated=True)  # fmt: skip
    cpu_report(report, "scans", runs)
    report("scans.bundle_size", runs[0].size / 2**20, "MiB", target=256.0)  # the cap is 512 MiB
    report("scans.page_size", sum(len(p) for p in pages) / 2 / 1024, "KiB")
    report("scans.age_encrypt_same_bytes", enc_s, "s")
    report("scans.age_decrypt_same_bytes", dec_s, "s")


def _pages_kept(dept) -> None:  # noqa: ANN001 - a Department session
    kept = dept.db.connection().execute("SELECT count(*) FROM scan_pages").fetchone()[0]
    assert kept == 2 * BUNDLE_COUNT, kept


if __name__ == "__main__":
    def _print(name: str, value: float, unit: str, target: float | None = None,
               baseline: float | None = None, **_: object) -> None:  # fmt: skip
        extra = f" target {target}" if target is not None else ""
        extra += f" baseline {baseline:.3f} (ratio {value / baseline:.2f})" if baseline else ""
        print(f"{name}: {value:.3f} {unit}{extra}")

    run(_print)
