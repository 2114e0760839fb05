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
from tests.reports import world


@pytest.fixture
def dept(tmp_path: Path, clock: FixedClock, fast_kdf: KdfParams) -> Iterator[tuple[Session, dict[int, int]]]:
    s = workstation.create(tmp_path / "dept" / "rezerv.db", role="department", user="admin",
                           passphrase=PASSPHRASE, kdf=fast_kdf, clock=clock)  # fmt: skip
    ids = world.build(s, clock)
    yield s, ids
    s.close()
