"""The documents of a citizen for the Reg-2000 reserve, by source (p.5): at the authorised body any
of the four (p.19, p.22, p.29, p.32-2; the day they were received and, for sources 1 and 4, the
day the body sent them, which p.19 and p.32-2 judge), at a state body the two it submits itself —
its competition commission's recommendation (p.15-p.19: the vote with its quorum) and its
attestation commission's (p.32-2). Each document of the source's list is a checkbox (the list's
clause in words above them, each item's in its tooltip); a missing one is saved and found by the
rules (``r2000.doc.missing``) when the record is shown and when the authority decides. The left
column is one form: the common rows and the chosen source's share one label column."""

from __future__ import annotations

import datetime as dt
import textwrap
from typing import Any

import msgspec
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)  # fmt: skip

from app.domain.reg2000 import Doc, Reservist, Source
from app.rules.citation import cite
from app.rules.reg_2000_params import DOCUMENTS
from ui.env import Env
from ui.screens.r2k.common import date_edit, day_of

BODY_SOURCES = (Source.COMPETITION, Source.ATTESTATION)  # p.19, p.32-2
LIST_POINT = {Source.COMPETITION: "p.19", Source.TRAINING: "p.22", Source.ABROAD: "p.29",
              Source.ATTESTATION: "p.32-2"}  # fmt: skip


def _spin(top: int, value: int) -> QSpinBox:
    b = QSpinBox()
    b.setRange(0, top)
    b.setValue(value)
    return b


class SubmitForm(QDialog):
    def __init__(self, env: Env, *, authority: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        t, lang = env.tr.t, env.tr.lang
        today = env.s().clock.today()
        self.authority = authority
        self.setWindowTitle(t("r2k.ui.submit_title"))
        self.source = QComboBox()
        self.source.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.source.setMinimumContentsLength(24)
        for src in Source if authority else BODY_SOURCES:
            point = cite(f"Reg-2000 p.5({src.value})", lang)
            self.source.addItem(f"{point}: {t(f'r2k.ui.source.{src.value}')}", src.value)
        self.iin, self.name, self.category, self.group = QLineEdit(), QLineEdit(), QLineEdit(), QLineEdit()
        self.iin.setMaxLength(12)
        for e in (self.name, self.category, self.group):
            e.setMaxLength(200)
        self.rank = _spin(20, 0)
        self.consent = QCheckBox(t("r2k.ui.consent_citizen"))
        self.qualified = QCheckBox(t("r2k.ui.qualified"))
        self.received = date_edit(today)
        # sources 1 and 4 at the authority: the day the state body sent the documents (its letter),
        # the day p.19 and p.32-2 judge; the receipt starts the authority's own term (p.20, p.32-3)
        self.sent = date_edit(today)
        # source 1 (p.15-p.19): the competition and its commission's vote
        self.k_body, self.k_vacancy = QLineEdit(), QLineEdit()
        self.k_protocol = date_edit(today)
        self.k_members, self.k_present, self.k_for = _spin(200, 0), _spin(200, 0), _spin(200, 0)
        self.k_checks = {n: QCheckBox(t(f"r2k.ui.k_{n}")) for n in ("qualification_met", "tests_passed",
                                                                       "interview_passed")}  # fmt: skip
        # source 2 (p.21-1), 3 (p.27, p.28), 4 (p.32-2)
        self.completed, self.returned, self.approved = date_edit(today), date_edit(today), date_edit(today)
        self.left_body = QCheckBox(t("r2k.ui.left_state_body"))
        sent = [(t("r2k.ui.sent_by_body"), self.sent)] if authority else []
        rows: dict[int, list[tuple[str, QWidget]]] = {
            1: [*sent, (t("r2k.ui.body_name"), self.k_body), (t("r2k.ui.vacancy"), self.k_vacancy),
                (t("r2k.ui.protocol_date"), self.k_protocol), (t("r2k.ui.members"), self.k_members),
                (t("r2k.ui.present"), self.k_present), (t("r2k.ui.votes_for"), self.k_for),
                *(("", c) for c in self.k_checks.values())],
            2: [(t("r2k.ui.programme_completed"), self.completed)],
            3: [(t("r2k.ui.returned_on"), self.returned), ("", self.left_body)],
            4: [(t("r2k.ui.attestation_approved"), self.approved), *sent],
        }  # fmt: skip
        # one form for the whole column: the common rows and each source's own share one label
        # column (a source's rows are hidden, not a separate form with its own label width)
        self.fields = QFormLayout()
        self.fields.setContentsMargins(0, 0, 0, 0)
        self.fields.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for label, field in (
            (t("r2k.ui.col.source"), self.source), (t("r2k.ui.col.iin"), self.iin),
            (t("r2k.ui.col.name"), self.name), (t("r2k.ui.rcol.category"), self.category),
            (t("r2k.ui.group"), self.group), (t("r2k.ui.rank"), self.rank), ("", self.consent),
            ("", self.qualified), *([(t("r2k.ui.received"), self.received)] if authority else []),
        ):  # fmt: skip
            self.fields.addRow(label, field)
        self.section_rows: dict[int, list[QWidget]] = {}
        for n, pairs in rows.items():
            self.section_rows[n] = []
            for label, field in pairs:
                if field is self.sent and n == 4:  # one row, shown for sources 1 and 4
                    self.section_rows[n].append(field)
                    continue
                self.fields.addRow(label, field)
                self.section_rows[n].append(field)
        left = QVBoxLayout()
        left.addLayout(self.fields)
        left.addStretch(1)
        # the documents of each source's list, each with its clause in words
        self.docs: dict[int, dict[Doc, QCheckBox]] = {}
        self.doc_boxes: dict[int, QGroupBox] = {}
        right = QVBoxLayout()
        for src, items in DOCUMENTS.items():
            box = QGroupBox(t("r2k.ui.documents", clause=cite(f"Reg-2000 {LIST_POINT[src]}", lang)))
            lay = QVBoxLayout(box)
            self.docs[src.value] = {}
            for doc, point in items:
                c = QCheckBox(textwrap.fill(t(f"rules.r2000_doc.{doc.value}"), 56))  # fits 1366x768
                c.setToolTip(cite(f"Reg-2000 {point}", lang))  # the item of the list, in words
                lay.addWidget(c)
                self.docs[src.value][doc] = c
            self.doc_boxes[src.value] = box
            right.addWidget(box)
        right.addStretch(1)
        cols = QHBoxLayout()
        cols.addLayout(left, 1)
        cols.addLayout(right, 1)
        std = QDialogButtonBox.StandardButton
        buttons = QDialogButtonBox(std.Save | std.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(cols)
        lay.addWidget(buttons)
        self.source.currentIndexChanged.connect(lambda _: self._show_source())
        self._show_source()

    def chosen(self) -> int:
        return int(self.source.currentData())

    def _show_source(self) -> None:
        n = self.chosen()
        shown = set(self.section_rows[n])
        for fields in self.section_rows.values():
            for f in fields:
                self.fields.setRowVisible(f, f in shown)
        for k, box in self.doc_boxes.items():
            box.setVisible(k == n)

    def check_all(self) -> None:
        """Every document of the chosen source's list ticked (a helper for tests and screenshots)."""
        for c in self.docs[self.chosen()].values():
            c.setChecked(True)

    def reservist(self) -> Reservist:
        """The record as entered; the service checks the identity fields, the rules the rest."""
        n = self.chosen()
        obj: dict[str, Any] = {
            "iin": self.iin.text().strip(), "full_name": self.name.text(), "category": self.category.text(),
            "category_group": self.group.text().strip(), "category_rank": self.rank.value(), "source": n,
            "consent": self.consent.isChecked(), "qualification_met": self.qualified.isChecked(),
            "documents": [d.value for d, c in self.docs[n].items() if c.isChecked()],
        }  # fmt: skip
        if self.authority:
            obj["documents_received"] = day_of(self.received)
        if n == 1:
            obj["competition"] = {
                "body": self.k_body.text().strip(), "vacancy_ref": self.k_vacancy.text().strip(),
                "protocol_date": day_of(self.k_protocol),
                "vote": {"members": self.k_members.value(), "present": self.k_present.value(),
                         "votes_for": self.k_for.value()},
                **{k: c.isChecked() for k, c in self.k_checks.items()},
            }  # fmt: skip
            if self.authority:  # the day the body sent them (p.19), as its letter is dated
                obj["competition"]["sent_to_authority"] = day_of(self.sent)
        elif n == 2:
            obj["programme_completed"] = day_of(self.completed)
        elif n == 3:
            obj["returned_on"], obj["left_state_body"] = day_of(self.returned), self.left_body.isChecked()
        else:
            obj["attestation_approved"] = day_of(self.approved)
            if self.authority:  # p.32-2: the day the body sent them
                obj["attestation_sent"] = day_of(self.sent)
        return msgspec.convert(obj, Reservist, builtin_types=(dt.date,))
