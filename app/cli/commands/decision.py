"""``rezerv decision ...``: the Head of PA's decisions (p.12), the decision sheet, extracts per
body (p.13) exported as bundles."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.args import (
    T,
    action,
    add_out,
    add_peer,
    day_arg,
    doc_lang,
    exported,
    subparsers,
    write_pdf,
)  # fmt: skip
from app.cli.context import Context


def register(sub: argparse._SubParsersAction, t: T) -> None:
    ps = subparsers(sub, "decision", t)
    a = action(ps, "record", t, "decision", run_record)
    a.add_argument("id", type=int, metavar="ID")
    g = a.add_mutually_exclusive_group(required=True)
    g.add_argument("--enrol", dest="decision", action="store_const", const="enrol")
    g.add_argument("--refuse", dest="decision", action="store_const", const="refuse")
    a.add_argument("--number", required=True, metavar="TEXT")
    a.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    a = action(ps, "bulk", t, "decision", run_bulk)
    a.add_argument("quarter", metavar="YYYYQn")
    a.add_argument("--number", required=True, metavar="TEXT")
    a.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    a.add_argument("--default", choices=["enrol", "refuse"], default="enrol")
    for kind in ("enrol", "refuse", "skip"):
        a.add_argument(f"--{kind}", type=int, action="append", default=[], metavar="ID",
                       help=t(f"decision.cli.opt_{kind}"))  # fmt: skip
    a = action(ps, "sheet", t, "decision", run_sheet)
    a.add_argument("quarter", metavar="YYYYQn")
    a.add_argument("--body", default="", choices=["", "knb", "syrbar", "sgs"])
    add_out(a, t, lang=True)
    a = action(ps, "print-extract", t, "decision", run_print_extract)
    a.add_argument("quarter", metavar="YYYYQn")
    a.add_argument("--body", required=True, choices=["knb", "syrbar", "sgs"])
    add_out(a, t, lang=True)
    a = action(ps, "extract", t, "decision", run_extract)
    a.add_argument("quarter", metavar="YYYYQn")
    add_peer(a, t)
    add_out(a, t)


def run_record(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import decisions

    r = decisions.record(ctx.session(), args.id, args.decision, number=args.number,
                         day=day_arg(args.date))  # fmt: skip
    ctx.print(ctx.t("decision.cli.recorded", n=1, id=r.nominee_id))
    return 0


def run_bulk(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import decisions

    exceptions = {i: k for k in ("enrol", "refuse", "skip") for i in getattr(args, k)}
    done = decisions.record_many(ctx.session(), args.quarter, number=args.number,
                                 day=day_arg(args.date), default=args.default,
                                 exceptions=exceptions)  # fmt: skip
    for r in done:
        ctx.print(f"{r.nominee_id}\t{ctx.t('decision.kind.' + r.decision)}")
    ctx.print(ctx.t("decision.cli.recorded", n=len(done), id=""))
    return 0


def run_sheet(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import decisions

    write_pdf(ctx, args.out, decisions.print_sheet(ctx.session(), args.quarter,
                                                   lang=doc_lang(ctx, args), body=args.body))  # fmt: skip
    return 0


def run_print_extract(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import decisions

    write_pdf(ctx, args.out, decisions.print_extract(ctx.session(), args.quarter, body=args.body,
                                                     lang=doc_lang(ctx, args)))  # fmt: skip
    return 0


def run_extract(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import decisions, quarter

    s = ctx.session()
    peer = quarter.resolve_peer(s, args.to)
    exported(ctx, decisions.send_extract(s, args.quarter, peer_id=peer, out=Path(args.out)))
    sheet = decisions.extract_sheet(s, args.quarter, peer_id=peer)
    if sheet is not None:
        key = "decision.cli.sheet_carried" if sheet.carried else "decision.cli.sheet_not_carried"
        ctx.print(ctx.t(key, code=sheet.code, pages=sheet.pages))
    return 0
