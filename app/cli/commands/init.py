"""``rezerv init``: create the encrypted workstation database and its first (supervisor) user."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from app.cli.context import Context
from app.errors import UsageError
from app.security.roles import WorkstationRole


def register(sub: argparse._SubParsersAction, t: Callable[[str], str]) -> None:
    p = sub.add_parser("init", help=t("cli.init.help"), description=t("cli.init.help"))
    p.add_argument("--role", required=True, choices=[r.value for r in WorkstationRole],
                   help=t("cli.init.opt_role"))  # fmt: skip
    p.add_argument("--user", dest="init_user", metavar="NAME", help=t("cli.init.opt_user"))
    p.set_defaults(handler=run)


def run(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import workstation

    user = args.init_user or args.user
    if not user:
        raise UsageError("cli.user_required")
    passphrase = ctx.passphrase(prompt_key="cli.prompt_new_passphrase")
    s = workstation.create(
        ctx.db_path, role=args.role, user=user, passphrase=passphrase, clock=ctx.clock
    )
    try:
        ctx.print(ctx.t("cli.init.done", path=str(ctx.db_path), user=user, role=args.role))
    finally:
        s.close()
    return 0
