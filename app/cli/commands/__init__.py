"""The command groups, one module each, exposing ``register(sub, t)``.

``MODULES`` is the table of what exists: every top-level command, the module here that defines it
and the key of its one-line help. ``app.cli.main`` lists every command (translated) from this
table and imports only the module of the command being run, so the start (and the GUI's start)
never pays for the others' imports (reportlab, the document layouts, ``holidays``). A test checks
that the table and the modules agree."""

from __future__ import annotations

# command: (module of app.cli.commands, help key), in the order of the help's list
MODULES: dict[str, tuple[str, str]] = {
    "audit": ("audit", "cli.audit.help"),
    "backup": ("backup", "cli.backup.help"),
    "restore": ("backup", "cli.restore.help"),
    "bench": ("bench", "bench.cli.help"),
    "bundle": ("bundle", "cli.bundle.help"),
    "calendar": ("calendar", "calendar.cli.help"),
    "check": ("check", "check.cli.help"),
    "deadlines": ("deadlines", "deadlines.cli.help"),
    "decision": ("decision", "decision.cli.help"),
    "demo": ("demo", "cli.demo.help"),
    "document": ("document", "document.help"),
    "exclusion": ("exclusion", "exclusion.cli.help"),
    "identity": ("identity", "cli.identity.help"),
    "init": ("init", "cli.init.help"),
    "nominee": ("nominee", "cli.nominee.help"),
    "pdf": ("pdf", "pdf.help"),
    "peer": ("peer", "cli.peer.help"),
    "positions": ("positions", "positions.cli.help"),
    "quarter": ("quarter", "quarter.cli.help"),
    "r2k": ("r2k", "r2k.cli.help"),
    "report": ("report", "report.cli.help"),
    "reserve": ("reserve", "reserve.cli.help"),
    "review": ("review", "review.cli.help"),
    "scan": ("scan", "scan.help"),
    "user": ("user", "cli.user.help"),
    "passwd": ("user", "cli.passwd.help"),
}  # fmt: skip
