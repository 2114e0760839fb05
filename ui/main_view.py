"""The unlocked workstation: a navigation rail, a top bar and the screens of ``SCREENS``.

``SCREENS`` is the one list of what the rail shows, in rail order: a new screen is one row here
(its package is imported only when the clerk first opens it)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)  # fmt: skip

from ui import fit, icons
from ui.env import Env


def _always(env: Env) -> bool:
    return True


def _department(env: Env) -> bool:  # ``body`` is None at the Department and on Reg-2000 too
    return env.session is not None and env.session.body is None and not _reg2000(env)


def _reg2000(env: Env) -> bool:  # a Reg-2000 workstation (Decree No. 330 of 2000)
    from app.security.roles import REG2000_ROLES

    return env.session is not None and env.session.workstation_role in REG2000_ROLES


def _rules2025(env: Env) -> bool:  # the screens of the special bodies' reserve (Rules-2025)
    return not _reg2000(env)


def _decides(env: Env) -> bool:  # the Department; the State Guard Service for its own list (p.5)
    return env.session is not None and env.session.body in (None, "sgs") and not _reg2000(env)


@dataclass(frozen=True)
class Screen:
    key: str
    title_key: str  # translation key of the rail label and the screen title
    icon: str  # resources/icons/<icon>.svg
    factory: Callable[[Env], QWidget]
    visible: Callable[[Env], bool] = _always


def _nominees(env: Env) -> QWidget:
    from ui.print.actions import install as install_print
    from ui.screens.nominees.screen import NomineesScreen

    screen = NomineesScreen(env)
    install_print(screen)
    return screen


def _quarter(env: Env) -> QWidget:
    from ui.screens.quarter.board import QuarterBoard

    return QuarterBoard(env)


def _review(env: Env) -> QWidget:
    from ui.screens.review.workspace import ReviewWorkspace

    return ReviewWorkspace(env)


def _decisions(env: Env) -> QWidget:
    from ui.screens.quarter.decisions import DecisionsScreen

    return DecisionsScreen(env)


def _reserve(env: Env) -> QWidget:
    from ui.screens.reserve.screen import ReserveScreen

    return ReserveScreen(env)


def _members(env: Env) -> QWidget:
    from ui.screens.quarter.members import MembersScreen

    return MembersScreen(env)


def _bench(env: Env) -> QWidget:
    from ui.screens.bench.screen import BenchScreen

    return BenchScreen(env)


def _deadlines(env: Env) -> QWidget:
    from ui.screens.deadlines.screen import DeadlinesScreen

    return DeadlinesScreen(env)


def _transfers(env: Env) -> QWidget:
    from ui.screens.transfers.screen import TransfersScreen

    return TransfersScreen(env)


def _audit(env: Env) -> QWidget:
    from ui.screens.audit.screen import AuditScreen

    return AuditScreen(env)


def _reports(env: Env) -> QWidget:
    from ui.screens.reports.screen import ReportsScreen

    return ReportsScreen(env)


def _r2k_reservists(env: Env) -> QWidget:
    from ui.screens.r2k.reservists import ReservistsScreen

    return ReservistsScreen(env)


def _r2k_requests(env: Env) -> QWidget:
    from ui.screens.r2k.requests import RequestsScreen

    return RequestsScreen(env)


def _r2k_deadlines(env: Env) -> QWidget:
    from ui.screens.r2k.deadlines import R2kDeadlinesScreen

    return R2kDeadlinesScreen(env)


def _settings(env: Env) -> QWidget:
    from ui.screens.settings.screen import SettingsScreen

    return SettingsScreen(env)


SCREENS: list[Screen] = [
    Screen("nominees", "ui.screen.nominees", "nominees", _nominees, visible=_rules2025),
    Screen("r2k_reservists", "r2k.ui.reservists", "user", _r2k_reservists, visible=_reg2000),
    Screen("r2k_requests", "r2k.ui.requests", "verify", _r2k_requests, visible=_reg2000),
    Screen("quarter", "quarter.ui.title", "verify", _quarter, visible=_rules2025),
    Screen("review", "review.ui.title", "audit", _review, visible=_department),
    Screen("decisions", "decision.ui.title", "ok", _decisions, visible=_decides),
    Screen("reserve", "reserve.ui.title", "user", _reserve, visible=_rules2025),
    Screen("members", "exclusion.ui.title", "user", _members, visible=_rules2025),
    Screen("bench", "bench.ui.title", "nominees", _bench, visible=_rules2025),
    Screen("deadlines", "quarter.ui.deadlines_title", "warning", _deadlines, visible=_rules2025),
    Screen("r2k_deadlines", "quarter.ui.deadlines_title", "warning", _r2k_deadlines, visible=_reg2000),
    Screen("transfers", "uitransfer.screen", "transfers", _transfers),
    Screen("reports", "report.ui.title", "verify", _reports, visible=_rules2025),
    Screen("audit", "ui.screen.audit", "audit", _audit),
    Screen("settings", "ui.screen.settings", "settings", _settings),
]  # fmt: skip

RAIL_WIDTH = 112


def rail_text(text: str, metrics: QFontMetrics, width: int) -> str:
    """The label broken into lines at spaces so that it fits the rail (a tool button does not
    wrap by itself and would elide "Состоящие в резерве" to "Состоя…езерве")."""
    lines: list[str] = []
    for word in text.split():
        if lines and metrics.horizontalAdvance(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return "\n".join(lines)


class MainView(QWidget):
    lock_requested = Signal()

    def __init__(self, env: Env, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.specs: list[Screen] = [s for s in SCREENS if s.visible(env)]
        self.screens: dict[str, QWidget] = {}
        self.buttons: dict[str, QToolButton] = {}
        rail = QWidget()
        rail.setObjectName("Rail")
        rail.setFixedWidth(RAIL_WIDTH)
        rail_lay = QVBoxLayout(rail)
        rail_lay.setContentsMargins(0, 8, 0, 8)
        rail_lay.setSpacing(2)
        logo = QLabel()
        logo.setPixmap(icons.pixmap("logo", icons.ON_DARK, 32))
        logo.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        rail_lay.addWidget(logo)
        # the screen buttons scroll inside the rail when the window is shorter than all of them
        buttons = QWidget()
        buttons_lay = QVBoxLayout(buttons)
        buttons_lay.setContentsMargins(0, 0, 0, 0)
        buttons_lay.setSpacing(2)
        rail_scroll = QScrollArea()
        rail_scroll.setWidgetResizable(True)
        rail_scroll.setFrameShape(QFrame.Shape.NoFrame)
        rail_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        rail_scroll.setStyleSheet("QScrollArea, QScrollArea > QWidget > QWidget { background: transparent; }")
        rail_scroll.setWidget(buttons)
        rail_lay.addWidget(rail_scroll, 1)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.stack = QStackedWidget()
        for spec in self.specs:
            b = QToolButton()
            b.setIcon(icons.icon(spec.icon, icons.ON_DARK))
            b.setIconSize(QSize(26, 26))
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
            b.setCheckable(True)
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            b.clicked.connect(lambda _=False, k=spec.key: self.show_screen(k))
            self.group.addButton(b)
            buttons_lay.addWidget(b)
            self.buttons[spec.key] = b
        # one distinct shortcut per rail button, by position: Ctrl+1 .. Ctrl+9, Ctrl+0
        self.shortcuts: dict[str, str] = {}
        for i, spec in enumerate(self.specs[:10]):
            seq = f"Ctrl+{(i + 1) % 10}"
            self.shortcuts[spec.key] = seq
            QShortcut(QKeySequence(seq), self, lambda k=spec.key: self.show_screen(k))
        buttons_lay.addStretch(1)
        self.lock_button = QToolButton()
        self.lock_button.setIcon(icons.icon("lock", icons.ON_DARK))
        self.lock_button.setIconSize(QSize(22, 22))
        self.lock_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        self.lock_button.clicked.connect(self.lock_requested)
        rail_lay.addWidget(self.lock_button)

        top = QWidget()
        top.setObjectName("TopBar")
        top_lay = QHBoxLayout(top)
        top_lay.setContentsMargins(16, 8, 12, 8)
        self.title = QLabel()
        self.title.setObjectName("ScreenTitle")
        self.who = QLabel()
        self.who.setObjectName("Who")
        self.top_lock = QPushButton(icons.icon("lock"), "")
        self.top_lock.clicked.connect(self.lock_requested)
        top_lay.addWidget(self.title, 1)
        top_lay.addWidget(self.who)
        top_lay.addWidget(self.top_lock)

        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(0)
        right.addWidget(top)
        right.addWidget(self.stack, 1)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(rail)
        lay.addLayout(right, 1)
        env.tr.changed.connect(self.retranslate)
        env.show_screen = lambda key: self.show_screen(key) if key in self.buttons else None
        if self.specs:
            self.show_screen(self.specs[0].key)
        self.retranslate()

    def screen(self, key: str) -> QWidget:  # type: ignore[override]  # QWidget.screen() is the display
        if key not in self.screens:  # built on first visit: nothing loads before it is needed
            spec = next(s for s in self.specs if s.key == key)
            widget = spec.factory(self.env)
            fit.fit_tree(widget)  # long combo items elided, cell tooltips, Home/End by rows
            self.screens[key] = widget
            self.stack.addWidget(widget)
        return self.screens[key]

    def show_screen(self, key: str) -> QWidget:
        widget = self.screen(key)
        self.stack.setCurrentWidget(widget)
        self.buttons[key].setChecked(True)
        self.current = key
        self._title()
        return widget

    def _title(self) -> None:
        spec = next((s for s in self.specs if s.key == getattr(self, "current", "")), None)
        self.title.setText(self.env.tr.t(spec.title_key) if spec else "")

    def retranslate(self) -> None:
        t = self.env.tr.t
        for spec in self.specs:
            b = self.buttons[spec.key]
            b.setText(rail_text(t(spec.title_key), b.fontMetrics(), RAIL_WIDTH - 16))
            b.setAccessibleName(t(spec.title_key))
            seq = self.shortcuts.get(spec.key, "")
            b.setToolTip(t(spec.title_key) + (f" ({seq})" if seq else ""))
        self.lock_button.setText(t("ui.main.lock"))
        self.lock_button.setToolTip(t("ui.main.lock") + " (Ctrl+L)")
        self.lock_button.setAccessibleName(t("ui.main.lock"))
        self.top_lock.setText(t("ui.main.lock"))
        self.top_lock.setAccessibleName(t("ui.main.lock"))
        s = self.env.session
        if s is not None:
            self.who.setText(t("ui.main.who", user=s.user, role=t(f"ui.role.{s.role}"),
                               workstation=t(f"ui.workstation.{s.workstation_role}")))  # fmt: skip
        self._title()
