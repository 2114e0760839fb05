"""Two (or three) real workstations that trust each other, and helpers to compare databases."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import msgspec
import pytest

from app.clock import FixedClock
from app.security.kdf import KdfParams
from app.services import nominees, transfer, workstation
from app.services.workstation import Session
from app.transfer import identity
from app.transfer.peers import Peer
from tests.conftest import PASSPHRASE
from tests.factories import make_dossier


class Pair(msgspec.Struct, kw_only=True, dict=True):
    body: Session
    dept: Session
    body_id: str
    dept_id: str
    dir: Path

    def add_nominees(self, *serials: int, **overrides: object) -> list[int]:
        return [nominees.add(self.body, make_dossier(n, **overrides)) for n in serials]

    def peer_of(self, s: Session, peer_id: str) -> Peer:
        from app.transfer import peers

        p = peers.get(s.db.connection(), peer_id)
        assert p is not None
        return p


def new_workstation(root: Path, name: str, role: str, clock: FixedClock, kdf: KdfParams) -> Session:
    return workstation.create(root / name / "rezerv.db", role=role, user="admin",
                              passphrase=PASSPHRASE, kdf=kdf, clock=clock)  # fmt: skip


def pin(a: Session, b: Session, root: Path) -> None:
    """``a`` pins ``b`` after comparing the fingerprint (read from ``b``'s screen)."""
    card = root / f"card-{b.workstation_id}.json"
    if not card.exists():
        transfer.export_identity(b, card)
    transfer.add_peer(a, card, transfer.show_identity(b).fingerprint)


@pytest.fixture
def pair(tmp_path: Path, clock: FixedClock, fast_kdf: KdfParams) -> Iterator[Pair]:
    body = new_workstation(tmp_path, "body", "knb", clock, fast_kdf)
    dept = new_workstation(tmp_path, "dept", "department", clock, fast_kdf)
    pin(body, dept, tmp_path)
    pin(dept, body, tmp_path)
    stick = tmp_path / "stick"
    stick.mkdir()
    yield Pair(body=body, dept=dept, body_id=body.workstation_id, dept_id=dept.workstation_id,
               dir=stick)  # fmt: skip
    body.close()
    dept.close()


def db_digest(s: Session) -> dict[str, str]:
    """A hash per table of every row, to prove a refused import changed nothing."""
    conn = s.db.connection()
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"
        " ORDER BY name")]  # fmt: skip
    out = {}
    for t in tables:
        h = hashlib.sha256()
        for row in conn.execute(f'SELECT * FROM "{t}" ORDER BY 1'):
            h.update(repr(row).encode())
        out[t] = h.hexdigest()
    return out


def tree(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


def own(s: Session) -> identity.Own:
    return identity.load_own(s.db.connection())
