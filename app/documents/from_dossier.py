"""Turning a stored dossier into the documents' input structures, in the printing language.

Kazakh documents use the Kazakh spelling of the name; Russian ones the Russian spelling when
recorded. ``record`` ties the document to the stored version it was printed from.
"""

from __future__ import annotations

import datetime as dt

from app.documents import model as m
from app.documents.text import t
from app.domain.dossier import Dossier, SecondmentKind
from app.i18n import fmt_date


def full_name(d: Dossier, lang: str) -> str:
    p = d.person
    if lang == "ru" and p.surname_ru:
        parts = (p.surname_ru, p.given_name_ru or p.given_name, p.patronymic_ru)
    else:
        parts = (p.surname, p.given_name, p.patronymic)
    return " ".join(x for x in parts if x)


def person(d: Dossier, lang: str, record: m.Source | None = None) -> m.Person:
    p = d.person
    return m.Person(
        full_name=full_name(d, lang), iin=p.iin, birth_date=p.birth_date,
        birth_place=p.birth_place, rank=d.rank, position=d.current_position, unit=d.unit,
        body=str(d.body), record=record,
    )  # fmt: skip


def attestation_text(d: Dossier, lang: str) -> str:
    a = d.attestation
    if not a.subject:
        return t("doc.att.not_subject", lang)
    if a.decision is None:
        return ""
    decision = t(f"doc.att.{a.decision}", lang)
    return t("doc.att.line", lang, decision=decision, date=fmt_date(a.date), ref=a.protocol_ref)


def sanctions(d: Dossier, lang: str) -> list[str]:
    out = []
    for s in d.disciplinary:
        line = t("doc.sanction.line", lang, kind=t(f"doc.sanction.{s.kind}", lang),
                 date=fmt_date(s.imposed), ref=s.order_ref or s.grounds)  # fmt: skip
        if s.lifted:
            line += "; " + t("doc.sanction.lifted", lang, date=fmt_date(s.lifted))
        out.append(line)
    return out


def secondment_text(d: Dossier, lang: str) -> str:
    s = d.secondment
    if s.kind == SecondmentKind.NONE:
        return ""
    return t(f"doc.secondment.{s.kind}", lang, host=s.host, since=fmt_date(s.since))


def first_head(d: Dossier) -> m.Signatory:
    return m.Signatory(position=d.nomination.first_head_title, name=d.nomination.first_head_name)


def submission(d: Dossier, lang: str, record: m.Source | None = None) -> m.Submission:
    n = d.nomination
    return m.Submission(
        person=person(d, lang, record), intended_position=n.intended_position,
        qualities=n.qualities,
        indicators=[m.YearText(year=i.year, text=i.text) for i in d.indicators],
        compliance=n.compliance,
        attestation=attestation_text(d, lang) if d.attestation.subject else "",
        service_results=d.attestation.service_results, secondment=secondment_text(d, lang),
        signatory=first_head(d),
    )  # fmt: skip


def _education(d: Dossier) -> list[str]:
    return [
        ", ".join(x for x in (e.institution, str(e.year or ""), e.speciality, e.qualification) if x)
        for e in d.education
    ]


def service_reference(d: Dossier, lang: str, record: m.Source | None = None) -> m.ServiceReference:
    return m.ServiceReference(
        person=person(d, lang, record), photo=d.photo, education=_education(d),
        academic_degree=d.academic_degree, languages=d.languages,
        awards=[", ".join(x for x in (a.title, fmt_date(a.date)) if x) for a in d.awards],
        training=[", ".join(x for x in (tr.title, tr.institution, fmt_date(tr.completed)) if x)
                  for tr in d.training],
        sanctions=sanctions(d, lang), attestation=attestation_text(d, lang),
        service_start=d.service_start,
        service=[m.ServiceLine(start=s.start, end=s.end, position=s.position, unit=s.unit,
                               order_ref=s.order_ref) for s in d.service_record],
    )  # fmt: skip


def vetting(d: Dossier, lang: str, record: m.Source | None = None) -> m.VettingInfo:
    v = d.vetting
    return m.VettingInfo(
        person=person(d, lang, record), passed=v.passed, date=v.date, reference=v.reference
    )


def list_row(
    d: Dossier, lang: str, record: m.Source | None = None, decision: m.Decision | None = None
) -> m.ListRow:
    return m.ListRow(
        person=person(d, lang, record), intended_position=d.nomination.intended_position,
        decision=decision,
    )  # fmt: skip


def notice(
    d: Dossier, lang: str, record: m.Source | None = None, *,
    approved_on: dt.date | None = None, extract_ref: str = "",
) -> m.Notice:  # fmt: skip
    return m.Notice(
        person=person(d, lang, record), quarter=d.nomination.quarter,
        intended_position=d.nomination.intended_position, approved_on=approved_on,
        extract_ref=extract_ref,
    )  # fmt: skip


def exclusion(
    d: Dossier, lang: str, record: m.Source | None = None, *,
    ground: int | None = None, facts: str = "", enrolled_on: dt.date | None = None,
) -> m.Exclusion:  # fmt: skip
    return m.Exclusion(
        person=person(d, lang, record), ground=ground, facts=facts, enrolled_on=enrolled_on
    )


def reg2000_registration(
    d: Dossier, lang: str, record: m.Source | None = None
) -> m.Reg2000Registration:
    return m.Reg2000Registration(
        person=person(d, lang, record), category=d.nomination.intended_position,
        education=_education(d),
    )  # fmt: skip


def reg2000_row(d: Dossier, lang: str, record: m.Source | None = None) -> m.Reg2000Row:
    return m.Reg2000Row(person=person(d, lang, record))
