"""The notice to an employee of enrolment (Rules-2025 p.13), the exclusion submission with its
ground (p.18) and the Head of PA's exclusion decision (p.19)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from app.documents import blocks
from app.documents.common import body_name, department, person_pairs, quarter_text
from app.documents.layout import Styles
from app.documents.model import Exclusion, Meta, Notice, Signatory
from app.documents.text import date_or_blank, or_line, para, t
from app.i18n import fmt_date

GROUNDS = range(1, 9)


def ground_text(ground: int | None, lang: str) -> str:
    if ground in GROUNDS:
        return t("doc.excl.ground_line", lang, n=ground, text=t(f"doc.ground.{ground}", lang))
    return t("doc.excl.ground_blank", lang)


def notice(d: Notice, meta: Meta) -> list[Flowable]:
    lang = meta.lang
    p = d.person
    story = blocks.head(meta, body_name(p.body, lang))
    addressee = "\n".join(x for x in (p.rank, p.position, p.unit, p.full_name) if x)
    story.append(para(addressee, Styles.plain_right))
    story += blocks.title(t("doc.notice.title", lang), t("doc.notice.subtitle", lang))
    story.append(
        para(
            t("doc.notice.text", lang, name=p.full_name, date=date_or_blank(d.approved_on, lang),
              quarter=quarter_text(d.quarter, lang), position=or_line(d.intended_position)),
            Styles.body,
        )
    )
    if d.extract_ref:
        story.append(para(t("doc.notice.extract", lang, ref=d.extract_ref), Styles.body))
    story.append(para(t("doc.notice.term", lang), Styles.body))
    return blocks.closing(story, [
        blocks.signature(d.signatory, lang, role_key="doc.role.hr_head"), Spacer(1, 8 * mm),
        para(t("doc.notice.acknowledged", lang), Styles.label),
        blocks.signature(Signatory(name=p.full_name), lang),
    ])  # fmt: skip


def exclusion_submission(d: Exclusion, meta: Meta) -> list[Flowable]:
    lang = meta.lang
    story = blocks.head(meta, body_name(d.person.body, lang))
    story.append(para(t("doc.head_pa", lang) if d.to_head_pa else department(lang), Styles.plain_right))
    story += blocks.title(t("doc.excl.sub_title", lang), t("doc.excl.sub_subtitle", lang))
    story.append(para(t("doc.excl.sub_basis", lang), Styles.small))
    story.append(Spacer(1, 3 * mm))
    pairs = person_pairs(d.person, lang)
    pairs.append((t("doc.excl.enrolled_on", lang), fmt_date(d.enrolled_on)))
    story.append(blocks.fields_table(pairs))
    story += blocks.labelled(t("doc.excl.ground", lang), ground_text(d.ground, lang), lang)
    story += blocks.labelled(t("doc.excl.facts", lang), d.facts, lang)
    story.append(para(t("doc.excl.request", lang), Styles.body))
    return blocks.closing(story, blocks.signature(d.signatory, lang, role_key="doc.role.hr_head"))


def exclusion_decision(d: Exclusion, meta: Meta) -> list[Flowable]:
    lang = meta.lang
    approve = blocks.stamp("doc.stamp.approve", d.signatory, d.decided_on, lang, "doc.role.head_pa")
    story: list[Flowable] = [blocks.stamps_row(None, approve), Spacer(1, 6 * mm)]
    story += blocks.head(meta, department(lang))
    story += blocks.title(t("doc.excl.dec_title", lang), t("doc.excl.dec_subtitle", lang))
    story.append(para(t("doc.excl.dec_basis", lang), Styles.small))
    story.append(Spacer(1, 3 * mm))
    pairs = person_pairs(d.person, lang)
    pairs.append((t("doc.f.body", lang), body_name(d.person.body, lang)))
    pairs.append((t("doc.excl.enrolled_on", lang), fmt_date(d.enrolled_on)))
    story.append(blocks.fields_table(pairs))
    story += blocks.labelled(t("doc.excl.ground", lang), ground_text(d.ground, lang), lang)
    story += blocks.labelled(t("doc.excl.facts", lang), d.facts, lang)
    story.append(Spacer(1, 3 * mm))
    story.append(para(t("doc.excl.decided", lang, name=d.person.full_name), Styles.body))
    return story
