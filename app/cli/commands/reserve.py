"""``rezerv reserve list|export``: the reserve register with filters; a filtered selection saved
as CSV or XLSX."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.args import T, action, add_format, day_arg, subparsers
from app.cli.context import Context
from app.i18n import fmt_date


def _filters(a: argparse.ArgumentParser) -> None:
    a.add_argument("--body", default="", choices=["", "knb", "syrbar", "sgs"])
    a.add_argument("--state", default="", choices=["", "active", "excluded", "expired"])
    a.add_argument("--at", metavar="YYYY-MM-DD")
    a.add_argument("--search", default="", metavar="TEXT")
    a.add_argument("--enrolled-from", metavar="YYYY-MM-DD")
    a.add_argument("--enrolled-to", metavar="YYYY-MM-DD")


def register(sub: argparse._SubParsersAction, t: T) -> None:
    ps = subparsers(sub, "reserve", t)
    a = action(ps, "list", t, "reserve", run_list)
    _filters(a)
    add_format(a)
    a = action(ps, "export", t, "reserve", run_export)
    _filters(a)
    a.add_argument("--out", required=True, metavar="FILE.csv|FILE.xlsx")
    a.add_argument("--lang", dest="doc_lang", choices=["kk", "ru"])


def _f(args: argparse.Namespace):
    from app.services.reserve import RegisterFilter

    return RegisterFilter(body=args.body, state=args.state, at=day_arg(args.at, required=False),
                          search=args.search,
                          enrolled_from=day_arg(args.enrolled_from, required=False),
                          enrolled_to=day_arg(args.enrolled_to, required=False))  # fmt: skip


def run_list(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import reserve

    s = ctx.session()
    found = reserve.members(s, _f(args))
    at = day_arg(args.at, required=False) or s.clock.today()
    if args.format == "json":
        ctx.print_json([{"nominee": m.nominee_id, "iin": m.iin, "name": m.name, "body": m.body,
                         "position": m.position, "enrolled_on": m.enrolled_on.isoformat(),
                         "term_ends": m.term_ends.isoformat(),
                         "excluded_on": m.excluded_on.isoformat() if m.excluded_on else None,
                         "ground": m.ground, "state": reserve.state_of(m, at)} for m in found])  # fmt: skip
        return 0
    for m in found:
        ctx.print(f"{m.iin}\t{m.name}\t{ctx.t('body.' + m.body)}\t{m.position}\t"
                  f"{fmt_date(m.enrolled_on)}\t{fmt_date(m.term_ends)}\t"
                  f"{ctx.t('reserve.state.' + reserve.state_of(m, at))}")  # fmt: skip
    return 0


def run_export(ctx: Context, args: argparse.Namespace) -> int:
    from app.errors import UsageError
    from app.services import register_export

    out = Path(args.out)
    if out.exists():
        raise UsageError("bundle.out_exists", path=args.out)
    lang = args.doc_lang or (ctx.lang if ctx.lang in ("kk", "ru") else "kk")
    n = register_export.export(ctx.session(), out, _f(args), lang=lang)
    ctx.print(ctx.t("reserve.cli.exported", n=n, path=args.out))
    return 0
