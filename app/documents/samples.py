"""One of every document in both languages, from synthetic data: ``python -m app.documents.samples``
writes ``docs/samples/<kind>.<lang>.png`` (first page; later pages as ``-2``, ``-3``...) so anyone
can look at the forms. Rendering the PNGs needs ``pdftoppm`` (poppler-utils); the PDFs are made
in memory and never left on disk."""

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
from app.documents import model as m

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


def main() -> int:
    if shutil.which("pdftoppm") is None:
        sys.stderr.write("pdftoppm (poppler-utils) is needed to render the samples\n")
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.png"):
        old.unlink()
    photo = portrait()
    for lang in ("kk", "ru"):
        for kind, data in all_documents(lang, photo):
            meta = m.Meta(lang=lang, printed_on=D(2026, 2, 10), reg_no="01-15/123",
                          reg_date=D(2026, 2, 10))  # fmt: skip
            pdf = build(kind, data, meta).pdf
            stem = OUT / f"{kind}.{lang}"
            subprocess.run(["pdftoppm", "-png", "-r", "60", "-", str(stem)], input=pdf, check=True)
            for png in sorted(OUT.glob(f"{kind}.{lang}-*.png")):
                number = int(png.stem.rsplit("-", 1)[1])
                png.rename(OUT / (f"{kind}.{lang}.png" if number == 1
                                  else f"{kind}.{lang}-{number}.png"))  # fmt: skip
    print(f"samples written to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
