"""The Reg-2000 papers printed from the Reg-2000 reserve's own records through the one printing
service: the registration form of an enrolled reservist (p.9, the term of p.10 with p.4) and the
answer to a state body's list request (p.34), in Kazakh and Russian, read back with PDFium;
registered with the record's fingerprint, which ``verify`` sees change when the record does."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.errors import InvalidInput, UsageError
from app.services import printing, r2k
from app.services.printing import Request
from tests.cli import run_cli
from tests.documents.pdfutil import layout_text
from tests.r2k.conftest import Pair, day, reservist
from tests.r2k.test_placement import OTHER, OWN, _answered

WORDS = {
    "ru": ("РЕГИСТРАЦИОННАЯ ФОРМА", "подпункт 2) пункта 5"),
    "kk": ("ТІРКЕУ", "5-тармақтың 2) тармақшасы"),
}


def _enrolled(p: Pair) -> int:
    p.at(p.auth, "2002-03-15")
    rid = r2k.submit(p.auth, reservist(2, documents_received="2002-03-15", full_name="Иванова Анна Петровна"))
    r2k.enrol(p.auth, rid, day("2002-03-15"))
    return rid


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_registration_form_from_the_reservist_record(pair: Pair, tmp_path: Path, lang: str) -> None:
    rid = _enrolled(pair)
    out = printing.build(pair.auth, Request(kind="reg2000-registration", lang=lang, reservist=rid))
    text = layout_text(out.merged())
    assert "Иванова Анна Петровна" in text and "700101300011" in text and "C-4" in text
    assert "15.03.2002" in text  # the decision
    assert "17.03.2003" in text  # p.10 with p.4: Saturday 15.03.2003 carried to Monday
    src = [s.entity for d in out.docs for s in d.sources]
    assert src == [f"r2k:{rid}"]
    flat = " ".join(text.split())
    for w in WORDS[lang]:
        assert w in flat, (w, flat[:600])
    assert out.docs[0].code.replace(" ", "") in text.replace(" ", "")


def test_printed_registration_is_verified_against_the_record(pair: Pair, tmp_path: Path) -> None:
    rid = _enrolled(pair)
    out = printing.build(pair.auth, Request(kind="reg2000-registration", lang="ru", reservist=rid))
    printing.save(pair.auth, out, str(tmp_path / "r.pdf"))
    v = printing.verify(pair.auth, out.docs[0].code)
    assert [(s.entity, s.changed) for s in v.sources] == [(f"r2k:{rid}", False)]
    r2k.transfer(pair.auth, rid, requested=day("2002-06-03"), day=day("2002-06-03"), to_category="C-5",
                 to_group="C", to_rank=5, qualification_met=True)  # fmt: skip
    v = printing.verify(pair.auth, out.docs[0].code)
    assert [(s.entity, s.changed) for s in v.sources] == [(f"r2k:{rid}", True)]
    assert v.sources[0].current_version == v.sources[0].printed_version + 1


def test_no_registration_form_without_an_enrolment(pair: Pair) -> None:
    pair.at(pair.auth, "2002-03-15")
    rid = r2k.submit(pair.auth, reservist(2, documents_received="2002-03-15"))
    with pytest.raises(InvalidInput) as e:
        printing.build(pair.auth, Request(kind="reg2000-registration", lang="ru", reservist=rid))
    assert e.value.key == "pdf.r2k_not_enrolled"
    with pytest.raises(InvalidInput) as e:
        printing.build(pair.auth, Request(kind="reg2000-list-answer", lang="ru", reservist=rid))
    assert e.value.key == "pdf.r2k_kind"
    with pytest.raises(UsageError):
        printing.build(pair.auth, Request(kind="reg2000-registration", lang="ru", reservist=rid,
                                          r2k_request=1))


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_list_answer_from_the_answered_request(pair: Pair, tmp_path: Path, lang: str) -> None:
    w = _answered(pair)
    req = Request(kind="reg2000-list-answer", lang=lang, r2k_request=w["auth_request"])
    out = printing.build(pair.auth, req)
    text = layout_text(out.merged())
    flat = " ".join(text.split())
    assert "Министерство финансов" in flat and "C-4" in flat and "02.04.2002" in flat  # received
    assert {"ru": "пунктом 34 Положения", "kk": "34-тармағына"}[lang] in flat, flat[:800]
    assert flat.count("Әбілқайыров Нұрлан") == 2  # the two reservists the answer named
    assert "11.03.2002" in flat and "11.03.2003" in flat  # registered, term until (p.10)
    assert sorted(s.entity for s in out.docs[0].sources) == sorted(
        [f"r2k:{w['auth_own']}", f"r2k:{w['auth_other']}"])
    # the body prints the same answer from its own copy of it
    at_body = printing.build(pair.body, Request(kind="reg2000-list-answer", lang=lang,
                                                r2k_request=w["request"]))
    body_text = " ".join(layout_text(at_body.merged()).split())
    assert body_text.count("Әбілқайыров Нұрлан") == 2 and "11.03.2003" in body_text
    assert {OWN, OTHER} == set(r2k.list_requests(pair.body)[0].answer)


def test_an_unanswered_request_prints_no_answer(pair: Pair) -> None:
    pair.at(pair.body, "2002-04-01")
    qid = r2k.request_list(pair.body, body_name="Министерство финансов", category="C-4", group="C", rank=4,
                           vacancy="", competition=None)  # fmt: skip
    with pytest.raises(InvalidInput) as e:
        printing.build(pair.body, Request(kind="reg2000-list-answer", lang="kk", r2k_request=qid))
    assert e.value.key == "r2k.request_unanswered"


@pytest.mark.slow
def test_cli_pdf_from_the_reg2000_records(tmp_path: Path) -> None:
    import msgspec

    db = tmp_path / "a" / "rezerv.db"
    env = {"REZERV_NOW": "2002-03-15T10:00:00+05:00"}
    assert run_cli("init", "--role", "reg2000-authority", db=db, env=env).code == 0
    f = tmp_path / "r.json"
    f.write_bytes(msgspec.json.encode(reservist(2, documents_received="2002-03-15")))
    rid = run_cli("r2k", "submit", "--json", str(f), db=db, env=env).out.split()[-1]
    refused = run_cli("pdf", "reg2000-registration", "--reservist", rid, "--out", str(tmp_path / "x.pdf"),
                      db=db, env=env)  # fmt: skip
    assert refused.code == 4 and refused.err.strip().count("\n") == 0 and "пункты 8, 9" in refused.err
    assert not (tmp_path / "x.pdf").exists()
    assert run_cli("r2k", "enrol", rid, "--date", "2002-03-15", db=db, env=env).code == 0
    for lang in ("kk", "ru"):
        out = tmp_path / f"reg.{lang}.pdf"
        r = run_cli("pdf", "reg2000-registration", "--reservist", rid, "--lang", lang, "--out", str(out),
                    db=db, env=env)  # fmt: skip
        assert r.code == 0, r.err
        text = layout_text(out.read_bytes())
        assert "17.03.2003" in text and "700101300011" in text
