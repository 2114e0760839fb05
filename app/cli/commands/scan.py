"""``rezerv scan attach FILE [--nominee ID] [--document CODE]``: attach a signed paper's scan,
matched by its QR code to the printed-document log. Exit 0: attached (a warning line when the
record changed since printing); 4: unreadable, unknown code, or no QR and no ``--document``."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from app.cli.context import Context


def register(sub: argparse._SubParsersAction, t: Callable[[str], str]) -> None:
    p = sub.add_parser("scan", help=t("scan.help"), description=t("scan.help"))
    ss = p.add_subparsers(dest="scan_command", metavar="ACTION", required=True,
                          parser_class=type(p))  # fmt: skip
    a = ss.add_parser("attach", help=t("scan.attach_help"), description=t("scan.attach_help"))
    a.add_argument("file", metavar="FILE", help=t("scan.opt_file"))
    a.add_argument("--nominee", type=int, default=None, metavar="ID")
    a.add_argument("--document", default="", metavar="CODE", help=t("scan.opt_document"))
    a.add_argument("--format", choices=["table", "json"], default="table")
    a.set_defaults(handler=run_attach)
    c = ss.add_parser("checklist", help=t("scan.checklist_help"),
                      description=t("scan.checklist_help"))  # fmt: skip
    c.add_argument("nominee", type=int, metavar="ID")
    c.add_argument("--format", choices=["table", "json"], default="table")
    c.add_argument("--out", default=None, metavar="FILE", help=t("scan.opt_checklist_out"))
    c.add_argument("--lang", dest="doc_lang", choices=["kk", "ru"], default=None, help=t("pdf.opt_lang"))
    c.set_defaults(handler=run_checklist)
    d = ss.add_parser("sheets", help=t("scan.sheets_help"), description=t("scan.sheets_help"))
    d.add_argument("quarter", metavar="YYYYQn")
    d.add_argument("--format", choices=["table", "json"], default="table")
    d.set_defaults(handler=run_sheets)


def run_attach(ctx: Context, args: argparse.Namespace) -> int:
    import msgspec

    from app.documents import KINDS
    from app.services import scans

    res = scans.attach_file(ctx.session(), args.file, nominee=args.nominee, document=args.document)
    if args.format == "json":
        ctx.print_json(msgspec.to_builtins(res))
        return 0
    kind = KINDS[res.kind].title_key if res.kind in KINDS else ""
    ctx.print(ctx.t("scan.attached", code=res.code, kind=ctx.t(kind) if kind else res.kind,
                    pages=res.pages))  # fmt: skip
    if res.outdated:
        ctx.print(ctx.t("scan.outdated", fields=", ".join(res.changed) or "—"))
    return 0


def run_checklist(ctx: Context, args: argparse.Namespace) -> int:
    import msgspec

    from app.documents import KINDS
    from app.services import nominees, scans

    session = ctx.session()
    nominees.get(session, args.nominee)  # an unknown id is refused before anything is shown
    items = scans.checklist(session, args.nominee)
    if args.out:
        from app.cli.args import doc_lang, write_pdf

        write_pdf(ctx, args.out, scans.checklist_pdf(session, args.nominee, doc_lang(ctx, args)))
        return 0
    if args.format == "json":
        ctx.print_json([msgspec.to_builtins(i) for i in items])
        return 0
    for i in items:
        ctx.print(ctx.t("scan.checklist_line", kind=ctx.t(KINDS[i.kind].title_key),
                        state=ctx.t(f"scan.state.{i.state.value}"), code=i.code or "—"))  # fmt: skip
        if i.changed:
            ctx.print(ctx.t("scan.checklist_changed", fields=", ".join(i.changed)))
    return 0


def run_sheets(ctx: Context, args: argparse.Namespace) -> int:
    """The quarter's signed decision sheets: attached here (Department) or received with the
    extract (body), each matched against the records held here now."""
    import msgspec

    from app.services import scans
    from app.services.quarter import check_quarter

    found = scans.sheets(ctx.session(), check_quarter(args.quarter))
    if args.format == "json":
        ctx.print_json([msgspec.to_builtins(x) for x in found])
        return 0
    for x in found:
        state = (ctx.t("scan.outdated", fields=", ".join(x.changed) or "—") if x.outdated
                 else ctx.t("scan.sheet_matched"))  # fmt: skip
        how = ctx.t("scan.sheet_received" if x.received else "scan.sheet_attached")
        ctx.print(ctx.t("scan.sheet_line", code=x.scan.code, how=how, pages=x.scan.pages,
                        persons=x.persons, state=state))  # fmt: skip
    if not found:
        ctx.print(ctx.t("scan.sheet_none", quarter=args.quarter.upper()))
    return 0
