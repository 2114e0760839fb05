"""``rezerv report KIND --from YYYYQn --to YYYYQn [--body B] [--at DATE] --lang kk|ru --out FILE
[--format pdf|json|csv|xlsx]``: one of the five reports printed (PDF with the fingerprint/QR footer,
registered like every document) or its tables exported; ``--format json`` without ``--out``
prints the figures."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.commands.quarter import T, day_arg, write_pdf
from app.cli.context import Context
from app.errors import UsageError

FORMATS = ("pdf", "json", "csv", "xlsx")


def register(sub: argparse._SubParsersAction, t: T) -> None:
    from app.domain.reports import BODIES, KINDS  # not the service: every command starts faster

    p = sub.add_parser("report", help=t("report.cli.help"), description=t("report.cli.help"))
    p.add_argument("kind", choices=KINDS, metavar="KIND", help=t("report.cli.opt_kind"))
    p.add_argument("--from", dest="first", required=True, metavar="YYYYQn", help=t("report.cli.opt_from"))
    p.add_argument("--to", dest="last", required=True, metavar="YYYYQn", help=t("report.cli.opt_to"))
    p.add_argument("--body", default="", choices=["", *BODIES], metavar="knb|syrbar|sgs",
                   help=t("report.cli.opt_body"))
    p.add_argument("--at", metavar="YYYY-MM-DD", help=t("report.cli.opt_at"))
    p.add_argument("--lang", dest="doc_lang", choices=["kk", "ru"], help=t("report.cli.opt_lang"))
    p.add_argument("--out", metavar="FILE", help=t("report.cli.opt_out"))
    p.add_argument("--format", choices=FORMATS, help=t("report.cli.opt_format"))
    p.set_defaults(handler=run)


def _format(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    suffix = Path(args.out).suffix.lower().lstrip(".") if args.out else ""
    return suffix if suffix in FORMATS else "pdf"


def run(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import report_output, reports

    fmt = _format(args)
    if not args.out and fmt != "json":
        raise UsageError("report.cli.out_required")
    if args.out and Path(args.out).exists():
        raise UsageError("bundle.out_exists", path=args.out)
    lang = args.doc_lang or (ctx.lang if ctx.lang in ("kk", "ru") else "kk")
    period = reports.period(args.first, args.last)
    s = ctx.session()
    r = reports.build(s, args.kind, period, body=args.body, at=day_arg(args.at, required=False))
    if fmt == "pdf":
        rendered = report_output.print_report(s, r, lang)
        write_pdf(ctx, args.out, rendered)
        return 0
    if not args.out:
        ctx.out.write(report_output.as_json(r).decode("utf-8"))
        return 0
    n = report_output.export(s, r, Path(args.out), fmt=fmt, lang=lang)
    ctx.print(ctx.t("report.cli.exported", path=args.out, n=n))
    return 0
