"""Every GUI action that changes something, with the permission it needs: one table, read whole.

Each handler named here starts with ``env.allowed(widget, permission)``: a user whose role lacks
the permission gets one translated message ("not permitted") and nothing else happens — no
dialog, no file asked for, no service called, nothing audited. The buttons are also disabled for
such a user; the guard holds when a handler is reached some other way (a shortcut, a stale
button). The services check the permission again (``session.require``). A test runs every row
for every role without the permission (tests/gui/test_action_permissions.py), and fails on a
handler that calls ``env.allowed`` without a row here.
"""

from __future__ import annotations

from typing import NamedTuple

from app.security.roles import Permission


class Action(NamedTuple):
    screen: str  # a SCREENS key (ui/main_view.py), or "notices" for the unlock notices
    path: str  # from the screen to the handler: attributes, "page:NAME" for a settings page
    permission: Permission
    where: str  # the handler: its module under ui/ and its qualified name
    department: bool = False  # shown on a Department workstation only
    workstation: str = ""  # a Reg-2000 workstation role its screen is shown on (else a body's)
    args: tuple[object, ...] = ()


E, X = Permission.EDIT, Permission.EXCHANGE
U, C, M = Permission.MANAGE_USERS, Permission.MANAGE_CALENDAR, Permission.MAINTAIN
_N = "screens.nominees.screen.NomineesScreen"
_Q = "screens.quarter.board.QuarterBoard"
_MB = "screens.quarter.members.MembersScreen"
_D = "screens.quarter.decisions.DecisionsScreen"
_R = "screens.review.workspace.ReviewWorkspace"
_T = "screens.transfers"
_S = "screens.settings"
_RR = "screens.r2k.reservists.ReservistsScreen"
_RQ = "screens.r2k.requests.RequestsScreen"
_RA, _RB = "reg2000-authority", "reg2000-body"

ACTIONS: tuple[Action, ...] = (
    Action("nominees", "open_wizard", E, f"{_N}.open_wizard", args=(None,)),
    Action("nominees", "delete_selected", E, f"{_N}.delete_selected"),
    Action("quarter", "build_list", E, f"{_Q}.build_list"),
    Action("quarter", "print_list", E, f"{_Q}.print_list"),
    Action("quarter", "send", X, f"{_Q}.send"),
    Action("quarter", "send_corrections", X, f"{_Q}.send_corrections"),
    Action("members", "print_notices", E, f"{_MB}.print_notices"),
    Action("members", "mark_delivered", E, f"{_MB}.mark_delivered"),
    Action("members", "raise_ground", E, f"{_MB}.raise_ground"),
    Action("members", "scan", E, f"{_MB}.scan"),
    Action("members", "print_exclusion", E, f"{_MB}.print_exclusion"),
    Action("members", "send", X, f"{_MB}.send"),
    Action("members", "decide", E, f"{_MB}.decide", department=True, args=("exclude",)),
    Action("members", "send_decisions", X, f"{_MB}.send_decisions", department=True),
    Action("reserve", "life.open", E, "screens.reserve.life.LifeActions.open", args=("appoint",)),
    Action("members", "life.open", E, "screens.reserve.life.LifeActions.open", args=("acting",)),
    Action("bench", "send", X, "screens.bench.screen.BenchScreen.send"),
    Action("deadlines", "save_reminders", E, "screens.deadlines.screen.DeadlinesScreen.save_reminders"),
    Action("transfers", "inbox.choose", X, f"{_T}.inbox.InboxTab.choose"),
    Action("transfers", "outbox.start_export", X, f"{_T}.outbox.OutboxTab.start_export"),
    Action("transfers", "outbox.write_again", X, f"{_T}.outbox.OutboxTab.write_again"),
    Action("transfers", "trust.add_peer", U, f"{_T}.trust.TrustTab.add_peer"),
    Action("transfers", "trust.revoke_peer", U, f"{_T}.trust.TrustTab.revoke_peer"),
    Action("settings", "page:users.add_user", U, f"{_S}.page_users.UsersPage.add_user"),
    Action("settings", "page:users.remove_user", U, f"{_S}.page_users.UsersPage.remove_user"),
    Action("settings", "page:users.unlock_user", U, f"{_S}.page_users.UsersPage.unlock_user"),
    Action("settings", "page:calendar.add_override", C, f"{_S}.page_calendar.CalendarPage.add_override"),
    Action("settings", "page:calendar.remove_selected", C,
           f"{_S}.page_calendar.CalendarPage.remove_selected"),  # fmt: skip
    Action("review", "save_marks", E, f"{_R}.save_marks", department=True),
    Action("review", "raise_finding", E, f"{_R}.raise_finding", department=True),
    Action("review", "form_list", E, f"{_R}.form_list", department=True),
    Action("decisions", "agree", E, f"{_D}.agree", department=True),
    Action("decisions", "record", E, f"{_D}.record", department=True),
    Action("decisions", "print_sheet", E, f"{_D}.print_sheet", department=True),
    Action("decisions", "attach_sheet", E, f"{_D}.attach_sheet", department=True),
    Action("decisions", "export_extract", X, f"{_D}.export_extract", department=True),
    Action("notices", "accept_database", M, "notices.NoticesDialog.accept_database"),
    Action("r2k_reservists", "submit", E, f"{_RR}.submit", workstation=_RA),
    Action("r2k_reservists", "submit", E, f"{_RR}.submit", workstation=_RB),
    Action("r2k_reservists", "send_submissions", X, f"{_RR}.send_submissions", workstation=_RB),
    Action("r2k_reservists", "enrol", E, f"{_RR}.enrol", workstation=_RA),
    Action("r2k_reservists", "refuse", E, f"{_RR}.refuse", workstation=_RA),
    Action("r2k_reservists", "transfer", E, f"{_RR}.transfer", workstation=_RA),
    Action("r2k_reservists", "notified", E, f"{_RR}.notified", workstation=_RA),
    Action("r2k_reservists", "exclude", E, f"{_RR}.exclude", workstation=_RA),
    Action("r2k_reservists", "place", E, f"{_RR}.place", workstation=_RB),
    Action("r2k_requests", "answer", E, f"{_RQ}.answer", workstation=_RA),
    Action("r2k_requests", "new_request", E, f"{_RQ}.new_request", workstation=_RB),
)  # fmt: skip
