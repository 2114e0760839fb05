"""Reservists of the Reg-2000 reserve: the list by state, the selected reservist's findings with
their clauses in words, and the decisions this workstation makes — at the authorised body enrol,
refuse (lawful grounds only, p.20 part 2, p.25, p.32, p.32-3) and exclude (p.39); at a state body
place a reservist its answer named (p.3, p.36); the authority also transfers a reservist to a lower
category of the group on application (p.12-1). Both record a citizen's documents (``submit``: at a
state body only its competition's and attestation's recommendations, p.19, p.32-2, which it then
sends to the authorised body as a bundle, ``send_submissions``). Each decision is checked by the
service and a refusal is shown as one translated line; work runs off the GUI thread."""

from __future__ import annotations

from pathlib import Path

import msgspec
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.domain.r2k_workflow import R2kStatus
from app.domain.reg2000 import RefusalGround
from app.i18n import fmt_date
from app.rules.citation import cite
from app.security.roles import Permission, WorkstationRole
from app.services import r2k
from ui.env import Env
from ui.screens.quarter.common import ask_save_path, bundle_filter, fill, recipient, selected_data, table
from ui.screens.r2k.common import Form, day_of, findings_text

COLUMNS = ("id", "iin", "name", "category", "source", "status", "term_ends")


class ReservistsScreen(QWidget):
    def __init__(self, env: Env, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.authority = env.s().workstation_role == WorkstationRole.REG2000_AUTHORITY
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.status = QComboBox()
        self.table = table(len(COLUMNS))
        self.findings = QLabel()
        self.findings.setWordWrap(True)
        self.buttons: dict[str, QPushButton] = {}
        self.submitted: int | None = None  # the record the last ``submit`` saved
        self.ask_path = lambda filter_text: ask_save_path(self, filter_text)  # replaceable in tests
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.status)
        bar = QHBoxLayout()
        keys = ("submit", "enrol", "refuse", "transfer", "notified", "exclude") if self.authority else \
            ("submit", "send_submissions", "place")  # fmt: skip
        for key in keys:
            b = QPushButton()
            b.clicked.connect(getattr(self, key))
            b.setEnabled(env.can(Permission.EXCHANGE if key == "send_submissions" else Permission.EDIT))
            self.buttons[key] = b
            bar.addWidget(b)
        bar.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 10, 12, 10)
        lay.addLayout(top)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.findings)
        lay.addLayout(bar)
        self.status.currentIndexChanged.connect(lambda _: self.refresh())
        self.table.itemSelectionChanged.connect(self._selected)
        env.tr.changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        t = self.env.tr.t
        self.heading.setText(t("r2k.ui.reservists_heading", act=t("rules.act.reg_2000")))
        current = self.status.currentData()
        self.status.blockSignals(True)
        self.status.clear()
        self.status.addItem(t("r2k.ui.all_states"), "")
        for st in R2kStatus:
            self.status.addItem(t(f"r2k.status.{st.value}"), st.value)
        self.status.setCurrentIndex(max(0, self.status.findData(current or "")))
        self.status.blockSignals(False)
        self.table.setHorizontalHeaderLabels([t(f"r2k.ui.col.{c}") for c in COLUMNS])
        for key, b in self.buttons.items():
            b.setText(t(f"r2k.ui.{key}"))
        self.refresh()

    def refresh(self) -> None:
        s, status = self.env.s(), str(self.status.currentData() or "")
        self.env.op(self, lambda: r2k.reservists(s, status=status)).success(self._show).run(self.env.executor)

    def _show(self, views: list[r2k.View]) -> None:
        t = self.env.tr.t
        rows = [[str(v.id), v.iin, v.name, v.category, t(f"r2k.ui.source.{v.source}"),
                 t(f"r2k.status.{v.status}"), fmt_date(v.term_ends)] for v in views]  # fmt: skip
        fill(self.table, rows, data=[v.id for v in views])
        self.findings.setText(t("r2k.ui.select") if views else t("r2k.cli.none"))
        ids = [v.id for v in views]
        if self.submitted in ids:
            self.table.selectRow(ids.index(self.submitted))

    def _rid(self) -> int | None:
        rid = selected_data(self.table)
        return rid if isinstance(rid, int) else None

    def _selected(self) -> None:
        rid, s = self._rid(), self.env.s()
        if rid is None:
            return
        op = self.env.op(self, lambda: r2k.show(s, rid)[1])
        op.success(lambda found: self.findings.setText(findings_text(found, self.env))).run(self.env.executor)

    def _run(self, fn: object) -> None:
        self.env.op(self, fn).success(lambda _: self.refresh()).run(self.env.executor)  # type: ignore[arg-type]

    def enrol(self) -> None:
        if not self.env.allowed(self, Permission.EDIT):
            return
        rid, t = self._rid(), self.env.tr.t
        if rid is None:
            return
        f = Form(self.env, t("r2k.ui.enrol"), self)
        day = f.date(t("r2k.ui.decision_date"), self.env.s().clock.today())
        if f.exec():
            s, d = self.env.s(), day_of(day)
            self._run(lambda: r2k.enrol(s, rid, d))

    def refuse(self) -> None:
        if not self.env.allowed(self, Permission.EDIT):
            return
        rid, t = self._rid(), self.env.tr.t
        if rid is None:
            return
        f = Form(self.env, t("r2k.ui.refuse"), self)
        day = f.date(t("r2k.ui.decision_date"), self.env.s().clock.today())
        grounds = [(t(f"rules.r2000_ground.{g.value}"), g) for g in RefusalGround]
        ground = f.choice(t("r2k.ui.ground"), grounds)  # type: ignore[arg-type]
        if f.exec():
            s, d, g = self.env.s(), day_of(day), RefusalGround(ground.currentData())
            self._run(lambda: r2k.refuse(s, rid, d, g))

    def exclude(self) -> None:
        if not self.env.allowed(self, Permission.EDIT):
            return
        rid, t, lang = self._rid(), self.env.tr.t, self.env.tr.lang
        if rid is None:
            return
        f = Form(self.env, t("r2k.ui.exclude"), self)
        today = self.env.s().clock.today()
        day = f.date(t("r2k.ui.exclusion_date"), today)
        grounds = [(f"{cite(f'Reg-2000 p.39({n})', lang)}: {t(f'r2k.ui.p39_{n}')}", n) for n in range(1, 6)]
        ground = f.choice(t("r2k.ui.ground"), grounds)  # type: ignore[arg-type]
        fact = f.date(t("r2k.ui.fact_date"), today)
        evidence = f.text(t("r2k.ui.evidence"))
        if f.exec():
            s, d, n = self.env.s(), day_of(day), int(ground.currentData())
            fd = day_of(fact) if n in (2, 3, 5) else None
            ev = evidence.text()
            self._run(lambda: r2k.exclude(s, rid, ground=n, day=d, fact_date=fd, evidence=ev))

    def transfer(self) -> None:
        """p.12-1: on the reservist's application, to a lower category within the same group."""
        if not self.env.allowed(self, Permission.EDIT):
            return
        rid, t = self._rid(), self.env.tr.t
        if rid is None:
            return
        s = self.env.s()
        r = r2k.show(s, rid)[0].reservist
        f = Form(self.env, t("r2k.ui.transfer"), self)
        category = f.text(t("r2k.ui.rcol.category"))
        group = f.text(t("r2k.ui.group"))
        group.setText(r.category_group)
        rank = f.choice(t("r2k.ui.rank"), [(str(n), n) for n in range(1, 21)])
        rank.setCurrentIndex(min(19, r.category_rank))  # the next lower rank
        qualified = f.check(t("r2k.ui.qualified"))
        today = s.clock.today()
        requested = f.date(t("r2k.ui.transfer_requested"), today)
        day = f.date(t("r2k.ui.decision_date"), today)
        if f.exec():
            kw = {"requested": day_of(requested), "day": day_of(day), "to_category": category.text(),
                  "to_group": group.text(), "to_rank": int(rank.currentData()),
                  "qualification_met": qualified.isChecked()}  # fmt: skip
            self._run(lambda: r2k.transfer(s, rid, **kw))  # type: ignore[arg-type]

    def place(self) -> None:
        if not self.env.allowed(self, Permission.EDIT):
            return
        rid, t = self._rid(), self.env.tr.t
        if rid is None:
            return
        s = self.env.s()
        own = [q for q in r2k.list_requests(s) if q.peer == "" and q.answered is not None]
        f = Form(self.env, t("r2k.ui.place"), self)
        req = f.choice(t("r2k.ui.request"), [(f"№ {q.id} — {q.category} ({fmt_date(q.answered)})", q.id)
                                             for q in own])  # fmt: skip
        post = f.text(t("r2k.ui.post"))
        day = f.date(t("r2k.ui.decision_date"), s.clock.today())
        consent = f.check(t("r2k.ui.consent"))
        qualified = f.check(t("r2k.ui.qualified"))
        considered = f.check(t("r2k.cli.opt_own"))
        interviewed = f.check(t("r2k.ui.interviewed"))  # p.35
        interview_day = f.date(t("r2k.ui.interview_date"), s.clock.today())
        passed = f.check(t("r2k.ui.interview_passed"), True)
        if f.exec() and req.currentData() is not None:
            qid, p, d = int(req.currentData()), post.text(), day_of(day)
            c, q, o = consent.isChecked(), qualified.isChecked(), considered.isChecked()
            held = interviewed.isChecked()
            iv, ok = (day_of(interview_day), passed.isChecked()) if held else (None, None)
            self._run(lambda: r2k.place(s, rid, qid=qid, post=p, decided=d, consent=c, qualification_met=q,
                                        own_considered=o, interviewed=iv, interview_passed=ok))  # fmt: skip

    def notified(self) -> None:
        """p.37: the authority notified the reservist the body chose and sent the personal file."""
        if not self.env.allowed(self, Permission.EDIT):
            return
        rid, t = self._rid(), self.env.tr.t
        if rid is None:
            return
        s = self.env.s()
        f = Form(self.env, t("r2k.ui.notified"), self)
        told = f.check(t("r2k.ui.reservist_notified"), True)
        told_on = f.date(t("r2k.ui.reservist_notified_on"), s.clock.today())
        sent = f.check(t("r2k.ui.file_sent"), True)
        sent_on = f.date(t("r2k.ui.file_sent_on"), s.clock.today())
        if f.exec():
            a = day_of(told_on) if told.isChecked() else None
            b = day_of(sent_on) if sent.isChecked() else None
            self._run(lambda: r2k.notified(s, rid, reservist=a, file_sent=b))

    def submit(self) -> None:
        """A citizen's documents by source, each document of its list a checkbox (p.19, p.22,
        p.29, p.32-2); saved even with one missing, which the findings then name."""
        if not self.env.allowed(self, Permission.EDIT):
            return
        from ui.screens.r2k.submit import SubmitForm

        f = SubmitForm(self.env, authority=self.authority, parent=self)
        if not f.exec():
            return
        s = self.env.s()
        try:
            r = f.reservist()
        except msgspec.ValidationError:
            self.env.dialogs.error(self, self.env.tr.t("r2k.bad_iin", iin=f.iin.text()[:20]))
            return

        def done(rid: int) -> None:
            self.submitted = rid  # selected once listed: its findings name what is missing
            self.refresh()

        self.env.op(self, lambda: r2k.submit(s, r)).success(done).run(self.env.executor)

    def send_submissions(self) -> None:
        """p.19, p.32-2: the documents not yet sent go to the authorised body as a bundle."""
        if not self.env.allowed(self, Permission.EXCHANGE):
            return
        peer = recipient(self.env, self, WorkstationRole.REG2000_AUTHORITY.value)
        if peer is None:
            return
        path = self.ask_path(bundle_filter(self.env))
        if not path:
            return
        s, t = self.env.s(), self.env.tr.t

        def work() -> tuple[str, str]:
            res = r2k.send_submissions(s, peer_id=peer, out=Path(path))
            return res.path, res.bundle_id

        def done(result: tuple[str, str]) -> None:
            self.refresh()
            self.env.dialogs.info(self, t("r2k.ui.sent", path=result[0], id=result[1]))

        self.env.op(self, work).success(done).run(self.env.executor)
