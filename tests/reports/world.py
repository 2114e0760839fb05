"""A scripted multi-quarter world on a Department workstation: eighteen people nominated over
2023-2025 in three bodies, with the Department's findings, the Head of PA's decisions, the reserve
register, the notices of p.13, the quarter events, appointments from the reserve and exclusions.

Written through the store (the same repository calls the services use), each fact at the day it
happened, so every figure of every report can be worked out by hand from ``PEOPLE``."""

from __future__ import annotations

import datetime as dt

import msgspec

from app.domain import quarter as q
from app.domain.dossier import Body, Nomination, Sex, Training
from app.domain.iin import make_iin
from app.services import nominees
from app.services.workstation import Session
from app.store import quarter_repo as repo
from app.store import reserve_life as life
from tests.factories import make_dossier

D = dt.date.fromisoformat


class P(msgspec.Struct, frozen=True, kw_only=True):
    n: int
    body: str
    quarter: str
    status: str
    arrived: str = "2025-05-20"  # the day the dossier was recorded here
    deficiency: bool = False
    decision: str = ""  # enrol | refuse
    decided: str = ""  # the decision's day = enrolment
    term_ends: str = ""
    excluded: str = ""
    ground: str = ""
    appointed: str = ""  # appointed from the reserve on this day (the register, p.14)
    override: str = ""  # the Head of PA allowed it before three months (p.14 part 2), this day
    birth: str = "1982-05-17"
    sex: str = "M"
    rank: str = "полковник"
    service_start: str = "2004-08-01"
    trained: str = ""  # a training completed on this day
    notice_due: str = ""
    notice_delivered: str = ""


PEOPLE = [
    # 2025Q2
    P(n=1, body="knb", quarter="2025Q2", status="enrolled", decision="enrol", decided="2025-06-20",
      term_ends="2028-06-20", trained="2025-10-01", notice_due="2025-07-04", notice_delivered="2025-07-01"),
    P(n=2, body="knb", quarter="2025Q2", status="excluded", decision="enrol", decided="2025-06-20",
      term_ends="2028-06-20", excluded="2025-11-05", ground="p18_4", notice_due="2025-07-04",
      notice_delivered="2025-07-09"),
    P(n=3, body="knb", quarter="2025Q2", status="refused", decision="refuse", decided="2025-06-20"),
    P(n=4, body="syrbar", quarter="2025Q2", status="enrolled", deficiency=True, decision="enrol",
      decided="2025-06-20", term_ends="2028-06-20", birth="1992-03-03", sex="F", rank="майор",
      service_start="2014-09-01", notice_due="2025-07-04"),
    P(n=5, body="syrbar", quarter="2025Q2", status="draft"),
    # 2025Q3
    P(n=6, body="knb", quarter="2025Q3", status="appointed", arrived="2025-08-20", decision="enrol",
      decided="2025-09-25", term_ends="2028-09-25", appointed="2025-11-20", override="2025-11-10",
      birth="1975-01-10",
      service_start="1996-08-01"),
    P(n=7, body="knb", quarter="2025Q3", status="refused", arrived="2025-08-20", deficiency=True,
      decision="refuse", decided="2025-09-25"),
    P(n=8, body="syrbar", quarter="2025Q3", status="recommended", arrived="2025-09-02"),
    P(n=9, body="sgs", quarter="2025Q3", status="excluded", arrived="2025-08-20", decision="enrol",
      decided="2025-09-28", term_ends="2028-09-28", excluded="2025-12-10", ground="p18_3"),
    P(n=10, body="knb", quarter="2025Q3", status="in_list", arrived="2025-08-20"),
    # 2025Q4
    P(n=11, body="knb", quarter="2025Q4", status="sent", arrived="2025-11-20"),
    P(n=12, body="knb", quarter="2025Q4", status="deficiency", arrived="2025-11-20", deficiency=True),
    P(n=13, body="syrbar", quarter="2025Q4", status="enrolled", arrived="2025-11-25", decision="enrol",
      decided="2025-12-25", term_ends="2028-12-25", birth="1990-02-02", service_start="2012-08-01"),
    P(n=14, body="syrbar", quarter="2025Q4", status="refused", arrived="2025-11-25", decision="refuse",
      decided="2025-12-25"),
    # earlier members still in the register
    P(n=15, body="knb", quarter="2023Q1", status="enrolled", arrived="2023-02-10", decision="enrol",
      decided="2023-03-01", term_ends="2026-03-01", rank="подполковник"),
    P(n=16, body="knb", quarter="2024Q1", status="appointed", arrived="2024-02-10", decision="enrol",
      decided="2024-03-20", term_ends="2027-03-20", appointed="2025-05-10", birth="1970-07-07",
      service_start="1992-08-01"),
    P(n=17, body="sgs", quarter="2023Q2", status="enrolled", arrived="2023-05-10", decision="enrol",
      decided="2023-06-25", term_ends="2026-06-25"),
    P(n=18, body="syrbar", quarter="2023Q4", status="enrolled", arrived="2023-11-10", decision="enrol",
      decided="2023-10-01", term_ends="2026-10-01", birth="1995-12-12", sex="F", rank="капитан",
      service_start="2017-08-01", trained="2024-05-01"),
]  # fmt: skip

# (quarter, body, event, day): what was recorded of each quarter's dated steps
EVENTS = [
    ("2025Q2", "knb", q.Event.SENT, "2025-05-20"),
    ("2025Q2", "syrbar", q.Event.SENT, "2025-06-03"),  # after the p.10 deadline
    ("2025Q2", "", q.Event.LIST_FORMED, "2025-06-25"),
    ("2025Q2", "", q.Event.APPROVED, "2025-06-20"),
    ("2025Q2", "knb", q.Event.EXTRACT_SENT, "2025-06-27"),
    ("2025Q3", "", q.Event.LIST_FORMED, "2025-10-03"),  # by 30 September: three working days late
    ("2025Q3", "", q.Event.APPROVED, "2025-09-25"),
]
MARKS = {"2025Q2": "2025-06-10T12:00:00", "2025Q3": "2025-09-12T12:00:00"}
PENDING = (1, "p18_6", "2025-12-20")  # an exclusion raised, not yet decided


def dossier(p: P):
    d = make_dossier(p.n, with_photo=False)
    birth = D(p.birth)
    person = msgspec.structs.replace(d.person, birth_date=birth, sex=Sex(p.sex),
                                     iin=make_iin(birth, p.sex, p.n * 10))  # fmt: skip
    training = [Training(title="Переподготовка", institution="Академия правоохранительных органов",
                         completed=D(p.trained))] if p.trained else []  # fmt: skip
    arrived = D(p.arrived)  # the papers are dated before they arrive (no fact in the future)
    nomination = msgspec.structs.replace(d.nomination, quarter=p.quarter, submission_date=arrived,
                                         intended_position=f"Начальник управления {p.n % 3 + 1}")  # fmt: skip
    assert d.attestation is not None and d.vetting is not None
    d = msgspec.structs.replace(
        d, attestation=msgspec.structs.replace(d.attestation, date=arrived - dt.timedelta(days=60)),
        vetting=msgspec.structs.replace(d.vetting, date=arrived - dt.timedelta(days=30)),
        indicators=[msgspec.structs.replace(i, year=arrived.year - k) for k, i in enumerate(d.indicators, 1)],
    )  # fmt: skip
    assert isinstance(nomination, Nomination)
    return msgspec.structs.replace(d, person=person, body=Body(p.body), rank=p.rank,
                                   service_start=D(p.service_start), training=training,
                                   nomination=nomination)  # fmt: skip


def build(s: Session, clock) -> dict[int, int]:  # noqa: ANN001 - FixedClock
    """The world on ``s`` (a Department workstation); returns person number -> nominee id."""
    ids: dict[int, int] = {}
    tz = clock.at.tzinfo
    for p in PEOPLE:
        # the dossier arrives without the facts dated after its arrival (no fact may lie in the
        # future); training is recorded later, as it happens
        clock.at = dt.datetime.fromisoformat(p.arrived + "T10:00:00").replace(tzinfo=tz)
        full = dossier(p)
        ids[p.n] = nominees.add(s, msgspec.structs.replace(full, training=[]))
    clock.at = dt.datetime(2026, 2, 10, 10, 0, tzinfo=tz)
    for p in PEOPLE:
        if p.trained:
            nominees.update(s, ids[p.n], dossier(p))
    with s.db.unit_of_work(s.user) as uow:
        c, now = uow.conn, uow.now
        for p in PEOPLE:
            nid = ids[p.n]
            # the world jumps straight to each person's state: written, not moved through the table
            uow.nominees._write_status(nid, p.status, now=now)
            if p.deficiency:
                repo.add_finding(c, nid, "deficiency", "Нет сведений о спецпроверке",
                                 clause="Rules-2025 p.10(3)", raised=now.isoformat())  # fmt: skip
            if p.decision:
                repo.put_decision(c, q.Decision(nominee_id=nid, decision=p.decision, number=f"№ {p.n}",
                                                day=D(p.decided)), now)  # fmt: skip
            if p.decision == "enrol":
                repo.put_member(c, nid, body=p.body, position=f"Начальник управления {p.n % 3 + 1}",
                                enrolled_on=D(p.decided), term_ends=D(p.term_ends),
                                number=f"№ {p.n}")  # fmt: skip
            if p.override:
                life.put_override(c, nid, life.Override(authority="head_pa", number=f"О-{p.n}",
                                                        day=D(p.override)), now.isoformat())  # fmt: skip
            if p.appointed:  # as reserve_life.appoint records it: the line ends, ground "appointed"
                life.put_appointment(c, nid, life.Appointment(position=f"Департамент {p.n}",
                                                              order_ref=f"№ {p.n}-к", day=D(p.appointed)),
                                     now.isoformat())  # fmt: skip
            if p.excluded:
                repo.exclude_member(c, nid, D(p.excluded), p.ground, f"Р-{p.n}")
            if p.notice_due:
                repo.put_notice(c, nid, D(p.decided), D(p.notice_due))
                if p.notice_delivered:
                    repo.notice_delivered(c, nid, D(p.notice_delivered))
            if p.quarter in MARKS and p.status not in ("draft", "in_list"):
                c.execute("INSERT INTO review_marks (nominee_id, accuracy, completeness, compliance,"
                          " updated, user) VALUES (?, 'ok', 'ok', 'ok', ?, 'admin')",
                          (nid, MARKS[p.quarter]))  # fmt: skip
        for qt, body, event, day in EVENTS:
            repo.put_event(c, q.QuarterEvent(quarter=qt, body=body, event=event, day=D(day)), now=now,
                           user=s.user)  # fmt: skip
        n, ground, day = PENDING
        repo.add_exclusion(c, ids[n], ground, D(day), "Приказ об увольнении", source="manual",
                           state="submitted", raised=now.isoformat())  # fmt: skip
        uow.audit("test.world", "world", {})
        uow.commit()
    return ids
