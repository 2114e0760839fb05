"""Reg-2000 (Decree No. 330 of 4 February 2000): the reservist registration form (p.9) and the
answer to a state body's request for the list of reservists of a category (p.34)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from app.documents import blocks
from app.documents.layout import Styles
from app.documents.model import Meta, Reg2000ListAnswer, Reg2000Registration, Signatory
from app.documents.text import date_or_blank, or_line, para, t
from app.i18n import fmt_date

SOURCES = range(1, 5)


def _join(*parts: str) -> str:
    return ", ".join(x for x in parts if x)


def source_text(source: int | None, lang: str) -> str:
    if source in SOURCES:
        return t("doc.r2k.source_line", lang, n=source, text=t(f"doc.r2k.source.{source}", lang))
    return ""


def registration(d: Reg2000Registration, meta: Meta) -> list[Flowable]:
    lang = meta.lang
    p = d.person
    story = blocks.head(meta, t("doc.r2k.authority", lang))
    story += blocks.title(t("doc.r2k.reg_title", lang), t("doc.r2k.reg_subtitle", lang))
    story.append(para(t("doc.r2k.reg_basis", lang), Styles.small))
    story.append(Spacer(1, 3 * mm))
    pairs = [
        (t("doc.f.full_name", lang), p.full_name),
        (t("doc.f.iin", lang), p.iin),
        (t("doc.f.birth", lang), _join(fmt_date(p.birth_date), p.birth_place)),
        (t("doc.sr.education", lang), "\n".join(d.education)),
        (t("doc.f.position", lang), ", ".join(x for x in (p.position, p.unit) if x)),
        (t("doc.r2k.category", lang), d.category),
        (t("doc.r2k.source", lang), source_text(d.source, lang)),
        (t("doc.r2k.decision", lang),
         " ".join(x for x in (fmt_date(d.decided_on), d.decision_ref) if x)),
        (t("doc.r2k.term", lang), fmt_date(d.term_until)),
        (t("doc.r2k.contacts", lang), d.contacts),
    ]  # fmt: skip
    story.append(blocks.fields_table(pairs))
    story.append(para(t("doc.r2k.consent", lang), Styles.body))
    return blocks.closing(story, [
        blocks.signature(Signatory(name=p.full_name), lang, role_key="doc.role.reservist"),
        blocks.signature(d.signatory, lang, role_key="doc.role.r2k_officer"),
    ])  # fmt: skip


def list_answer(d: Reg2000ListAnswer, meta: Meta) -> list[Flowable]:
    lang = meta.lang
    story = blocks.head(meta, t("doc.r2k.authority", lang))
    story.append(para(or_line(d.requester), Styles.plain_right))
    story += blocks.title(t("doc.r2k.ans_title", lang))
    story.append(
        para(
            t("doc.r2k.ans_text", lang, date=date_or_blank(d.request_date, lang),
              ref=or_line(d.request_ref, 10), category=or_line(d.category, 20), n=len(d.rows)),
            Styles.body,
        )
    )
    story.append(Spacer(1, 2 * mm))
    headers = [t(k, lang) for k in ("doc.col.no", "doc.col.person", "doc.r2k.col.registered",
                                    "doc.r2k.col.until", "doc.r2k.col.source")]  # fmt: skip
    rows = [
        [str(i), r.person.full_name + (f"\n{r.person.position}" if r.person.position else ""),
         fmt_date(r.registered_on), fmt_date(r.term_until),
         t(f"doc.r2k.source_short.{r.source}", lang) if r.source in SOURCES else ""]
        for i, r in enumerate(d.rows, 1)
    ]  # fmt: skip
    story.append(blocks.data_table(headers, rows, [0.06, 0.40, 0.15, 0.15, 0.24]))
    story.append(para(t("doc.r2k.ans_note", lang), Styles.body))
    return blocks.closing(story, blocks.signature(d.signatory, lang, role_key="doc.role.r2k_head"))
