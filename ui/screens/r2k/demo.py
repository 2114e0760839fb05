"""A small Reg-2000 world for screenshots and the GUI tests: an authorised body and a state body
pinned to each other, four citizens (one of each source: two enrolled, one refused, one waiting
for a decision), a list request received, answered and carried back, one reservist placed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from app.clock import FixedClock
from app.domain.reg2000 import (
    CommissionVote,
    Competition,
    Doc,
    RefusalGround,
    Reservist,
    Source,
)  # fmt: skip
from app.security.kdf import KdfParams
from app.services import r2k, transfer, workstation
from app.services import transfer_bundles as tb
from app.transfer import peers

TZ = dt.timezone(dt.timedelta(hours=5))
USER = "admin"
PASSPHRASE = "тау басында ақ қар жатыр 2000"  # noqa: S105 - a throwaway demo workstation
BODY_NAME = "Қаржы министрлігі"
D = dt.date.fromisoformat


def _people() -> list[Reservist]:
    vote = CommissionVote(members=9, present=7, votes_for=5)
    k = Competition(vacancy_ref="№ 12", body=BODY_NAME, qualification_met=True, tests_passed=True,
                    interview_passed=True, vote=vote, protocol_date=D("2002-02-28"),
                    sent_to_authority=D("2002-03-04"))  # fmt: skip
    common: dict[str, Any] = {"category_group": "C", "consent": True, "qualification_met": True,
              "documents_received": D("2002-03-04")}  # fmt: skip
    return [
        Reservist(iin="700101300011", full_name="Әбілқайыров Нұрлан Серікұлы", category="C-4",
                  category_rank=4, source=Source.COMPETITION, competition=k,
                  documents=[Doc.PROTOCOL_EXTRACT, Doc.COMPETITION_FILE, Doc.WRITTEN_CONSENT], **common),
        Reservist(iin="780202400022", full_name="Иванова Анна Петровна", category="C-3", category_rank=3,
                  source=Source.TRAINING, programme_completed=D("2002-01-20"),
                  documents=[Doc.APPLICATION, Doc.PERSONAL_SHEET, Doc.QUESTIONNAIRE, Doc.EDUCATION_COPIES,
                             Doc.EMPLOYMENT_RECORD_COPY, Doc.HEALTH_CERTIFICATE, Doc.TEST_RESULTS,
                             Doc.PHOTOS_3X4], **common),
        Reservist(iin="810303300033", full_name="Сейітқалиұлы Әбілқайыр", category="C-4", category_rank=4,
                  source=Source.ABROAD, returned_on=D("2002-02-01"), left_state_body=True,
                  documents=[Doc.ORDER_EXTRACTS_ABROAD, Doc.APPLICATION], **common),
        Reservist(iin="690404400044", full_name="Жұмабаев Ержан Асқарұлы", category="C-4", category_rank=4,
                  source=Source.TRAINING, programme_completed=D("2002-02-10"),
                  documents=[Doc.APPLICATION, Doc.PERSONAL_SHEET], **common),
    ]  # fmt: skip


def create(root: Path, kdf: KdfParams | None = None) -> dict[str, Path]:
    """The two databases under ``root`` (``authority``, ``body``), user ``admin``."""
    paths = {"authority": root / "r2k-authority" / "rezerv.db", "body": root / "r2k-body" / "rezerv.db"}
    clocks = {k: FixedClock(dt.datetime(2002, 3, 4, 10, tzinfo=TZ)) for k in paths}
    s = {k: workstation.create(p, role=f"reg2000-{k}", user=USER, passphrase=PASSPHRASE, kdf=kdf,
                               clock=clocks[k]) for k, p in paths.items()}  # fmt: skip
    try:
        for me, other in (("authority", "body"), ("body", "authority")):
            card = root / f"r2k-{other}.card"
            c = transfer.export_identity(s[other], card)
            transfer.add_peer(s[me], card, c.fingerprint)
        a, b = s["authority"], s["body"]
        ids = [r2k.submit(a, r) for r in _people()]
        clocks["authority"].at = dt.datetime(2002, 3, 11, 10, tzinfo=TZ)
        r2k.enrol(a, ids[0], D("2002-03-11"))
        r2k.enrol(a, ids[1], D("2002-03-11"))
        r2k.refuse(a, ids[2], D("2002-03-11"), RefusalGround.MISSING_DOCUMENTS)
        clocks["body"].at = dt.datetime(2002, 4, 1, 10, tzinfo=TZ)
        qid = r2k.request_list(b, body_name=BODY_NAME, category="C-4", group="C", rank=4,
                               vacancy="Бас сарапшы", competition=D("2002-05-06"))  # fmt: skip
        to_auth = next(p.id for p in peers.all_peers(b.db.connection()) if p.role == "reg2000-authority")
        sent = r2k.send_request(b, qid, peer_id=to_auth, out=root / "r2k-request.rzv")
        clocks["authority"].at = dt.datetime(2002, 4, 2, 10, tzinfo=TZ)
        tb.import_bundle(a, Path(sent.path))
        (aq,) = r2k.list_requests(a)
        clocks["authority"].at = dt.datetime(2002, 4, 16, 10, tzinfo=TZ)
        r2k.answer(a, aq.id, D("2002-04-16"))
        ans = r2k.send_answer(a, aq.id, out=root / "r2k-answer.rzv")
        clocks["body"].at = dt.datetime(2002, 4, 17, 10, tzinfo=TZ)
        tb.import_bundle(b, Path(ans.path))
        placed = next(v.id for v in r2k.reservists(b) if v.iin == "700101300011")
        r2k.place(b, placed, qid=qid, post="Бас сарапшы", decided=D("2002-04-20"), consent=True,
                  qualification_met=True, own_considered=False)  # fmt: skip
    finally:
        for x in s.values():
            x.close()
    return paths
