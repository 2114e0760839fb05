"""``rezerv peer add|list|revoke``: the workstations this one exchanges bundles with."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from app.cli.context import Context


def register(sub: argparse._SubParsersAction, t: Callable[[str], str]) -> None:
    p = sub.add_parser("peer", help=t("cli.peer.help"), description=t("cli.peer.help"))
    ps = p.add_subparsers(dest="peer_command", metavar="ACTION", required=True,
                          parser_class=type(p))  # fmt: skip
    add = ps.add_parser("add", help=t("cli.peer.add_help"))
    add.add_argument("card", metavar="FILE", help=t("cli.peer.opt_card"))
    add.add_argument("--fingerprint", required=True, metavar="FP",
                     help=t("cli.peer.opt_fingerprint"))  # fmt: skip
    add.set_defaults(handler=run_add)
    ls = ps.add_parser("list", help=t("cli.peer.list_help"))
    ls.add_argument("--format", choices=["table", "json"], default="table")
    ls.set_defaults(handler=run_list)
    rv = ps.add_parser("revoke", help=t("cli.peer.revoke_help"))
    rv.add_argument("id", metavar="ID")
    rv.set_defaults(handler=run_revoke)


def run_add(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import transfer

    peer = transfer.add_peer(ctx.session(), Path(args.card), args.fingerprint)
    ctx.print(ctx.t("cli.peer.added", id=peer.id, role=peer.role, fingerprint=peer.fingerprint))
    return 0


def run_list(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import transfer

    found = transfer.list_peers(ctx.session())
    if args.format == "json":
        ctx.print_json([
            {"id": p.id, "role": p.role, "fingerprint": p.fingerprint, "added": p.added,
             "revoked": p.revoked, "checkpoint_seq": p.checkpoint_seq}
            for p in found
        ])  # fmt: skip
        return 0
    for p in found:
        state = ctx.t("cli.peer.active")
        if p.revoked:
            state = ctx.t("cli.peer.revoked_on", date=p.revoked)
        ctx.print(f"{p.id}\t{p.role}\t{p.fingerprint}\t{state}")
    return 0


def run_revoke(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import transfer

    peer = transfer.revoke_peer(ctx.session(), args.id)
    ctx.print(ctx.t("cli.peer.revoked", id=peer.id))
    return 0
