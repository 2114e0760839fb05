"""``rezerv deadlines --quarter 2026Q1 | --event NAME --date DATE [--ruleset] [--format]``; on a
Reg-2000 workstation, with neither, the Reg-2000 steps from its records."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from app.calendar.dates import parse_day
from app.cli.context import Context
from app.errors import UsageError
from app.i18n import fmt_date
from app.rules.citation import cite
from app.rules.deadlines import Deadline
from app.rules.rulesets import RULESETS


def register(sub: argparse._SubParsersAction, t: Callable[[str], str]) -> None:
    p = sub.add_parser("deadlines", help=t("deadlines.cli.help"),
                       description=t("deadlines.cli.help"))  # fmt: skip
    p.add_argument("--quarter", metavar="YYYYQn", help=t("deadlines.cli.opt_quarter"))
    p.add_argument("--approved", metavar="YYYY-MM-DD", help=t("deadlines.cli.opt_approved"))
    p.add_argument("--extract-received", metavar="YYYY-MM-DD",
                   help=t("deadlines.cli.opt_extract"))  # fmt: skip
    p.add_argument("--event", metavar="NAME", help=t("deadlines.cli.opt_event"))
    p.add_argument("--date", metavar="YYYY-MM-DD", help=t("deadlines.cli.opt_date"))
    p.add_argument("--ruleset", choices=sorted(RULESETS), help=t("check.cli.opt_ruleset"))
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(handler=run)


def _line(ctx: Context, d: Deadline) -> str:
    if d.due is None:
        when = ctx.t("deadlines.cli.pending")
    elif d.legal_date is not None and d.legal_date != d.due:
        when = ctx.t("deadlines.cli.moved", due=fmt_date(d.due), legal=fmt_date(d.legal_date))
    else:
        when = fmt_date(d.due)
    return f"{when}  {cite(d.clause, ctx.lang)}  {ctx.t(d.actor_key)}: {ctx.t(d.wording_key)}"


def _r2k(ctx: Context, args: argparse.Namespace) -> int:
    """A Reg-2000 workstation: its dated steps from the records (Reg-2000 p.4, p.10, p.34, p.36)."""
    from app.services import quarter_deadlines, r2k

    items = r2k.deadlines(ctx.session())
    if args.format == "json":
        ctx.print_json([i.as_json(ctx.lang) for i in items])
        return 0
    if not items:
        ctx.print(ctx.t("r2k.cli.none"))
    for i in items:
        if i.done:
            state = ctx.t("quarter.cli.done")
        elif i.overdue:
            state = ctx.t("quarter.cli.overdue")
        else:
            state = quarter_deadlines.days_left_text(i.workdays_left or 0, ctx.lang)
        ctx.print(f"{fmt_date(i.due)}  {state}  {cite(i.clause, ctx.lang)}  {ctx.t(i.actor_key)}: "
                  f"{i.subject}")  # fmt: skip
    return 0


def run(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import deadlines

    if args.quarter is not None and args.event is not None:
        raise UsageError("deadlines.cli.quarter_or_event")
    session = ctx.session()
    if args.quarter is None and args.event is None:
        from app.security.roles import REG2000_ROLES

        if session.workstation_role not in REG2000_ROLES:
            raise UsageError("deadlines.cli.quarter_or_event")
        return _r2k(ctx, args)
    if args.quarter is not None:
        found = deadlines.quarter(
            session, args.quarter, ruleset=args.ruleset, approved=parse_day(args.approved),
            extract_received=parse_day(args.extract_received),
        )  # fmt: skip
    else:
        day = parse_day(args.date)
        if day is None:
            raise UsageError("deadlines.cli.date_required")
        found = deadlines.event(session, args.event, day, ruleset=args.ruleset)
    if args.format == "json":
        ctx.print_json([d.as_json(ctx.lang) for d in found])
        return 0
    for d in found:
        ctx.print(_line(ctx, d))
    return 0
