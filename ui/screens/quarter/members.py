"""Reserve members' papers: notices of enrolment with their ten-working-day deadline (p.13) until
each is marked delivered (body), and exclusions — a ground of p.18 with its evidence raised by
hand or found by the rules engine, the submission printed and sent (body); the Head of PA's
decision recorded and sent back (Department, p.19)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGroupBox,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)  # fmt: skip

from app.i18n import fmt_date
from app.security.roles import Permission
from app.services import exclusions, printing, reserve
from app.services.transfer_bundles import ExportResult
from ui.env import Env
from ui.screens.quarter.common import (
    DONE,
    OVERDUE,
    ask_save_path,
    bundle_filter,
    fill,
    recipient,
    selected_data,
    table,
    write_file,
)  # fmt: skip
from ui.screens.reserve.life import LifeActions
from ui.widgets.common import day_of, hint
from ui.widgets.flow import FlowLayout
from ui.widgets.progress import ProgressPanel


def _date(env: Env) -> QDateEdit:
    d = env.s().clock.today()
    e = QDateEdit(QDate(d.year, d.month, d.day))
    e.setCalendarPopup(True)
    e.setDisplayFormat("dd.MM.yyyy")
    return e


class MembersScreen(QWidget):
    def __init__(self, env: Env, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        body = env.s().body
        self.ask_path = lambda filter_text: ask_save_path(self, filter_text)
        # notices (body)
        self.notices_box = QGroupBox()
        self.notices = table(5)
        self.print_notices_button = QPushButton()
        self.delivered_date = _date(env)
        self.delivered_button = QPushButton()
        nl = QVBoxLayout(self.notices_box)
        nl.addWidget(self.notices)
        row = FlowLayout()
        w: QWidget
        for w in (self.print_notices_button, self.delivered_date, self.delivered_button):
            row.addWidget(w)
        nl.addLayout(row)
        self.notices_box.setVisible(body is not None)
        # exclusions
        self.excl_box = QGroupBox()
        self.exclusions = table(6)
        self.detected = hint()
        self.member = QComboBox()
        self.ground = QComboBox()
        self.fact_date = _date(env)
        self.evidence = QLineEdit()
        self.raise_button = QPushButton()
        self.scan_button = QPushButton()
        self.print_button = QPushButton()
        self.send_button = QPushButton()
        self.number = QLineEdit()
        self.decision_date = _date(env)
        self.exclude_button = QPushButton()
        self.reject_button = QPushButton()
        self.send_decisions_body = QComboBox()
        self.send_decisions_button = QPushButton()
        # the chosen member's life: appointment, override, training, acting duty, timeline
        self.life = LifeActions(env, self.chosen_member, self.refresh)
        el = QVBoxLayout(self.excl_box)
        el.addWidget(self.exclusions)
        el.addWidget(self.detected)
        raise_row = FlowLayout()  # rows wrap instead of widening the window
        for w in (
            self.member,
            self.ground,
            self.fact_date,
            self.evidence,
            self.raise_button,
            self.scan_button,
        ):
            raise_row.addWidget(w)
        decide_row = FlowLayout()
        for w in (self.print_button, self.send_button, self.number, self.decision_date, self.exclude_button,
                  self.reject_button, self.send_decisions_body, self.send_decisions_button):  # fmt: skip
            decide_row.addWidget(w)
        el.addLayout(raise_row)
        el.addWidget(self.life)
        el.addLayout(decide_row)
        self.panel = ProgressPanel(env.tr)  # sending a bundle: a percentage and Cancel
        el.addWidget(self.panel)
        deciding = body in (None, "sgs")
        # the member combo stays everywhere: it also names whose life the row below records
        raising = (self.ground, self.fact_date, self.evidence, self.raise_button, self.scan_button,
                   self.send_button)  # fmt: skip
        for w in raising:
            w.setVisible(body is not None)
        for w in (self.number, self.decision_date, self.exclude_button, self.reject_button):
            w.setVisible(deciding)
        self.send_button.setVisible(body not in (None, "sgs"))
        for w in (self.send_decisions_body, self.send_decisions_button):
            w.setVisible(body is None)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 10, 12, 10)
        lay.addWidget(self.notices_box, 1)
        lay.addWidget(self.excl_box, 2)
        self.print_notices_button.clicked.connect(self.print_notices)
        self.delivered_button.clicked.connect(self.mark_delivered)
        self.raise_button.clicked.connect(self.raise_ground)
        self.scan_button.clicked.connect(self.scan)
        self.print_button.clicked.connect(self.print_exclusion)
        self.send_button.clicked.connect(self.send)
        self.exclude_button.clicked.connect(lambda: self.decide("exclude"))
        self.reject_button.clicked.connect(lambda: self.decide("reject"))
        self.send_decisions_button.clicked.connect(self.send_decisions)
        env.tr.changed.connect(self.retranslate)
        self.retranslate()

    # -- texts and loading ----------------------------------------------------------------------
    def retranslate(self) -> None:
        t = self.env.tr.t
        self.notices_box.setTitle(t("exclusion.ui.notices"))
        self.excl_box.setTitle(t("exclusion.ui.exclusions"))
        ncols = ("name", "received", "due", "document", "delivered")
        xcols = ("name", "ground", "date", "source", "state", "decision")
        self.notices.setHorizontalHeaderLabels([t(f"exclusion.ui.ncol.{c}") for c in ncols])
        self.exclusions.setHorizontalHeaderLabels([t(f"exclusion.ui.xcol.{c}") for c in xcols])
        self.print_notices_button.setText(t("exclusion.ui.print_notices"))
        self.delivered_button.setText(t("exclusion.ui.delivered"))
        self.evidence.setPlaceholderText(t("exclusion.ui.evidence"))
        self.raise_button.setText(t("exclusion.cli.raise"))
        self.scan_button.setText(t("exclusion.ui.scan"))
        self.print_button.setText(t("exclusion.ui.print"))
        self.send_button.setText(t("exclusion.cli.send"))
        self.number.setPlaceholderText(t("decision.ui.number"))
        self.exclude_button.setText(t("exclusion.decision.exclude"))
        self.reject_button.setText(t("exclusion.decision.reject"))
        self.send_decisions_button.setText(t("exclusion.cli.send_decisions"))
        self.ground.clear()
        for n in range(1, 9):
            self.ground.addItem(t(f"exclusion.ground.p18_{n}"), str(n))
        self.send_decisions_body.clear()
        for b in ("knb", "syrbar"):
            self.send_decisions_body.addItem(t("body." + b), b)
        self.refresh()

    def refresh(self) -> None:
        s = self.env.s()

        def load() -> tuple[list, list, list, list]:
            notices = reserve.notices(s) if s.body else []
            members = [m for m in reserve.members(s) if m.excluded_on is None]
            recorded = exclusions.listing(s)
            known = {(x.nominee_id, x.ground, x.fact_date) for x in recorded}
            pending = [g for g in exclusions.detect(s) if g[:3] not in known] if s.body else []
            return notices, members, recorded, pending

        self.env.op(self, load).success(self._show).run(self.env.executor)

    def _show(self, result: tuple[list, list, list, list]) -> None:
        t, today = self.env.tr.t, self.env.s().clock.today()
        notices, members, found, pending = result
        self.detected.setText(t("exclusion.ui.detected", n=len(pending)) if pending else "")
        self.detected.setStyleSheet(f"color: {OVERDUE.name()}" if pending else "")
        fill(self.notices, [[n.name, fmt_date(n.received), fmt_date(n.due), n.document or "—",
                             fmt_date(n.delivered) or "—"] for n in notices],
             data=[n.nominee_id for n in notices],
             colors=[DONE if n.delivered else OVERDUE if n.due < today else None
                     for n in notices])  # fmt: skip
        self.member.clear()
        for m in members:
            self.member.addItem(f"{m.name} ({m.iin})", m.nominee_id)
        fill(self.exclusions, [[x.name, t(f"exclusion.ground.{x.ground}"), fmt_date(x.fact_date),
                                t(f"exclusion.ui.source.{x.source}"), t(f"exclusion.state.{x.state}"),
                                t(f"exclusion.decision.{x.decision}") if x.decision else ""] for x in found],
             data=[x.id for x in found])  # fmt: skip

    # -- actions ------------------------------------------------------------------------------
    def chosen_member(self) -> tuple[int, str] | None:
        nid = self.member.currentData()
        return (nid, self.member.currentText()) if isinstance(nid, int) else None

    def _ok(self, key: str, **params: object) -> None:
        self.env.dialogs.info(self, self.env.tr.t(key, **params))
        self.refresh()

    def print_notices(self) -> None:
        if not self.env.allowed(self, Permission.EDIT):
            return
        s, lang = self.env.s(), self.env.tr.lang
        chosen = selected_data(self.notices)
        ids = (
            [chosen]
            if isinstance(chosen, int)
            else [n.nominee_id for n in reserve.notices(s) if not n.delivered]
        )
        path = self.ask_path("PDF (*.pdf)")
        if not path:
            return

        def work() -> int:
            rendered = printing.print_documents(
                s, printing.Request(kind="notice", lang=lang, ids=tuple(ids)))
            write_file(path, rendered.pdf)
            for nid, doc in zip(ids, rendered.docs, strict=True):
                reserve.mark_notice_printed(s, [nid], doc.code)
            return len(ids)

        self.env.op(self, work).success(lambda n: self._ok("quarter.ui.printed", n=n, path=path)).run(
            self.env.executor
        )

    def mark_delivered(self) -> None:
        if not self.env.allowed(self, Permission.EDIT):
            return
        nid = selected_data(self.notices)
        if not isinstance(nid, int):
            return
        s, day = self.env.s(), day_of(self.delivered_date)
        (self.env.op(self, lambda: reserve.mark_notice_delivered(s, nid, day))
         .success(lambda _r: self._ok("quarter.cli.delivered", id=nid)).run(self.env.executor))  # fmt: skip

    def raise_ground(self) -> None:
        if not self.env.allowed(self, Permission.EDIT):
            return
        nid = self.member.currentData()
        if not isinstance(nid, int):
            return
        s, ground, evidence = self.env.s(), str(self.ground.currentData()), self.evidence.text()
        day = day_of(self.fact_date)
        (self.env.op(self, lambda: exclusions.raise_ground(s, nid, ground, fact_date=day, evidence=evidence))
         .success(lambda xid: self._ok("exclusion.cli.raised", id=xid)).run(self.env.executor))  # fmt: skip

    def scan(self) -> None:
        if not self.env.allowed(self, Permission.EDIT):
            return
        s = self.env.s()
        (self.env.op(self, lambda: exclusions.scan(s))
         .success(lambda new: self._ok("exclusion.cli.scanned", n=len(new)))
         .run(self.env.executor))  # fmt: skip

    def print_exclusion(self) -> None:
        if not self.env.allowed(self, Permission.EDIT):
            return
        xid = selected_data(self.exclusions)
        if not isinstance(xid, int):
            return
        path = self.ask_path("PDF (*.pdf)")
        if not path:
            return
        s, lang = self.env.s(), self.env.tr.lang
        (self.env.op(self, lambda: write_file(path, exclusions.print_paper(s, xid, lang=lang).pdf))
         .success(lambda _r: self._ok("quarter.ui.printed", n=1, path=path))
         .run(self.env.executor))  # fmt: skip

    def send(self) -> None:
        if not self.env.allowed(self, Permission.EXCHANGE):
            return
        peer = recipient(self.env, self, "department")
        if peer is None:
            return
        path = self.ask_path(bundle_filter(self.env))
        if not path:
            return
        s = self.env.s()
        self.panel.op(self.env, self, lambda run: exclusions.send(s, peer_id=peer, out=Path(path),
                                                                  progress=run), self._sent)  # fmt: skip

    def decide(self, decision: str) -> None:
        if not self.env.allowed(self, Permission.EDIT):
            return
        xid = selected_data(self.exclusions)
        if not isinstance(xid, int):
            return
        s, number, day = self.env.s(), self.number.text(), day_of(self.decision_date)
        (self.env.op(self, lambda: exclusions.decide(s, xid, decision, number=number, day=day))
         .success(lambda x: self._ok("exclusion.cli.decided", id=x.id,
                                     decision=self.env.tr.t("exclusion.decision." + decision)))
         .run(self.env.executor))  # fmt: skip

    def send_decisions(self) -> None:
        if not self.env.allowed(self, Permission.EXCHANGE):
            return
        s, body = self.env.s(), str(self.send_decisions_body.currentData())
        peer = recipient(self.env, self, body)
        if peer is None:
            return
        path = self.ask_path(bundle_filter(self.env))
        if not path:
            return
        self.panel.op(self.env, self, lambda run: exclusions.send_decisions(
            s, peer_id=peer, out=Path(path), progress=run), self._sent)  # fmt: skip

    def _sent(self, r: ExportResult) -> None:
        self._ok("quarter.cli.exported", kind=r.kind, count=r.count, path=r.path, bundle=r.bundle_id)
