"""``rezerv <command>``: the command-line front end over the same services as the GUI.

Each command group lives in ``app/cli/commands/<group>.py`` and exposes ``register(sub)``; groups
are discovered, so adding one touches no shared file. Global options go before the command.
With no command, the GUI starts.
"""

from __future__ import annotations

from app.cli.main import main

__all__ = ["main"]
