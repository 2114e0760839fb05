"""``rezerv calendar add-workdays|is-workday|override add|remove|list``."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable

from app.calendar.dates import parse_day
from app.cli.context import Context
from app.errors import UsageError
from app.i18n import fmt_date


def register(sub: argparse._SubParsersAction, t: Callable[[str], str]) -> None:
    p = sub.add_parser("calendar", help=t("calendar.cli.help"), description=t("calendar.cli.help"))
    cs = p.add_subparsers(dest="calendar_command", metavar="ACTION", required=True,
                          parser_class=type(p))  # fmt: skip
    add = cs.add_parser("add-workdays", help=t("calendar.cli.add_workdays_help"))
    add.add_argument("date", metavar="YYYY-MM-DD")
    add.add_argument("n", type=int, metavar="N")
    add.add_argument("--format", choices=["text", "json"], default="text")
    add.set_defaults(handler=run_add_workdays)
    isw = cs.add_parser("is-workday", help=t("calendar.cli.is_workday_help"))
    isw.add_argument("date", metavar="YYYY-MM-DD")
    isw.add_argument("--format", choices=["text", "json"], default="text")
    isw.set_defaults(handler=run_is_workday)
    ov = cs.add_parser("override", help=t("calendar.cli.override_help"))
    os_ = ov.add_subparsers(dest="override_command", metavar="ACTION", required=True,
                            parser_class=type(p))  # fmt: skip
    oa = os_.add_parser("add", help=t("calendar.cli.override_add_help"))
    oa.add_argument("date", metavar="YYYY-MM-DD")
    oa.add_argument("--kind", required=True, choices=["day_off", "workday"])
    oa.add_argument("--reason", default="", metavar="TEXT")
    oa.add_argument("--reference", default="", metavar="TEXT")
    oa.set_defaults(handler=run_override_add)
    orm = os_.add_parser("remove", help=t("calendar.cli.override_remove_help"))
    orm.add_argument("date", metavar="YYYY-MM-DD")
    orm.set_defaults(handler=run_override_remove)
    ol = os_.add_parser("list", help=t("calendar.cli.override_list_help"))
    ol.add_argument("--year", type=int, default=None)
    ol.add_argument("--format", choices=["text", "json"], default="text")
    ol.set_defaults(handler=run_override_list)


def _day(text: str) -> dt.date:
    day = parse_day(text)
    if day is None:
        raise UsageError("calendar.date_required")
    return day


def run_add_workdays(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import calendar

    start = _day(args.date)
    end = calendar.add_workdays(ctx.session(), start, args.n)
    if args.format == "json":
        ctx.print_json({"date": start.isoformat(), "n": args.n, "result": end.isoformat()})
    else:
        ctx.print(fmt_date(end))
    return 0


def run_is_workday(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import calendar

    info = calendar.day_info(ctx.session(), _day(args.date))
    if args.format == "json":
        ctx.print_json({
            "date": info.day.isoformat(), "workday": info.workday, "source": info.source,
            "holiday": info.holiday,
        })  # fmt: skip
        return 0
    key = "calendar.cli.workday" if info.workday else "calendar.cli.day_off"
    line = ctx.t(key, date=fmt_date(info.day))
    if info.override is not None:
        ref = info.override.reference or info.override.reason or "-"
        line += " " + ctx.t("calendar.cli.by_override", reference=ref)
    ctx.print(line)
    return 0


def run_override_add(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import calendar

    o = calendar.add_override(ctx.session(), _day(args.date), args.kind,
                              reason=args.reason, reference=args.reference)  # fmt: skip
    ctx.print(ctx.t("calendar.cli.override_added", date=fmt_date(o.day),
                    kind=ctx.t(f"calendar.kind.{o.kind.value}")))  # fmt: skip
    return 0


def run_override_remove(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import calendar

    day = _day(args.date)
    calendar.remove_override(ctx.session(), day)
    ctx.print(ctx.t("calendar.cli.override_removed", date=fmt_date(day)))
    return 0


def run_override_list(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import calendar

    items = calendar.overrides(ctx.session(), args.year)
    if args.format == "json":
        ctx.print_json([
            {"date": o.day.isoformat(), "kind": o.kind.value, "reason": o.reason,
             "reference": o.reference}
            for o in items
        ])  # fmt: skip
        return 0
    for o in items:
        ctx.print(f"{fmt_date(o.day)}  {ctx.t(f'calendar.kind.{o.kind.value}')}  "
                  f"{o.reference}  {o.reason}".rstrip())  # fmt: skip
    ctx.print(ctx.t("calendar.cli.override_count", count=len(items)))
    return 0
