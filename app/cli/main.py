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
import sys
import warnings
from collections.abc import Callable, Collection, Sequence
from typing import Any, NoReturn

from app import i18n, syscheck, version
from app.cli.commands import MODULES
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


class _Version(argparse.Action):
    """``--version``: the line is made when asked for (it reads the migrations), not at every
    start."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS,
                 default: Any = argparse.SUPPRESS, help: str | None = None) -> None:  # fmt: skip
        super().__init__(option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *_: Any) -> NoReturn:
        sys.stdout.write(version.version_line() + "\n")
        parser.exit()


ALL = frozenset(module for module, _ in MODULES.values())


def build_parser(lang: str, load: Collection[str] = ALL) -> argparse.ArgumentParser:
    """The parser in ``lang``. Every command of ``MODULES`` is listed with its translated help;
    the modules named in ``load`` are imported and define their commands whole, the others'
    commands are placeholders (enough to list them and to find which command was asked for)."""

    def t(key: str) -> str:
        return i18n.tr(key, lang).replace("%", "%%")

    _Parser.lang = lang if lang in i18n.LANGS else i18n.DEFAULT_LANG
    parser = _Parser(prog="rezerv", description=t("cli.description"))
    parser.add_argument("--db", metavar="PATH", help=t("cli.opt_db"))
    parser.add_argument("--user", metavar="NAME", help=t("cli.opt_user"))
    parser.add_argument("--passphrase-file", metavar="FILE", help=t("cli.opt_passphrase_file"))
    parser.add_argument("--lang", choices=i18n.LANGS, default=lang, help=t("cli.opt_lang"))
    parser.add_argument("--version", action=_Version, help=t("cli.opt_version"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module in dict.fromkeys(m for m, _ in MODULES.values()):  # the table's order
        if module in load:
            importlib.import_module(f"app.cli.commands.{module}").register(sub, t)
            continue
        for name, (mod, key) in MODULES.items():
            if mod == module:
                sub.add_parser(name, help=t(key), add_help=False)
    return parser


def _command(argv: Sequence[str], lang: str) -> str | None:
    """The command asked for, found with a parser of placeholders (no command module imported).
    A bad global option or an unknown command fails here as it would in the whole parser."""
    stub = build_parser(lang, load=())
    known, _ = stub.parse_known_args(glue_option_values(argv, stub))
    return known.command


GuiStarter = Callable[[argparse.Namespace], int]


def parse(argv: Sequence[str]) -> tuple[argparse.ArgumentParser, argparse.Namespace]:
    """The global options and the command, parsed once for either front end. ``args.lang`` is
    the language; ``args.lang_explicit`` says whether ``--lang`` or ``REZERV_LANG`` chose it."""
    lang, explicit = _pre_lang(argv)
    command = _command(argv, lang)
    parser = build_parser(lang, load=() if command is None else (MODULES[command][0],))
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
    from app.cli.context import Context  # the services: only when a command runs

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
