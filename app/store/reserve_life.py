"""SQL of a member's life after enrolment (Rules-2025 p.14, p.16, p.17, p.20): earlier nominations
kept on re-nomination, appointments, overrides of the three-month minimum, training, acting
duties. The services own every change and audit it in the same transaction."""

from __future__ import annotations

import datetime as dt

import msgspec

from app.domain.reserve import ExclusionGround, MinTermOverride, OverrideAuthority, ReserveMembership
from app.store.connection import Connection

TERM_EXPIRED = "term_expired"  # reserve_members.ground of a membership whose term ran out (p.14)


def _d(v: str | None) -> dt.date | None:
    return None if v is None else dt.date.fromisoformat(v)


class Nomination(msgspec.Struct, frozen=True, kw_only=True):
    """An earlier nomination of the person, closed when they were nominated anew."""

    quarter: str
    outcome: str
    decision: str = ""
    decision_number: str = ""
    decision_day: dt.date | None = None
    enrolled_on: dt.date | None = None
    term_ends: dt.date | None = None
    left_on: dt.date | None = None
    ground: str = ""
    version: int
    closed: str


class Appointment(msgspec.Struct, frozen=True, kw_only=True):
    position: str
    order_ref: str
    day: dt.date


class Override(msgspec.Struct, frozen=True, kw_only=True):
    authority: str  # president | head_pa
    number: str
    day: dt.date


class Training(msgspec.Struct, frozen=True, kw_only=True):
    course: str
    day_from: dt.date
    day_to: dt.date
    hours: int | None = None
    certificate: str = ""


class Acting(msgspec.Struct, frozen=True, kw_only=True):
    order_ref: str
    day_from: dt.date
    day_to: dt.date | None = None


# -- earlier nominations -----------------------------------------------------------------------
def close_nomination(conn: Connection, nid: int, n: Nomination) -> None:
    conn.execute(
        "INSERT INTO nominations (nominee_id, quarter, outcome, decision, decision_number,"
        " decision_day, enrolled_on, term_ends, left_on, ground, version, closed)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (nid, n.quarter, n.outcome, n.decision, n.decision_number, _iso(n.decision_day),
         _iso(n.enrolled_on), _iso(n.term_ends), _iso(n.left_on), n.ground, n.version, n.closed),
    )  # fmt: skip
    # the register keeps the earlier membership, ended: an exclusion or appointment has ended it
    # already; a term that ran out is ended here with its own reason, the day after the last day
    if n.outcome == "term_expired" and n.left_on is not None:
        conn.execute("UPDATE reserve_members SET excluded_on = ?, ground = ? WHERE nominee_id = ?"
                     " AND excluded_on IS NULL", (n.left_on.isoformat(), TERM_EXPIRED, nid))  # fmt: skip
    # the new nomination starts clean: the previous cycle's other rows live on in ``nominations``
    for table in ("decisions", "notices", "review_marks", "reserve_appointments",
                  "reserve_overrides"):  # fmt: skip
        conn.execute(f"DELETE FROM {table} WHERE nominee_id = ?", (nid,))  # noqa: S608 - fixed names


def _iso(v: dt.date | None) -> str | None:
    return None if v is None else v.isoformat()


def nominations(conn: Connection, nid: int) -> list[Nomination]:
    rows = conn.execute(
        "SELECT quarter, outcome, decision, decision_number, decision_day, enrolled_on, term_ends,"
        " left_on, ground, version, closed FROM nominations WHERE nominee_id = ? ORDER BY id",
        (nid,),
    )  # fmt: skip
    return [Nomination(quarter=r[0], outcome=r[1], decision=r[2], decision_number=r[3],
                       decision_day=_d(r[4]), enrolled_on=_d(r[5]), term_ends=_d(r[6]),
                       left_on=_d(r[7]), ground=r[8], version=r[9], closed=r[10])
            for r in rows]  # fmt: skip


# -- appointment and override ------------------------------------------------------------------
def put_appointment(conn: Connection, nid: int, a: Appointment, now: str) -> None:
    conn.execute("INSERT INTO reserve_appointments (nominee_id, position, order_ref, day, recorded)"
                 " VALUES (?, ?, ?, ?, ?)", (nid, a.position, a.order_ref, a.day.isoformat(), now))
    conn.execute("UPDATE reserve_members SET excluded_on = ?, ground = 'appointed',"
                 " exclusion_ref = ? WHERE nominee_id = ?", (a.day.isoformat(), a.order_ref, nid))


def appointment(conn: Connection, nid: int) -> Appointment | None:
    r = conn.execute("SELECT position, order_ref, day FROM reserve_appointments WHERE nominee_id = ?",
                     (nid,)).fetchone()  # fmt: skip
    return None if r is None else Appointment(position=r[0], order_ref=r[1], day=dt.date.fromisoformat(r[2]))


def unsent_appointments(conn: Connection, *, body: str) -> list[tuple[int, str, Appointment]]:
    """(nominee id, IIN, appointment) of the body's appointments not yet reported."""
    rows = conn.execute(
        "SELECT a.nominee_id, n.iin, a.position, a.order_ref, a.day FROM reserve_appointments a"
        " JOIN nominees n ON n.id = a.nominee_id WHERE a.sent IS NULL AND n.body = ?"
        " ORDER BY a.day, a.nominee_id", (body,))  # fmt: skip
    return [(int(r[0]), str(r[1]),
             Appointment(position=r[2], order_ref=r[3], day=dt.date.fromisoformat(r[4])))
            for r in rows]  # fmt: skip


def appointment_sent(conn: Connection, nid: int, day: dt.date) -> None:
    conn.execute("UPDATE reserve_appointments SET sent = ? WHERE nominee_id = ?", (day.isoformat(), nid))


def put_override(conn: Connection, nid: int, o: Override, now: str) -> None:
    conn.execute("INSERT INTO reserve_overrides (nominee_id, authority, number, day, recorded)"
                 " VALUES (?, ?, ?, ?, ?) ON CONFLICT (nominee_id) DO UPDATE SET"
                 " authority = excluded.authority, number = excluded.number, day = excluded.day,"
                 " recorded = excluded.recorded",
                 (nid, o.authority, o.number, o.day.isoformat(), now))  # fmt: skip


def override(conn: Connection, nid: int) -> Override | None:
    r = conn.execute("SELECT authority, number, day FROM reserve_overrides WHERE nominee_id = ?",
                     (nid,)).fetchone()  # fmt: skip
    return None if r is None else Override(authority=r[0], number=r[1], day=dt.date.fromisoformat(r[2]))


# -- training and acting duties ----------------------------------------------------------------
def add_training(conn: Connection, nid: int, t: Training, now: str) -> int:
    cur = conn.execute(
        "INSERT INTO reserve_training (nominee_id, course, day_from, day_to, hours, certificate,"
        " recorded) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (nid, t.course, t.day_from.isoformat(), t.day_to.isoformat(), t.hours, t.certificate, now),
    )  # fmt: skip
    return int(cur.lastrowid or 0)


def training(conn: Connection, nid: int) -> list[Training]:
    rows = conn.execute("SELECT course, day_from, day_to, hours, certificate FROM reserve_training"
                        " WHERE nominee_id = ? ORDER BY day_from, id", (nid,))  # fmt: skip
    return [Training(course=r[0], day_from=dt.date.fromisoformat(r[1]),
                     day_to=dt.date.fromisoformat(r[2]), hours=r[3], certificate=r[4])
            for r in rows]  # fmt: skip


def trained_ids(conn: Connection) -> set[int]:
    return {int(r[0]) for r in conn.execute("SELECT DISTINCT nominee_id FROM reserve_training")}


def add_acting(conn: Connection, nid: int, a: Acting, now: str) -> int:
    cur = conn.execute(
        "INSERT INTO reserve_acting (nominee_id, order_ref, day_from, day_to, recorded)"
        " VALUES (?, ?, ?, ?, ?)", (nid, a.order_ref, a.day_from.isoformat(), _iso(a.day_to), now))
    return int(cur.lastrowid or 0)


def acting(conn: Connection, nid: int) -> list[Acting]:
    rows = conn.execute("SELECT order_ref, day_from, day_to FROM reserve_acting"
                        " WHERE nominee_id = ? ORDER BY day_from, id", (nid,))  # fmt: skip
    return [Acting(order_ref=r[0], day_from=dt.date.fromisoformat(r[1]), day_to=_d(r[2]))
            for r in rows]  # fmt: skip



# -- the training plan per quarter (p.16) ----------------------------------------------------------
class PlanRow(msgspec.Struct, frozen=True, kw_only=True):
    """A planned course: the member, the quarter, the course, and the courses of p.16 recorded
    for the member that start within the quarter (``done_from``: the first one's start)."""

    id: int
    nominee_id: int
    name: str
    body: str
    quarter: str
    course: str
    done_from: dt.date | None = None


def add_plan(conn: Connection, nid: int, quarter: str, course: str, now: str) -> int | None:
    """The new plan row's id; ``None`` when the member is already planned for that course then."""
    cur = conn.execute("INSERT INTO reserve_training_plan (nominee_id, quarter, course, recorded)"
                       " VALUES (?, ?, ?, ?) ON CONFLICT (nominee_id, quarter, course) DO NOTHING",
                       (nid, quarter, course, now))  # fmt: skip
    return int(cur.lastrowid or 0) if cur.rowcount > 0 else None


def plan_row(conn: Connection, plan_id: int) -> tuple[int, str, str] | None:
    """(nominee id, quarter, course) of one plan row."""
    r = conn.execute("SELECT nominee_id, quarter, course FROM reserve_training_plan WHERE id = ?",
                     (plan_id,)).fetchone()  # fmt: skip
    return None if r is None else (int(r[0]), str(r[1]), str(r[2]))


def remove_plan(conn: Connection, plan_id: int) -> None:
    conn.execute("DELETE FROM reserve_training_plan WHERE id = ?", (plan_id,))


def plan(conn: Connection, quarter: str, start: dt.date, end: dt.date, *, body: str = "") -> list[PlanRow]:
    """The quarter's plan (of ``body``), each row with the first course recorded for the member
    that starts within [start, end]."""
    rows = conn.execute(
        "SELECT p.id, p.nominee_id, n.surname || ' ' || n.given_name || ' ' || n.patronymic, n.body,"
        " p.quarter, p.course, (SELECT min(t.day_from) FROM reserve_training t"
        " WHERE t.nominee_id = p.nominee_id AND t.day_from BETWEEN ? AND ?)"
        " FROM reserve_training_plan p JOIN nominees n ON n.id = p.nominee_id"
        " WHERE p.quarter = ? AND (? = '' OR n.body = ?) ORDER BY n.sort_key, p.id",
        (start.isoformat(), end.isoformat(), quarter, body, body))  # fmt: skip
    return [PlanRow(id=r[0], nominee_id=r[1], name=str(r[2]).strip(), body=r[3], quarter=r[4],
                    course=r[5], done_from=_d(r[6])) for r in rows]  # fmt: skip


_MS_SQL = (
    "SELECT m.nominee_id, m.enrolled_on, m.term_ends, m.excluded_on, m.ground, a.day, o.authority,"
    " o.number, o.day FROM reserve_members m"
    " LEFT JOIN reserve_appointments a ON a.nominee_id = m.nominee_id"
    " LEFT JOIN reserve_overrides o ON o.nominee_id = m.nominee_id"
)
_AUTHORITY = {"president": OverrideAuthority.PRESIDENT, "head_pa": OverrideAuthority.HEAD_OF_PA}
_GROUNDS = frozenset(g.value for g in ExclusionGround)


def _membership(r: tuple[object, ...]) -> ReserveMembership:
    # a term that ran out ends the membership as p.18(5) reads it
    ground = ExclusionGround.TERM_EXPIRED if r[4] == TERM_EXPIRED else \
        ExclusionGround(r[4]) if r[4] in _GROUNDS else None  # fmt: skip
    override = None
    if r[6] is not None:
        override = MinTermOverride(authority=_AUTHORITY[str(r[6])], reference=str(r[7]),
                                   date=dt.date.fromisoformat(str(r[8])))  # fmt: skip
    return ReserveMembership(
        enrolled_on=dt.date.fromisoformat(str(r[1])), term_ends=dt.date.fromisoformat(str(r[2])),
        appointed_on=_d(r[5]),  # type: ignore[arg-type]
        min_term_override=override, excluded_on=_d(r[3]) if ground else None,  # type: ignore[arg-type]
        ground=ground,
    )  # fmt: skip


def membership(conn: Connection, nid: int) -> ReserveMembership | None:
    """The register's facts about one nominee as the rules read them (p.14, p.18, p.20)."""
    r = conn.execute(_MS_SQL + " WHERE m.nominee_id = ?", (nid,)).fetchone()
    return None if r is None else _membership(tuple(r))


def memberships(conn: Connection) -> dict[int, ReserveMembership]:
    """Every membership in the register, by nominee id (one query, for checking them all)."""
    return {int(r[0]): _membership(tuple(r)) for r in conn.execute(_MS_SQL)}
