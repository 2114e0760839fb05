"""Shared fixtures: a real SQLCipher workstation with a fast KDF (tests only), a fixed clock,
complete dossiers, and the hostile strings every text field must survive."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.clock import FixedClock
from app.security.kdf import KdfParams
from app.services import workstation
from tests import factories

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PASSPHRASE = "test passphrase with spaces «Қазақ» 'q' \"d\""
HOSTILE = Path(__file__).resolve().parents[2] / "shared" / "testdata" / "hostile-strings.txt"
HOSTILE_LOCAL = Path(__file__).resolve().parent / "data" / "hostile-strings.txt"


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(dt.datetime(2026, 2, 10, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=5))))


@pytest.fixture
def fast_kdf() -> KdfParams:
    return KdfParams.fast_for_tests()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "ws" / "rezerv.db"


@pytest.fixture
def session(db_path: Path, clock: FixedClock, fast_kdf: KdfParams) -> Iterator[workstation.Session]:
    s = workstation.create(
        db_path, role="knb", user="admin", passphrase=PASSPHRASE, kdf=fast_kdf, clock=clock
    )
    yield s
    s.close()


@pytest.fixture
def make_dossier():
    return factories.make_dossier


def load_hostile_strings() -> list[str]:
    src = HOSTILE if HOSTILE.exists() else HOSTILE_LOCAL
    lines = src.read_text(encoding="utf-8").split("\n")
    return [ln for ln in lines if ln and not ln.startswith("# ")]


@pytest.fixture
def hostile_strings() -> list[str]:
    return load_hostile_strings()
