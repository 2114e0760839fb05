"""Turning a stored dossier into the documents' input structures, in the printing language.

Kazakh documents use the Kazakh spelling of the name; Russian ones the Russian spelling when
recorded, and likewise the Russian forms of the current position, the unit and the education
(the Kazakh text when the Russian one is empty). ``record`` ties the document to the stored
version it was printed from. Clauses and evidence are printed in words (``app.rules.citation``).
"""

from __future__ import annotations

import datetime as dt
import re

from app.documents import model as m
from app.documents.text import t
from app.domain.dossier import Dossier, Education, Sanction, SecondmentKind
from app.i18n import fmt_date
from app.rules.citation import cite


def full_name(d: Dossier, lang: str) -> str:
    p = d.person
    if lang == "ru" and p.surname_ru:
        parts = (p.surname_ru, p.given_name_ru or p.given_name, p.patronymic_ru)
    else:
        parts = (p.surname, p.given_name, p.patronymic)
    return " ".join(x for x in parts if x)


def short_name(d: Dossier, lang: str) -> str:
    """Surname and initials in the spelling of ``lang``: "Сейиткалиулы А. Б."."""
    p = d.person
    if lang == "ru" and p.surname_ru:
        surname, names = p.surname_ru, (p.given_name_ru or p.given_name, p.patronymic_ru)
    else:
        surname, names = p.surname, (p.given_name, p.patronymic)
    initials = " ".join(x.strip()[0] + "." for x in names if x.strip())
    return " ".join(x for x in (surname.strip(), initials) if x)


def ru_or_kk(kk: str, ru: str, lang: str) -> str:
    """The Russian form on a Russian paper when it is recorded, else the Kazakh text."""
    return ru if lang == "ru" and ru.strip() else kk


def person(d: Dossier, lang: str, record: m.Source | None = None) -> m.Person:
    p = d.person
    return m.Person(
        full_name=full_name(d, lang), iin=p.iin, birth_date=p.birth_date,
        birth_place=p.birth_place, rank=d.rank,
        position=ru_or_kk(d.current_position, d.current_position_ru, lang),
        unit=ru_or_kk(d.unit, d.unit_ru, lang), body=str(d.body), record=record,
    )  # fmt: skip


def attestation_text(d: Dossier, lang: str) -> str:
    a = d.attestation
    if not a.subject:
        return t("doc.att.not_subject", lang)
    if a.decision is None:
        return ""
    decision = t(f"doc.att.{a.decision}", lang)
    return t("doc.att.line", lang, decision=decision, date=fmt_date(a.date), ref=a.protocol_ref)


def sanction_line(s: Sanction, lang: str) -> str:
    """Kind, date, grounds (the form's column), then the order that imposed it."""
    parts = [t(f"doc.sanction.{s.kind}", lang), fmt_date(s.imposed), s.grounds.strip(),
             t("doc.sanction.order", lang, ref=s.order_ref.strip()) if s.order_ref.strip() else ""]
    return ", ".join(x for x in parts if x)


def sanctions(d: Dossier, lang: str, at: dt.date | None = None) -> list[str]:
    """The sanctions the service list prints: those in force on ``at`` (the printing day). The
    form (Order No. 158, Annex 2) lists "disciplinary sanctions (kind, date, grounds)"; a
    sanction lifted (or expired) by then counts as not imposed, so it is not printed, and with
    none in force the line reads "none". Without ``at`` every sanction not lifted is printed."""
    return [sanction_line(s, lang) for s in d.disciplinary
            if s.lifted is None or (at is not None and s.lifted > at)]  # fmt: skip


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
        compliance=n.compliance, subject_to_attestation=d.attestation.subject,
        attestation=attestation_text(d, lang) if d.attestation.subject else "",
        service_results="" if d.attestation.subject else d.attestation.service_results,
        secondment=secondment_text(d, lang),
        signatory=first_head(d),
    )  # fmt: skip


def education_line(e: Education, lang: str) -> str:
    parts = (ru_or_kk(e.institution, e.institution_ru, lang), str(e.year or ""),
             ru_or_kk(e.speciality, e.speciality_ru, lang),
             ru_or_kk(e.qualification, e.qualification_ru, lang))  # fmt: skip
    return ", ".join(x for x in parts if x)


def _education(d: Dossier, lang: str) -> list[str]:
    return [education_line(e, lang) for e in d.education]


def service_reference(
    d: Dossier, lang: str, record: m.Source | None = None, *, at: dt.date | None = None
) -> m.ServiceReference:
    return m.ServiceReference(
        person=person(d, lang, record), photo=d.photo, education=_education(d, lang),
        academic_degree=d.academic_degree, languages=d.languages,
        awards=[", ".join(x for x in (a.title, fmt_date(a.date)) if x) for a in d.awards],
        training=[", ".join(x for x in (tr.title, tr.institution, fmt_date(tr.completed)) if x)
                  for tr in d.training],
        sanctions=sanctions(d, lang, at), attestation=attestation_text(d, lang),
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


_EVIDENCE = re.compile(r"^(?P<clause>(?:Rules-2025|Reg-2000) [^:]+): (?P<field>[a-z_]+)\[(?P<i>\d+)\]")


def _fact(d: Dossier, field: str, i: int, lang: str) -> str:
    """The recorded fact a rule's evidence points at, in words."""
    if field == "disciplinary" and i < len(d.disciplinary):
        return t("doc.evidence.sanction", lang, text=sanction_line(d.disciplinary[i], lang))
    if field == "liabilities" and i < len(d.liabilities):
        li = d.liabilities[i]
        parts = [t(f"doc.liability.{li.kind}", lang), fmt_date(li.date), li.reference.strip(),
                 li.description.strip()]  # fmt: skip
        return ", ".join(x for x in parts if x)
    if field == "career_events" and i < len(d.career_events):
        e = d.career_events[i]
        parts = [t(f"doc.event.{e.kind}", lang), fmt_date(e.date), e.reference.strip(),
                 e.note.strip()]  # fmt: skip
        return ", ".join(x for x in parts if x)
    return ""


def evidence(d: Dossier, text: str, lang: str) -> str:
    """Evidence as stored ("Rules-2025 p.18(3): disciplinary[0].kind", one per line, or typed
    by the clerk) in words: the clause as the act is cited and the fact it rests on."""
    out = []
    for line in text.splitlines():
        m_ = _EVIDENCE.match(line.strip())
        fact = _fact(d, m_["field"], int(m_["i"]), lang) if m_ else ""
        if m_ and fact:
            clause = cite(m_["clause"], lang)
            line = f"{clause[:1].upper()}{clause[1:]}: {fact}"
        out.append(line)
    return "\n".join(out)


def exclusion(
    d: Dossier, lang: str, record: m.Source | None = None, *,
    ground: int | None = None, facts: str = "", enrolled_on: dt.date | None = None,
    decided_on: dt.date | None = None,
) -> m.Exclusion:  # fmt: skip
    return m.Exclusion(
        person=person(d, lang, record), ground=ground, facts=evidence(d, facts, lang),
        enrolled_on=enrolled_on, decided_on=decided_on,
    )  # fmt: skip


def reg2000_registration(
    d: Dossier, lang: str, record: m.Source | None = None
) -> m.Reg2000Registration:
    return m.Reg2000Registration(
        person=person(d, lang, record), category=d.nomination.intended_position,
        education=_education(d, lang),
    )  # fmt: skip


def reg2000_row(d: Dossier, lang: str, record: m.Source | None = None) -> m.Reg2000Row:
    return m.Reg2000Row(person=person(d, lang, record))
