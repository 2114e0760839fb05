"""What several command groups share: argument helpers (dates, --out, --to, --format, a group's
sub-commands) and the writers of their results (a PDF, an exported bundle)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.calendar.dates import parse_day
from app.cli.context import Context
from app.errors import InvalidInput, UsageError

T = Callable[[str], str]


def day_arg(text: str | None, *, required: bool = True) -> Any:
    day = parse_day(text)
    if day is None and required:
        raise UsageError("quarter.cli.date_required")
    return day


def write_pdf(ctx: Context, out: str, rendered: Any) -> None:
    from app.fsutil import atomic_write

    if Path(out).exists():
        raise UsageError("bundle.out_exists", path=out)
    try:
        atomic_write(out, rendered.pdf)
    except OSError as e:
        raise InvalidInput("pdf.cannot_write", path=out, reason=e.strerror or "") from None
    ctx.print(ctx.t("pdf.written", path=out, docs=len(rendered.docs), pages=rendered.pages))


def doc_lang(ctx: Context, args: argparse.Namespace) -> str:
    return str(args.doc_lang or (ctx.lang if ctx.lang in ("kk", "ru") else "kk"))


def exported(ctx: Context, r: Any) -> None:
    ctx.print(ctx.t("quarter.cli.exported", kind=r.kind, count=r.count, path=r.path, bundle=r.bundle_id))


def add_out(p: argparse.ArgumentParser, t: T, *, lang: bool = False) -> None:
    p.add_argument("--out", required=True, metavar="FILE", help=t("quarter.cli.opt_out"))
    if lang:
        p.add_argument("--lang", dest="doc_lang", choices=["kk", "ru"], help=t("pdf.opt_lang"))


def add_peer(p: argparse.ArgumentParser, t: T) -> None:
    p.add_argument("--to", required=True, metavar="PEER", help=t("quarter.cli.opt_to"))


def add_format(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=["text", "json"], default="text")


def subparsers(sub: argparse._SubParsersAction, name: str, t: T) -> Any:
    p = sub.add_parser(name, help=t(f"{name}.cli.help"), description=t(f"{name}.cli.help"))
    return p.add_subparsers(dest=f"{name}_command", metavar="ACTION", required=True,
                            parser_class=type(p))  # fmt: skip


def action(ps: Any, name: str, t: T, group: str, handler: Callable[..., int]) -> argparse.ArgumentParser:
    a: argparse.ArgumentParser = ps.add_parser(name, help=t(f"{group}.cli.{name.replace('-', '_')}"))
    a.set_defaults(handler=handler)
    return a
