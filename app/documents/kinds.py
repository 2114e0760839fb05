"""Every printable kind: its input type, its template and whether it is printed per nominee."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from reportlab.platypus import Flowable

from app.documents import dossier_forms, letters, lists, reg2000, report_doc, service_reference
from app.documents.model import (
    Exclusion,
    Meta,
    NomineeList,
    Notice,
    Reg2000ListAnswer,
    Reg2000Registration,
    ServiceReference,
    Submission,
    VettingInfo,
)


class Kind(NamedTuple):
    data_type: type
    template: Callable[[Any, Meta], list[Flowable]]
    title_key: str
    per_nominee: bool  # one document per nominee (else one list document)


KINDS: dict[str, Kind] = {
    "submission": Kind(Submission, dossier_forms.submission, "doc.submission.title", True),
    "service-reference": Kind(
        ServiceReference, service_reference.service_reference, "doc.sr.title", True
    ),
    "vetting": Kind(VettingInfo, dossier_forms.vetting, "doc.vetting.title", True),
    "body-list": Kind(NomineeList, lists.body_list, "doc.list.title", False),
    "decision-sheet": Kind(NomineeList, lists.decision_sheet, "doc.sheet.title", False),
    "extract": Kind(NomineeList, lists.extract, "doc.extract.title", False),
    "notice": Kind(Notice, letters.notice, "doc.notice.title", True),
    "exclusion-submission": Kind(
        Exclusion, letters.exclusion_submission, "doc.excl.sub_title", True
    ),
    "exclusion-decision": Kind(Exclusion, letters.exclusion_decision, "doc.excl.dec_title", True),
    "reg2000-registration": Kind(
        Reg2000Registration, reg2000.registration, "doc.r2k.reg_title", True
    ),
    "reg2000-list-answer": Kind(Reg2000ListAnswer, reg2000.list_answer, "doc.r2k.ans_title", False),
    "report": Kind(report_doc.ReportDoc, report_doc.report, "report.doc.title", False),
}
