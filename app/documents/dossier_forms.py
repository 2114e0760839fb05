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


def _sections(d: Submission, lang: str) -> list[tuple[str, str | list[list[str]]]]:
    """The submission's sections in order, each present only when printed; p.10(1) asks for
    the attestation commission's decision or, for those not subject to it, the results of
    service: one of the two."""
    out: list[tuple[str, str | list[list[str]]]] = [
        ("doc.submission.qualities", d.qualities),
        ("doc.submission.indicators",
         [[str(i.year), i.text] for i in sorted(d.indicators, key=lambda i: i.year)]),
        ("doc.submission.compliance", d.compliance),
    ]  # fmt: skip
    if d.subject_to_attestation:
        out.append(("doc.submission.attestation", d.attestation))
    else:
        out.append(("doc.submission.results", d.service_results))
    if d.secondment.strip():
        out.append(("doc.submission.secondment", d.secondment))
    return out


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
    for n, (key, value) in enumerate(_sections(d, lang), 1):
        heading = t("doc.section", lang, n=n, title=t(key, lang))
        if isinstance(value, str):
            story += blocks.labelled(heading, value, lang)
        elif value:
            story.append(para(heading, Styles.label))
            story.append(blocks.data_table(
                [t("doc.col.year", lang), t("doc.col.indicators", lang)], value, [0.12, 0.88]))  # fmt: skip
        else:
            story.append(para(heading, Styles.label))
            story.append(para(t("doc.not_stated", lang), Styles.body))
    return blocks.closing(story, blocks.signature(d.signatory, lang, role_key="doc.role.first_head"))


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
    return blocks.closing(story, blocks.signature(d.signatory, lang, role_key="doc.role.hr_head"))
