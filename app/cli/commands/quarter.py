"""``rezerv quarter ...``: the body's quarter — board, list, send (p.10), the State Guard
Service's own submission (p.5, p.6), findings and corrections, notices (p.13), deadlines across
quarters, reminders."""

from __future__ import annotations

import argparse
from pathlib import Path

import msgspec

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
)
from app.cli.context import Context
from app.errors import InvalidInput
from app.i18n import fmt_date
from app.rules.citation import cite


# -- commands ----------------------------------------------------------------------------------
def register(sub: argparse._SubParsersAction, t: T) -> None:
    ps = subparsers(sub, "quarter", t)
    a = action(ps, "board", t, "quarter", run_board)
    a.add_argument("quarter", metavar="YYYYQn")
    a.add_argument("--sort", choices=["name", "need"], default="name", help=t("quarter.cli.opt_sort"))
    add_format(a)
    a = action(ps, "list-add", t, "quarter", run_list_add)
    a.add_argument("quarter", metavar="YYYYQn")
    a.add_argument("--id", type=int, action="append", metavar="ID")
    a = action(ps, "list-remove", t, "quarter", run_list_remove)
    a.add_argument("ids", type=int, nargs="+", metavar="ID")
    a = action(ps, "print-list", t, "quarter", run_print_list)
    a.add_argument("quarter", metavar="YYYYQn")
    add_out(a, t, lang=True)
    a = action(ps, "send", t, "quarter", run_send)
    a.add_argument("quarter", metavar="YYYYQn")
    add_peer(a, t)
    add_out(a, t)
    a = action(ps, "submit", t, "quarter", run_submit)
    a.add_argument("quarter", metavar="YYYYQn")
    a.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    a.add_argument("--reference", required=True, metavar="TEXT")
    a = action(ps, "findings", t, "quarter", run_findings)
    a.add_argument("--quarter", default="", metavar="YYYYQn")
    add_format(a)
    a = action(ps, "correct", t, "quarter", run_correct)
    a.add_argument("id", type=int, metavar="ID")
    a.add_argument("--json", required=True, metavar="FILE", help=t("cli.nominee.opt_json"))
    a = action(ps, "send-corrections", t, "quarter", run_corrections)
    a.add_argument("quarter", metavar="YYYYQn")
    add_peer(a, t)
    add_out(a, t)
    a = action(ps, "notices", t, "quarter", run_notices)
    a.add_argument("--quarter", default="", metavar="YYYYQn")
    add_format(a)
    a = action(ps, "print-notices", t, "quarter", run_print_notices)
    a.add_argument("--quarter", default="", metavar="YYYYQn")
    a.add_argument("--id", type=int, action="append", metavar="ID")
    add_out(a, t, lang=True)
    a = action(ps, "notice-delivered", t, "quarter", run_delivered)
    a.add_argument("id", type=int, metavar="ID")
    a.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    a = action(ps, "deadlines", t, "quarter", run_deadlines)
    a.add_argument("--quarter", action="append", metavar="YYYYQn")
    add_format(a)
    a = action(ps, "states", t, "quarter", run_states)
    a.add_argument("--quarter", default="", metavar="YYYYQn")
    add_format(a)
    a = action(ps, "reminders", t, "quarter", run_reminders)
    a.add_argument("--set", metavar="N,N,N", help=t("quarter.cli.opt_reminders"))


def run_board(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import quarter

    b = quarter.board(ctx.session(), args.quarter)
    if args.sort == "need":  # the positions short of candidates first (p.8 part 1)
        b = msgspec.structs.replace(b, rows=quarter.by_need(b.rows))
    if args.format == "json":
        ctx.print_json({
            "quarter": b.quarter, "body": b.body, "counts": b.counts,
            "deadline": b.deadline.as_json(ctx.lang), "workdays_left": b.workdays_left,
            "reminder": b.reminder,
            "rows": [{"id": r.id, "iin": r.iin, "name": r.name, "state": r.state, "status": r.status,
                      "blockers": r.blockers, "additional": r.additional, "secondment": r.secondment,
                      "path_ok": r.path_ok, "appointment_pending": r.appointment_pending,
                      "open_findings": r.open_findings, "intended_position": r.intended_position,
                      "need": r.need, "need_gap": r.need_gap} for r in b.rows],
        })  # fmt: skip
        return 0
    from app.services.quarter_deadlines import days_left_text

    left = days_left_text(b.workdays_left, ctx.lang)
    ctx.print(ctx.t("quarter.cli.deadline", clause=cite(b.deadline.clause, ctx.lang),
                    due=fmt_date(b.deadline.due), left=left))  # fmt: skip
    if b.reminder is not None:
        ctx.print(ctx.t("quarter.reminder", left=b.workdays_left, offset=b.reminder))
    ctx.print("  ".join(f"{ctx.t('status.' + k) if k != 'ready' else ctx.t('status.ready')}: {n}"
                        for k, n in b.counts.items() if n))  # fmt: skip
    for r in b.rows:
        extra = "\t" + ctx.t("quarter.ui.col.additional") if r.additional else ""
        need = "" if r.need_gap is None else "\t" + ctx.t("quarter.ui.need_gap", position=r.intended_position,
                                                          need=r.need or 0, gap=r.need_gap)  # fmt: skip
        ctx.print(f"{r.id}\t{r.iin}\t{r.name}\t{ctx.t('status.' + r.state)}{extra}{need}")
    return 0


def run_list_add(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import quarter

    added, skipped = quarter.build_list(ctx.session(), args.quarter, args.id)
    ctx.print(ctx.t("quarter.cli.listed", n=len(added)))
    for nid, key in skipped.items():
        ctx.print(f"{nid}\t{ctx.t(key, id=nid, status='')}")
    return 0


def run_list_remove(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import quarter

    quarter.remove_from_list(ctx.session(), args.ids)
    ctx.print(ctx.t("quarter.cli.unlisted", n=len(args.ids)))
    return 0


def run_print_list(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import printing, quarter

    s = ctx.session()
    ids = quarter.list_ids(s, args.quarter)
    rendered = printing.print_documents(s, printing.Request(
        kind="body-list", lang=doc_lang(ctx, args), ids=tuple(ids), quarter=args.quarter.upper(),
        body=s.body or ""))  # fmt: skip
    write_pdf(ctx, args.out, rendered)
    return 0


def run_send(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import quarter, scans

    s = ctx.session()
    result = quarter.send(s, args.quarter, peer_id=args.to, out=Path(args.out))
    exported(ctx, result)
    lacking = scans.unsigned(s, quarter.list_ids(s, args.quarter))
    if lacking:
        ctx.print(ctx.t("scan.unsigned_warning", ids=", ".join(map(str, lacking))))
    return 0


def run_submit(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import quarter

    ids = quarter.submit_to_head_pa(ctx.session(), args.quarter, day=day_arg(args.date),
                                    reference=args.reference)  # fmt: skip
    ctx.print(ctx.t("quarter.cli.submitted", n=len(ids)))
    return 0


def run_findings(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import quarter

    found = quarter.findings_received(ctx.session(), args.quarter)
    if args.format == "json":
        ctx.print_json([{"id": f.id, "nominee": f.nominee_id, "kind": f.kind, "clause": f.clause,
                         "clause_text": cite(f.clause, ctx.lang),
                         "field": f.field, "text": f.text, "sent": f.sent, "resolved": f.resolved}
                        for f in found])  # fmt: skip
        return 0
    for f in found:
        state = ctx.t("quarter.cli.resolved") if f.resolved else ctx.t("quarter.cli.open")
        kind = ctx.t("review.kind." + f.kind)
        ctx.print(f"{f.nominee_id}\t{kind}\t{cite(f.clause, ctx.lang)}\t{f.text}\t{state}")
    return 0


def run_correct(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import interchange, quarter

    found = interchange.read_file(Path(args.json))
    if len(found) != 1:
        raise InvalidInput("quarter.one_dossier")
    version = quarter.correct(ctx.session(), args.id, found[0])
    ctx.print(ctx.t("quarter.cli.corrected", id=args.id, version=version))
    return 0


def run_corrections(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import quarter

    s = ctx.session()
    exported(ctx, quarter.send_corrections(s, args.quarter, peer_id=quarter.resolve_peer(s, args.to),
                                           out=Path(args.out)))  # fmt: skip
    return 0


def run_notices(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import reserve

    rows = reserve.notices(ctx.session(), args.quarter.upper())
    if args.format == "json":
        ctx.print_json([{"nominee": n.nominee_id, "name": n.name, "received": n.received.isoformat(),
                         "due": n.due.isoformat(), "printed": n.printed, "document": n.document,
                         "delivered": n.delivered.isoformat() if n.delivered else None}
                        for n in rows])  # fmt: skip
        return 0
    for n in rows:
        ctx.print(f"{n.nominee_id}\t{n.name}\t{fmt_date(n.due)}\t{n.document or '-'}\t"
                  f"{fmt_date(n.delivered) or '-'}")  # fmt: skip
    return 0


def run_print_notices(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import printing, reserve

    s = ctx.session()
    ids = args.id or [n.nominee_id for n in reserve.notices(s, args.quarter.upper())
                      if n.delivered is None]  # fmt: skip
    rendered = printing.print_documents(
        s, printing.Request(kind="notice", lang=doc_lang(ctx, args), ids=tuple(ids)))
    write_pdf(ctx, args.out, rendered)
    for nid, doc in zip(ids, rendered.docs, strict=True):
        reserve.mark_notice_printed(s, [nid], doc.code)
    return 0


def run_delivered(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import reserve

    reserve.mark_notice_delivered(ctx.session(), args.id, day_arg(args.date))
    ctx.print(ctx.t("quarter.cli.delivered", id=args.id))
    return 0


def run_deadlines(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import quarter_deadlines

    items = quarter_deadlines.overview(ctx.session(), [x.upper() for x in args.quarter or []] or None)
    if args.format == "json":
        ctx.print_json([i.as_json(ctx.lang) for i in items])
        return 0
    for i in items:
        mark = ctx.t("quarter.cli.done") if i.done else (
            ctx.t("quarter.cli.overdue") if i.overdue else ctx.t("quarter.cli.due"))  # fmt: skip
        who = f" — {i.subject}" if i.subject else ""
        ctx.print(f"{i.quarter}\t{fmt_date(i.due) or '—'}\t{mark}\t{cite(i.clause, ctx.lang)}\t"
                  f"{ctx.t(i.wording_key)}{who}")  # fmt: skip
    return 0


def run_states(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import quarter

    rows = quarter.states(ctx.session(), args.quarter.upper())
    if args.format == "json":
        ctx.print_json({iin: status for iin, _, status in rows})
        return 0
    for iin, body, status in rows:
        ctx.print(f"{iin}\t{body}\t{status}")
    return 0


def run_reminders(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import quarter

    s = ctx.session()
    if args.set:
        try:
            values = [int(x) for x in args.set.split(",") if x.strip()]
        except ValueError:
            raise InvalidInput("quarter.bad_reminders") from None
        quarter.set_reminder_offsets(s, values)
    ctx.print(", ".join(str(n) for n in quarter.reminder_offsets(s)))
    return 0
