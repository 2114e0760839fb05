"""The command table (``app.cli.commands.MODULES``) and the command modules agree, the help lists
every command translated as the modules define it, and running one command imports only its
module."""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

from app import i18n
from app.cli import commands
from app.cli.commands import MODULES
from app.cli.main import build_parser

ROOT = Path(__file__).resolve().parents[2]


def _top(parser: argparse.ArgumentParser) -> argparse._SubParsersAction:
    return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))


def test_every_module_is_in_the_table_and_defines_exactly_its_rows():
    modules = {m.name for m in pkgutil.iter_modules(commands.__path__)}
    assert modules == {m for m, _ in MODULES.values()}
    for module in sorted(modules):
        parser = argparse.ArgumentParser()
        sub = parser.add_subparsers(dest="command")
        importlib.import_module(f"app.cli.commands.{module}").register(sub, lambda k: f"<{k}>")
        defined = {c.dest: c.help for c in sub._choices_actions}
        assert defined == {n: f"<{k}>" for n, (m, k) in MODULES.items() if m == module}, module


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_the_help_lists_every_command_translated_as_the_whole_parser_does(lang: str):
    lazy, whole = build_parser(lang, load=()), build_parser(lang)
    assert lazy.format_help() == whole.format_help()
    helps = {c.dest: c.help for c in _top(lazy)._choices_actions}
    assert list(helps) == list(MODULES)
    for name, (_, key) in MODULES.items():
        assert helps[name] == i18n.tr(key, lang) and helps[name] != key


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_a_command_help_is_complete_when_only_its_module_is_loaded(lang: str):
    for name, (module, _) in MODULES.items():
        alone = _top(build_parser(lang, load=(module,))).choices[name]
        whole = _top(build_parser(lang)).choices[name]
        assert alone.format_help() == whole.format_help(), name


_PROBE = """
import contextlib, io, json, sys
from app.cli.main import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    code = main(sys.argv[1:])
loaded = sorted(m.rsplit(".", 1)[1] for m in sys.modules if m.startswith("app.cli.commands."))
heavy = sorted(m for m in ("reportlab", "holidays", "PIL") if m in sys.modules)
print(json.dumps({"code": code, "loaded": loaded, "heavy": heavy}))
"""


@pytest.mark.parametrize(
    ("argv", "loaded"),
    [(["--help"], []), (["--lang", "ru", "calendar", "--help"], ["calendar"]),
     (["--db", "-x", "passwd", "--help"], ["user"]), (["--version"], [])],
)  # fmt: skip
def test_only_the_module_of_the_command_run_is_imported(argv: list[str], loaded: list[str]):
    out = subprocess.run([sys.executable, "-c", _PROBE, *argv], cwd=ROOT, capture_output=True,
                         text=True, check=True, timeout=120)  # fmt: skip
    got = json.loads(out.stdout.splitlines()[-1])
    assert got == {"code": 0, "loaded": loaded, "heavy": []}
