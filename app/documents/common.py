"""Texts and fragments several forms share: issuer names, quarters, a person's fields."""

from __future__ import annotations

from reportlab.platypus import Flowable

from app.documents.model import Person
from app.documents.text import t
from app.i18n import fmt_date

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def body_name(code: str, lang: str) -> str:
    return t(f"doc.body.{code}", lang) if code in ("knb", "syrbar", "sgs") else code


def body_short(code: str, lang: str) -> str:
    return t(f"doc.body_short.{code}", lang) if code in ("knb", "syrbar", "sgs") else code


def department(lang: str) -> str:
    return t("doc.department", lang)


def quarter_text(quarter: str, lang: str) -> str:
    """``2026Q1`` as ``2026 жылғы I тоқсан`` / ``I квартал 2026 года``; other text as given."""
    if len(quarter) == 6 and quarter[4] == "Q" and quarter[:4].isdigit() and quarter[5] in "1234":
        return t("doc.quarter", lang, year=quarter[:4], q=ROMAN[int(quarter[5])])
    return quarter


def person_pairs(p: Person, lang: str) -> list[tuple[str, str]]:
    place = f", {p.birth_place}" if p.birth_place else ""
    return [
        (t("doc.f.full_name", lang), p.full_name),
        (t("doc.f.iin", lang), p.iin),
        (t("doc.f.birth", lang), fmt_date(p.birth_date) + place),
        (t("doc.f.rank", lang), p.rank),
        (t("doc.f.position", lang), ", ".join(x for x in (p.position, p.unit) if x)),
    ]


def cite(key: str, lang: str) -> str:
    return t(key, lang)


def nothing() -> list[Flowable]:
    return []
