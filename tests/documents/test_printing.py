"""Printing through the service on a real SQCipher workstation: the document log, the audit row, and
``verify`` telling which record and version a paper came from and whether it changed since."""

from __future__ import annotations

import msgspec
import pytest

from app.documents import fingerprint
from app.errors import InvalidInput, NotFound, UsageError
from app.services import nominees, printing
from app.store import audit
from tests.documents import pdfutil


def _add(session, make_dossier, n: int = 1, **kw) -> int:
    return nominees.add(session, make_dossier(n, **kw))


def test_print_registers_audits_and_verifies(session, make_dossier) -> None:
    nid = _add(session, make_dossier)
    before = audit.head(session.db.connection())[0]
    r = printing.print_documents(
        session, printing.Request(kind="service-reference", lang="kk", nominee=nid)
    )
    assert r.pdf.startswith(b"%PDF") and len(r.docs) == 1
    doc = r.docs[0]
    conn = session.db.connection()
    rows = list(audit.rows(conn, after=before))
    assert [(x.action, x.entity) for x in rows] == [("document.print", f"document:{doc.code}")]
    assert audit.verify(conn).ok
    text = pdfutil.page_texts(r.pdf)[0]
    assert doc.code in text
    v = printing.verify(session, doc.code)
    assert v.entry.kind == "service-reference" and v.entry.lang == "kk" and not v.changed
    assert [(s.entity, s.printed_version, s.current_version) for s in v.sources] == [
        (f"nominee:{nid}", 1, 1)
    ]
    # the QR payload and a hand-typed code with confusable letters both verify
    assert printing.verify(session, fingerprint.qr_payload(doc.sha256)).entry.code == doc.code
    assert printing.verify(session, doc.code.lower().replace("1", "l")).entry.code == doc.code


def test_verify_detects_a_later_change(session, make_dossier) -> None:
    nid = _add(session, make_dossier)
    req = printing.Request(kind="submission", lang="ru", nominee=nid)
    r = printing.print_documents(session, req)
    rec = nominees.get(session, nid)
    changed = msgspec.structs.replace(
        rec.dossier, nomination=msgspec.structs.replace(rec.dossier.nomination, qualities="иное")
    )
    nominees.update(session, nid, changed, expected_version=rec.version)
    v = printing.verify(session, r.docs[0].code)
    assert v.changed and v.sources[0].printed_version == 1 and v.sources[0].current_version == 2
    # printing again gives a new code: the content differs
    again = printing.print_documents(
        session, printing.Request(kind="submission", lang="ru", nominee=nid)
    )
    assert again.docs[0].code != r.docs[0].code
    assert not printing.verify(session, again.docs[0].code).changed


def test_same_content_printed_twice_is_one_document_log_entry(session, make_dossier) -> None:
    nid = _add(session, make_dossier)
    req = printing.Request(kind="vetting", lang="kk", nominee=nid)
    a = printing.print_documents(session, req)
    b = printing.print_documents(session, req)
    assert a.docs[0].sha256 == b.docs[0].sha256
    assert printing.verify(session, a.docs[0].code).entry.prints == 2


def test_quarter_lists_and_per_nominee_batches(session, make_dossier) -> None:
    ids = [_add(session, make_dossier, i) for i in range(1, 5)]
    sheet = printing.print_documents(
        session, printing.Request(kind="decision-sheet", lang="kk", quarter="2026Q1")
    )
    assert len(sheet.docs) == 1
    assert {s.entity for s in sheet.docs[0].sources} == {f"nominee:{i}" for i in ids}
    text = "".join(pdfutil.page_texts(sheet.pdf))
    assert "КЕЛІСІЛДІ" in text and "БЕКІТЕМІН" in text and text.count("алынсын") >= 4
    batch = printing.print_documents(
        session, printing.Request(kind="submission", lang="ru", quarter="2026Q1", body="knb")
    )
    assert len(batch.docs) == 4 and len(pdfutil.page_texts(batch.pdf)) == batch.pages


def test_bad_requests_are_refused(session, make_dossier) -> None:
    with pytest.raises(UsageError):
        printing.print_documents(session, printing.Request(kind="submission", lang="kk"))
    with pytest.raises(NotFound):
        printing.print_documents(
            session, printing.Request(kind="submission", lang="kk", quarter="2030Q1")
        )
    with pytest.raises(InvalidInput):
        printing.print_documents(session, printing.Request(kind="nonsense", lang="kk", nominee=1))
    with pytest.raises(InvalidInput):
        printing.verify(session, "not a code")
    with pytest.raises(NotFound):
        printing.verify(session, "RZ-0000-0000-0000-0000")


def test_file_names_are_safe_for_every_file_system(hostile_strings) -> None:
    for s in hostile_strings:
        name = printing.safe_file_name(s)
        assert name and not any(c in name for c in '/\\:*?"<>|')
        assert all(c.isprintable() for c in name) and not name.startswith(".")
        assert len(name.encode("utf-8")) <= 400
    assert printing.safe_file_name("Иванов И. И. — Список: 1/2") == "Иванов И. И. — Список 1 2"


def test_notice_carries_the_decision_number_and_date(session, make_dossier) -> None:
    import datetime as dt
    import io

    from pypdf import PdfReader

    from app.domain import quarter as q
    from app.store import quarter_repo

    nid = nominees.add(session, make_dossier())
    with session.db.unit_of_work(session.user) as uow:
        quarter_repo.put_decision(uow.conn, q.Decision(nominee_id=nid, decision="enrol",
                                                       number="№ 7-12", day=dt.date(2026, 3, 30)),
                                  uow.now)  # fmt: skip
        uow.commit()
    for lang in ("kk", "ru"):
        r = printing.print_documents(session, printing.Request(kind="notice", lang=lang, nominee=nid))
        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(r.pdf)).pages)
        assert "№ 7-12" in text and "30.03.2026" in text
