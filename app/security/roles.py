"""Users' roles and what each may do: clerk edits, supervisor also manages users and the calendar,
auditor reads."""

from __future__ import annotations

import enum

from app.errors import PermissionDenied


class Role(enum.StrEnum):
    CLERK = "clerk"
    SUPERVISOR = "supervisor"
    AUDITOR = "auditor"


class Permission(enum.StrEnum):
    READ = "read"
    EDIT = "edit"
    MANAGE_USERS = "manage_users"
    MANAGE_CALENDAR = "manage_calendar"
    EXCHANGE = "exchange"  # export and import bundles
    MANAGE_POSITIONS = "manage_positions"  # the positions catalogue and the need (p.4, p.8)
    MAINTAIN = "maintain"  # back up and restore the whole workstation (supervisor)


GRANTS: dict[Role, frozenset[Permission]] = {
    Role.AUDITOR: frozenset({Permission.READ}),
    Role.CLERK: frozenset({Permission.READ, Permission.EDIT, Permission.EXCHANGE}),
    Role.SUPERVISOR: frozenset(Permission),
}


def require(role: str, permission: Permission) -> None:
    if permission not in GRANTS[Role(role)]:
        raise PermissionDenied("auth.not_permitted", role=role, permission=permission.value)


class WorkstationRole(enum.StrEnum):
    KNB = "knb"
    SYRBAR = "syrbar"
    SGS = "sgs"
    DEPARTMENT = "department"
    # Reg-2000 (Decree No. 330 of 2000): the authorised body for civil-service affairs, and a
    # state body that asks it for lists of reservists and places them (p.33-p.37)
    REG2000_AUTHORITY = "reg2000-authority"
    REG2000_BODY = "reg2000-body"


REG2000_ROLES = frozenset({WorkstationRole.REG2000_AUTHORITY, WorkstationRole.REG2000_BODY})
