"""The CLI's command tree, walked from the real parser, and hostile argument vectors for every
leaf command: each positional and value-taking option filled with one hostile value."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path

from app.cli.main import build_parser

HUGE = "9" * 20
BASE_VALUES = [HUGE, "", "-x", "--", "0000Q1", "-1"]
SKIP = {("init",), ("demo",)}  # create workstations / fill thousands of rows; tested elsewhere


def leaves(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> Iterator[
    tuple[tuple[str, ...], argparse.ArgumentParser]
]:
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        yield path, parser
        return
    for name, sub in subs[0].choices.items():
        yield from leaves(sub, (*path, name))


def _slots(p: argparse.ArgumentParser) -> list[argparse.Action]:
    out = []
    for a in p._actions:
        if isinstance(a, (argparse._HelpAction, argparse._StoreConstAction, argparse._CountAction,
                          argparse._SubParsersAction)):  # fmt: skip
            continue
        if a.option_strings and a.nargs == 0:
            continue
        out.append(a)
    return out


def required_flags(p: argparse.ArgumentParser) -> list[str]:
    """The first switch of each required either-or group (``--enrol | --refuse``)."""
    out = []
    for g in p._mutually_exclusive_groups:
        if g.required and g._group_actions[0].nargs == 0:
            out.append(g._group_actions[0].option_strings[-1])
    return out


def _fill(a: argparse.Action, value: str, tmp: Path) -> str:
    if a.choices is not None:
        return str(next(iter(a.choices)))
    if a.option_strings and a.dest in ("out", "receipt"):
        return str(tmp / "out-file")  # hostile output paths would write anywhere: kept in tmp
    return value


def vectors(base: list[str], extra: list[str], tmp: Path) -> Iterator[tuple[str, list[str]]]:
    """``base`` values for every command, and two of ``extra`` per command, in turn."""
    for n, (path, p) in enumerate(leaves(build_parser("ru"))):
        if path in SKIP:
            continue
        slots = _slots(p)
        for value in [*base, extra[(2 * n) % len(extra)], extra[(2 * n + 1) % len(extra)]]:
            argv = [*path, *required_flags(p)]
            positionals: list[str] = []
            for a in slots:
                v = _fill(a, value, tmp)
                if a.option_strings:
                    argv += [a.option_strings[-1], v]
                else:
                    n = 1 if a.nargs in (None, "?", "+", "*") else int(a.nargs or 1)
                    positionals += [v] * n
            yield " ".join(path), [*argv, *(["--"] if positionals else []), *positionals]
