"""``rezerv positions import FILE | list [--format json] | need POSITION --vacant-from D
--reason R | send --to PEER --out FILE | received [--format json]``: the positions catalogue of
Rules-2025 p.4 and the need of p.8 part 1; a body sends them to the Department, which sees each
body's need when it forms the list (p.11(2))."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.args import T, action, add_format, add_out, add_peer, day_arg, subparsers
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
    a = action(ps, "send", t, "positions", run_send)
    add_peer(a, t)
    add_out(a, t)
    a = action(ps, "received", t, "positions", run_received)
    add_format(a)


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


def run_send(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import positions, positions_transfer

    s = ctx.session()
    r = positions_transfer.send(s, peer_id=args.to, out=Path(args.out))
    n = len(positions.catalogue(s))
    ctx.print(ctx.t("positions.cli.sent", path=r.path, id=r.bundle_id, count=n))
    return 0


def run_received(ctx: Context, args: argparse.Namespace) -> int:
    from app.i18n import fmt_date
    from app.rules.citation import cite
    from app.services import positions_transfer

    found = positions_transfer.need_by_body(ctx.session())
    if args.format == "json":
        ctx.print_json([{"body": b.body, "positions": b.positions, "need": b.need, "ready": b.ready,
                         "gap": b.gap, "flagged": b.flagged, "quarter": b.quarter,
                         "as_of": b.as_of.isoformat() if b.as_of else None} for b in found])  # fmt: skip
        return 0
    if not any(b.as_of for b in found):
        ctx.print(ctx.t("quarter.ui.need_none"))
    ctx.print(ctx.t("quarter.ui.need_heading", clause=cite("Rules-2025 p.11(2)", ctx.lang)))
    for b in found:
        key = "quarter.ui.need_body" if b.as_of else "quarter.ui.need_body_local"
        ctx.print(ctx.t(key, body=ctx.t("body." + b.body), positions=b.positions, need=b.need,
                        ready=b.ready, gap=b.gap, as_of=fmt_date(b.as_of) if b.as_of else ""))  # fmt: skip
    return 0
