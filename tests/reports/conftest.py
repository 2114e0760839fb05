"""A Department workstation holding the scripted world of ``tests.reports.world``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.clock import FixedClock
from app.security.kdf import KdfParams
from app.services import workstation
from app.services.workstation import Session
from tests.conftest import PASSPHRASE
from tests.gui.conftest import dialogs, make_window, workstation_path  # noqa: F401 - GUI fixtures
from tests.reports import world


@pytest.fixture
def dept(tmp_path: Path, clock: FixedClock, fast_kdf: KdfParams) -> Iterator[tuple[Session, dict[int, int]]]:
    s = workstation.create(tmp_path / "dept" / "rezerv.db", role="department", user="admin",
                           passphrase=PASSPHRASE, kdf=fast_kdf, clock=clock)  # fmt: skip
    ids = world.build(s, clock)
    yield s, ids
    s.close()


@pytest.fixture
def world_db(tmp_path: Path, clock: FixedClock, fast_kdf: KdfParams) -> Path:
    """The world's database file, closed (for the command line)."""
    path = tmp_path / "dept" / "rezerv.db"
    s = workstation.create(path, role="department", user="admin", passphrase=PASSPHRASE, kdf=fast_kdf,
                           clock=clock)  # fmt: skip
    world.build(s, clock)
    s.close()
    return path
