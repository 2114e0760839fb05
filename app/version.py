"""What this build is: the release version, the commit it was built from, the schema it writes.

A release build (``make release``) writes ``build-info.json`` beside the ``app`` package; a
source checkout has none and reports the commit as ``dev``.
"""

from __future__ import annotations

import json
from pathlib import Path

VERSION = "0.1.0"

_BUILD_INFO = Path(__file__).resolve().parent.parent / "build-info.json"


def commit() -> str:
    try:
        info = json.loads(_BUILD_INFO.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "dev"
    value = info.get("commit") if isinstance(info, dict) else None
    return str(value) if value else "dev"


def version_line() -> str:
    from app.store import migrate

    return f"rezerv {VERSION} (commit {commit()}, schema {migrate.latest_version()})"
