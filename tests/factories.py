"""Complete, valid dossiers for tests: nominable under Rules-2025 unless overridden."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import msgspec
from PIL import Image, ImageDraw

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
    ServiceEntry,
    Sex,
    Training,
    Vetting,
)
from app.domain.iin import make_iin


def portrait_png(seed: int = 0, size: tuple[int, int] = (600, 800)) -> bytes:
    img = Image.new("RGB", size, (200 + seed % 40, 210, 225))
    d = ImageDraw.Draw(img)
    w, h = size
    d.ellipse((w * 0.3, h * 0.15, w * 0.7, h * 0.55), fill=(225, 190, 160))
    d.rectangle((w * 0.2, h * 0.6, w * 0.8, h), fill=(40, 60, 90))
    out = io.BytesIO()
    img.save(out, format="PNG")
    return out.getvalue()


_PHOTO_CACHE: dict[int, bytes] = {}


def photo(seed: int = 0) -> bytes:
    if seed not in _PHOTO_CACHE:
        _PHOTO_CACHE[seed] = photo_mod.normalize(portrait_png(seed))
    return _PHOTO_CACHE[seed]


def noisy_photo(seed: int = 0) -> bytes:
    """A stored-form photo (354x472 JPEG, no metadata) that compresses badly: random pixels at
    quality 88, about 150 KB, for bundles that must span many 64 KiB age chunks."""
    import random

    rnd = random.Random(seed)
    img = Image.frombytes("RGB", (photo_mod.WIDTH, photo_mod.HEIGHT),
                          rnd.randbytes(photo_mod.WIDTH * photo_mod.HEIGHT * 3))  # fmt: skip
    out = io.BytesIO()
    img.save(out, format="JPEG", quality=88, dpi=(300, 300))
    return out.getvalue()


def make_dossier(serial: int = 1, *, with_photo: bool = True, **overrides: Any) -> Dossier:
    # serial -> a distinct valid IIN (900 per birth date, ten apart so check-digit skips never collide)
    birth = dt.date(1982, 5, 17) + dt.timedelta(days=serial // 900)
    d = Dossier(
        person=Person(
            iin=make_iin(birth, "M", (serial % 900) * 10),
            surname="Сейітқалиұлы",
            given_name="Әбілқайыр",
            patronymic="Нұрсұлтанұлы",
            surname_ru="Сейиткалиулы",
            given_name_ru="Абилкаир",
            patronymic_ru="Нурсултанович",
            birth_date=birth,
            sex=Sex.MALE,
            birth_place="Қарағанды",
        ),
        body=Body.KNB,
        unit="Департамент по г. Астана",
        current_position="Заместитель начальника управления",
        rank="полковник",
        service_start=dt.date(2004, 8, 1),
        service_record=[
            ServiceEntry(start=dt.date(2004, 8, 1), end=dt.date(2012, 3, 1),
                         position="Оперуполномоченный", unit="Управление", order_ref="№ 112 л/с"),
            ServiceEntry(start=dt.date(2012, 3, 1), end=None,
                         position="Заместитель начальника управления", unit="Департамент",
                         order_ref="№ 45 л/с"),
        ],  # fmt: skip
        education=[Education(institution="Академия КНБ", year=2004, speciality="Правоведение")],
        training=[Training(title="Курсы повышения квалификации", completed=dt.date(2024, 4, 1))],
        attestation=Attestation(
            subject=True, date=dt.date(2025, 6, 10),
            decision=AttestationDecision.FITS_RECOMMENDED_RESERVE, protocol_ref="№ 7",
        ),  # fmt: skip
        vetting=Vetting(passed=True, date=dt.date(2025, 9, 1), reference="№ 15/2025"),
        indicators=[Indicator(year=y, text=f"Показатели {y} года") for y in (2023, 2024, 2025)],
        nomination=Nomination(
            quarter="2026Q1",
            intended_position="Начальник управления",
            required_service_years=10,
            qualification_met=True,
            qualities="Принципиален, требователен к себе и подчинённым.",
            compliance="Соответствует квалификационным требованиям.",
            first_head_name="Председатель КНБ",
            first_head_title="Председатель",
            submission_date=dt.date(2026, 2, 2),
        ),
        photo=photo(serial % 3) if with_photo else None,
    )
    return msgspec.structs.replace(d, **overrides) if overrides else d
