"""``rezerv reserve ...``: the reserve register with filters (and the terms expiring ahead); a
filtered selection saved as CSV or XLSX; a member's life after enrolment (``appoint``,
``override``, ``training``, ``acting``: p.14, p.16, p.17) and the training plan per quarter
(``plan``, ``plan-remove``, ``training-plan``: p.16). MEMBER is the nominee id."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.args import T, action, add_format, add_out, add_peer, day_arg, exported, subparsers
from app.cli.context import Context
from app.i18n import fmt_date


def _filters(a: argparse.ArgumentParser) -> None:
    a.add_argument("--body", default="", choices=["", "knb", "syrbar", "sgs"])
    a.add_argument("--state", default="", choices=["", "active", "excluded", "expired", "appointed"])
    a.add_argument("--at", metavar="YYYY-MM-DD")
    a.add_argument("--search", default="", metavar="TEXT")
    a.add_argument("--enrolled-from", metavar="YYYY-MM-DD")
    a.add_argument("--enrolled-to", metavar="YYYY-MM-DD")


def register(sub: argparse._SubParsersAction, t: T) -> None:
    ps = subparsers(sub, "reserve", t)
    a = action(ps, "list", t, "reserve", run_list)
    _filters(a)
    a.add_argument("--expiring-within", type=int, metavar="DAYS", help=t("life.cli.opt_expiring"))
    add_format(a)
    a = action(ps, "export", t, "reserve", run_export)
    _filters(a)
    a.add_argument("--out", required=True, metavar="FILE.csv|FILE.xlsx")
    a.add_argument("--lang", dest="doc_lang", choices=["kk", "ru"])
    a = action(ps, "appoint", t, "reserve", run_appoint)
    a.add_argument("member", type=int, metavar="MEMBER")
    a.add_argument("--position", required=True, metavar="TEXT")
    a.add_argument("--order", required=True, metavar="REF")
    a.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    a = action(ps, "override", t, "reserve", run_override)
    a.add_argument("member", type=int, metavar="MEMBER")
    a.add_argument("--by", required=True, choices=["president", "head_pa"])
    a.add_argument("--number", required=True, metavar="REF")
    a.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    a = action(ps, "training", t, "reserve", run_training)
    a.add_argument("member", type=int, metavar="MEMBER")
    a.add_argument("--course", required=True, metavar="TEXT")
    a.add_argument("--from", dest="day_from", required=True, metavar="YYYY-MM-DD")
    a.add_argument("--to", dest="day_to", required=True, metavar="YYYY-MM-DD")
    a.add_argument("--hours", type=int)
    a.add_argument("--certificate", default="", metavar="REF")
    a = action(ps, "plan", t, "reserve", run_plan)
    a.add_argument("member", type=int, metavar="MEMBER")
    a.add_argument("--quarter", required=True, metavar="YYYYQn")
    a.add_argument("--course", required=True, metavar="TEXT")
    a = action(ps, "plan-remove", t, "reserve", run_plan_remove)
    a.add_argument("plan", type=int, metavar="PLAN")
    a = action(ps, "training-plan", t, "reserve", run_training_plan)
    a.add_argument("quarter", metavar="YYYYQn")
    add_format(a)
    a = action(ps, "send-appointments", t, "reserve", run_send_appointments)
    add_peer(a, t)
    add_out(a, t)
    a = action(ps, "acting", t, "reserve", run_acting)
    a.add_argument("member", type=int, metavar="MEMBER")
    a.add_argument("--order", required=True, metavar="REF")
    a.add_argument("--from", dest="day_from", required=True, metavar="YYYY-MM-DD")
    a.add_argument("--to", dest="day_to", metavar="YYYY-MM-DD")


def _f(args: argparse.Namespace):
    from app.services.reserve import RegisterFilter

    return RegisterFilter(body=args.body, state=args.state, at=day_arg(args.at, required=False),
                          search=args.search,
                          enrolled_from=day_arg(args.enrolled_from, required=False),
                          enrolled_to=day_arg(args.enrolled_to, required=False))  # fmt: skip


def run_list(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import reserve

    if args.expiring_within is not None:
        return _expiring(ctx, args)
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


def _expiring(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import reserve_life

    found = reserve_life.expiring(ctx.session(), args.expiring_within)
    if args.format == "json":
        ctx.print_json([{"nominee": m.nominee_id, "iin": m.iin, "name": m.name, "body": m.body,
                         "position": m.position, "enrolled_on": m.enrolled_on.isoformat(),
                         "term_ends": m.term_ends.isoformat(), "last_day": end.isoformat()}
                        for m, end in found])  # fmt: skip
        return 0
    for m, end in found:
        ctx.print(f"{m.nominee_id}\t{m.iin}\t{m.name}\t{ctx.t('body.' + m.body)}\t{m.position}\t"
                  f"{ctx.t('life.cli.last_day', date=fmt_date(end))}")  # fmt: skip
    return 0


def run_appoint(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import reserve_life

    reserve_life.appoint(ctx.session(), args.member, position=args.position, order=args.order,
                         day=day_arg(args.date))  # fmt: skip
    ctx.print(ctx.t("life.cli.appointed", id=args.member))
    return 0


def run_override(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import reserve_life

    reserve_life.record_override(ctx.session(), args.member, by=args.by, number=args.number,
                                 day=day_arg(args.date))  # fmt: skip
    ctx.print(ctx.t("life.cli.override", id=args.member))
    return 0


def run_training(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import reserve_life

    reserve_life.record_training(ctx.session(), args.member, course=args.course,
                                 day_from=day_arg(args.day_from), day_to=day_arg(args.day_to),
                                 hours=args.hours, certificate=args.certificate)  # fmt: skip
    ctx.print(ctx.t("life.cli.training", id=args.member))
    return 0


def run_plan(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import reserve_life

    pid = reserve_life.plan_training(ctx.session(), args.member, quarter=args.quarter, course=args.course)
    ctx.print(ctx.t("life.cli.planned", plan=pid, id=args.member, quarter=args.quarter.upper()))
    return 0


def run_plan_remove(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import reserve_life

    reserve_life.unplan_training(ctx.session(), args.plan)
    ctx.print(ctx.t("life.cli.unplanned", plan=args.plan))
    return 0


def run_training_plan(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import reserve_life

    rows = reserve_life.training_plan(ctx.session(), args.quarter)
    if args.format == "json":
        ctx.print_json([{"plan": r.id, "nominee": r.nominee_id, "name": r.name, "body": r.body,
                         "quarter": r.quarter, "course": r.course, "state": r.state,
                         "done_from": r.done_from.isoformat() if r.done_from else None}
                        for r in rows])  # fmt: skip
        return 0
    for r in rows:
        done = f"\t{fmt_date(r.done_from)}" if r.done_from else ""
        state = ctx.t("life.plan.state." + r.state)
        ctx.print(f"{r.id}\t{r.nominee_id}\t{r.name}\t{r.course}\t{state}{done}")
    return 0


def run_acting(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import reserve_life

    reserve_life.record_acting(ctx.session(), args.member, order=args.order,
                               day_from=day_arg(args.day_from),
                               day_to=day_arg(args.day_to, required=False))  # fmt: skip
    ctx.print(ctx.t("life.cli.acting", id=args.member))
    return 0


def run_send_appointments(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import quarter, reserve_life

    s = ctx.session()
    peer = quarter.resolve_peer(s, args.to)
    exported(ctx, reserve_life.send_appointments(s, peer_id=peer, out=Path(args.out)))
    return 0
