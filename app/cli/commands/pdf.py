"""``rezerv pdf KIND (--nominee ID | --quarter 2026Q1 [--body CODE] | --body CODE) --lang kk|ru
--out FILE``: print a document to a PDF file, registered with its fingerprint."""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable

from app.cli.context import Context
from app.documents.kinds import KINDS
from app.errors import InvalidInput, UsageError

_QUARTER = re.compile(r"^\d{4}Q[1-4]$")
PRINTABLE = [k for k in KINDS if k != "report"]  # a report is printed by ``rezerv report``


def register(sub: argparse._SubParsersAction, t: Callable[[str], str]) -> None:
    kinds = "\n".join(f"  {k:<22} {t('pdf.kind.' + k)}" for k in PRINTABLE)
    p = sub.add_parser(
        "pdf", help=t("pdf.help"), description=t("pdf.help") + "\n\n" + kinds,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    p.add_argument("kind", choices=PRINTABLE, metavar="KIND", help=t("pdf.opt_kind"))
    p.add_argument("--nominee", type=int, metavar="ID", help=t("pdf.opt_nominee"))
    p.add_argument("--quarter", default="", metavar="YYYYQn", help=t("pdf.opt_quarter"))
    p.add_argument("--body", default="", choices=["knb", "syrbar", "sgs"], metavar="CODE",
                   help=t("pdf.opt_body"))  # fmt: skip
    p.add_argument("--lang", dest="doc_lang", choices=["kk", "ru"], help=t("pdf.opt_lang"))
    p.add_argument("--out", required=True, metavar="FILE", help=t("pdf.opt_out"))
    p.add_argument("--reg-no", default="", metavar="TEXT", help=t("pdf.opt_reg_no"))
    p.add_argument("--reg-date", default="", metavar="DATE", help=t("pdf.opt_reg_date"))
    p.add_argument("--marking", default=None, metavar="TEXT", help=t("pdf.opt_marking"))
    p.add_argument("--ground", type=int, default=None, metavar="N", help=t("pdf.opt_ground"))
    p.add_argument("--facts", default="", metavar="TEXT", help=t("pdf.opt_facts"))
    p.add_argument("--category", default="", metavar="TEXT", help=t("pdf.opt_category"))
    p.set_defaults(handler=run)


def run(ctx: Context, args: argparse.Namespace) -> int:
    from app.fsutil import atomic_write
    from app.i18n import parse_date
    from app.services import printing

    if args.nominee is not None and (args.quarter or args.body):
        raise UsageError("pdf.select_one")
    if args.nominee is None and not (args.quarter or args.body):
        raise UsageError("pdf.select_required")
    if args.quarter and not _QUARTER.match(args.quarter):
        raise InvalidInput("pdf.bad_quarter", quarter=args.quarter)
    try:
        reg_date = parse_date(args.reg_date) if args.reg_date else None
    except ValueError:
        raise InvalidInput("pdf.bad_date", date=args.reg_date) from None
    lang = args.doc_lang or (ctx.lang if ctx.lang in ("kk", "ru") else "kk")
    req = printing.Request(
        kind=args.kind, lang=lang, nominee=args.nominee, quarter=args.quarter, body=args.body,
        reg_no=args.reg_no, reg_date=reg_date, marking=args.marking, ground=args.ground,
        facts=args.facts, category=args.category,
    )  # fmt: skip
    rendered = printing.print_documents(ctx.session(), req)
    try:
        atomic_write(args.out, rendered.pdf)
    except OSError as e:
        raise InvalidInput("pdf.cannot_write", path=args.out, reason=e.strerror or "") from None
    for doc in rendered.docs:
        ctx.print(f"{doc.code}\t{doc.kind}\t{ctx.t('pdf.pages', n=doc.pages)}")
    ctx.print(ctx.t("pdf.written", path=args.out, docs=len(rendered.docs), pages=rendered.pages))
    return 0
