"""``rezerv backup --out FILE`` and ``rezerv restore FILE [--force]``."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from app.cli.context import Context


def register(sub: argparse._SubParsersAction, t: Callable[[str], str]) -> None:
    b = sub.add_parser("backup", help=t("cli.backup.help"), description=t("cli.backup.help"))
    b.add_argument("--out", required=True, metavar="FILE")
    b.set_defaults(handler=run_backup)
    r = sub.add_parser("restore", help=t("cli.restore.help"), description=t("cli.restore.help"))
    r.add_argument("file", metavar="FILE")
    r.add_argument("--force", action="store_true", help=t("cli.restore.opt_force"))
    r.set_defaults(handler=run_restore)


def run_backup(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import backup

    size = backup.backup(ctx.session(), Path(args.out))
    ctx.print(ctx.t("cli.backup.done", path=args.out, size=size))
    return 0


def run_restore(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import backup

    backup.restore(
        ctx.db_path, Path(args.file), user=ctx.user(), passphrase=ctx.passphrase(),
        force=args.force, clock=ctx.clock,
    )  # fmt: skip
    ctx.print(ctx.t("cli.restore.done", path=str(ctx.db_path)))
    return 0
