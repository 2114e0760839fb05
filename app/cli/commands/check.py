"""``rezerv check ID | --all [--at DATE] [--ruleset NAME] [--format text|json]``."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from app.calendar.dates import parse_day
from app.cli.context import Context
from app.errors import UsageError
from app.i18n import fmt_date
from app.rules.base import Finding, nominable
from app.rules.citation import cite
from app.rules.rulesets import RULESETS


def register(sub: argparse._SubParsersAction, t: Callable[[str], str]) -> None:
    p = sub.add_parser("check", help=t("check.cli.help"), description=t("check.cli.help"))
    p.add_argument("id", nargs="?", type=int, help=t("check.cli.opt_id"))
    p.add_argument("--all", action="store_true", help=t("check.cli.opt_all"))
    p.add_argument("--at", metavar="YYYY-MM-DD", help=t("check.cli.opt_at"))
    p.add_argument("--ruleset", choices=sorted(RULESETS), help=t("check.cli.opt_ruleset"))
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(handler=run)


def _lines(ctx: Context, findings: list[Finding]) -> list[str]:
    return [
        f"{ctx.t('check.severity.' + f.severity.value)}  {cite(f.clause, ctx.lang)}  {f.field or '-'}  "
        f"{f.message(ctx.lang)}"
        for f in findings
    ]


def run(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import checks

    if args.all == (args.id is not None):
        raise UsageError("check.cli.id_or_all")
    at = parse_day(args.at)
    session = ctx.session()
    if args.id is not None:
        found = checks.check_one(session, args.id, at=at, ruleset=args.ruleset)
        if args.format == "json":
            ctx.print_json([f.as_json(ctx.lang) for f in found])
            return 0
        for line in _lines(ctx, found):
            ctx.print(line)
        ctx.print(ctx.t("check.cli.nominable" if nominable(found) else "check.cli.blocked"))
        return 0
    summary = checks.check_all(session, at=at, ruleset=args.ruleset)
    totals = {
        "checked": len(summary.results), "nominable": summary.nominable,
        "blocked": len(summary.results) - summary.nominable,
        "blockers": sum(r.blockers for r in summary.results),
        "warnings": sum(r.warnings for r in summary.results),
    }  # fmt: skip
    if args.format == "json":
        ctx.print_json({
            "ruleset": summary.ruleset, "at": summary.at.isoformat(),
            "nominees": [
                {"id": r.id, "nominable": r.blockers == 0, "blockers": r.blockers,
                 "warnings": r.warnings, "findings": [f.as_json(ctx.lang) for f in r.findings]}
                for r in summary.results
            ],
            "summary": totals,
        })  # fmt: skip
        return 0
    for r in summary.results:
        ctx.print(ctx.t("check.cli.nominee", id=r.id, blockers=r.blockers, warnings=r.warnings))
        for line in _lines(ctx, r.findings):
            ctx.print("  " + line)
    ctx.print(ctx.t("check.cli.summary", at=fmt_date(summary.at), ruleset=summary.ruleset,
                    **totals))  # fmt: skip
    return 0
