"""A member's life in the reserve from the GUI (Rules-2025 p.14, p.16, p.17): the appointment from
the reserve, the President's or the Head of PA's "otherwise decided" override of the three-month
minimum (p.14 part 2), training at the Law Enforcement Academy (p.16), temporary performance of
duties (p.17, refused for seconded employees) and the person's timeline.

Each dialog only gathers what the clerk types; the service (``app.services.reserve_life``) checks
the role, the clause and the dates and writes the change with its audit row. The work runs off the
GUI thread (``env.op``); a refusal is shown inside the dialog, which stays open with what was typed.
``LifeActions`` is the row of buttons the Reserve and Members screens place under their lists."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)  # fmt: skip

from app.rules.citation import cite
from app.security.roles import Permission
from app.services import reserve_life
from ui.env import Env
from ui.fit import cap_to_screen
from ui.screens.quarter.common import fill, table
from ui.widgets.common import banner, busy_bar, hint
from ui.widgets.flow import FlowLayout

ACTIONS = ("appoint", "override", "training", "acting")


def date_edit(day: dt.date) -> QDateEdit:
    e = QDateEdit(QDate(day.year, day.month, day.day))
    e.setCalendarPopup(True)
    e.setDisplayFormat("dd.MM.yyyy")
    return e


def _day(e: QDateEdit) -> dt.date:
    d = e.date()
    return dt.date(d.year(), d.month(), d.day())


def _label(text: str) -> str:
    """A form label from a word used mid-sentence elsewhere ("приказ" -> "Приказ")."""
    return text[:1].upper() + text[1:]


def _line() -> QLineEdit:
    """No length cap in the field: the service refuses an overlong value with a clear message
    rather than the field cutting it silently."""
    return QLineEdit()


class LifeDialog(QDialog):
    """A form, a banner for the service's refusal, a busy bar and OK / Cancel."""

    title_key = ""
    # each dialog below defines it: the service call with the values entered
    work: Callable[[], Callable[[], object]]

    def __init__(self, env: Env, nid: int, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env, self.nid = env, nid
        t = env.tr.t
        self.setWindowTitle(t(self.title_key))
        self.who = hint(t("life.ui.member", name=name, id=nid))
        self.clause = hint()
        self.form = QFormLayout()
        self.error = banner()
        self.bar = busy_bar()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(t("life.ui.record"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(t("ui.common.cancel"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.who)
        lay.addWidget(self.clause)
        lay.addLayout(self.form)
        lay.addWidget(self.error)
        lay.addWidget(self.bar)
        lay.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self.today = env.s().clock.today()

    def submit(self) -> None:
        fn = self.work()
        self.bar.show()
        self.error.hide()
        self.buttons.setEnabled(False)

        def failed(e: BaseException) -> None:
            self.error.setText(self.env.tr.error(e))
            self.error.show()
            self.adjustSize()  # room for the message, the fields keep their height

        def always() -> None:
            self.bar.hide()
            self.buttons.setEnabled(True)

        (self.env.op(self, fn, report=False).success(lambda _r: self.accept()).failure(failed)
         .always(always).run(self.env.executor))  # fmt: skip


class AppointDialog(LifeDialog):
    """Appointment from the reserve (p.14): the position, the order and its date."""

    title_key = "life.ui.appoint"

    def __init__(self, env: Env, nid: int, name: str, parent: QWidget | None = None) -> None:
        super().__init__(env, nid, name, parent)
        t = env.tr.t
        self.clause.setText(t("life.ui.appoint_hint", clause=cite("Rules-2025 p.14", env.tr.lang)))
        self.position = _line()
        self.order = _line()
        self.day = date_edit(self.today)
        self.form.addRow(_label(t("life.detail.position")), self.position)
        self.form.addRow(_label(t("life.detail.order")), self.order)
        self.form.addRow(_label(t("life.ui.date")), self.day)

    def work(self) -> Callable[[], object]:
        s, nid = self.env.s(), self.nid
        position, order, day = self.position.text(), self.order.text(), _day(self.day)
        return lambda: reserve_life.appoint(s, nid, position=position, order=order, day=day)


class OverrideDialog(LifeDialog):
    """The President's or the Head of PA's decision "otherwise" on the three months (p.14 part 2)."""

    title_key = "life.ui.override"

    def __init__(self, env: Env, nid: int, name: str, parent: QWidget | None = None) -> None:
        super().__init__(env, nid, name, parent)
        t = env.tr.t
        self.clause.setText(t("life.ui.override_hint", clause=cite("Rules-2025 p.14 part 2", env.tr.lang)))
        self.by = QComboBox()
        for code, key in (("president", "president"), ("head_pa", "head_of_pa")):
            self.by.addItem(t("rules.authority." + key), code)
        self.number = _line()
        self.day = date_edit(self.today)
        self.form.addRow(_label(t("life.detail.by")), self.by)
        self.form.addRow(_label(t("life.detail.number")), self.number)
        self.form.addRow(_label(t("life.ui.date")), self.day)

    def work(self) -> Callable[[], object]:
        s, nid = self.env.s(), self.nid
        by, number, day = str(self.by.currentData()), self.number.text(), _day(self.day)
        return lambda: reserve_life.record_override(s, nid, by=by, number=number, day=day)


class TrainingDialog(LifeDialog):
    """A course at the Law Enforcement Academy (p.16): dates, hours, certificate."""

    title_key = "life.ui.training"

    def __init__(self, env: Env, nid: int, name: str, parent: QWidget | None = None) -> None:
        super().__init__(env, nid, name, parent)
        t = env.tr.t
        self.clause.setText(t("life.ui.training_hint", clause=cite("Rules-2025 p.16", env.tr.lang)))
        self.course = _line()
        self.day_from = date_edit(self.today)
        self.day_to = date_edit(self.today)
        self.hours = QSpinBox()
        self.hours.setRange(0, 2000)
        self.hours.setSpecialValueText("—")  # 0: not stated
        self.certificate = _line()
        self.form.addRow(_label(t("life.detail.course")), self.course)
        self.form.addRow(_label(t("life.ui.from")), self.day_from)
        self.form.addRow(_label(t("life.ui.to")), self.day_to)
        self.form.addRow(_label(t("life.detail.hours")), self.hours)
        self.form.addRow(_label(t("life.detail.certificate")), self.certificate)

    def work(self) -> Callable[[], object]:
        s, nid = self.env.s(), self.nid
        course, start, end = self.course.text(), _day(self.day_from), _day(self.day_to)
        hours, cert = self.hours.value() or None, self.certificate.text()
        return lambda: reserve_life.record_training(s, nid, course=course, day_from=start, day_to=end,
                                                    hours=hours, certificate=cert)  # fmt: skip


class ActingDialog(LifeDialog):
    """Temporary performance of the reserved position's duties (p.17): the order, from, to."""

    title_key = "life.ui.acting"

    def __init__(self, env: Env, nid: int, name: str, parent: QWidget | None = None) -> None:
        super().__init__(env, nid, name, parent)
        t = env.tr.t
        self.clause.setText(t("life.ui.acting_hint", clause=cite("Rules-2025 p.17", env.tr.lang)))
        self.order = _line()
        self.day_from = date_edit(self.today)
        self.has_end = QCheckBox(_label(t("life.ui.has_end")))
        self.day_to = date_edit(self.today)
        self.day_to.setEnabled(False)
        self.has_end.toggled.connect(self.day_to.setEnabled)
        self.form.addRow(_label(t("life.detail.order")), self.order)
        self.form.addRow(_label(t("life.ui.from")), self.day_from)
        self.form.addRow(self.has_end, self.day_to)

    def work(self) -> Callable[[], object]:
        s, nid = self.env.s(), self.nid
        order, start = self.order.text(), _day(self.day_from)
        end = _day(self.day_to) if self.has_end.isChecked() else None
        return lambda: reserve_life.record_acting(s, nid, order=order, day_from=start, day_to=end)


DIALOGS: dict[str, type[LifeDialog]] = {
    "appoint": AppointDialog,
    "override": OverrideDialog,
    "training": TrainingDialog,
    "acting": ActingDialog,
}

TIMELINE_COLUMNS = ("day", "what", "detail", "clause")


class TimelineDialog(QDialog):
    """The person's timeline (every nomination, decision, membership, override, training, acting
    duty, exclusion ground, exclusion and appointment, oldest first): the page a supervisor opens
    before any decision. Loaded off the GUI thread."""

    def __init__(self, env: Env, nid: int, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env, self.nid = env, nid
        t = env.tr.t
        self.setWindowTitle(t("life.ui.timeline"))
        self.who = QLabel(t("life.ui.member", name=name, id=nid))
        self.who.setWordWrap(True)
        self.table = table(len(TIMELINE_COLUMNS))
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)  # particulars wrap
        # rows follow the wrapped text at the dialog's current width
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setHorizontalHeaderLabels([t(f"life.ui.col.{c}") for c in TIMELINE_COLUMNS])
        self.error = banner()
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(t("life.ui.close"))
        close.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.who)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.error)
        lay.addWidget(close)
        self.events: list[reserve_life.EventText] = []
        cap_to_screen(self, 1100, 560)
        s, lang = env.s(), env.tr.lang

        def load() -> list[reserve_life.EventText]:
            return [reserve_life.describe(e, lang) for e in reserve_life.history(s, nid)]

        def failed(e: BaseException) -> None:
            self.error.setText(env.tr.error(e))
            self.error.show()

        env.op(self, load, report=False).success(self._show).failure(failed).run(env.executor)

    def _show(self, events: list[reserve_life.EventText]) -> None:
        self.events = events
        fill(self.table, [[e.day, e.what, e.detail, e.clause] for e in events])


class LifeActions(QWidget):
    """The row of buttons under a list of members: appoint, override, training, acting duty and
    the timeline of the member ``current()`` returns ((nominee id, name) or None). Recording is
    offered to users who may edit, at a body (the Department learns of appointments by bundle);
    the timeline to everyone. ``done`` runs after a change is recorded (the screen reloads)."""

    def __init__(self, env: Env, current: Callable[[], tuple[int, str] | None],
                 done: Callable[[], None], parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.env, self.current, self.done = env, current, done
        self.buttons: dict[str, QPushButton] = {}
        self.dialog: QDialog | None = None  # the one open now (tests drive it)
        row = FlowLayout(self)
        for key in (*ACTIONS, "timeline"):
            b = QPushButton()
            b.clicked.connect(lambda _=False, key=key: self.open(key))
            row.addWidget(b)
            self.buttons[key] = b
        env.tr.changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        t = self.env.tr.t
        recording = self.env.session is not None and self.env.session.body is not None
        for key, b in self.buttons.items():
            b.setText(t(f"life.ui.{key}") + ("…" if key != "timeline" else ""))
            if key != "timeline":
                b.setVisible(recording)
                b.setEnabled(self.env.can(Permission.EDIT))

    def open(self, key: str) -> QDialog | None:
        if key != "timeline" and not self.env.allowed(self, Permission.EDIT):
            return None
        who = self.current()
        if who is None:
            self.env.dialogs.info(self, self.env.tr.t("life.ui.pick_member"))
            return None
        nid, name = who
        if key == "timeline":
            dialog: QDialog = TimelineDialog(self.env, nid, name, self)
        else:
            dialog = DIALOGS[key](self.env, nid, name, self)
            dialog.accepted.connect(lambda key=key, nid=nid: self._recorded(key, nid))
        self.dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _recorded(self, key: str, nid: int) -> None:
        self.env.dialogs.info(self, self.env.tr.t(f"life.cli.{_DONE[key]}", id=nid))
        self.done()


_DONE = {"appoint": "appointed", "override": "override", "training": "training", "acting": "acting"}
