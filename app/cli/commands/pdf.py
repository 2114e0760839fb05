"""``rezerv pdf KIND (--nominee ID | --ids 1,2 | --quarter 2026Q1 [--body CODE] | --body CODE |
--exclusion ID | --reservist ID | --r2k-request ID) --lang kk|ru --out FILE``: print a document
to a PDF file, registered with its fingerprint (``--reservist``, ``--r2k-request``: the Reg-2000
papers from the Reg-2000 reserve's records); ``rezerv pdf pack --kinds
submission,service-reference --ids 1,2 --out FILE``: several documents of several people in one
PDF (per person in turn, lists at the end). Both go through ``app.services.printing``, as the
Print… dialog does: the same request, the same paper."""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from pathlib import Path

from app.cli.context import Context
from app.errors import InvalidInput, UsageError
from app.services.printing import DOCUMENTS, PACK, Request

_QUARTER = re.compile(r"^\d{4}Q[1-4]$")
_IDS = re.compile(r"^\d{1,9}(,\d{1,9})*$")


def _common(p: argparse.ArgumentParser, t: Callable[[str], str]) -> None:
    p.add_argument("--nominee", type=int, metavar="ID", help=t("pdf.opt_nominee"))
    p.add_argument("--ids", default="", metavar="ID,ID", help=t("pdf.opt_ids"))
    p.add_argument("--quarter", default="", metavar="YYYYQn", help=t("pdf.opt_quarter"))
    p.add_argument("--body", default="", choices=["knb", "syrbar", "sgs"], metavar="CODE",
                   help=t("pdf.opt_body"))  # fmt: skip
    p.add_argument("--lang", dest="doc_lang", choices=["kk", "ru"], help=t("pdf.opt_lang"))
    p.add_argument("--out", required=True, metavar="FILE|DIR", help=t("pdf.opt_out"))
    p.add_argument("--reg-no", default="", metavar="TEXT", help=t("pdf.opt_reg_no"))
    p.add_argument("--reg-date", default="", metavar="DATE", help=t("pdf.opt_reg_date"))
    p.add_argument("--marking", default=None, metavar="TEXT", help=t("pdf.opt_marking"))
    p.add_argument("--ground", type=int, default=None, metavar="N", help=t("pdf.opt_ground"))
    p.add_argument("--facts", default="", metavar="TEXT", help=t("pdf.opt_facts"))
    p.add_argument("--exclusion", type=int, default=None, metavar="ID",
                   help=t("pdf.opt_exclusion"))  # fmt: skip
    p.add_argument("--category", default="", metavar="TEXT", help=t("pdf.opt_category"))
    p.add_argument("--reservist", type=int, default=None, metavar="ID", help=t("pdf.opt_reservist"))
    p.add_argument("--r2k-request", type=int, default=None, metavar="ID", help=t("pdf.opt_r2k_request"))


def register(sub: argparse._SubParsersAction, t: Callable[[str], str]) -> None:
    kinds = "\n".join(f"  {k:<22} {t('pdf.kind.' + k)}" for k in DOCUMENTS)
    kinds += f"\n  {PACK:<22} {t('pdf.pack_help')}"
    p = sub.add_parser(
        "pdf", help=t("pdf.help"), description=t("pdf.help") + "\n\n" + kinds,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    p.add_argument("kind", choices=[*DOCUMENTS, PACK], metavar="KIND", help=t("pdf.opt_kind"))
    p.add_argument("--kinds", default="", metavar="KIND,KIND", help=t("pdf.opt_kinds"))
    _common(p, t)
    p.set_defaults(handler=run)


def _ids(text: str) -> tuple[int, ...] | None:
    if not text:
        return None
    if not _IDS.match(text.replace(" ", "")):
        raise InvalidInput("pdf.bad_ids", ids=text)
    return tuple(dict.fromkeys(int(x) for x in text.replace(" ", "").split(",")))


def _kinds(args: argparse.Namespace) -> tuple[str, ...]:
    if args.kind != PACK:
        if args.kinds:
            raise UsageError("pdf.kinds_only_pack")
        return ()
    if not args.kinds:
        raise UsageError("pdf.kinds_required")
    kinds = tuple(dict.fromkeys(k.strip() for k in args.kinds.split(",") if k.strip()))
    if not kinds or any(k not in DOCUMENTS for k in kinds):
        raise InvalidInput("pdf.bad_kinds", kinds=args.kinds, known=", ".join(DOCUMENTS))
    return kinds


def request(ctx: Context, args: argparse.Namespace) -> Request:
    """The printing service's request for these arguments (what the Print… dialog builds too)."""
    from app.i18n import parse_date

    ids = _ids(args.ids)
    chosen = [x for x in (args.nominee is not None, ids is not None, args.exclusion is not None,
                          bool(args.quarter or args.body), args.reservist is not None,
                          args.r2k_request is not None) if x]  # fmt: skip
    if len(chosen) > 1:
        raise UsageError("pdf.select_one")
    if not chosen:
        raise UsageError("pdf.select_required")
    if args.quarter and not _QUARTER.match(args.quarter):
        raise InvalidInput("pdf.bad_quarter", quarter=args.quarter)
    try:
        reg_date = parse_date(args.reg_date) if args.reg_date else None
    except ValueError:
        raise InvalidInput("pdf.bad_date", date=args.reg_date) from None
    lang = args.doc_lang or (ctx.lang if ctx.lang in ("kk", "ru") else "kk")
    return Request(
        kind=args.kind, kinds=_kinds(args), lang=lang, nominee=args.nominee, ids=ids,
        quarter=args.quarter, body=args.body, exclusion=args.exclusion, reg_no=args.reg_no,
        reg_date=reg_date, marking=args.marking, ground=args.ground, facts=args.facts,
        category=args.category, reservist=args.reservist, r2k_request=args.r2k_request,
    )  # fmt: skip


def run(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import printing

    req = request(ctx, args)
    s = ctx.session()
    output = printing.build(s, req)
    out = Path(args.out)
    if out.is_dir():  # a folder: the default name, in the interface language
        ui_lang = ctx.lang if ctx.lang in ("kk", "ru") else "kk"
        out = out / printing.file_name(output, ui_lang, s.clock.today())
    args.out = str(out)
    printing.save(s, output, args.out)
    for doc in output.docs:
        ctx.print(f"{doc.code}\t{doc.kind}\t{ctx.t('pdf.pages', n=doc.pages)}")
    ctx.print(ctx.t("pdf.written", path=args.out, docs=len(output.docs), pages=output.pages))
    return 0
