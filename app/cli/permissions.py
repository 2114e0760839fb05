"""What each command needs, in one table: the gate in ``main`` checks it before the handler runs
(the services check again), and a test fails for a command missing here, so a new command cannot
ship without a decision about who may run it. ``None``: no unlocked session (creating a
workstation, changing one's own passphrase, restoring, which checks the role itself)."""

from __future__ import annotations

import argparse
from typing import Any

from app.errors import InvalidInput, PermissionDenied
from app.security.roles import REG2000_ROLES, Permission

R, E, X = Permission.READ, Permission.EDIT, Permission.EXCHANGE
U, C, M = Permission.MANAGE_USERS, Permission.MANAGE_CALENDAR, Permission.MAINTAIN
P = Permission.MANAGE_POSITIONS

COMMANDS: dict[str, Permission | None] = {
    "audit verify": R, "audit list": R, "audit accept-rollback": M,
    "backup": M, "restore": None,
    "bench": R,
    "bundle export": X, "bundle inspect": X, "bundle import": X, "bundle receipt": X,
    "bundle conflicts": R, "bundle resolve": E,
    "calendar add-workdays": R, "calendar is-workday": R, "calendar override list": R,
    "calendar override add": C, "calendar override remove": C,
    "check": R, "deadlines": R,
    "decision record": E, "decision bulk": E, "decision sheet": E, "decision print-extract": E,
    "decision extract": X,
    "demo": E,
    "document verify": R,
    "exclusion raise": E, "exclusion scan": E, "exclusion list": R, "exclusion print": E,
    "exclusion send": X, "exclusion decide": E, "exclusion send-decisions": X,
    "identity show": R, "identity export": R,
    "init": None, "passwd": None,
    "nominee add": E, "nominee list": R, "nominee show": R, "nominee edit": E,
    "nominee renominate": E, "nominee history": R,
    "pdf": E,
    "positions import": P, "positions list": R, "positions need": P,
    "positions send": X, "positions received": R,
    "peer add": U, "peer list": R, "peer revoke": U,
    "quarter board": R, "quarter list-add": E, "quarter list-remove": E, "quarter print-list": E,
    "quarter send": X, "quarter submit": E, "quarter findings": R, "quarter correct": E,
    "quarter send-corrections": X, "quarter notices": R, "quarter print-notices": E,
    "quarter notice-delivered": E, "quarter deadlines": R, "quarter states": R,
    "quarter reminders": R,
    "report": R,
    "r2k submit": E, "r2k enrol": E, "r2k refuse": E, "r2k list": R, "r2k show": R,
    "r2k request": E, "r2k requests": R, "r2k send-request": X, "r2k answer": E, "r2k send-answer": X,
    "r2k place": E, "r2k send-placements": X, "r2k notified": E, "r2k exclude": E,
    "r2k send-updates": X, "r2k transfer": E, "r2k send-submissions": X,
    "reserve list": R, "reserve export": R, "reserve appoint": E, "reserve override": E,
    "reserve training": E, "reserve acting": E, "reserve send-appointments": X,
    "reserve plan": E, "reserve plan-remove": E, "reserve training-plan": R,
    "scan attach": E, "scan checklist": R, "scan sheets": R,
    "review inbox": R, "review checklist": R, "review mark": E, "review raise": E,
    "review send-findings": X, "review form-list": E, "review agree": E, "review print-list": E,
    "user add": U, "user remove": U, "user list": R, "user unlock": U, "user lock-after": U,
}  # fmt: skip


# Which act a command group serves (the first word of a command): the special bodies' reserve of
# Rules-2025 runs on a body's or the Department's workstation, the Reg-2000 reserve (``r2k``) on
# a Reg-2000 workstation; a group not listed (audit, bundle, calendar, check, deadlines, pdf...)
# runs on both. Refused elsewhere (exit 4) before the handler runs: a Reg-2000 workstation is
# not a special state body.
RULES2025_GROUPS = frozenset({"nominee", "quarter", "review", "decision", "exclusion", "reserve",
                              "positions", "report", "scan", "demo", "bench"})  # fmt: skip
REG2000_GROUPS = frozenset({"r2k"})


def command_path(parser: argparse.ArgumentParser, args: argparse.Namespace) -> str:
    """``"quarter board"``: the subcommands chosen, followed down the parser tree."""
    parts: list[str] = []
    while True:
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        name = getattr(args, subs[0].dest, None) if subs and subs[0].dest else None
        if not subs or not name:
            return " ".join(parts)
        parts.append(str(name))
        parser = subs[0].choices[name]


def gate(parser: argparse.ArgumentParser, args: argparse.Namespace, ctx: Any) -> None:
    """Refuse (exit 3) before the handler runs when the user's role lacks the permission; a
    command missing from ``COMMANDS`` is refused outright."""
    path = command_path(parser, args)
    if path not in COMMANDS:
        raise PermissionDenied("auth.command_unlisted", command=path)
    needed = COMMANDS[path]
    if needed is not None:
        s = ctx.session()
        s.require(needed)
        _act_side(path, str(s.workstation_role))


def _act_side(path: str, role: str) -> None:
    group = path.split(" ", 1)[0]
    reg2000 = role in REG2000_ROLES
    if reg2000 and group in RULES2025_GROUPS:
        raise InvalidInput("r2k.rules2025_only", command=path, role=role)
    if not reg2000 and group in REG2000_GROUPS:
        raise InvalidInput("r2k.reg2000_only")
