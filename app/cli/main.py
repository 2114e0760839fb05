"""Argument parsing, command discovery, and the error contract: one clear translated line on
stderr and an exit code (0 success, 2 usage, 3 wrong passphrase or locked, 4 invalid input,
1 anything else); never a traceback.

The global options are parsed here, once (``parse``). ``main`` runs a command; with no command
it calls the ``start_gui`` it was given — the launcher ``ui/bootstrap.py`` passes the desktop
application, so ``app`` never imports ``ui`` — and otherwise prints the help."""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
import warnings
from collections.abc import Callable, Sequence
from typing import NoReturn

from app import i18n, syscheck, version
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


def _pre_lang(argv: Sequence[str]) -> tuple[str, bool]:
    """The language for the help texts before parsing, and whether the user chose it."""
    for i, a in enumerate(argv):
        if a == "--lang" and i + 1 < len(argv):
            chosen = argv[i + 1]
        elif a.startswith("--lang="):
            chosen = a.split("=", 1)[1]
        else:
            continue
        # an unknown language: the help in the default one, and argparse's usage error
        return (chosen, True) if chosen in i18n.LANGS else (i18n.DEFAULT_LANG, False)
    env = os.environ.get("REZERV_LANG", "")
    return (env, True) if env in i18n.LANGS else (i18n.DEFAULT_LANG, False)


def build_parser(lang: str) -> argparse.ArgumentParser:
    def t(key: str) -> str:
        return i18n.tr(key, lang).replace("%", "%%")

    _Parser.lang = lang if lang in i18n.LANGS else i18n.DEFAULT_LANG
    parser = _Parser(prog="rezerv", description=t("cli.description"))
    parser.add_argument("--db", metavar="PATH", help=t("cli.opt_db"))
    parser.add_argument("--user", metavar="NAME", help=t("cli.opt_user"))
    parser.add_argument("--passphrase-file", metavar="FILE", help=t("cli.opt_passphrase_file"))
    parser.add_argument("--lang", choices=i18n.LANGS, default=lang, help=t("cli.opt_lang"))
    parser.add_argument("--version", action="version", version=version.version_line(),
                        help=t("cli.opt_version"))  # fmt: skip
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for mod in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"app.cli.commands.{mod.name}")
        module.register(sub, t)
    return parser


GuiStarter = Callable[[argparse.Namespace], int]


def parse(argv: Sequence[str]) -> tuple[argparse.ArgumentParser, argparse.Namespace]:
    """The global options and the command, parsed once for either front end. ``args.lang`` is
    the language; ``args.lang_explicit`` says whether ``--lang`` or ``REZERV_LANG`` chose it."""
    lang, explicit = _pre_lang(argv)
    parser = build_parser(lang)
    args = parser.parse_args(glue_option_values(argv, parser))
    args.lang_explicit = explicit
    return parser, args


def main(argv: Sequence[str] | None = None, *, start_gui: GuiStarter | None = None) -> int:
    os.umask(0o077)  # every file we create is the owner's alone
    warnings.simplefilter("ignore")  # library warnings never reach the user's terminal
    argv = list(sys.argv[1:] if argv is None else argv)
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    glibc = syscheck.glibc_version()
    if syscheck.glibc_too_old(glibc):
        found = ".".join(map(str, glibc or ()))
        sys.stderr.write(i18n.tr("cli.glibc_too_old", _pre_lang(argv)[0], found=found) + "\n")
        return 1
    try:
        parser, args = parse(argv)
    except SystemExit as e:
        return int(e.code or 0)
    lang = args.lang
    if (blank := empty_path(parser, args)) is not None:
        sys.stderr.write(i18n.tr("cli.usage_error", lang, detail=blank + ": ''") + "\n")
        return EXIT_USAGE
    if os.environ.get("REZERV_INSECURE_TEST_KDF") == "1" and args.command in _MAKES_SLOTS:
        sys.stderr.write(i18n.tr("cli.insecure_kdf_warning", lang) + "\n")
    if not args.command:
        if start_gui is None:
            parser.print_help()
            return 0
        return start_gui(args)
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


if __name__ == "__main__":
    raise SystemExit(main())
