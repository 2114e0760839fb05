"""``rezerv <command>``: the command-line front end over the same services as the GUI.

Each command group lives in ``app/cli/commands/<group>.py`` and exposes ``register(sub, t)``
(``t(key)`` translates help texts); the table ``app.cli.commands.MODULES`` names each top-level
command's module and help key, and only the module of the command run is imported.
Global options go before the command. With no command, ``rezerv`` (the launcher
``ui/bootstrap.py``) starts the GUI; ``python -m app`` prints the help.
"""

from __future__ import annotations

from app.cli.main import main

__all__ = ["main"]
