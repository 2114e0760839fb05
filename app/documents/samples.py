"""One of every document in both languages, from synthetic data: ``python -m app.documents.samples``
writes ``docs/samples/<kind>.<lang>.png`` (first page; later pages as ``-2``, ``-3``...) so anyone
can look at the forms, and the papers of a long-name, long-career dossier (three pages of
service record, sanctions imposed and lifted, Russian forms of the position, unit and education,
evidence of an exclusion) printed the way the service prints a stored dossier
(``from_dossier``), as ``<kind>-long.<lang>.png``: the page breaks to look at. Rendering the PNGs
needs ``pdftoppm`` (poppler-utils); the PDFs are made in memory and never left on disk."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import sys
from pathlib import Path

import msgspec
from PIL import Image, ImageDraw

from app import photo as photo_mod
from app.documents import build, report_doc
from app.documents import from_dossier as fd
from app.documents import model as m
from app.documents.bench_doc import BenchDoc
from app.documents.checklist_doc import ChecklistDoc, Line
from app.domain import dossier as dm

OUT = Path(__file__).resolve().parents[2] / "docs" / "samples"
D = dt.date


def portrait() -> bytes:
    img = Image.new("RGB", (600, 800), (214, 222, 232))
    d = ImageDraw.Draw(img)
    d.ellipse((190, 130, 410, 420), fill=(226, 192, 162))
    d.rectangle((120, 480, 480, 800), fill=(38, 58, 88))
    out = io.BytesIO()
    img.save(out, format="PNG")
    return photo_mod.normalize(out.getvalue())


def person(lang: str, n: int = 0) -> m.Person:
    names = {
        "kk": ["Сейітқалиұлы Әбілқайыр Нұрсұлтанұлы", "Жақсыбекова Гүлнұр Өмірзаққызы",
               "Исабаев Ерұлан Һадиұлы"],
        "ru": ["Сейиткалиулы Абилкаир Нурсултанович", "Жаксыбекова Гульнур Омирзаковна",
               "Исабаев Ерулан Хадиевич"],
    }  # fmt: skip
    return m.Person(
        full_name=names[lang][n % 3], iin=f"8205173{n:05d}", birth_date=D(1982, 5, 17 + n % 10),
        birth_place="Қарағанды" if lang == "kk" else "Караганда",
        rank="полковник", position="Заместитель начальника управления" if lang == "ru"
        else "Басқарма бастығының орынбасары", unit="Департамент по г. Астана" if lang == "ru"
        else "Астана қаласы бойынша департамент", body=("knb", "syrbar", "sgs")[n % 3],
    )  # fmt: skip


def all_documents(lang: str, photo: bytes | None = None) -> list[tuple[str, msgspec.Struct]]:
    ru = lang == "ru"
    p = person(lang)
    head = m.Signatory(position="Председатель" if ru else "Төраға", name="Е. Сагимбаев")
    rows = [
        m.ListRow(person=person(lang, i),
                  intended_position="Начальник управления" if ru else "Басқарма бастығы",
                  decision=(m.Decision.ENROL, m.Decision.REFUSE, None)[i % 3])
        for i in range(6)
    ]  # fmt: skip
    text = ("Принципиален, требователен к себе и подчинённым; обеспечил раскрытие ... "
            if ru else "Принципшіл, өзіне және бағыныштыларына талапшыл; ... ") * 4  # fmt: skip
    service = [
        m.ServiceLine(start=D(2004, 8, 1), end=D(2012, 3, 1), position="Оперуполномоченный",
                      unit="Управление", order_ref="№ 112 л/с"),
        m.ServiceLine(start=D(2012, 3, 1), position="Заместитель начальника управления",
                      unit="Департамент", order_ref="№ 45 л/с"),
    ]  # fmt: skip
    return [
        ("submission", m.Submission(
            person=p, intended_position=rows[0].intended_position, qualities=text,
            indicators=[m.YearText(year=y, text=text[:160]) for y in (2023, 2024, 2025)],
            compliance=text[:200], attestation=text[:120], signatory=head)),
        ("service-reference", m.ServiceReference(
            person=p, photo=photo if photo is not None else portrait(),
            education=["Академия КНБ, 2004, правоведение, юрист"], languages="kk, ru, en",
            awards=["Медаль «Ерен еңбегі үшін», 2020"], attestation=text[:120],
            service_start=D(2004, 8, 1), service=service)),
        ("vetting", m.VettingInfo(person=p, passed=True, date=D(2025, 9, 1),
                                  reference="№ 15/2025")),
        ("body-list", m.NomineeList(quarter="2026Q1", body="knb", rows=rows, signatory=head)),
        ("decision-sheet", m.NomineeList(quarter="2026Q1", rows=rows, agreed_on=D(2026, 3, 25))),
        ("extract", m.NomineeList(quarter="2026Q1", body="knb", rows=rows[:3],
                                  approved_on=D(2026, 3, 30))),
        ("notice", m.Notice(person=p, quarter="2026Q1", approved_on=D(2026, 3, 30),
                            intended_position=rows[0].intended_position, extract_ref="№ 7-12")),
        ("exclusion-submission", m.Exclusion(person=p, ground=4, facts=text[:300],
                                             enrolled_on=D(2026, 3, 30))),
        ("exclusion-decision", m.Exclusion(person=p, ground=4, facts=text[:300],
                                           enrolled_on=D(2026, 3, 30))),
        ("reg2000-registration", m.Reg2000Registration(
            person=p, category="C-4", source=4, decided_on=D(2001, 3, 1), decision_ref="№ 58",
            term_until=D(2002, 3, 1), education=["КазГУ, 1999, юриспруденция"],
            contacts="г. Астана")),
        ("reg2000-list-answer", m.Reg2000ListAnswer(
            requester="Министерство юстиции" if ru else "Әділет министрлігі", request_ref="12-3/45",
            request_date=D(2001, 4, 2), category="C-4",
            rows=[m.Reg2000Row(person=person(lang, i), registered_on=D(2001, 3, 1),
                               term_until=D(2002, 3, 1), source=1 + i % 4) for i in range(3)])),
        ("report", report_doc.sample(lang)),
    ]  # fmt: skip


def _bench_sample(lang: str) -> BenchDoc:
    from app.domain.positions import BenchRow

    titles = (("Начальник управления", "Басқарма бастығы"), ("Начальник отдела", "Бөлім бастығы"),
              ("Заместитель начальника департамента", "Департамент бастығының орынбасары"))
    lines = [BenchRow(position_id=i, title=ru if lang == "ru" else kk, body="knb", decree_290=True,
                      vacant_now=i % 2, vacant_expected=1 + i, ready=(2, 0, 1)[i], expiring=i % 2,
                      nominees=(1, 2, 0)[i], gap=max(0, i % 2 + 1 + i - (2, 0, 1)[i]),
                      flagged=(2, 0, 1)[i] == 0)
             for i, (ru, kk) in enumerate(titles)]  # fmt: skip
    return BenchDoc(body="knb", at=D(2026, 2, 10), horizon=D(2026, 6, 30), quarter="2026Q1",
                    lines=lines)


LONG_SERVICE_LINES = 30  # three pages of service record


def long_dossier(photo: bytes | None = None) -> dm.Dossier:
    """A dossier with a long name, a long career and every fact a paper prints."""
    lines = []
    start = D(1990, 8, 1)
    for i in range(LONG_SERVICE_LINES):
        end = D(start.year + (1 if i % 2 else 0), (start.month % 12) + 1, 1)
        lines.append(dm.ServiceEntry(
            start=start, end=None if i == LONG_SERVICE_LINES - 1 else end,
            position=("Старший оперуполномоченный по особо важным делам отдела по борьбе с "
                      "организованной преступностью и экстремизмом")[: 40 + (i * 7) % 60],
            unit=f"Управление № {i + 1} Департамента по Карагандинской области",
            order_ref=f"№ {100 + i} л/с"))  # fmt: skip
        start = end
    return dm.Dossier(
        person=dm.Person(
            iin="820517300123", surname="Сейітқалиұлы-Жақсыбеков", given_name="Әбілқайыр-Нұрсұлтан",
            patronymic="Нұрсұлтанұлы", surname_ru="Сейиткалиулы-Жаксыбеков",
            given_name_ru="Абилкаир-Нурсултан", patronymic_ru="Нурсултанович",
            birth_date=D(1968, 5, 17), sex=dm.Sex.MALE,
            birth_place="Қарағанды облысы, Қарқаралы ауданы, Егіндібұлақ ауылы"),
        body=dm.Body.KNB, rank="генерал-майор",
        current_position="Басқарма бастығының бірінші орынбасары",
        current_position_ru="Первый заместитель начальника управления",
        unit="Қарағанды облысы бойынша департамент", unit_ru="Департамент по Карагандинской области",
        service_start=D(1990, 8, 1), languages="қазақ, орыс, ағылшын",
        service_record=lines,
        education=[dm.Education(
            institution="Қазақстан Республикасы ҰҚК Академиясы", year=1990,
            speciality="Құқықтану", qualification="Заңгер",
            institution_ru="Академия КНБ Республики Казахстан", speciality_ru="Правоведение",
            qualification_ru="Юрист")],
        disciplinary=[
            dm.Sanction(kind=dm.SanctionKind.REPRIMAND, imposed=D(2019, 4, 2), lifted=D(2020, 4, 2),
                        order_ref="№ 18-к", grounds="нарушение сроков рассмотрения обращения"),
            dm.Sanction(kind=dm.SanctionKind.REMARK, imposed=D(2025, 11, 3), order_ref="№ 77-к",
                        grounds="опоздание на службу"),
        ],
        attestation=dm.Attestation(subject=False, service_results=(
            "Раскрыто 14 преступлений, пресечена деятельность 3 организованных групп. ") * 3),
        nomination=dm.Nomination(quarter="2026Q1", intended_position="Начальник управления",
                                 qualities="Принципиален, требователен. " * 12,
                                 compliance="Соответствует. " * 6),
        photo=photo,
    )  # fmt: skip


def long_documents(lang: str, photo: bytes | None = None) -> list[tuple[str, msgspec.Struct]]:
    d = long_dossier(photo if photo is not None else portrait())
    at = D(2026, 2, 10)
    evidence = "Rules-2025 p.18(3): disciplinary[1].kind"
    return [
        ("service-reference", fd.service_reference(d, lang, at=at)),
        ("submission", fd.submission(d, lang)),
        ("exclusion-submission", fd.exclusion(d, lang, ground=3, facts=evidence,
                                              enrolled_on=D(2025, 3, 30))),
    ]  # fmt: skip


def _signed_sample() -> ChecklistDoc:
    """The signed-materials checklist with each state a paper can be in."""
    return ChecklistDoc(body="knb", full_name="Сейітқалиұлы Әбілқайыр Нұрланұлы", iin="820517300200",
                        at=D(2026, 2, 10), lines=[
                            Line(kind="submission", state="outdated", code="RZ-1CEK-KYHA-K8BQ-YEZZ",
                                 changed=["nomination.qualities", "rank"]),
                            Line(kind="service-reference", state="signed", code="RZ-SJX2-BXTB-PFQ3-ZSSY"),
                            Line(kind="vetting", state="printed", code="RZ-C3E3-7AR0-CBBC-D25Y"),
                        ])  # fmt: skip


def main() -> int:
    if shutil.which("pdftoppm") is None:
        sys.stderr.write("pdftoppm (poppler-utils) is needed to render the samples\n")
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.png"):
        old.unlink()
    photo = portrait()
    for lang in ("kk", "ru"):
        papers = [(k, k, d) for k, d in all_documents(lang, photo)]
        papers += [(f"{k}-long", k, d) for k, d in long_documents(lang, photo)]
        papers.append(("bench", "bench", _bench_sample(lang)))
        papers.append(("signed-checklist", "signed-checklist", _signed_sample()))
        for name, kind, data in papers:
            meta = m.Meta(lang=lang, printed_on=D(2026, 2, 10), reg_no="01-15/123",
                          reg_date=D(2026, 2, 10))  # fmt: skip
            if kind == "bench":  # not a nominee paper: not one of the print service's kinds
                from app.documents.bench_doc import render

                assert isinstance(data, BenchDoc)
                pdf = render(data, meta).pdf
            elif kind == "signed-checklist":  # a status sheet, not a nominee paper either
                from app.documents import checklist_doc

                assert isinstance(data, ChecklistDoc)
                pdf = checklist_doc.render(data, meta).pdf
            else:
                pdf = build(kind, data, meta).pdf
            stem = OUT / f"{name}.{lang}"
            subprocess.run(["pdftoppm", "-png", "-r", "60", "-", str(stem)], input=pdf, check=True)
            for png in sorted(OUT.glob(f"{name}.{lang}-*.png")):
                number = int(png.stem.rsplit("-", 1)[1])
                png.rename(OUT / (f"{name}.{lang}.png" if number == 1
                                  else f"{name}.{lang}-{number}.png"))  # fmt: skip
    print(f"samples written to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
