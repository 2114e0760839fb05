"""The composition root: ``rezerv`` parses the global options once (``app.cli.main.parse``) and
either runs a command-line command or, with no command, builds the desktop application from the
same options (``ui.app.run``: the database path, the language, the user, the clock).

Qt is imported only when the GUI starts, so commands stay as quick as ``python -m app``."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from app.cli.main import main as cli_main


def start_gui(args: argparse.Namespace) -> int:
    from ui import app as gui

    return gui.run(args)


def main(argv: Sequence[str] | None = None) -> int:
    return cli_main(argv, start_gui=start_gui)


if __name__ == "__main__":
    raise SystemExit(main())
