"""Before a newer version first migrates a workstation, it keeps an encrypted backup of it.

The backup is the ordinary backup file (``app.services.backup``: the database exported under its
own key plus the key slots), written beside the database as
``backups/pre-upgrade-schema<FROM>-to-<TO>-<UTC time>.rzbk``. Rolling back to the previous
version restores it (``packaging/install.sh --rollback``, or ``rezerv restore FILE --force``).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from app.store import migrate
from app.store.connection import Connection

BACKUP_DIR = "backups"
_NAME = re.compile(r"^pre-upgrade-schema(\d+)-to-(\d+)-(\d{8}T\d{6}Z)\.rzbk$")


def backup_name(found: int, target: int, now: dt.datetime) -> str:
    stamp = now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    return f"pre-upgrade-schema{found:d}-to-{target:d}-{stamp}.rzbk"


def parse_name(name: str) -> tuple[int, int] | None:
    """(from schema, to schema) of a pre-upgrade backup's file name, else None."""
    m = _NAME.match(name)
    return (int(m.group(1)), int(m.group(2))) if m else None


def backup_before_migrate(conn: Connection, key: bytes, db_path: Path, now: dt.datetime) -> Path | None:
    """Back up a database whose schema is older than this version's; None when none is needed."""
    from app.services import backup

    found = migrate.schema_version(conn)
    target = migrate.latest_version()
    if found == 0 or found >= target:
        return None
    folder = db_path.parent / BACKUP_DIR
    folder.mkdir(mode=0o700, exist_ok=True)
    out = folder / backup_name(found, target, now)
    backup.write(conn, key, db_path, out)
    return out
