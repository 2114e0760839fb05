"""Synthetic, realistic dossiers for demos and benchmarks: Kazakh and Russian names, valid IINs,
varied service records, attestation results and sanctions. Deterministic for a given seed."""

from __future__ import annotations

import datetime as dt
import io
import random
from collections.abc import Iterator
from functools import cache

from app import photo as photo_mod
from app.domain.dossier import (
    Attestation,
    AttestationDecision,
    Body,
    Dossier,
    Education,
    Indicator,
    Nomination,
    Person,
    Sanction,
    SanctionKind,
    ServiceEntry,
    Sex,
    Training,
    Vetting,
)  # fmt: skip
from app.domain.iin import make_iin

# (Kazakh spelling, Russian spelling); female forms add -а / -қызы.
SURNAMES = [
    ("Әбілқайыров", "Абилкаиров"), ("Сейітқалиев", "Сейткалиев"), ("Жұмабаев", "Жумабаев"),
    ("Нұрланов", "Нурланов"), ("Серікбаев", "Серикбаев"), ("Қасымов", "Касымов"),
    ("Өтебаев", "Утебаев"), ("Бекмұханов", "Бекмуханов"), ("Тоқтаров", "Токтаров"),
    ("Ахметов", "Ахметов"), ("Оспанов", "Оспанов"), ("Құдайбергенов", "Кудайбергенов"),
    ("Ғабдуллин", "Габдуллин"), ("Мұқанов", "Муканов"), ("Әлімжанов", "Алимжанов"),
    ("Иванов", "Иванов"), ("Петров", "Петров"), ("Ким", "Ким"), ("Шәкенов", "Шакенов"),
    ("Ерғалиев", "Ергалиев"), ("Сүлейменов", "Сулейменов"), ("Төлеубаев", "Тулеубаев"),
    ("Исмаилов", "Исмаилов"), ("Байжанов", "Байжанов"), ("Үсенов", "Усенов"),
]  # fmt: skip
MALE = [("Әбілқайыр", "Абилкаир"), ("Нұрлан", "Нурлан"), ("Ерлан", "Ерлан"),
        ("Дәурен", "Даурен"), ("Асқар", "Аскар"), ("Серік", "Серик"), ("Қайрат", "Кайрат"),
        ("Болат", "Болат"), ("Ғалым", "Галым"), ("Мұрат", "Мурат"), ("Олег", "Олег"),
        ("Талғат", "Талгат"), ("Еркін", "Еркин"), ("Бауыржан", "Бауыржан")]  # fmt: skip
FEMALE = [("Әйгерім", "Айгерим"), ("Гүлнар", "Гульнар"), ("Сәуле", "Сауле"),
          ("Динара", "Динара"), ("Жанар", "Жанар"), ("Ұлжан", "Улжан"), ("Ирина", "Ирина"),
          ("Мәдина", "Мадина"), ("Айгүл", "Айгуль")]  # fmt: skip
FATHERS = [("Нұрсұлтан", "Нурсултан"), ("Серік", "Серик"), ("Қанат", "Канат"),
           ("Бақыт", "Бакыт"), ("Ержан", "Ержан"), ("Төлеген", "Тулеген"), ("Марат", "Марат")]  # fmt: skip
POSITIONS = ["Старший оперуполномоченный", "Начальник отдела", "Заместитель начальника управления",
             "Начальник управления", "Заместитель начальника департамента",
             "Начальник службы", "Старший следователь", "Главный эксперт"]  # fmt: skip
UNITS = ["Департамент по г. Астане", "Департамент по г. Алматы", "Управление кадров",
         "Департамент по Карагандинской области", "Пограничная служба", "Служба охраны объектов",
         "Аналитический департамент", "Департамент по Туркестанской области"]  # fmt: skip
PLACES = ["Астана", "Алматы", "Қарағанды", "Шымкент"]
RANKS = ["майор", "подполковник", "полковник", "капитан"]
INSTITUTIONS = ["Академия КНБ РК", "КазНУ им. аль-Фараби", "ЕНУ им. Л.Н. Гумилёва",
                "Академия правоохранительных органов", "КарГУ им. Е.А. Букетова"]  # fmt: skip


@cache
def demo_photos() -> tuple[bytes, ...]:
    from PIL import Image, ImageDraw

    out = []
    for i in range(6):
        img = Image.new("RGB", (360, 480), (190 + i * 9, 205, 220 - i * 6))
        d = ImageDraw.Draw(img)
        d.ellipse((110, 70, 250, 250), fill=(224 - i * 12, 188 - i * 10, 158 - i * 8))
        d.rectangle((60, 290, 300, 480), fill=(30 + i * 10, 50, 80))
        d.polygon([(160, 290), (200, 290), (180, 360)], fill=(235, 235, 235))
        buf = io.BytesIO()
        img.save(buf, format="PNG")
        out.append(photo_mod.normalize(buf.getvalue()))
    return tuple(out)


def _date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange(max(1, (end - start).days)))


def dossiers(count: int, seed: int = 0, *, today: dt.date | None = None) -> Iterator[Dossier]:
    rng = random.Random(seed)
    today = today or dt.date(2026, 2, 1)
    photos = demo_photos()
    used: set[str] = set()
    for n in range(count):
        sex = Sex.FEMALE if rng.random() < 0.2 else Sex.MALE
        birth = _date(rng, dt.date(1968, 1, 1), dt.date(1992, 12, 31))
        iin = make_iin(birth, sex.value, rng.randrange(10000))
        while iin in used:
            iin = make_iin(birth, sex.value, rng.randrange(10000))
        used.add(iin)
        sur_kk, sur_ru = rng.choice(SURNAMES)
        given_kk, given_ru = rng.choice(FEMALE if sex is Sex.FEMALE else MALE)
        fa_kk, fa_ru = rng.choice(FATHERS)
        if sex is Sex.FEMALE:
            if sur_ru.endswith(("ов", "ев", "ин")):
                sur_kk, sur_ru = sur_kk + "а", sur_ru + "а"
            patr_kk, patr_ru = f"{fa_kk}қызы", f"{fa_ru}овна"
        else:
            patr_kk, patr_ru = f"{fa_kk}ұлы", f"{fa_ru}ович"
        body = rng.choice([Body.KNB, Body.KNB, Body.SYRBAR, Body.SGS])
        start = _date(rng, dt.date(birth.year + 21, birth.month, min(birth.day, 28)), dt.date(2016, 1, 1))
        record, cursor = [], start
        for _ in range(rng.randint(1, 5)):
            end = min(today, cursor + dt.timedelta(days=rng.randint(400, 2200)))
            order = f"№ {rng.randint(1, 999)} л/с"
            record.append(ServiceEntry(start=cursor, end=end, position=rng.choice(POSITIONS),
                                       unit=rng.choice(UNITS), order_ref=order))  # fmt: skip
            cursor = end
            if cursor >= today:
                break
        record[-1] = ServiceEntry(start=record[-1].start, end=None, position=record[-1].position,
                                  unit=record[-1].unit, order_ref=record[-1].order_ref)  # fmt: skip
        sanctions = []
        if rng.random() < 0.12:
            imposed = _date(rng, today - dt.timedelta(days=900), today - dt.timedelta(days=10))
            lifted = None if rng.random() < 0.5 else imposed + dt.timedelta(days=rng.randint(90, 365))
            sanctions.append(Sanction(kind=rng.choice(list(SanctionKind)[:4]), imposed=imposed,
                                      lifted=lifted if lifted and lifted < today else None,
                                      order_ref=f"№ {rng.randint(1, 300)}"))  # fmt: skip
        attested = rng.random() < 0.9
        yield Dossier(
            person=Person(iin=iin, surname=sur_kk, given_name=given_kk, patronymic=patr_kk,
                          surname_ru=sur_ru, given_name_ru=given_ru, patronymic_ru=patr_ru,
                          birth_date=birth, sex=sex, birth_place=rng.choice(PLACES)),  # fmt: skip
            body=body,
            unit=record[-1].unit,
            current_position=record[-1].position,
            rank=rng.choice(RANKS),
            service_start=start,
            service_record=record,
            education=[Education(institution=rng.choice(INSTITUTIONS), year=start.year - 1,
                                 speciality="Юриспруденция")],  # fmt: skip
            training=[Training(title="Повышение квалификации",
                               completed=_date(rng, dt.date(2021, 1, 1), today))],  # fmt: skip
            attestation=Attestation(
                subject=attested,
                date=_date(rng, dt.date(2023, 1, 1), today) if attested else None,
                decision=rng.choice([AttestationDecision.FITS_RECOMMENDED_RESERVE,
                                     AttestationDecision.FITS_RECOMMENDED_PROMOTION,
                                     AttestationDecision.FITS]) if attested else None,  # fmt: skip
                protocol_ref=f"№ {rng.randint(1, 60)}" if attested else "",
                service_results="" if attested else "Раскрыто 12 преступлений, задержано 5 лиц.",
            ),
            disciplinary=sanctions,
            vetting=Vetting(passed=rng.random() < 0.95, date=_date(rng, dt.date(2024, 1, 1), today),
                            reference=f"№ {rng.randint(1, 999)}/с"),  # fmt: skip
            indicators=[Indicator(year=y, text=f"Показатели службы за {y} год: "
                                                  f"план выполнен на {rng.randint(90, 130)}%.")
                        for y in (today.year - 3, today.year - 2, today.year - 1)],  # fmt: skip
            nomination=Nomination(
                quarter=f"{today.year}Q{(today.month - 1) // 3 + 1}",
                intended_position=rng.choice(POSITIONS),
                required_service_years=rng.choice([5, 7, 10]),
                qualification_met=True,
                qualities="Дисциплинирован, инициативен, пользуется авторитетом в коллективе.",
                compliance="Соответствует квалификационным требованиям.",
                first_head_name="А. Б. Председателев",
                first_head_title="Председатель",
                submission_date=today,
            ),
            photo=photos[n % len(photos)],
        )


def populate(s, count: int, seed: int = 0, *, chunk: int = 1000) -> int:
    """Add ``count`` demo dossiers in chunks (one transaction each); returns how many were added."""
    from app.services import nominees

    added = 0
    batch: list[Dossier] = []
    for d in dossiers(count, seed, today=s.clock.today()):
        batch.append(d)
        if len(batch) >= chunk:
            added += len(nominees.add_many(s, batch))
            batch = []
    if batch:
        added += len(nominees.add_many(s, batch))
    return added
