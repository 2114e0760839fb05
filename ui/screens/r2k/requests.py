"""List requests of the Reg-2000 reserve (p.33-p.34): at a state body its own requests, made
before its competition; at the authorised body the requests received, with the day the answer
is due (two weeks from receipt, p.4) — overdue in red — and the answer given."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.i18n import fmt_date
from app.rules.citation import cite
from app.security.roles import Permission, WorkstationRole
from app.services import r2k
from ui.env import Env
from ui.screens.quarter.common import OVERDUE, fill, selected_data, table
from ui.screens.r2k.common import Form, day_of

COLUMNS = ("id", "body", "category", "made", "received", "due", "answered", "listed")


class RequestsScreen(QWidget):
    def __init__(self, env: Env, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.authority = env.s().workstation_role == WorkstationRole.REG2000_AUTHORITY
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.table = table(len(COLUMNS))
        self.action = QPushButton()
        self.action.setEnabled(env.can(Permission.EDIT))
        self.action.clicked.connect(self.answer if self.authority else self.new_request)
        bar = QHBoxLayout()
        bar.addWidget(self.action)
        bar.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 10, 12, 10)
        lay.addWidget(self.heading)
        lay.addWidget(self.table, 1)
        lay.addLayout(bar)
        env.tr.changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        t, lang = self.env.tr.t, self.env.tr.lang
        self.heading.setText(t("r2k.ui.requests_heading", p33=cite("Reg-2000 p.33", lang),
                               p34=cite("Reg-2000 p.34", lang)))  # fmt: skip
        self.table.setHorizontalHeaderLabels([t(f"r2k.ui.rcol.{c}") for c in COLUMNS])
        self.action.setText(t("r2k.ui.answer" if self.authority else "r2k.ui.new_request"))
        self.refresh()

    def refresh(self) -> None:
        s = self.env.s()

        def work() -> list[tuple[object, object]]:
            return [(q, r2k.answer_due(s, q.received) if q.received else None) for q in r2k.list_requests(s)]

        self.env.op(self, work).success(self._show).run(self.env.executor)

    def _show(self, found: list[tuple[r2k.repo.Request, object]]) -> None:
        today = self.env.s().clock.today()
        rows, colors = [], []
        for q, due in found:
            rows.append([str(q.id), q.body_name, q.category, fmt_date(q.made), fmt_date(q.received),
                         fmt_date(due), fmt_date(q.answered), str(len(q.answer))])  # type: ignore[arg-type]
            late = due is not None and (q.answered or today) > due  # type: ignore[operator]
            colors.append(OVERDUE if late else None)
        fill(self.table, rows, data=[q.id for q, _ in found], colors=colors)

    def answer(self) -> None:
        if not self.env.allowed(self, Permission.EDIT):
            return
        qid, t = selected_data(self.table), self.env.tr.t
        if not isinstance(qid, int):
            return
        f = Form(self.env, t("r2k.ui.answer"), self)
        day = f.date(t("r2k.ui.answer_date"), self.env.s().clock.today())
        if f.exec():
            s, d = self.env.s(), day_of(day)
            self.env.op(self, lambda: r2k.answer(s, qid, d)).success(lambda _: self.refresh()).run(
                self.env.executor)  # fmt: skip

    def new_request(self) -> None:
        if not self.env.allowed(self, Permission.EDIT):
            return
        t = self.env.tr.t
        f = Form(self.env, t("r2k.ui.new_request"), self)
        body = f.text(t("r2k.ui.body_name"))
        category = f.text(t("r2k.ui.rcol.category"))
        group = f.text(t("r2k.ui.group"))
        vacancy = f.text(t("r2k.ui.vacancy"))
        has_competition = f.check(t("r2k.ui.competition_fixed"))
        competition = f.date(t("r2k.ui.competition"), self.env.s().clock.today())
        if f.exec():
            s = self.env.s()
            kw = {"body_name": body.text(), "category": category.text(), "group": group.text(), "rank": 0,
                  "vacancy": vacancy.text(),
                  "competition": day_of(competition) if has_competition.isChecked() else None}  # fmt: skip
            self.env.op(self, lambda: r2k.request_list(s, **kw)).success(lambda _: self.refresh()).run(  # type: ignore[arg-type]
                self.env.executor)  # fmt: skip
