"""A printed paper scanned at 150 dpi a few degrees off either way (-5 to +5), or fed sideways or
upside down, with speckle, is attached to its own record: the service reference to its nominee
(another nominee's service reference printed beside it), the decision sheet to the quarter's sheet
at the Department. One printed PDF per kind for the module; each angle rasterised once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.clock import FixedClock
from app.security.kdf import KdfParams
from app.services import decisions, nominees, printing, scans, workstation
from tests.conftest import PASSPHRASE
from tests.quarter.conftest import Cycle, at, recommend_and_agree, send_and_review
from tests.scans.test_attach import _scan
from tests.transfer.conftest import new_workstation, pin

ANGLES = [-5.0, -3.5, -2.0, -0.5, 0.5, 2.0, 3.5, 5.0, 90.0, 180.0, 270.0]
TZ = dt.timezone(dt.timedelta(hours=5))


def _clock() -> FixedClock:
    return FixedClock(dt.datetime(2026, 2, 10, 10, 0, tzinfo=TZ))


@pytest.fixture(scope="module")
def reference(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[workstation.Session, int, str, bytes]]:
    """A body's workstation with two nominees' service references printed: (session, the second
    nominee, its code, its PDF)."""
    from tests.factories import make_dossier

    db = tmp_path_factory.mktemp("ref") / "rezerv.db"
    s = workstation.create(db, role="knb", user="admin", passphrase=PASSPHRASE,
                           kdf=KdfParams.fast_for_tests(), clock=_clock())  # fmt: skip
    other = nominees.add(s, make_dossier(2))
    nid = nominees.add(s, make_dossier(1))
    printing.print_documents(s, printing.Request(kind="service-reference", lang="ru", nominee=other))
    r = printing.print_documents(s, printing.Request(kind="service-reference", lang="ru", nominee=nid))
    yield s, nid, r.docs[0].code, r.pdf
    s.close()


@pytest.fixture(scope="module")
def sheet(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[workstation.Session, str, bytes]]:
    """The Department with the quarter's decision sheet printed (two persons): (session, code, PDF)."""
    tmp: Path = tmp_path_factory.mktemp("sheet")
    clock = _clock()
    at(clock, "2026-02-02")
    kdf = KdfParams.fast_for_tests()
    made = {r: new_workstation(tmp, r, r, clock, kdf) for r in ("knb", "syrbar", "sgs", "department")}
    for body in ("knb", "syrbar"):
        pin(made[body], made["department"], tmp)
        pin(made["department"], made[body], tmp)
    (tmp / "stick").mkdir()
    c = Cycle(knb=made["knb"], syrbar=made["syrbar"], sgs=made["sgs"], dept=made["department"],
              clock=clock, stick=tmp / "stick")  # fmt: skip
    send_and_review(c, 1, 2)
    recommend_and_agree(c)
    at(clock, "2026-03-20")
    printed = decisions.print_sheet(c.dept, "2026Q1", lang="ru", body="knb")
    yield c.dept, printed.docs[0].code, printed.pdf
    for s in made.values():
        s.close()


@pytest.mark.parametrize("angle", ANGLES)
def test_a_turned_speckled_service_reference_attaches_to_its_nominee(reference, angle: float) -> None:
    s, nid, code, pdf = reference
    res = scans.attach(s, _scan(pdf, angle=angle))
    assert (res.code, res.kind, res.nominee_id) == (code, "service-reference", nid)
    assert not res.outdated


@pytest.mark.parametrize("angle", ANGLES)
def test_a_turned_speckled_decision_sheet_attaches_to_the_quarters_sheet(sheet, angle: float) -> None:
    s, code, pdf = sheet
    res = scans.attach(s, _scan(pdf, angle=angle))
    assert (res.code, res.kind, res.nominee_id, res.outdated) == (code, "decision-sheet", None, False)
