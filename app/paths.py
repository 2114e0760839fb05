"""Where a workstation's files are: the database and its key slots beside it. Plain paths with no
heavy import, so the GUI can decide between the first-run and the unlock screen (and paint it)
before the services, the ciphers and the rules are loaded."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs


def default_db_path() -> Path:
    """``REZERV_DB``, else the user's data directory: where both front ends open the workstation."""
    env = os.environ.get("REZERV_DB")
    if env:
        return Path(env)
    return Path(platformdirs.user_data_dir("rezerv", appauthor=False)) / "rezerv.db"


def keys_path(db_path: Path) -> Path:
    """The key slots file of a database: ``<db>.keys`` beside it."""
    return db_path.with_name(db_path.name + ".keys")
