"""Bench strength (Rules-2025 p.8 part 1: the reserve is formed taking into account the forecast
of current and future need): for each position of the catalogue, the vacancies now and expected
within the horizon, the members ready for it, the nominees of the current quarter and the gap.

A member is *ready* when in the reserve on the day (enrolled, not excluded, not appointed from it,
term not expired) and still in it at the horizon; one whose term ends or who is excluded before
the horizon is *expiring*. Members and nominees are matched to a position by body and title
(folded: case, spacing and script marks do not matter)."""

from __future__ import annotations

import datetime as dt
from functools import cache

from app.domain.positions import Bench, BenchRow, default_horizon
from app.rules.deadlines import quarter_of
from app.security.roles import Permission
from app.services.workstation import Session
from app.store import positions as repo
from app.store.folding import fold

__all__ = ["bench", "default_horizon"]


def bench(s: Session, *, body: str = "", at: dt.date | None = None,
          horizon: dt.date | None = None) -> Bench:  # fmt: skip
    s.require(Permission.READ)
    day = at or s.clock.today()
    until = horizon or default_horizon(day)
    body = body or (s.body or "")
    quarter = quarter_of(day)
    key = cache(fold)
    with s.db.reading() as conn:
        catalogue = repo.positions(conn, body=body)
        needs = repo.need_counts(conn, day, until)
        terms = repo.member_terms(conn, body=body)
        board = repo.quarter_intended(conn, quarter, body=body)
    ready: dict[tuple[str, str], int] = {}
    expiring: dict[tuple[str, str], int] = {}
    d_iso, h_iso = day.isoformat(), until.isoformat()
    for b, position, enrolled, ends, excluded in terms:  # ISO dates compare as text
        if enrolled > d_iso or ends <= d_iso or (excluded is not None and excluded <= d_iso):
            continue  # not in the reserve on the day
        k = (b, key(position))
        if ends > h_iso and (excluded is None or excluded > h_iso):
            ready[k] = ready.get(k, 0) + 1
        else:
            expiring[k] = expiring.get(k, 0) + 1
    nominees: dict[tuple[str, str], int] = {}
    for _, b, title in board:
        k = (b, key(title))
        nominees[k] = nominees.get(k, 0) + 1
    rows = []
    for p in catalogue:
        k = (p.body, key(p.title))
        now, expected = needs.get(p.id, (0, 0))
        r, need = ready.get(k, 0), now + expected
        rows.append(BenchRow(position_id=p.id, title=p.title, body=p.body, decree_290=p.decree_290,
                             vacant_now=now, vacant_expected=expected, ready=r,
                             expiring=expiring.get(k, 0), nominees=nominees.get(k, 0),
                             gap=max(0, need - r), flagged=need > 0 and r == 0))  # fmt: skip
    return Bench(at=day, horizon=until, quarter=quarter, rows=rows)
