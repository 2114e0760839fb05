"""Four real workstations of one quarter (KNB, Syrbar, SGS, Department) sharing a movable clock,
with peers pinned both ways between each body and the Department."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import msgspec
import pytest

from app.clock import FixedClock
from app.domain.dossier import Body, Dossier
from app.security.kdf import KdfParams
from app.services import nominees, transfer_bundles
from app.services.workstation import Session
from tests.factories import make_dossier
from tests.gui.conftest import dialogs, make_window, qapp_args  # noqa: F401 - the GUI tests' fixtures
from tests.transfer.conftest import new_workstation, pin

TZ = dt.timezone(dt.timedelta(hours=5))


def at(clock: FixedClock, day: str) -> None:
    clock.at = dt.datetime.fromisoformat(day + "T10:00:00").replace(tzinfo=TZ)


def dossier(serial: int, body: str, **nomination: object) -> Dossier:
    d = make_dossier(serial, body=Body(body))
    nom = msgspec.structs.replace(d.nomination, quarter="2026Q1", **nomination)
    return msgspec.structs.replace(d, nomination=nom)


class Cycle(msgspec.Struct, kw_only=True, dict=True):
    knb: Session
    syrbar: Session
    sgs: Session
    dept: Session
    clock: FixedClock
    stick: Path
    n: int = 0

    def add(self, s: Session, *serials: int, **nomination: object) -> list[int]:
        return [nominees.add(s, dossier(n, s.body or "knb", **nomination)) for n in serials]

    def out(self, name: str) -> Path:
        self.n += 1
        return self.stick / f"{self.n:02d}-{name}.age"

    def carry(self, path: Path, to: Session) -> transfer_bundles.ImportResult:
        return transfer_bundles.import_bundle(to, path)

    def status(self, s: Session, nid: int) -> str:
        return nominees.get(s, nid).status

    def dept_id(self, s: Session, body_nid: int) -> int:
        iin = nominees.get(s, body_nid).dossier.person.iin
        from app.store.nominees import Nominees

        nid = Nominees(self.dept.db.connection()).id_by_iin(iin)
        assert nid is not None
        return nid


@pytest.fixture
def cycle(tmp_path: Path, clock: FixedClock, fast_kdf: KdfParams) -> Iterator[Cycle]:
    at(clock, "2026-02-02")
    made = {r: new_workstation(tmp_path, r, r, clock, fast_kdf)
            for r in ("knb", "syrbar", "sgs", "department")}  # fmt: skip
    for body in ("knb", "syrbar"):
        pin(made[body], made["department"], tmp_path)
        pin(made["department"], made[body], tmp_path)
    stick = tmp_path / "stick"
    stick.mkdir()
    yield Cycle(knb=made["knb"], syrbar=made["syrbar"], sgs=made["sgs"], dept=made["department"],
                clock=clock, stick=stick)  # fmt: skip
    for s in made.values():
        s.close()


def send_and_review(c: Cycle, *serials: int, body: str = "knb") -> tuple[list[int], list[int]]:
    """Dossiers of ``body`` sent, imported and marked ok at the Department: (body ids, dept ids)."""
    from app.services import quarter, review

    s = getattr(c, body)
    ids = c.add(s, *serials)
    quarter.build_list(s, "2026Q1", ids)
    out = c.out(f"{body}-nominations")
    quarter.send(s, "2026Q1", peer_id="department", out=out)
    c.carry(out, c.dept)
    dept_ids = [c.dept_id(s, i) for i in ids]
    for nid in dept_ids:
        review.set_marks(c.dept, nid, accuracy="ok", completeness="ok", compliance="ok")
    return ids, dept_ids


def recommend_and_agree(c: Cycle, day: str = "2026-03-10") -> list[int]:
    from app.services import review

    ok, _ = review.form_list(c.dept, "2026Q1", day=dt.date.fromisoformat(day))
    review.record_agreement(c.dept, "2026Q1", day=dt.date.fromisoformat(day), reference="СБ-1")
    return ok
