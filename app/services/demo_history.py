"""A synthetic quarter history for demo workstations (``make screenshots``, ``make samples``, the
reports benchmark): every dossier of the workstation is spread over the given quarters with a
plausible fate — still a draft, in the list, sent, found deficient, recommended, enrolled, refused
or enrolled and later excluded — and the quarter events, decisions, register lines, notices,
findings, appointments and exclusions that go with it. Deterministic for a seed; nothing is dated
after today. Written in one transaction with one audit row; never for real data."""

from __future__ import annotations

import datetime as dt
import random

import msgspec

from app.domain import quarter as q
from app.domain.dossier import CareerEvent, CareerEventKind, Dossier
from app.rules.deadlines import parse_quarter
from app.security.roles import Permission
from app.services import calendar as calendar_service
from app.services.workstation import Session
from app.store import history_repo
from app.store import quarter_repo as repo
from app.store import reserve_life as life
from app.store.connection import Connection

FATES = (("draft", 6), ("in_list", 3), ("sent", 6), ("deficiency", 4), ("recommended", 5),
         ("enrolled", 46), ("refused", 18), ("excluded", 12))  # fmt: skip
OPEN_FATES = ("draft", "in_list", "sent", "deficiency")  # a quarter not yet decided
GROUND_WEIGHTS = (("p18_1", 1), ("p18_2", 1), ("p18_3", 3), ("p18_4", 4), ("p18_5", 2), ("p18_6", 3),
                  ("p18_7", 2), ("p18_8", 1))  # fmt: skip


def _pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([k for k, _ in weighted], weights=[w for _, w in weighted])[0]


def _last_month(quarter: str) -> dt.date:
    y, n = parse_quarter(quarter)
    return dt.date(y, 3 * n, 1)


def history(s: Session, quarters: list[str], *, seed: int = 7) -> int:
    """Spread every dossier over ``quarters``; returns how many dossiers were placed."""
    s.require(Permission.EDIT)
    rng = random.Random(seed)
    today = s.clock.today()
    cal = calendar_service.calendar(s)
    conn = s.db.connection()
    people = history_repo.nominees(conn)
    with s.db.unit_of_work(s.user, bulk=True) as uow:
        c, now = uow.conn, uow.now
        placed: list[tuple[str, str, int]] = []
        appointed: dict[int, dt.date] = {}
        bodies: dict[str, set[str]] = {}
        for i, (nid, body) in enumerate(people):
            qt = quarters[i % len(quarters)]
            m = _last_month(qt)
            decided = m.replace(day=rng.randint(20, 28))
            fate = _pick(rng, FATES)
            if decided >= today and fate not in OPEN_FATES:
                fate = rng.choice(OPEN_FATES)
            placed.append((qt, fate, nid))
            bodies.setdefault(qt, set()).add(body)
            if fate == "deficiency" or (fate not in OPEN_FATES[:2] and rng.random() < 0.12):
                repo.add_finding(c, nid, "deficiency", "Неполные сведения о выслуге лет",
                                 clause="Rules-2025 p.10",
                                 raised=now.isoformat(timespec="seconds"))  # fmt: skip
            if fate not in ("enrolled", "refused", "excluded"):
                continue
            decision = "refuse" if fate == "refused" else "enrol"
            repo.put_decision(c, q.Decision(nominee_id=nid, decision=decision, number=f"№ {qt}-{nid}",
                                            day=decided), now)  # fmt: skip
            if fate == "refused":
                continue
            ends = decided.replace(year=decided.year + 3)
            repo.put_member(c, nid, body=body, position="Начальник управления", enrolled_on=decided,
                            term_ends=ends, number=f"№ {qt}-{nid}")  # fmt: skip
            received = decided + dt.timedelta(days=rng.randint(2, 9))
            if received < today:
                due = cal.add_workdays(received, 10)
                delivered = received + dt.timedelta(days=rng.randint(1, 18))
                repo.put_notice(c, nid, received, due)
                if delivered < today:
                    repo.notice_delivered(c, nid, delivered)
            if fate == "excluded":
                out = decided + dt.timedelta(days=rng.randint(40, 700))
                if out < today:
                    repo.exclude_member(c, nid, out, _pick(rng, GROUND_WEIGHTS), f"Р-{nid}")
                else:
                    placed[-1] = (qt, "enrolled", nid)
            elif rng.random() < 0.08:
                # appointed from the reserve after the three months of p.14, recorded in the
                # register as ``reserve appoint`` does (the line ends, ground "appointed")
                when = decided + dt.timedelta(days=rng.randint(92, 900))
                if when < today:
                    appointed[nid] = when
                    life.put_appointment(c, nid, life.Appointment(position="Начальник управления",
                                                                  order_ref=f"№ {nid}-к (демо)", day=when),
                                         now.isoformat(timespec="seconds"))  # fmt: skip
                    placed[-1] = (qt, "appointed", nid)
        history_repo.place(c, placed)
        history_repo.edit_dossiers(c, list(appointed), lambda nid, d: _appoint(d, appointed[nid]))
        for qt in quarters:
            _events(c, qt, sorted(bodies.get(qt, ())), today, rng, now, s.user)
        pending = [nid for qt, fate, nid in placed if fate == "enrolled"][:: 37]
        for nid in pending:
            day = today - dt.timedelta(days=rng.randint(1, 40))
            repo.add_exclusion(c, nid, _pick(rng, GROUND_WEIGHTS), day, "Демо", source="manual",
                               state="submitted", raised=now.isoformat(timespec="seconds"))  # fmt: skip
        uow.audit("demo.history", "workstation", {"dossiers": len(placed), "quarters": quarters})
        uow.commit()
    return len(placed)


def _appoint(d: Dossier, when: dt.date) -> Dossier:
    """Appointed from the reserve to the position it was reserved for (p.14)."""
    event = CareerEvent(kind=CareerEventKind.APPOINTMENT, date=when, reference="Приказ (демо)")
    return msgspec.structs.replace(d, career_events=[*d.career_events, event])


def _events(c: Connection, qt: str, bodies: list[str], today: dt.date, rng: random.Random,
            now: dt.datetime, user: str) -> None:  # fmt: skip
    m = _last_month(qt)
    facts: list[tuple[str, str, dt.date]] = []
    for b in bodies:
        facts.append((b, q.Event.SUBMITTED_TO_HEAD_PA if b == "sgs" else q.Event.SENT,
                      m - dt.timedelta(days=rng.randint(-4, 12))))  # fmt: skip
    facts.append(("", q.Event.LIST_FORMED, m.replace(day=rng.randint(24, 30) if m.month != 2 else 27)))
    approved = m.replace(day=rng.randint(20, 28))
    facts.append(("", q.Event.APPROVED, approved))
    facts += [(b, q.Event.EXTRACT_SENT, approved + dt.timedelta(days=rng.randint(3, 18))) for b in bodies]
    for body, event, day in facts:
        if day < today:
            repo.put_event(c, q.QuarterEvent(quarter=qt, body=body, event=event, day=day), now=now, user=user)
