"""Lists of nominees: the body's quarterly list to the Presidential Administration (Rules-2025
p.10), the Department's list of nominees recommended for enrolment with the agreement and
approval blocks — the decision sheet (p.11(2), p.12) — and the extract for one body (p.13)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from app.documents import blocks
from app.documents.common import body_name, body_short, department, quarter_text
from app.documents.layout import Styles
from app.documents.model import Decision, ListRow, Meta, NomineeList
from app.documents.text import date_or_blank, para, t
from app.i18n import fmt_date

UNCHECKED, CHECKED = "□", "⊠"


def _who(r: ListRow, lang: str) -> str:
    p = r.person
    born = fmt_date(p.birth_date)
    extra = ", ".join(x for x in (born, t("doc.iin_short", lang, iin=p.iin) if p.iin else "") if x)
    return f"{p.full_name}\n{extra}" if extra else p.full_name


def _post(r: ListRow) -> str:
    p = r.person
    return "\n".join(x for x in (p.rank, ", ".join(y for y in (p.position, p.unit) if y)) if x)


def _decision(r: ListRow, lang: str) -> str:
    enrol = CHECKED if r.decision == Decision.ENROL else UNCHECKED
    refuse = CHECKED if r.decision == Decision.REFUSE else UNCHECKED
    return f"{enrol} {t('doc.decision.enrol', lang)}\n{refuse} {t('doc.decision.refuse', lang)}"


def body_list(d: NomineeList, meta: Meta) -> list[Flowable]:
    lang = meta.lang
    story = blocks.head(meta, body_name(d.body, lang))
    story.append(para(t("doc.to_pa", lang), Styles.plain_right))
    story += blocks.title(t("doc.list.title", lang), quarter_text(d.quarter, lang))
    story.append(para(t("doc.list.basis", lang), Styles.small))
    story.append(Spacer(1, 3 * mm))
    headers = [t(k, lang) for k in ("doc.col.no", "doc.col.person", "doc.col.post",
                                    "doc.col.intended", "doc.col.note")]  # fmt: skip
    rows = [
        [str(i), _who(r, lang), _post(r), r.intended_position, r.note]
        for i, r in enumerate(d.rows, 1)
    ]
    story.append(blocks.data_table(headers, rows, [0.06, 0.28, 0.30, 0.24, 0.12]))
    story.append(para(t("doc.list.total", lang, n=len(d.rows)), Styles.plain))
    return blocks.closing(story, blocks.signature(d.signatory, lang, role_key="doc.role.first_head"))


def decision_sheet(d: NomineeList, meta: Meta) -> list[Flowable]:
    lang = meta.lang
    agree = blocks.stamp("doc.stamp.agreed", d.agreed_by, d.agreed_on, lang, "doc.role.secretary")
    approve = blocks.stamp(
        "doc.stamp.approve", d.approved_by, d.approved_on, lang, "doc.role.head_pa"
    )
    story: list[Flowable] = [blocks.stamps_row(agree, approve), Spacer(1, 6 * mm)]
    story += blocks.head(meta, department(lang))
    subtitle = quarter_text(d.quarter, lang)
    if d.body:
        subtitle += " — " + body_name(d.body, lang)
    story += blocks.title(t("doc.sheet.title", lang), subtitle)
    story.append(para(t("doc.sheet.basis", lang), Styles.small))
    story.append(Spacer(1, 3 * mm))
    headers = [t(k, lang) for k in ("doc.col.no", "doc.col.person", "doc.col.body_post",
                                    "doc.col.intended", "doc.col.decision")]  # fmt: skip
    rows = [
        [str(i), _who(r, lang), body_short(r.person.body, lang) + "\n" + _post(r),
         r.intended_position, _decision(r, lang)]
        for i, r in enumerate(d.rows, 1)
    ]  # fmt: skip
    story.append(blocks.data_table(headers, rows, [0.06, 0.27, 0.25, 0.23, 0.19]))
    story.append(para(t("doc.list.total", lang, n=len(d.rows)), Styles.plain))
    return blocks.closing(
        story, blocks.signature(d.signatory, lang, role_key="doc.role.department_head"))


def extract(d: NomineeList, meta: Meta) -> list[Flowable]:
    lang = meta.lang
    story = blocks.head(meta, department(lang))
    story.append(para(t("doc.extract.to", lang, body=body_name(d.body, lang)), Styles.plain_right))
    story += blocks.title(t("doc.extract.title", lang), quarter_text(d.quarter, lang))
    story.append(
        para(t("doc.extract.approved", lang, date=date_or_blank(d.approved_on, lang)), Styles.body)
    )
    story.append(para(t("doc.extract.basis", lang), Styles.small))
    story.append(Spacer(1, 3 * mm))
    headers = [t(k, lang) for k in ("doc.col.no", "doc.col.person", "doc.col.post",
                                    "doc.col.intended", "doc.col.decision")]  # fmt: skip
    rows = [
        [str(i), _who(r, lang), _post(r), r.intended_position, _decision(r, lang)]
        for i, r in enumerate(d.rows, 1)
    ]
    story.append(blocks.data_table(headers, rows, [0.06, 0.27, 0.28, 0.21, 0.18]))
    story.append(para(t("doc.extract.true_copy", lang), Styles.plain))
    return blocks.closing(
        story, blocks.signature(d.signatory, lang, role_key="doc.role.department_head"))
