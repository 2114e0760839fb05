"""Two Reg-2000 workstations in one process: the authorised body and a state body, each with its
own clock (dates of 2001-2003, while Decree No. 330 of 2000 was in force), pinned to each other."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import msgspec
import pytest

from app.clock import FixedClock
from app.domain.reg2000 import Reservist
from app.security.kdf import KdfParams
from app.services import transfer, workstation
from app.services.workstation import Session
from tests.conftest import PASSPHRASE

TZ = dt.timezone(dt.timedelta(hours=5))
IIN = "700101300011"
ALL_22 = ["application", "personal_sheet", "questionnaire", "education_copies", "employment_record_copy",
          "health_certificate", "test_results", "photos_3x4"]  # fmt: skip
ALL_29 = ["order_extracts_abroad", "application", "personal_sheet", "questionnaire", "education_copies",
          "employment_record_copy", "test_results", "photos_3x4"]  # fmt: skip

# One valid citizen of each source (p.5), documents received on 04.03.2002 (the fourth source:
# 12.05.2003, after Decree No. 1071 of 21.04.2003 added it).
BASE: dict[int, dict[str, Any]] = {
    1: {"source": 1, "documents_received": "2002-03-04",
        "documents": ["protocol_extract", "competition_file", "written_consent"],
        "competition": {"vacancy_ref": "№ 12", "body": "Министерство финансов", "qualification_met": True,
                        "tests_passed": True, "interview_passed": True, "protocol_date": "2002-02-28",
                        "sent_to_authority": "2002-03-04",
                        "vote": {"members": 9, "present": 6, "votes_for": 4}}},
    2: {"source": 2, "documents_received": "2002-03-04", "documents": ALL_22,
        "programme_completed": "2002-01-20"},
    3: {"source": 3, "documents_received": "2002-03-04", "documents": ALL_29, "returned_on": "2002-02-01",
        "left_state_body": True},
    4: {"source": 4, "documents_received": "2003-05-12", "attestation_approved": "2003-05-05",
        "documents": ["attestation_order_extract", "application", "personal_sheet_certified"]},
}  # fmt: skip


def reservist(source: int, iin: str = IIN, **changes: Any) -> Reservist:
    obj: dict[str, Any] = {"iin": iin, "full_name": "Әбілқайыров Нұрлан", "category": "C-4",
                           "category_group": "C", "category_rank": 4, "consent": True,
                           "qualification_met": True, **BASE[source]}  # fmt: skip
    for k, v in changes.items():
        if "__" in k:
            outer, inner = k.split("__", 1)
            if "__" in inner:
                mid, leaf = inner.split("__")
                obj[outer] = {**obj[outer], mid: {**obj[outer][mid], leaf: v}}
            else:
                obj[outer] = {**obj[outer], inner: v}
        elif v is None:
            obj.pop(k, None)
        else:
            obj[k] = v
    return msgspec.convert(obj, Reservist)


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


class Pair:
    def __init__(self, auth: Session, body: Session, root: Path) -> None:
        self.auth, self.body, self.root = auth, body, root

    def at(self, s: Session, text: str) -> None:
        s.clock.at = dt.datetime.fromisoformat(text + "T10:00:00").replace(tzinfo=TZ)  # type: ignore[attr-defined]


@pytest.fixture
def pair(tmp_path: Path, fast_kdf: KdfParams) -> Iterator[Pair]:
    made = {}
    for role in ("reg2000-authority", "reg2000-body"):
        clock = FixedClock(dt.datetime(2002, 3, 4, 10, tzinfo=TZ))
        made[role] = workstation.create(tmp_path / role / "rezerv.db", role=role, user="admin",
                                        passphrase=PASSPHRASE, kdf=fast_kdf, clock=clock)  # fmt: skip
    auth, body = made["reg2000-authority"], made["reg2000-body"]
    for me, other in ((auth, body), (body, auth)):
        card = tmp_path / f"{other.workstation_role}.card"
        c = transfer.export_identity(other, card)
        transfer.add_peer(me, card, c.fingerprint)
    yield Pair(auth, body, tmp_path)
    auth.close()
    body.close()
