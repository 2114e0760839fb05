"""``rezerv exclusion ...``: grounds of p.18 with evidence (by hand or detected by the rules
engine), the submission printed and sent, the Head of PA's decision recorded and sent back (p.19)."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.args import (
    T,
    action,
    add_format,
    add_out,
    add_peer,
    day_arg,
    doc_lang,
    exported,
    subparsers,
    write_pdf,
)  # fmt: skip
from app.cli.context import Context
from app.i18n import fmt_date


def register(sub: argparse._SubParsersAction, t: T) -> None:
    ps = subparsers(sub, "exclusion", t)
    a = action(ps, "raise", t, "exclusion", run_raise)
    a.add_argument("id", type=int, metavar="NOMINEE")
    a.add_argument("--ground", required=True, metavar="N", help=t("exclusion.cli.opt_ground"))
    a.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    a.add_argument("--evidence", required=True, metavar="TEXT")
    action(ps, "scan", t, "exclusion", run_scan)
    a = action(ps, "list", t, "exclusion", run_list)
    a.add_argument("--state", default="", choices=["", "raised", "submitted", "received", "decided"])
    add_format(a)
    a = action(ps, "print", t, "exclusion", run_print)
    a.add_argument("id", type=int, metavar="EXCLUSION")
    add_out(a, t, lang=True)
    a = action(ps, "send", t, "exclusion", run_send)
    add_peer(a, t)
    add_out(a, t)
    a = action(ps, "decide", t, "exclusion", run_decide)
    a.add_argument("id", type=int, metavar="EXCLUSION")
    g = a.add_mutually_exclusive_group(required=True)
    g.add_argument("--exclude", dest="decision", action="store_const", const="exclude")
    g.add_argument("--reject", dest="decision", action="store_const", const="reject")
    a.add_argument("--number", required=True, metavar="TEXT")
    a.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    a = action(ps, "send-decisions", t, "exclusion", run_send_decisions)
    add_peer(a, t)
    add_out(a, t)


def run_raise(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import exclusions

    xid = exclusions.raise_ground(ctx.session(), args.id, args.ground, fact_date=day_arg(args.date),
                                  evidence=args.evidence)  # fmt: skip
    ctx.print(ctx.t("exclusion.cli.raised", id=xid))
    return 0


def run_scan(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import exclusions

    new = exclusions.scan(ctx.session())
    ctx.print(ctx.t("exclusion.cli.scanned", n=len(new)))
    return 0


def run_list(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import exclusions

    found = exclusions.listing(ctx.session(), state=args.state)
    if args.format == "json":
        ctx.print_json([{"id": x.id, "nominee": x.nominee_id, "iin": x.iin, "ground": x.ground,
                         "date": x.fact_date.isoformat(), "evidence": x.evidence, "source": x.source,
                         "state": x.state, "decision": x.decision, "number": x.decision_number}
                        for x in found])  # fmt: skip
        return 0
    for x in found:
        ctx.print(f"{x.id}\t{x.nominee_id}\t{x.name}\t{ctx.t('exclusion.ground.' + x.ground)}\t"
                  f"{fmt_date(x.fact_date)}\t{ctx.t('exclusion.state.' + x.state)}")  # fmt: skip
    return 0


def run_print(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import exclusions

    write_pdf(ctx, args.out, exclusions.print_paper(ctx.session(), args.id, lang=doc_lang(ctx, args)))
    return 0


def run_send(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import exclusions, quarter

    s = ctx.session()
    exported(ctx, exclusions.send(s, peer_id=quarter.resolve_peer(s, args.to), out=Path(args.out)))
    return 0


def run_decide(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import exclusions

    x = exclusions.decide(ctx.session(), args.id, args.decision, number=args.number,
                          day=day_arg(args.date))  # fmt: skip
    ctx.print(ctx.t("exclusion.cli.decided", id=x.id, decision=ctx.t("exclusion.decision." + args.decision)))
    return 0


def run_send_decisions(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import exclusions, quarter

    s = ctx.session()
    exported(ctx, exclusions.send_decisions(s, peer_id=quarter.resolve_peer(s, args.to), out=Path(args.out)))
    return 0
