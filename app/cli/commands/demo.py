"""``rezerv demo --count N [--seed S]``: fill the workstation with synthetic dossiers."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from app.cli.context import Context


def register(sub: argparse._SubParsersAction, t: Callable[[str], str]) -> None:
    p = sub.add_parser("demo", help=t("cli.demo.help"), description=t("cli.demo.help"))
    p.add_argument("--count", type=int, required=True)
    p.add_argument("--seed", type=int, default=0)
    p.set_defaults(handler=run)


def run(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import demo

    added = demo.populate(ctx.session(), max(0, args.count), args.seed)
    ctx.print(ctx.t("cli.demo.done", count=added))
    return 0
