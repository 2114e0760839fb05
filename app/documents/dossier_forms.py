"""The nominee's materials of Rules-2025 p.10: the first head's submission (p.10(1)) and the
information on the special vetting (p.10(3)). The service reference is in
``service_reference.py``."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from app.documents import blocks
from app.documents.common import body_name, person_pairs
from app.documents.layout import Styles
from app.documents.model import Meta, Submission, VettingInfo
from app.documents.text import date_or_blank, para, t


def submission(d: Submission, meta: Meta) -> list[Flowable]:
    lang = meta.lang
    story = blocks.head(meta, body_name(d.person.body, lang))
    story.append(para(t("doc.to_pa", lang), Styles.plain_right))
    story += blocks.title(t("doc.submission.title", lang), t("doc.submission.subtitle", lang))
    story.append(para(t("doc.submission.basis", lang), Styles.small))
    story.append(Spacer(1, 3 * mm))
    pairs = person_pairs(d.person, lang)
    pairs.append((t("doc.f.intended_position", lang), d.intended_position))
    story.append(blocks.fields_table(pairs))
    story += blocks.labelled(t("doc.submission.qualities", lang), d.qualities, lang)
    story.append(para(t("doc.submission.indicators", lang), Styles.label))
    if d.indicators:
        rows = [[str(i.year), i.text] for i in sorted(d.indicators, key=lambda i: i.year)]
        story.append(
            blocks.data_table([t("doc.col.year", lang), t("doc.col.indicators", lang)], rows,
                              [0.12, 0.88])
        )
    else:
        story.append(para(t("doc.not_stated", lang), Styles.body))
    story += blocks.labelled(t("doc.submission.compliance", lang), d.compliance, lang)
    if d.attestation.strip() or not d.service_results.strip():
        story += blocks.labelled(t("doc.submission.attestation", lang), d.attestation, lang)
    if d.service_results.strip():
        story += blocks.labelled(t("doc.submission.results", lang), d.service_results, lang)
    if d.secondment.strip():
        story += blocks.labelled(t("doc.submission.secondment", lang), d.secondment, lang)
    story.append(blocks.signature(d.signatory, lang, role_key="doc.role.first_head"))
    return story


def vetting(d: VettingInfo, meta: Meta) -> list[Flowable]:
    lang = meta.lang
    story = blocks.head(meta, body_name(d.person.body, lang))
    story += blocks.title(t("doc.vetting.title", lang), t("doc.vetting.subtitle", lang))
    story.append(para(t("doc.vetting.basis", lang), Styles.small))
    story.append(Spacer(1, 3 * mm))
    result = {True: "doc.vetting.passed", False: "doc.vetting.failed", None: "doc.vetting.unknown"}
    pairs = person_pairs(d.person, lang)
    pairs += [
        (t("doc.vetting.result", lang), t(result[d.passed], lang)),
        (t("doc.vetting.date", lang), date_or_blank(d.date, lang)),
        (t("doc.vetting.reference", lang), d.reference),
    ]
    story.append(blocks.fields_table(pairs))
    story.append(Spacer(1, 4 * mm))
    story.append(para(t("doc.vetting.statement", lang), Styles.body))
    story.append(blocks.signature(d.signatory, lang, role_key="doc.role.hr_head"))
    return story
