"""``rezerv r2k ...``: the Reg-2000 reserve (Decree No. 330 of 2000). At the authorised body:
``submit`` a citizen's documents from one of the four sources (p.5), ``enrol`` or ``refuse``
(checked: p.15-p.20, p.21-p.26, p.27-p.32, p.32-1-p.32-3), ``answer`` a list request within two
weeks (p.34), ``transfer`` a reservist to a lower category (p.12-1), record the p.37 notices
(``notified``) and ``exclude`` on a ground of p.39. At a state body: ``request`` a list before the
competition (p.33), ``place`` a reservist (p.36), ``submit`` the documents of a citizen its
competition or attestation commission recommended (sources 1 and 4: p.19, p.32-2) and send them
(``send-submissions``). Both:
``list``, ``show``, ``requests`` and the bundles between them (``send-*``; imported with
``rezerv bundle import``)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli.args import T, action, add_format, add_out, add_peer, day_arg, exported, subparsers
from app.cli.context import Context
from app.i18n import fmt_date

MAX_JSON = 1 << 20
GROUND_CHOICES = ["qualification", "competition_breach", "missing_documents", "civil_service_law", "other"]
YES_NO = {"yes": True, "no": False}


def register(sub: argparse._SubParsersAction, t: T) -> None:
    ps = subparsers(sub, "r2k", t)
    a = action(ps, "submit", t, "r2k", run_submit)
    a.add_argument("--json", required=True, metavar="FILE", help=t("r2k.cli.opt_json"))
    for name, fn in (("enrol", run_enrol), ("refuse", run_refuse)):
        a = action(ps, name, t, "r2k", fn)
        a.add_argument("id", type=int, metavar="RESERVIST")
        a.add_argument("--date", required=True, metavar="YYYY-MM-DD")
        add_format(a)
        if name == "refuse":
            a.add_argument("--ground", required=True, choices=GROUND_CHOICES)
    a = action(ps, "list", t, "r2k", run_list)
    a.add_argument("--status", default="", metavar="STATE")
    a.add_argument("--category", default="", metavar="TEXT")
    add_format(a)
    a = action(ps, "show", t, "r2k", run_show)
    a.add_argument("id", type=int, metavar="RESERVIST")
    a.add_argument("--at", metavar="YYYY-MM-DD")
    add_format(a)
    a = action(ps, "request", t, "r2k", run_request)
    a.add_argument("--body-name", required=True, metavar="TEXT")
    a.add_argument("--category", required=True, metavar="TEXT")
    a.add_argument("--group", default="", metavar="TEXT")
    a.add_argument("--rank", type=int, default=0, metavar="N")
    a.add_argument("--vacancy", default="", metavar="TEXT")
    a.add_argument("--competition", metavar="YYYY-MM-DD", help=t("r2k.cli.opt_competition"))
    a = action(ps, "requests", t, "r2k", run_requests)
    add_format(a)
    a = action(ps, "send-request", t, "r2k", run_send_request)
    a.add_argument("id", type=int, metavar="REQUEST")
    add_peer(a, t)
    add_out(a, t)
    a = action(ps, "answer", t, "r2k", run_answer)
    a.add_argument("id", type=int, metavar="REQUEST")
    a.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    add_format(a)
    a = action(ps, "send-answer", t, "r2k", run_send_answer)
    a.add_argument("id", type=int, metavar="REQUEST")
    add_out(a, t)
    a = action(ps, "place", t, "r2k", run_place)
    a.add_argument("id", type=int, metavar="RESERVIST")
    a.add_argument("--request", type=int, required=True, metavar="REQUEST")
    a.add_argument("--post", required=True, metavar="TEXT")
    a.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    a.add_argument("--consent", required=True, choices=list(YES_NO))
    a.add_argument("--qualification", required=True, choices=list(YES_NO))
    a.add_argument("--own-considered", action="store_true", help=t("r2k.cli.opt_own"))
    a.add_argument("--interview", metavar="YYYY-MM-DD", help=t("r2k.cli.opt_interview"))
    a.add_argument("--interview-result", choices=["passed", "failed"], help=t("r2k.cli.opt_interview_result"))
    a = action(ps, "send-placements", t, "r2k", run_send_placements)
    add_peer(a, t)
    add_out(a, t)
    a = action(ps, "notified", t, "r2k", run_notified)
    a.add_argument("id", type=int, metavar="RESERVIST")
    a.add_argument("--reservist", metavar="YYYY-MM-DD")
    a.add_argument("--file-sent", metavar="YYYY-MM-DD")
    a = action(ps, "exclude", t, "r2k", run_exclude)
    a.add_argument("id", type=int, metavar="RESERVIST")
    a.add_argument("--ground", type=int, required=True, choices=range(1, 6))
    a.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    a.add_argument("--fact-date", metavar="YYYY-MM-DD")
    a.add_argument("--evidence", default="", metavar="TEXT")
    a = action(ps, "transfer", t, "r2k", run_transfer)
    a.add_argument("id", type=int, metavar="RESERVIST")
    a.add_argument("--category", required=True, metavar="TEXT")
    a.add_argument("--group", required=True, metavar="TEXT")
    a.add_argument("--rank", type=int, required=True, metavar="N")
    a.add_argument("--qualification", required=True, choices=list(YES_NO))
    a.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    a.add_argument("--requested", metavar="YYYY-MM-DD", help=t("r2k.cli.opt_requested"))
    a = action(ps, "send-updates", t, "r2k", run_send_updates)
    add_peer(a, t)
    add_out(a, t)
    a = action(ps, "send-submissions", t, "r2k", run_send_submissions)
    add_peer(a, t)
    add_out(a, t)


def _findings(ctx: Context, found: list) -> None:
    from app.rules.citation import cite

    for f in found:
        ctx.print(f"{ctx.t('r2k.cli.severity.' + f.severity.value)}: {cite(f.clause, ctx.lang)}: "
                  f"{f.message(ctx.lang)}")  # fmt: skip


def run_submit(ctx: Context, args: argparse.Namespace) -> int:
    import msgspec

    from app.domain.reg2000 import Reservist
    from app.errors import InvalidInput
    from app.fsutil import read_bounded
    from app.services import r2k

    data = read_bounded(args.json, MAX_JSON)
    try:
        r = msgspec.json.decode(data, type=Reservist)
    except msgspec.ValidationError as e:
        raise InvalidInput("r2k.bad_json", detail=str(e)[:200]) from None
    except (msgspec.DecodeError, ValueError):
        raise InvalidInput("r2k.bad_json", detail="") from None
    s = ctx.session()
    rid = r2k.submit(s, r)
    ctx.print(ctx.t("r2k.cli.submitted", id=rid))
    if s.workstation_role == r2k.BODY:  # what the authority will find, before it is sent
        _findings(ctx, r2k.submission_findings(s, rid))
    return 0


def run_enrol(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import r2k

    end, warnings = r2k.enrol(ctx.session(), args.id, day_arg(args.date))
    if args.format == "json":
        ctx.print_json({"id": args.id, "status": "enrolled", "term_ends": end.isoformat(),
                        "warnings": [f.as_json(ctx.lang) for f in warnings]})  # fmt: skip
        return 0
    ctx.print(ctx.t("r2k.cli.enrolled", id=args.id, end=fmt_date(end)))
    _findings(ctx, warnings)
    return 0


def run_refuse(ctx: Context, args: argparse.Namespace) -> int:
    from app.domain.reg2000 import RefusalGround
    from app.services import r2k

    warnings = r2k.refuse(ctx.session(), args.id, day_arg(args.date), RefusalGround(args.ground))
    if args.format == "json":
        ctx.print_json({"id": args.id, "status": "refused",
                        "warnings": [f.as_json(ctx.lang) for f in warnings]})  # fmt: skip
        return 0
    ctx.print(ctx.t("r2k.cli.refused", id=args.id))
    _findings(ctx, warnings)
    return 0


def _obj(v: Any) -> dict[str, Any]:
    x = v.exclusion
    return {"id": v.id, "iin": v.iin, "name": v.name, "category": v.category, "source": v.source,
            "status": v.status, "decision_date": v.decision_date.isoformat() if v.decision_date else None,
            "term_ends": v.term_ends.isoformat() if v.term_ends else None, "origin": v.origin,
            "exclusion": None if x is None else {
                "ground": x.ground, "clause": f"Reg-2000 p.39({x.ground})",
                "fact_date": x.fact_date.isoformat(), "day": x.day.isoformat(),
                "evidence": x.evidence}}  # fmt: skip


def run_list(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import r2k

    found = r2k.reservists(ctx.session(), status=args.status, category=args.category)
    if args.format == "json":
        ctx.print_json([_obj(v) for v in found])
        return 0
    if not found:
        ctx.print(ctx.t("r2k.cli.none"))
    for v in found:
        ctx.print("\t".join([str(v.id), v.iin, v.name, v.category, ctx.t(f"r2k.status.{v.status}"),
                             fmt_date(v.term_ends)]))  # fmt: skip
    return 0


def run_show(ctx: Context, args: argparse.Namespace) -> int:
    import msgspec

    from app.services import r2k

    v, found = r2k.show(ctx.session(), args.id, day_arg(args.at, required=False))
    if args.format == "json":
        ctx.print_json(_obj(v) | {"record": msgspec.to_builtins(v.reservist),
                                  "findings": [f.as_json(ctx.lang) for f in found]})  # fmt: skip
        return 0
    ctx.print(f"{v.id}\t{v.iin}\t{v.name}\t{v.category}\t{ctx.t(f'r2k.status.{v.status}')}")
    if v.term_ends:
        ctx.print(ctx.t("r2k.cli.term", end=fmt_date(v.term_ends)))
    _findings(ctx, found)
    return 0


def run_request(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import r2k

    qid = r2k.request_list(ctx.session(), body_name=args.body_name, category=args.category,
                           group=args.group, rank=args.rank, vacancy=args.vacancy,
                           competition=day_arg(args.competition, required=False))  # fmt: skip
    ctx.print(ctx.t("r2k.cli.requested", id=qid))
    return 0


def run_requests(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import r2k

    s = ctx.session()
    found = r2k.list_requests(s)
    rows: list[dict[str, Any]] = []
    for q in found:
        due = r2k.answer_due(s, q.received) if q.received else None
        rows.append({"id": q.id, "peer": q.peer, "ref": q.ref, "body_name": q.body_name,
                     "category": q.category, "made": q.made.isoformat(),
                     "received": q.received.isoformat() if q.received else None,
                     "due": due.isoformat() if due else None,
                     "answered": q.answered.isoformat() if q.answered else None,
                     "late": bool(due and (q.answered or s.clock.today()) > due),
                     "listed": q.answer, "clause": "Reg-2000 p.34"})  # fmt: skip
    if args.format == "json":
        ctx.print_json(rows)
        return 0
    if not rows:
        ctx.print(ctx.t("r2k.cli.none"))
    for r in rows:
        cells = (r["id"], r["body_name"], r["category"], r["received"] or "-", r["due"] or "-",
                 r["answered"] or "-", len(r["listed"]))
        ctx.print("\t".join(str(x) for x in cells))
    return 0


def run_send_request(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import quarter, r2k

    s = ctx.session()
    exported(ctx, r2k.send_request(s, args.id, peer_id=quarter.resolve_peer(s, args.to), out=Path(args.out)))
    return 0


def run_answer(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import r2k

    found, due = r2k.answer(ctx.session(), args.id, day_arg(args.date))
    day = day_arg(args.date)
    if args.format == "json":
        ctx.print_json({"request": args.id, "due": due.isoformat(), "late": day > due,
                        "listed": [r.reservist.iin for r in found]})  # fmt: skip
        return 0
    ctx.print(ctx.t("r2k.cli.answered", id=args.id, count=len(found), due=fmt_date(due)))
    if day > due:
        ctx.print(ctx.t("r2k.cli.answer_late", due=fmt_date(due)))
    return 0


def run_send_answer(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import r2k

    exported(ctx, r2k.send_answer(ctx.session(), args.id, out=Path(args.out)))
    return 0


def run_place(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import r2k

    warnings = r2k.place(ctx.session(), args.id, qid=args.request, post=args.post,
                         decided=day_arg(args.date), consent=YES_NO[args.consent],
                         qualification_met=YES_NO[args.qualification],
                         own_considered=args.own_considered,
                         interviewed=day_arg(args.interview, required=False),
                         interview_passed=None if args.interview_result is None
                         else args.interview_result == "passed")  # fmt: skip
    ctx.print(ctx.t("r2k.cli.placed", id=args.id))
    _findings(ctx, warnings)
    return 0


def run_send_placements(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import quarter, r2k

    s = ctx.session()
    exported(ctx, r2k.send_placements(s, peer_id=quarter.resolve_peer(s, args.to), out=Path(args.out)))
    return 0


def run_notified(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import r2k

    r2k.notified(ctx.session(), args.id, reservist=day_arg(args.reservist, required=False),
                 file_sent=day_arg(args.file_sent, required=False))  # fmt: skip
    ctx.print(ctx.t("r2k.cli.recorded", id=args.id))
    return 0


def run_exclude(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import r2k

    r2k.exclude(ctx.session(), args.id, ground=args.ground, day=day_arg(args.date),
                fact_date=day_arg(args.fact_date, required=False), evidence=args.evidence)  # fmt: skip
    ctx.print(ctx.t("r2k.cli.excluded", id=args.id, ground=args.ground))
    return 0


def run_transfer(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import r2k

    d = day_arg(args.date)
    r2k.transfer(ctx.session(), args.id, requested=day_arg(args.requested, required=False) or d, day=d,
                 to_category=args.category, to_group=args.group, to_rank=args.rank,
                 qualification_met=YES_NO[args.qualification])  # fmt: skip
    ctx.print(ctx.t("r2k.cli.transferred", id=args.id, category=args.category.strip()))
    return 0


def run_send_updates(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import quarter, r2k

    s = ctx.session()
    exported(ctx, r2k.send_updates(s, peer_id=quarter.resolve_peer(s, args.to), out=Path(args.out)))
    return 0


def run_send_submissions(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import quarter, r2k

    s = ctx.session()
    exported(ctx, r2k.send_submissions(s, peer_id=quarter.resolve_peer(s, args.to), out=Path(args.out)))
    return 0
