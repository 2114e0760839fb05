"""``rezerv positions import FILE | list [--format json] | need POSITION --vacant-from D
--reason R``: the positions catalogue of Rules-2025 p.4 and the need of p.8 part 1."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.args import T, action, add_format, day_arg, subparsers
from app.cli.context import Context
from app.domain.positions import NeedReason


def register(sub: argparse._SubParsersAction, t: T) -> None:
    ps = subparsers(sub, "positions", t)
    a = action(ps, "import", t, "positions", run_import)
    a.add_argument("file", metavar="FILE.csv|FILE.xlsx")
    a = action(ps, "list", t, "positions", run_list)
    a.add_argument("--body", default="", choices=["", "knb", "syrbar", "sgs"])
    add_format(a)
    a = action(ps, "need", t, "positions", run_need)
    a.add_argument("position", metavar="POSITION")
    a.add_argument("--vacant-from", required=True, metavar="YYYY-MM-DD")
    a.add_argument("--reason", required=True, choices=[r.value for r in NeedReason])
    a.add_argument("--body", default="", choices=["", "knb", "syrbar", "sgs"])


def run_import(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import positions

    added, updated = positions.import_file(ctx.session(), Path(args.file))
    ctx.print(ctx.t("positions.cli.imported", added=added, updated=updated))
    return 0


def run_list(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import positions

    s = ctx.session()
    found = positions.catalogue(s, body=args.body)
    if args.format == "json":
        ctx.print_json([{"id": p.id, "title": p.title, "body": p.body, "subdivision": p.subdivision,
                         "level": p.level, "decree_290": p.decree_290,
                         "service_years": p.service_years, "training": p.training}
                        for p in found])  # fmt: skip
        return 0
    yes, no = ctx.t("positions.yes"), ctx.t("positions.no")
    for p in found:
        ctx.print(f"{p.title}\t{ctx.t('body.' + p.body)}\t{p.subdivision}\t{p.level}\t"
                  f"{yes if p.decree_290 else no}")  # fmt: skip
    return 0


def run_need(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import positions

    day = day_arg(args.vacant_from)
    positions.add_need(ctx.session(), args.position, day, args.reason, body=args.body)
    ctx.print(ctx.t("positions.cli.need_added"))
    return 0
