"""``rezerv identity show|export``: this workstation's transfer identity and its public card."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from app.cli.context import Context


def register(sub: argparse._SubParsersAction, t: Callable[[str], str]) -> None:
    p = sub.add_parser("identity", help=t("cli.identity.help"), description=t("cli.identity.help"))
    ids = p.add_subparsers(dest="identity_command", metavar="ACTION", required=True,
                           parser_class=type(p))  # fmt: skip
    show = ids.add_parser("show", help=t("cli.identity.show_help"))
    show.add_argument("--format", choices=["text", "json"], default="text")
    show.set_defaults(handler=run_show)
    exp = ids.add_parser("export", help=t("cli.identity.export_help"))
    exp.add_argument("--out", required=True, metavar="FILE", help=t("cli.identity.opt_out"))
    exp.set_defaults(handler=run_export)


def run_show(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import transfer

    card = transfer.show_identity(ctx.session())
    if args.format == "json":
        ctx.print_json({"id": card.id, "fingerprint": card.fingerprint, "role": card.role,
                        "age_recipient": card.age_recipient})  # fmt: skip
        return 0
    ctx.print(ctx.t("cli.identity.id", id=card.id))
    ctx.print(ctx.t("cli.identity.role", role=card.role))
    ctx.print(ctx.t("cli.identity.fingerprint", fingerprint=card.fingerprint))
    return 0


def run_export(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import transfer

    card = transfer.export_identity(ctx.session(), Path(args.out))
    ctx.print(ctx.t("cli.identity.exported", path=args.out, fingerprint=card.fingerprint))
    return 0
