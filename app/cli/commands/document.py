"""``rezerv document verify CODE``: which record and version a printed paper came from, and
whether the record has changed since. Exit 0: unchanged; 1: changed or deleted since; 4: the
code is unknown or malformed."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from app.cli.context import Context


def register(sub: argparse._SubParsersAction, t: Callable[[str], str]) -> None:
    p = sub.add_parser("document", help=t("document.help"), description=t("document.help"))
    ds = p.add_subparsers(dest="document_command", metavar="ACTION", required=True,
                          parser_class=type(p))  # fmt: skip
    v = ds.add_parser("verify", help=t("document.verify_help"),
                      description=t("document.verify_help"))  # fmt: skip
    v.add_argument("code", metavar="CODE", help=t("document.opt_code"))
    v.add_argument("--format", choices=["table", "json"], default="table")
    v.set_defaults(handler=run_verify)


def run_verify(ctx: Context, args: argparse.Namespace) -> int:
    import msgspec

    from app.services import printing

    res = printing.verify(ctx.session(), args.code)
    e = res.entry
    if args.format == "json":
        ctx.print_json({
            "code": e.code, "sha256": e.sha256, "kind": e.kind, "lang": e.lang,
            "reg_no": e.reg_no, "reg_date": e.reg_date, "pages": e.pages,
            "first_printed": e.first_printed, "first_user": e.first_user,
            "last_printed": e.last_printed, "prints": e.prints, "changed": res.changed,
            "sources": [msgspec.to_builtins(s) for s in res.sources],
        })  # fmt: skip
        return 1 if res.changed else 0
    ctx.print(ctx.t("document.found", code=e.code, kind=e.kind, lang=e.lang, pages=e.pages))
    ctx.print(ctx.t("document.printed", ts=e.first_printed, user=e.first_user, prints=e.prints))
    if e.reg_no or e.reg_date:
        ctx.print(ctx.t("document.reg", no=e.reg_no, date=e.reg_date))
    for s in res.sources:
        if s.current_version is None:
            key = "document.source_deleted"
        elif s.changed:
            key = "document.source_changed"
        else:
            key = "document.source_unchanged"
        ctx.print(ctx.t(key, entity=s.entity, version=s.printed_version,
                        current=s.current_version))  # fmt: skip
    ctx.print(ctx.t("document.changed" if res.changed else "document.unchanged"))
    return 1 if res.changed else 0
