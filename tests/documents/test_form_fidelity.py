"""Papers an officer signs without retyping: headers never break inside a word, a signature block
never stands alone on a page, sections are numbered from what is printed, grounds and lifted
sanctions as the service list's form has them, evidence and clauses in words, Russian forms of
the free-text fields on Russian papers."""

from __future__ import annotations

import datetime as dt
import io
import re

import msgspec
import pytest
from pypdf import PdfReader
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table

from app.documents import KINDS, build, samples
from app.documents import from_dossier as fd
from app.documents import model as m
from app.documents.blocks import PAD, DataTable
from app.documents.text import t
from app.domain.dossier import Attestation, Sanction, SanctionKind

LANGS = ("kk", "ru")
D = dt.date


def _meta(lang: str) -> m.Meta:
    return m.Meta(lang=lang, printed_on=D(2026, 2, 10))


def _every_sample(lang: str) -> list[tuple[str, msgspec.Struct]]:
    return samples.all_documents(lang) + samples.long_documents(lang)


def _tables(story: list[Flowable]) -> list[Table]:
    out: list[Table] = []
    for f in story:
        if isinstance(f, KeepTogether):
            out += _tables(list(f._content))
        elif isinstance(f, DataTable) and f.repeatRows == 1:  # a table with its header row
            out.append(f)
    return out


def _lines_of(p: Paragraph, width: float) -> list[str]:
    p.wrap(width, 10_000)
    lines = []
    for line in p.blPara.lines:
        words = line[1] if isinstance(line, tuple) else [w.text for w in line.words]
        lines.append(" ".join(words))
    return lines


@pytest.mark.parametrize("lang", LANGS)
def test_no_header_cell_of_any_sample_breaks_inside_a_word(lang: str) -> None:
    scanned = 0
    for kind, data in _every_sample(lang):
        for table in _tables(KINDS[kind].template(data, _meta(lang))):
            for cell, width in zip(table.cells[0], table.widths, strict=True):
                assert isinstance(cell, Paragraph)
                text = cell.getPlainText()
                lines = _lines_of(cell, width - 2 * PAD)
                words = [w for line in lines for w in line.split()]
                assert words == text.split(), (kind, text, lines)
                scanned += 1
    assert scanned >= 20


def test_a_narrow_header_shrinks_instead_of_breaking_a_word() -> None:
    from app.documents.blocks import header_cell

    cell = header_cell("Тағайындалған күні", 70)
    assert cell.style.fontSize < 8.5
    assert [w for ln in _lines_of(cell, 70 - 2 * PAD) for w in ln.split()] == ["Тағайындалған", "күні"]


# --- a signature block never stands alone -------------------------------------------------------
FURNITURE = re.compile(r"^(RZ-|Бет |Страница |\d+ / \d+|.*\d+-бет|.*стр\.|.*QR)")


def _signature_texts(lang: str) -> set[str]:
    return {t("doc.signature", lang), t("doc.date_blank", lang)}


def _page_is_signature_only(text: str, lang: str) -> bool:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    content = [ln for ln in lines if not any(s in ln for s in _signature_texts(lang))]
    # what remains: the marking line, "page N of M", the code, and the signatory's position/name
    return len(content) <= 5 and any(t("doc.signature", lang) in ln for ln in lines)


@pytest.mark.parametrize("lang", LANGS)
def test_no_sample_has_a_page_with_only_a_signature_block(lang: str) -> None:
    for kind, data in _every_sample(lang):
        pdf = build(kind, data, _meta(lang)).pdf
        pages = PdfReader(io.BytesIO(pdf)).pages
        for i, page in enumerate(pages):
            if i == 0:
                continue
            assert not _page_is_signature_only(page.extract_text(), lang), (kind, i + 1)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", ["service-reference", "submission", "vetting"])
def test_growing_papers_never_push_the_signature_alone(lang: str, kind: str) -> None:
    """Lengthen the paper line by line across a page break: whatever the length, the page
    that holds the signature holds something of the paper too."""
    d = samples.long_dossier()
    for n in range(1, 34, 2):
        service = d.service_record[:n]
        dn = msgspec.structs.replace(d, service_record=service)
        if kind == "service-reference":
            data: msgspec.Struct = fd.service_reference(dn, lang)
        elif kind == "submission":
            data = fd.submission(msgspec.structs.replace(
                dn, nomination=msgspec.structs.replace(
                    dn.nomination, qualities="Принципиален. " * (40 * n))), lang)  # fmt: skip
        else:
            data = msgspec.structs.replace(fd.vetting(dn, lang),
                                           reference="№ 15/2025 " * (60 * n))  # fmt: skip
        pages = PdfReader(io.BytesIO(build(kind, data, _meta(lang)).pdf)).pages
        last = pages[-1].extract_text()
        assert not (len(pages) > 1 and _page_is_signature_only(last, lang)), (kind, n, last)


def test_the_signature_only_check_can_fail() -> None:
    lang = "ru"
    text = "СЕКРЕТНО\nНачальник кадрового подразделения ________________\n(подпись)\n" \
           f"{t('doc.date_blank', lang)}\nСтраница 2 из 2\nRZ-ABCD-EFGH"  # fmt: skip
    text = text.replace("(подпись)", t("doc.signature", lang))
    assert _page_is_signature_only(text, lang)


# --- sections, grounds, sanctions, evidence, Russian forms ----------------------------------------
def _text(kind: str, data: msgspec.Struct, lang: str) -> str:
    pdf = build(kind, data, _meta(lang)).pdf
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize("lang", LANGS)
def test_submission_numbers_its_sections_from_what_it_prints(make_dossier, lang: str) -> None:
    subject = make_dossier(attestation=Attestation(subject=True, service_results="Раскрыто 12 дел"))
    text = re.sub(r"\s+", " ", _text("submission", fd.submission(subject, lang), lang))
    assert "Раскрыто 12 дел" not in text  # subject to attestation: the results are not printed
    numbers = [int(n) for n in re.findall(r"(?:^| )(\d)\. [А-ЯӘҒҚҢӨҰҮІҺ]", text)]
    assert numbers == sorted(set(numbers)) and numbers[:4] == [1, 2, 3, 4]
    free = make_dossier(attestation=Attestation(subject=False, service_results="Раскрыто 12 дел"))
    text = re.sub(r"\s+", " ", _text("submission", fd.submission(free, lang), lang))
    assert "Раскрыто 12 дел" in text
    assert text.count(" 4. ") == 1
    assert t("doc.submission.attestation", lang) not in text


@pytest.mark.parametrize("lang", LANGS)
def test_service_list_prints_sanctions_in_force_with_their_grounds(make_dossier, lang) -> None:
    d = make_dossier(disciplinary=[
        Sanction(kind=SanctionKind.REPRIMAND, imposed=D(2019, 4, 2), lifted=D(2020, 4, 2),
                 order_ref="№ 18-к", grounds="нарушение сроков"),
        Sanction(kind=SanctionKind.REMARK, imposed=D(2025, 11, 3), order_ref="№ 77-к",
                 grounds="опоздание на службу"),
    ])  # fmt: skip
    text = re.sub(r"\s+", " ", _text("service-reference", fd.service_reference(
        d, lang, at=D(2026, 2, 10)), lang))  # fmt: skip
    assert "опоздание на службу" in text and "№ 77-к" in text and "03.11.2025" in text
    assert "нарушение сроков" not in text and "№ 18-к" not in text  # lifted: not in force
    none = make_dossier(disciplinary=[Sanction(kind=SanctionKind.REPRIMAND, imposed=D(2019, 4, 2),
                                               lifted=D(2020, 4, 2))])  # fmt: skip
    text = _text("service-reference", fd.service_reference(none, lang, at=D(2026, 2, 10)), lang)
    assert t("doc.sr.none", lang) in text


@pytest.mark.parametrize("lang", LANGS)
def test_exclusion_prints_evidence_and_clause_in_words(make_dossier, lang: str) -> None:
    d = make_dossier(disciplinary=[Sanction(kind=SanctionKind.POSITION_DEMOTION,
                                            imposed=D(2026, 1, 12), order_ref="№ 5-к",
                                            grounds="утрата документов")])  # fmt: skip
    data = fd.exclusion(d, lang, ground=3, facts="Rules-2025 p.18(3): disciplinary[0].kind")
    text = re.sub(r"\s+", " ", _text("exclusion-submission", data, lang))
    assert "Rules-2025" not in text and "disciplinary" not in text and "p.18" not in text
    assert ("Подпункт 3) пункта 18 Правил" if lang == "ru"
            else "Қағидалардың 18-тармағының 3) тармақшасы") in text  # fmt: skip
    assert "утрата документов" in text and "12.01.2026" in text
    typed = fd.exclusion(d, lang, ground=3, facts="Приказ № 5-к: понижение в должности")
    assert typed.facts == "Приказ № 5-к: понижение в должности"  # the clerk's own words stay


def test_russian_papers_print_the_russian_forms_and_fall_back_to_kazakh(make_dossier) -> None:
    d = samples.long_dossier()
    ru = re.sub(r"\s+", " ", _text("service-reference", fd.service_reference(d, "ru"), "ru"))
    kk = re.sub(r"\s+", " ", _text("service-reference", fd.service_reference(d, "kk"), "kk"))
    for text_ru, text_kk in ((d.current_position_ru, d.current_position), (d.unit_ru, d.unit),
                             (d.education[0].institution_ru, d.education[0].institution),
                             (d.education[0].speciality_ru, d.education[0].speciality)):  # fmt: skip
        assert text_ru in ru and text_kk not in ru
        assert text_kk in kk and text_ru not in kk
    bare = msgspec.structs.replace(d, current_position_ru="", unit_ru="")
    ru = re.sub(r"\s+", " ", _text("submission", fd.submission(bare, "ru"), "ru"))
    assert d.current_position in ru and d.unit in ru  # nothing in Russian: the Kazakh text


def test_short_name_for_file_names(make_dossier) -> None:
    d = make_dossier()
    assert fd.short_name(d, "kk") == "Сейітқалиұлы Ә. Н."
    assert fd.short_name(d, "ru") == "Сейиткалиулы А. Н."


@pytest.mark.parametrize("lang", LANGS)
def test_a_table_header_is_printed_once_per_page(lang: str) -> None:
    """Rows move whole to the next page: a split row would leave a repeated header and half a
    row at the foot of the page it started on."""
    for kind, data in _every_sample(lang):
        heads = [table.cells[0][-1].getPlainText()
                 for table in _tables(KINDS[kind].template(data, _meta(lang)))]  # fmt: skip
        pdf = build(kind, data, _meta(lang)).pdf
        for i, page in enumerate(PdfReader(io.BytesIO(pdf)).pages):
            text = page.extract_text()
            for head in set(heads):  # a section heading "2. ..." may repeat a column's words
                found = len(re.findall(r"(?<!\d\. )" + re.escape(head), text))
                assert found <= heads.count(head), (kind, i + 1, head)


@pytest.mark.parametrize("lang", LANGS)
def test_short_papers_stay_on_one_page(lang: str) -> None:
    for kind, data in samples.all_documents(lang):
        if kind in ("vetting", "notice", "exclusion-decision", "reg2000-registration",
                    "service-reference"):
            assert build(kind, data, _meta(lang)).docs[0].pages == 1, kind


def test_long_career_fills_three_pages_of_service_record() -> None:
    data = dict(samples.long_documents("ru"))["service-reference"]
    assert 3 <= build("service-reference", data, _meta("ru")).docs[0].pages <= 5
