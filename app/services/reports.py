"""Reports (issue 16): the reserve and the quarters at a glance. Five reports over the register, the
quarter events and the exclusions, each a set of tables and the chart panels drawn from them:

- ``flow``: per quarter and body, nominated -> sent -> with deficiencies -> recommended ->
  enrolled / refused (p.10-p.12), and the refusal share;
- ``timeliness``: each dated step (p.10, p.11(1), p.11(2), p.11(3), p.13) done on time, late (by
  how many working days) or pending;
- ``composition``: the reserve at a date by body, special rank, intended position, age band, sex,
  length of service and training done in the reserve (p.16);
- ``horizon``: members whose term (p.14) ends within 3, 6, 12 months, and appointments from the
  reserve per quarter with the time spent in it;
- ``exclusions``: exclusions per ground of p.18 per quarter.

Figures only, with codes (quarters, bodies, clause codes, grounds); ``report_text`` turns them into
words. A dossier counts in the quarter it is nominated for now (``nominees.quarter``): a person
nominated again later counts in the later quarter only, as ``quarter states`` shows it."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Any

import msgspec

from app.domain import quarter as q
from app.domain.reports import BODIES, KINDS
from app.domain.workflow import NomineeStatus as St
from app.errors import InvalidInput
from app.rules import rulesets
from app.rules.deadlines import parse_quarter, quarter_of
from app.security.roles import Permission
from app.services import calendar as calendar_service
from app.services.checks import ruleset_name
from app.services.workstation import Session
from app.store import reports_repo as repo

MAX_QUARTERS = 40
GROUNDS = tuple(f"p18_{n}" for n in range(1, 9))
STEPS = ("p10", "p11_1", "p11_2", "p11_3", "p13")
STEP_CLAUSE = {"p10": "Rules-2025 p.10", "p11_1": "Rules-2025 p.11(1)", "p11_2": "Rules-2025 p.11(2)",
               "p11_3": "Rules-2025 p.11(3)", "p13": "Rules-2025 p.13"}  # fmt: skip
FLOW = ("nominated", "sent", "deficiencies", "recommended", "enrolled", "refused")
DIMENSIONS = ("body", "rank", "position", "age", "sex", "service", "training")
AGE_BANDS = ((0, 35, "lt35"), (35, 40, "35_39"), (40, 45, "40_44"), (45, 50, "45_49"), (50, 200, "ge50"))
SERVICE_BANDS = ((0, 10, "lt10"), (10, 15, "10_14"), (15, 20, "15_19"), (20, 25, "20_24"), (25, 99, "ge25"))
HORIZON = ((3, "m3"), (6, "m6"), (12, "m12"))
MIN_MONTHS = 3  # p.14: minimum time in the reserve before an appointment

_NOMINATED_OUT = {St.DRAFT, St.READY}
_SENT_OUT = _NOMINATED_OUT | {St.IN_LIST}
# a member excluded, appointed from the reserve or whose term ran out was enrolled first (p.14, p.18)
_ENROLLED = {St.ENROLLED, St.EXCLUDED, St.APPOINTED, St.TERM_EXPIRED}
_RECOMMENDED = {St.RECOMMENDED, St.REFUSED} | _ENROLLED


class Period(msgspec.Struct, frozen=True, kw_only=True):
    first: str  # YYYYQn
    last: str

    @property
    def quarters(self) -> list[str]:
        (y, n), (y2, n2) = parse_quarter(self.first), parse_quarter(self.last)
        out = []
        while (y, n) <= (y2, n2):
            out.append(f"{y}Q{n}")
            y, n = (y + 1, 1) if n == 4 else (y, n + 1)
        return out

    @property
    def start(self) -> dt.date:
        y, n = parse_quarter(self.first)
        return dt.date(y, 3 * n - 2, 1)

    @property
    def end(self) -> dt.date:
        y, n = parse_quarter(self.last)
        after = dt.date(y + 1, 1, 1) if n == 4 else dt.date(y, 3 * n + 1, 1)
        return after - dt.timedelta(days=1)


def period(first: str, last: str) -> Period:
    p = Period(first=first.strip().upper(), last=last.strip().upper())
    found = p.quarters  # checks both quarters
    if not found:
        raise InvalidInput("report.bad_period", first=first, last=last)
    if len(found) > MAX_QUARTERS:
        raise InvalidInput("report.long_period", n=MAX_QUARTERS)
    return p


class Table(msgspec.Struct, frozen=True, kw_only=True):
    name: str  # the section: its title is "report.table.<name>"
    columns: list[str]  # column codes: their headers are "report.col.<code>"
    rows: list[list[Any]]  # codes, counts, ISO dates, shares in [0, 1]; "" in a key column = total


class Panel(msgspec.Struct, frozen=True, kw_only=True):
    """One chart: ``values[series][category]``; categories are values of ``category_col``."""

    name: str  # its title is "report.panel.<name>"
    category_col: str
    categories: list[str]
    series: list[str]  # codes: "report.series.<code>" (or a ground / step code)
    values: list[list[float]]
    stacked: bool = False


class Report(msgspec.Struct, frozen=True, kw_only=True):
    kind: str
    first: str
    last: str
    body: str  # "" all bodies this workstation holds
    at: dt.date  # the date of the composition and the horizon (the period's end, or today)
    tables: list[Table]
    panels: list[Panel]
    totals: dict[str, int]
    notes: list[str] = msgspec.field(default_factory=list)  # translation keys: what the data lacks


def body_for(s: Session, body: str) -> str:
    """A body workstation sees its own body only; the Department may choose one or all."""
    if body and body not in BODIES:
        raise InvalidInput("report.bad_body", body=body)
    return s.body or body


def build(s: Session, kind: str, p: Period, *, body: str = "", at: dt.date | None = None) -> Report:
    s.require(Permission.READ)
    if kind not in KINDS:
        raise InvalidInput("report.bad_kind", kind=kind)
    body = body_for(s, body)
    when = at or min(p.end, s.clock.today())
    fn = {"flow": _flow, "timeliness": _timeliness, "composition": _composition,
          "horizon": _horizon, "exclusions": _exclusions}[kind]  # fmt: skip
    with repo.page_cache(s.db.connection()):
        tables, panels, totals, notes = fn(s, p, body, when)
    return Report(kind=kind, first=p.first, last=p.last, body=body, at=when, tables=tables,
                  panels=panels, totals=totals, notes=notes)  # fmt: skip


_Out = tuple[list[Table], list[Panel], dict[str, int], list[str]]


# -- 1. quarter flow -----------------------------------------------------------------------------
def flow_counts(status: str, n: int) -> dict[str, int]:
    st = St(status) if status in St.__members__.values() else None
    return {"nominated": n if st not in _NOMINATED_OUT else 0, "sent": n if st not in _SENT_OUT else 0,
            "recommended": n if st in _RECOMMENDED else 0, "enrolled": n if st in _ENROLLED else 0,
            "refused": n if st == St.REFUSED else 0}  # fmt: skip


def _share(refused: int, enrolled: int) -> float | None:
    return round(refused / (refused + enrolled), 4) if refused + enrolled else None


def _flow(s: Session, p: Period, body: str, at: dt.date) -> _Out:
    conn = s.db.connection()
    cells: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for qt, b, status, n in repo.status_counts(conn, p.first, p.last, body)[0]:
        cells[(qt, b)].update(flow_counts(status, n))
    for qt, b, n in repo.deficiency_counts(conn, p.first, p.last, body):
        cells[(qt, b)]["deficiencies"] += n
    total: Counter[str] = Counter()
    rows = []
    for qt, b in sorted(cells):
        c = cells[(qt, b)]
        total.update(c)
        rows.append([qt, b, *(c[k] for k in FLOW), _share(c["refused"], c["enrolled"])])
    rows.append(["", "", *(total[k] for k in FLOW), _share(total["refused"], total["enrolled"])])
    table = Table(name="flow", columns=["quarter", "body", *FLOW, "refusal_share"], rows=rows)
    quarters = p.quarters
    per_q = {qt: Counter[str]() for qt in quarters}
    for (qt, _b), c in cells.items():
        per_q[qt].update(c)
    panel = Panel(name="flow", category_col="quarter", categories=quarters, series=list(FLOW),
                  values=[[float(per_q[qt][k]) for qt in quarters] for k in FLOW])  # fmt: skip
    return [table], [panel], {k: total[k] for k in FLOW}, []


# -- 2. timeliness -------------------------------------------------------------------------------
def _lateness(cal: Any, due: dt.date | None, done: dt.date | None) -> tuple[str, int]:
    if done is None or due is None:
        return ("pending" if done is None else "on_time"), 0
    late = cal.workdays_between(due, done) if done > due else 0
    return ("late" if done > due else "on_time"), max(late, 0)


def _timeliness(s: Session, p: Period, body: str, at: dt.date) -> _Out:
    conn = s.db.connection()
    cal = calendar_service.calendar(s)
    ev = {(qt, b, e): d for qt, b, e, d in repo.events(conn, p.first, p.last)}
    dept = s.body is None
    counts, arrived = repo.status_counts(conn, p.first, p.last, body)
    marks = repo.last_marks(conn, p.first, p.last) if dept else {}
    listed = {(qt, b) for qt, b, st, n in counts if flow_counts(st, n)["nominated"]}
    decided: dict[str, set[str]] = defaultdict(set)  # bodies with a decision of the Head of PA
    for qt, b, st, _n in counts:
        if dept and (st in _ENROLLED or st == St.REFUSED):
            decided[qt].add(b)
    notices: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # on time, late, ...
    last_due: dict[tuple[str, str], str] = {}
    for qt, b, n_due, delivered in repo.notices(conn, p.first, p.last, body):
        c = notices[(qt, b)]
        last_due[(qt, b)] = max(last_due.get((qt, b), ""), n_due)
        if delivered is None:
            c[2] += 1
        elif delivered <= n_due:
            c[0] += 1
        else:
            c[1] += 1
            late = cal.workdays_between(dt.date.fromisoformat(n_due), dt.date.fromisoformat(delivered))
            c[3] = max(c[3], late)
    rules = rulesets.get(ruleset_name(s))
    rows: list[list[Any]] = []

    def add(qt: str, step: str, b: str, due: dt.date | None, done: dt.date | None) -> None:
        state, late = _lateness(cal, due, done)
        rows.append([qt, step, b, due.isoformat() if due else None, done.isoformat() if done else None,
                     int(state == "on_time"), int(state == "late"), int(state == "pending"),
                     late])  # fmt: skip

    for qt in p.quarters:
        approved = ev.get((qt, s.body if s.body == "sgs" else "", q.Event.APPROVED))
        received = ev.get((qt, s.body or "", q.Event.EXTRACT_RECEIVED))
        due = {d.step: d.due for d in rules.quarter_deadlines(qt, cal, approved=approved,
                                                               extract_received=received)}
        for b in sorted({b for qq, b in listed if qq == qt}):
            sent = ev.get((qt, b, q.Event.SENT)) or ev.get((qt, b, q.Event.SUBMITTED_TO_HEAD_PA))
            add(qt, "p10", b, due.get("send_list"), sent or arrived.get((qt, b)))
        formed = ev.get((qt, "", q.Event.LIST_FORMED))
        if dept and any(qq == qt for qq, _b in listed):
            add(qt, "p11_1", "department", due.get("check"), (marks.get(qt) or formed) if formed else None)
            add(qt, "p11_2", "department", due.get("form_list"), formed)
        for b in sorted(decided.get(qt, set())):
            add(qt, "p11_3", b, due.get("inform_heads"), ev.get((qt, b, q.Event.EXTRACT_SENT)))
        for (qq, b), (on_time, late, pending, worst) in sorted(notices.items()):
            if qq == qt:
                rows.append([qt, "p13", b, last_due[(qq, b)], None, on_time, late, pending, worst])
    cols = ["quarter", "step", "body", "due", "done_on", "on_time", "late", "pending", "late_workdays"]
    series = ("on_time", "late", "pending")
    per_step = {st: Counter[str]() for st in STEPS}
    for r in rows:
        per_step[r[1]].update({"on_time": r[5], "late": r[6], "pending": r[7]})
    steps = [st for st in STEPS if sum(per_step[st].values())] or list(STEPS)
    panel = Panel(name="timeliness", category_col="step", categories=steps, series=list(series),
                  values=[[float(per_step[st][k]) for st in steps] for k in series],
                  stacked=True)  # fmt: skip
    totals = {k: sum(per_step[st][k] for st in STEPS) for k in series}
    totals["late_workdays"] = sum(r[8] for r in rows)
    notes = ["report.note.dept_steps" if not dept else "report.note.p10_arrival"]
    return [Table(name="timeliness", columns=cols, rows=rows)], [panel], totals, notes


# -- 3. composition ------------------------------------------------------------------------------
def years_before(at: dt.date, years: int) -> dt.date:
    """The same day ``years`` earlier (28 February for a 29th)."""
    try:
        return at.replace(year=at.year - years)
    except ValueError:
        return at.replace(year=at.year - years, day=28)


def _cuts(at: dt.date, bands: tuple[tuple[int, int, str], ...]) -> list[tuple[str, str]]:
    """(the last ISO day giving at least ``lo`` full years at ``at``, band) in band order."""
    return [(years_before(at, lo).isoformat(), code) for lo, _hi, code in bands]


def _band(day: str, cuts: list[tuple[str, str]]) -> str:
    """The band of full years from the ISO ``day`` ('' unknown) to the date of ``cuts``: ISO days
    compare as text, so nothing is parsed per member."""
    if not day or day > cuts[0][0]:
        return "unknown"
    code = cuts[0][1]
    for cut, c in cuts[1:]:
        if day <= cut:
            code = c
    return code


def _composition(s: Session, p: Period, body: str, at: dt.date) -> _Out:
    counts: dict[str, Counter[str]] = {d: Counter() for d in DIMENSIONS}
    total = 0
    day = at.isoformat()
    ages, service = _cuts(at, AGE_BANDS), _cuts(at, SERVICE_BANDS)
    for m in repo.active(s.db.connection(), at, body):
        total += 1
        trained = any(m.enrolled_on <= t <= day for t in m.trained.split(",") if t)
        counts["body"][m.body] += 1
        counts["rank"][m.rank] += 1
        counts["position"][m.position.strip()] += 1
        counts["age"][_band(m.birth, ages)] += 1
        counts["sex"][m.sex] += 1
        counts["service"][_band(m.service_start, service)] += 1
        counts["training"]["done" if trained else "not_done"] += 1
    order = {"age": [c for _, _, c in AGE_BANDS] + ["unknown"],
             "service": [c for _, _, c in SERVICE_BANDS] + ["unknown"],
             "sex": ["M", "F"], "training": ["done", "not_done"], "body": list(BODIES)}  # fmt: skip
    rows: list[list[Any]] = []
    panels: list[Panel] = []
    for d in DIMENSIONS:
        c = counts[d]
        keys = [k for k in order[d] if k in c] if d in order else [k for k, _ in c.most_common()]
        rows += [[d, k, c[k], round(c[k] / total, 4) if total else None] for k in keys]
        if d != "position":
            shown = keys[:8]
            panels.append(Panel(name=d, category_col=d, categories=shown, series=["members"],
                                values=[[float(c[k]) for k in shown]]))  # fmt: skip
    table = Table(name="composition", columns=["dimension", "value", "members", "share"], rows=rows)
    return [table], panels, {"members": total}, ["report.note.training"]


# -- 4. term horizon and appointments ------------------------------------------------------------
def add_months(day: dt.date, months: int) -> dt.date:
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


def _horizon(s: Session, p: Period, body: str, at: dt.date) -> _Out:
    limits = [(add_months(at, n), code) for n, code in HORIZON]
    ends: dict[str, Counter[str]] = defaultdict(Counter)
    appointed: dict[str, list[int]] = defaultdict(list)
    quarters = p.quarters
    conn = s.db.connection()
    for b, ends_on in repo.term_ends(conn, at, body):
        day = dt.date.fromisoformat(ends_on)
        ends[b][next((c for limit, c in limits if day <= limit), "later")] += 1
    # appointments from the reserve as the register records them (p.14; issue 11's
    # reserve_appointments, reported by the bodies to the Department)
    for enrolled_on, appointed_on in repo.appointed(conn, p.start, p.end, body):
        on = dt.date.fromisoformat(appointed_on)
        if quarter_of(on) in quarters:
            appointed[quarter_of(on)].append((on - dt.date.fromisoformat(enrolled_on)).days)
    buckets = [c for _, c in HORIZON] + ["later"]
    rows1: list[list[Any]] = [[b, *(ends[b][c] for c in buckets)] for b in sorted(ends)]
    rows1.append(["", *(sum(ends[b][c] for b in ends) for c in buckets)])
    rows2: list[list[Any]] = []
    for qt in quarters:
        days = appointed.get(qt, [])
        months = [d / 30.4375 for d in days]
        rows2.append([qt, len(days), round(sum(months) / len(months), 1) if months else None,
                      round(min(months), 1) if months else None, round(max(months), 1) if months else None,
                      sum(mo < MIN_MONTHS for mo in months)])  # fmt: skip
    t1 = Table(name="horizon", columns=["body", *buckets], rows=rows1)
    t2 = Table(name="appointments", columns=["quarter", "appointed", "avg_months", "min_months",
                                             "max_months", "under_min"], rows=rows2)  # fmt: skip
    p1 = Panel(name="horizon", category_col="bucket", categories=[c for _, c in HORIZON],
               series=["members"],
               values=[[float(rows1[-1][1 + i]) for i in range(len(HORIZON))]])  # fmt: skip
    p2 = Panel(name="appointments", category_col="quarter", categories=quarters, series=["appointed"],
               values=[[float(r[1]) for r in rows2]])  # fmt: skip
    totals = {c: int(rows1[-1][1 + i]) for i, c in enumerate(buckets)}
    totals["appointed"] = sum(r[1] for r in rows2)
    return [t1, t2], [p1, p2], totals, ["report.note.horizon_cumulative", "report.note.appointments"]


# -- 5. exclusions -------------------------------------------------------------------------------
def _exclusions(s: Session, p: Period, body: str, at: dt.date) -> _Out:
    conn = s.db.connection()
    per: dict[str, Counter[str]] = {qt: Counter() for qt in p.quarters}
    for day, ground, n in repo.excluded(conn, p.start, p.end, body):
        per[quarter_of(dt.date.fromisoformat(day))][ground] += n
    rows: list[list[Any]] = [[qt, *(per[qt][g] for g in GROUNDS), sum(per[qt].values())] for qt in per]
    total = [sum(r[1 + i] for r in rows) for i in range(len(GROUNDS) + 1)]
    rows.append(["", *total])
    pending = dict(repo.pending_exclusions(conn, body))
    rows.append(["pending", *(pending.get(g, 0) for g in GROUNDS), sum(pending.values())])
    table = Table(name="exclusions", columns=["quarter", *GROUNDS, "total"], rows=rows)
    used = [g for g in GROUNDS if any(per[qt][g] for qt in per)] or list(GROUNDS)
    panel = Panel(name="exclusions", category_col="quarter", categories=list(per), series=used,
                  values=[[float(per[qt][g]) for qt in per] for g in used], stacked=True)  # fmt: skip
    totals = {g: total[i] for i, g in enumerate(GROUNDS)} | {"excluded": total[-1],
                                                            "pending": sum(pending.values())}  # fmt: skip
    return [table], [panel], totals, ["report.note.pending"]
