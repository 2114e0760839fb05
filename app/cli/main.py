"""Argument parsing, command discovery, and the error contract: one clear translated line on
stderr and an exit code (0 success, 2 usage, 3 wrong passphrase or locked, 4 invalid input,
1 anything else); never a traceback."""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
import warnings
from collections.abc import Sequence
from typing import NoReturn

from app import i18n
from app.cli import commands
from app.cli.context import Context
from app.cli.errors import empty_path, glue_option_values, translate
from app.cli.permissions import gate
from app.errors import RezervError

EXIT_USAGE = 2
_MAKES_SLOTS = {"init", "user", "passwd"}


class _Parser(argparse.ArgumentParser):
    lang = i18n.DEFAULT_LANG

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        sys.stderr.write(i18n.tr("cli.usage_error", self.lang, detail=message) + "\n")
        raise SystemExit(EXIT_USAGE)


def _pre_lang(argv: Sequence[str]) -> str:
    for i, a in enumerate(argv):
        if a == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if a.startswith("--lang="):
            return a.split("=", 1)[1]
    env = os.environ.get("REZERV_LANG", "")
    return env if env in i18n.LANGS else i18n.DEFAULT_LANG


def build_parser(lang: str) -> argparse.ArgumentParser:
    def t(key: str) -> str:
        return i18n.tr(key, lang).replace("%", "%%")

    _Parser.lang = lang if lang in i18n.LANGS else i18n.DEFAULT_LANG
    parser = _Parser(prog="rezerv", description=t("cli.description"))
    parser.add_argument("--db", metavar="PATH", help=t("cli.opt_db"))
    parser.add_argument("--user", metavar="NAME", help=t("cli.opt_user"))
    parser.add_argument("--passphrase-file", metavar="FILE", help=t("cli.opt_passphrase_file"))
    parser.add_argument("--lang", choices=i18n.LANGS, default=lang, help=t("cli.opt_lang"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for mod in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"app.cli.commands.{mod.name}")
        module.register(sub, t)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    os.umask(0o077)  # every file we create is the owner's alone
    warnings.simplefilter("ignore")  # library warnings never reach the user's terminal
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = _pre_lang(argv)
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    parser = build_parser(lang)
    try:
        args = parser.parse_args(glue_option_values(argv, parser))
    except SystemExit as e:
        return int(e.code or 0)
    if (blank := empty_path(parser, args)) is not None:
        sys.stderr.write(i18n.tr("cli.usage_error", lang, detail=blank + ": ''") + "\n")
        return EXIT_USAGE
    if os.environ.get("REZERV_INSECURE_TEST_KDF") == "1" and args.command in _MAKES_SLOTS:
        sys.stderr.write(i18n.tr("cli.insecure_kdf_warning", lang) + "\n")
    if not args.command:
        return _start_gui(args, lang)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.parse_args([args.command, "--help"])
        return EXIT_USAGE
    ctx = Context(args, sys.stdout, sys.stderr)
    try:
        gate(parser, args, ctx)
        return int(handler(ctx, args) or 0)
    except RezervError as e:
        sys.stderr.write(e.message(args.lang) + "\n")
        return e.exit_code
    except KeyboardInterrupt:
        sys.stderr.write(i18n.tr("cli.interrupted", args.lang) + "\n")
        return 130
    except Exception as e:  # never a traceback to the user; the type names the fault
        known = translate(e)
        if known is not None:
            sys.stderr.write(known.message(args.lang) + "\n")
            return known.exit_code
        sys.stderr.write(i18n.tr("cli.internal_error", args.lang, kind=type(e).__name__) + "\n")
        return 1
    finally:
        ctx.close()


def _start_gui(args: argparse.Namespace, lang: str) -> int:
    try:
        gui = importlib.import_module("ui.app")
    except ImportError:
        build_parser(lang).print_help()
        return 0
    return int(gui.run(args))


if __name__ == "__main__":
    raise SystemExit(main())
