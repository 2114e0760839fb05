"""``rezerv bench [--body B] [--at D] [--horizon D] [--format text|json|csv|xlsx] [--out FILE]``:
bench strength per position (Rules-2025 p.8 part 1)."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.args import T, day_arg
from app.cli.context import Context
from app.i18n import fmt_date


def register(sub: argparse._SubParsersAction, t: T) -> None:
    p = sub.add_parser("bench", help=t("bench.cli.help"), description=t("bench.cli.help"))
    p.add_argument("--body", default="", choices=["", "knb", "syrbar", "sgs"])
    p.add_argument("--at", metavar="YYYY-MM-DD", help=t("bench.cli.opt_at"))
    p.add_argument("--horizon", metavar="YYYY-MM-DD", help=t("bench.cli.opt_horizon"))
    p.add_argument("--format", choices=["text", "json", "csv", "xlsx", "pdf"], default="")
    p.add_argument("--out", metavar="FILE", help=t("bench.cli.opt_out"))
    p.set_defaults(handler=run)


def run(ctx: Context, args: argparse.Namespace) -> int:
    from app.errors import UsageError
    from app.services import bench, bench_export

    fmt = args.format or (Path(args.out).suffix.lower().lstrip(".") if args.out else "text")
    if fmt in ("csv", "xlsx", "pdf") and not args.out:
        raise UsageError("bench.cli.out_required")
    if args.out and Path(args.out).exists():
        raise UsageError("bundle.out_exists", path=args.out)
    s = ctx.session()
    b = bench.bench(s, body=args.body, at=day_arg(args.at, required=False),
                    horizon=day_arg(args.horizon, required=False))  # fmt: skip
    lang = ctx.lang if ctx.lang in ("kk", "ru") else "kk"
    if fmt == "pdf":
        from app.cli.args import write_pdf

        write_pdf(ctx, args.out, bench_export.print_bench(s, b, body=args.body, lang=lang))
        return 0
    if fmt in ("csv", "xlsx"):
        n = bench_export.save(s, b, Path(args.out), fmt=fmt, lang=lang)
        ctx.print(ctx.t("bench.cli.exported", n=n, path=args.out))
        return 0
    if fmt == "json":
        if args.out:
            import json

            from app.fsutil import atomic_write

            atomic_write(args.out, json.dumps(bench_export.as_json(b), ensure_ascii=False,
                                              indent=2).encode("utf-8"))  # fmt: skip
            ctx.print(ctx.t("bench.cli.exported", n=len(b.rows), path=args.out))
        else:
            ctx.print_json(bench_export.as_json(b))
        return 0
    ctx.print(ctx.t("bench.cli.heading", at=fmt_date(b.at), horizon=fmt_date(b.horizon)))
    for row in bench_export.table(b, lang):
        ctx.print("\t".join(row))
    return 0
