"""``rezerv review ...``: the Department's review (p.11(1)), the recommended list (p.11(2)) and
the Secretary of the Security Council's agreement (p.12)."""

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
from app.rules.citation import cite


def register(sub: argparse._SubParsersAction, t: T) -> None:
    ps = subparsers(sub, "review", t)
    a = action(ps, "inbox", t, "review", run_inbox)
    a.add_argument("--quarter", default="", metavar="YYYYQn")
    add_format(a)
    a = action(ps, "checklist", t, "review", run_checklist)
    a.add_argument("id", type=int, metavar="ID")
    add_format(a)
    a = action(ps, "mark", t, "review", run_mark)
    a.add_argument("id", type=int, metavar="ID")
    for aspect in ("accuracy", "completeness", "compliance"):
        a.add_argument(f"--{aspect}", choices=["ok", "fail", "none"])
    a.add_argument("--note", metavar="TEXT")
    a = action(ps, "raise", t, "review", run_raise)
    a.add_argument("id", type=int, metavar="ID")
    a.add_argument("--text", required=True, metavar="TEXT")
    a.add_argument("--request", action="store_true", help=t("review.cli.opt_request"))
    a.add_argument("--clause", default="", metavar="TEXT")
    a.add_argument("--field", default="", metavar="PATH")
    a = action(ps, "send-findings", t, "review", run_send_findings)
    a.add_argument("quarter", metavar="YYYYQn")
    add_peer(a, t)
    add_out(a, t)
    a = action(ps, "form-list", t, "review", run_form_list)
    a.add_argument("quarter", metavar="YYYYQn")
    a.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    a.add_argument("--leave-out", type=int, action="append", default=[], metavar="ID")
    a = action(ps, "agree", t, "review", run_agree)
    a.add_argument("quarter", metavar="YYYYQn")
    a.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    a.add_argument("--reference", required=True, metavar="TEXT")
    a = action(ps, "print-list", t, "review", run_print_list)
    a.add_argument("quarter", metavar="YYYYQn")
    add_out(a, t, lang=True)


def run_inbox(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import review

    lines = review.inbox(ctx.session(), args.quarter.upper())
    if args.format == "json":
        ctx.print_json([{"body": x.body, "quarter": x.quarter, "counts": x.counts,
                         "packages": [{"bundle": p.bundle_id, "kind": p.kind, "received": p.received,
                                       "dossiers": p.dossiers} for p in x.packages]}
                        for x in lines])  # fmt: skip
        return 0
    for x in lines:
        counts = ", ".join(f"{ctx.t('status.' + k)}: {n}" for k, n in sorted(x.counts.items()))
        ctx.print(f"{x.quarter}\t{ctx.t('body.' + x.body)}\t{len(x.packages)}\t{counts}")
    return 0


def run_checklist(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import review

    c = review.checklist(ctx.session(), args.id)
    if args.format == "json":
        ctx.print_json({
            "id": c.nominee_id, "status": c.status, "recommendable": c.recommendable,
            "findings": [f.as_json(ctx.lang) for f in c.findings],
            "marks": {"accuracy": c.marks.accuracy, "completeness": c.marks.completeness,
                      "compliance": c.marks.compliance, "note": c.marks.note},
            "raised": [{"id": f.id, "kind": f.kind, "text": f.text, "sent": f.sent,
                        "resolved": f.resolved} for f in c.raised],
            "changes": [{"bundle": b, "received": r, "fields": fs} for b, r, fs in c.changes],
        })  # fmt: skip
        return 0
    ctx.print(f"{c.nominee_id}\t{ctx.t('status.' + c.status)}")
    for f in c.findings:
        ctx.print(f"  {f.severity.value}\t{cite(f.clause, ctx.lang)}\t{f.message(ctx.lang)}")
    for aspect in ("accuracy", "completeness", "compliance"):
        ctx.print(f"  {ctx.t('review.aspect.' + aspect)}: {getattr(c.marks, aspect) or '—'}")
    for rf in c.raised:
        ctx.print(f"  {ctx.t('review.kind.' + rf.kind)}: {rf.text}")
    for _b, received, fields in c.changes:
        ctx.print(f"  {ctx.t('review.cli.changed', when=received, fields=', '.join(fields))}")
    return 0


def run_mark(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import review

    marks = {a: ("" if v == "none" else v) for a in ("accuracy", "completeness", "compliance")
             if (v := getattr(args, a)) is not None}  # fmt: skip
    if args.note is not None:
        marks["note"] = args.note
    review.set_marks(ctx.session(), args.id, **marks)
    ctx.print(ctx.t("review.cli.marked", id=args.id))
    return 0


def run_raise(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import review

    fid = review.raise_finding(ctx.session(), args.id, args.text,
                               kind="request" if args.request else "deficiency",
                               clause=args.clause, field=args.field)  # fmt: skip
    ctx.print(ctx.t("review.cli.raised", id=args.id, finding=fid))
    return 0


def run_send_findings(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import quarter, review

    s = ctx.session()
    exported(ctx, review.send_findings(s, args.quarter, peer_id=quarter.resolve_peer(s, args.to),
                                       out=Path(args.out)))  # fmt: skip
    return 0


def run_form_list(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import review

    ok, skipped = review.form_list(ctx.session(), args.quarter, day=day_arg(args.date),
                                   leave_out=tuple(args.leave_out))  # fmt: skip
    ctx.print(ctx.t("review.cli.formed", n=len(ok)))
    for nid, key in skipped.items():
        ctx.print(f"{nid}\t{ctx.t(key, id=nid, status='')}")
    return 0


def run_agree(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import review

    review.record_agreement(ctx.session(), args.quarter, day=day_arg(args.date), reference=args.reference)
    ctx.print(ctx.t("review.cli.agreed", quarter=args.quarter.upper()))
    return 0


def run_print_list(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import decisions

    write_pdf(ctx, args.out, decisions.print_sheet(ctx.session(), args.quarter, lang=doc_lang(ctx, args)))
    return 0
