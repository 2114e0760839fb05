"""``rezerv user add|remove|list`` and ``rezerv passwd``."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from app.cli.context import Context
from app.errors import InvalidInput


def register(sub: argparse._SubParsersAction, t: Callable[[str], str]) -> None:
    p = sub.add_parser("user", help=t("cli.user.help"), description=t("cli.user.help"))
    us = p.add_subparsers(dest="user_command", metavar="ACTION", required=True,
                          parser_class=type(p))  # fmt: skip
    add = us.add_parser("add", help=t("cli.user.add_help"))
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=["clerk", "supervisor", "auditor"])
    add.add_argument("--new-passphrase-file", required=True, metavar="FILE",
                     help=t("cli.user.opt_new_passphrase_file"))  # fmt: skip
    add.set_defaults(handler=run_add)
    rm = us.add_parser("remove", help=t("cli.user.remove_help"))
    rm.add_argument("name")
    rm.set_defaults(handler=run_remove)
    ls = us.add_parser("list", help=t("cli.user.list_help"))
    ls.set_defaults(handler=run_list)
    ul = us.add_parser("unlock", help=t("cli.user.unlock_help"))
    ul.add_argument("name")
    ul.set_defaults(handler=run_unlock)
    la = us.add_parser("lock-after", help=t("cli.user.lock_after_help"))
    la.add_argument("count", type=int, metavar="N")
    la.set_defaults(handler=run_lock_after)
    pw = sub.add_parser("passwd", help=t("cli.passwd.help"), description=t("cli.passwd.help"))
    pw.add_argument("--new-passphrase-file", metavar="FILE",
                    help=t("cli.user.opt_new_passphrase_file"))  # fmt: skip
    pw.set_defaults(handler=run_passwd)


def run_add(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import workstation

    new = ctx.passphrase(file=args.new_passphrase_file)
    workstation.add_user(ctx.session(), args.name, args.role, new)
    ctx.print(ctx.t("cli.user.added", name=args.name, role=args.role))
    return 0


def run_remove(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import workstation

    workstation.remove_user(ctx.session(), args.name)
    ctx.print(ctx.t("cli.user.removed", name=args.name))
    return 0


def run_unlock(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import workstation

    workstation.unlock_user(ctx.session(), args.name)
    ctx.print(ctx.t("cli.user.unlocked", name=args.name))
    return 0


def run_lock_after(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import workstation

    workstation.set_lock_after(ctx.session(), args.count)
    ctx.print(ctx.t("cli.user.lock_after_set", count=args.count))
    return 0


def run_list(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import workstation

    for name, role in workstation.list_users(ctx.session()):
        ctx.print(f"{name}\t{role}")
    return 0


def run_passwd(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import workstation

    old = ctx.passphrase()
    session = ctx.session()
    if args.new_passphrase_file:
        new = ctx.passphrase(file=args.new_passphrase_file)
    else:
        new = ctx.passphrase(file="", prompt_key="cli.prompt_new_passphrase")
        again = ctx.passphrase(file="", prompt_key="cli.prompt_repeat_passphrase")
        if new != again:
            raise InvalidInput("cli.passphrases_differ")
    workstation.change_passphrase(session, old, new)
    ctx.print(ctx.t("cli.passwd.done"))
    return 0
