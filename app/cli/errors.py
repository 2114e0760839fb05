"""The error contract's last line: exceptions a bad input can still raise from a library become
the project's own errors (exit 4, or 3 for a file the user may not touch), and option-like values
of options that take a value are read as values (``--search -x``)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from app.errors import InvalidInput, PermissionDenied, RezervError, StoreError
from app.store.connection import DatabaseError


def translate(e: BaseException) -> RezervError | None:
    """The project's error for an exception bad input can raise, or None (a fault of ours)."""
    if isinstance(e, RezervError):
        return e
    if type(e) is DatabaseError:  # a damaged page met while working (not "locked" or "busy")
        return StoreError("store.db_damaged")
    if isinstance(e, RecursionError):
        return InvalidInput("cli.input_too_deep")
    if isinstance(e, OverflowError):
        return InvalidInput("cli.number_out_of_range")
    if isinstance(e, UnicodeError):
        return InvalidInput("cli.bad_encoding")
    if isinstance(e, PermissionError):
        return PermissionDenied("cli.file_no_permission", path=_name(e))
    if isinstance(e, (IsADirectoryError, NotADirectoryError, FileNotFoundError, FileExistsError)):
        return InvalidInput("cli.file_bad_path", path=_name(e))
    return None


PATH_METAVARS = {"FILE", "PATH", "DIR", "FOLDER"}


def empty_path(parser: argparse.ArgumentParser, args: argparse.Namespace) -> str | None:
    """The option or argument that names a file but was given as an empty string, if any."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                if getattr(args, action.dest or "", None) == name:
                    found = empty_path(sub, args)
                    if found:
                        return found
        elif action.metavar in PATH_METAVARS and getattr(args, action.dest, None) == "":
            return action.option_strings[-1] if action.option_strings else str(action.metavar)
    return None


def _name(e: OSError) -> str:
    return str(e.filename) if e.filename is not None else ""


def value_options(parser: argparse.ArgumentParser) -> set[str]:
    """Every long option, in the parser and its subcommands, that takes exactly one value."""
    out: set[str] = set()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                out |= value_options(sub)
        elif action.option_strings and action.nargs is None and not isinstance(
            action, (argparse._StoreConstAction, argparse._CountAction, argparse._HelpAction)
        ):
            out |= {o for o in action.option_strings if o.startswith("--")}
    return out


def glue_option_values(argv: Sequence[str], parser: argparse.ArgumentParser) -> list[str]:
    """``--search -x`` -> ``--search=-x``: a value that starts with a dash is still the value of
    an option that takes one (argparse would otherwise read it as an unknown option)."""
    takes_value = value_options(parser)
    out: list[str] = []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--":
            out += argv[i:]
            break
        nxt = argv[i + 1] if i + 1 < len(argv) else ""
        if a in takes_value and nxt.startswith("-") and nxt != "--":
            out.append(f"{a}={argv[i + 1]}")
            i += 2
            continue
        out.append(a)
        i += 1
    return out
