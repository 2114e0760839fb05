"""``rezerv audit verify|list``."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from app.cli.context import Context
from app.errors import StoreError


def register(sub: argparse._SubParsersAction, t: Callable[[str], str]) -> None:
    p = sub.add_parser("audit", help=t("cli.audit.help"), description=t("cli.audit.help"))
    a = p.add_subparsers(dest="audit_command", metavar="ACTION", required=True,
                         parser_class=type(p))  # fmt: skip
    v = a.add_parser("verify", help=t("cli.audit.verify_help"))
    v.set_defaults(handler=run_verify)
    ls = a.add_parser("list", help=t("cli.audit.list_help"))
    ls.add_argument("--limit", type=int, default=50)
    ls.add_argument("--action", default="")
    ls.set_defaults(handler=run_list)
    ar = a.add_parser("accept-rollback", help=t("cli.audit.accept_rollback_help"))
    ar.set_defaults(handler=run_accept_rollback)


def run_accept_rollback(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import audit

    seq = audit.accept_rollback(ctx.session())
    ctx.print(ctx.t("cli.audit.rollback_accepted", seq=seq))
    return 0


def run_verify(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import audit

    report = audit.verify(ctx.session())
    if not report.ok and report.problem in ("cipher", "database", "fts"):
        page = report.bad_page if report.bad_page is not None else "?"
        raise StoreError(f"cli.audit.broken_{report.problem}", page=page)
    if not report.ok:
        raise StoreError(f"cli.audit.broken_{report.problem}", seq=report.first_bad_seq)
    ctx.print(ctx.t("cli.audit.ok", rows=report.rows, head=report.head_hash[:16]))
    return 0


def run_list(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import audit

    for r in audit.rows(ctx.session(), limit=args.limit, action=args.action):
        ctx.print(f"{r.seq}\t{r.ts}\t{r.user}\t{r.action}\t{r.entity}\t{r.hash[:12]}")
    return 0
