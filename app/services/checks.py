"""Checking dossiers against the workstation's rule set: one, or all with the cached counts. The
rules get each person's membership from the register (term, appointment, override, exclusion) and
the date the materials were sent (p.8(3))."""

from __future__ import annotations

import datetime as dt

import msgspec

from app.rules.base import Finding, Severity
from app.security.roles import GRANTS, Permission, Role
from app.services.workstation import Session
from app.store import reserve_life as life
from app.store import sending
from app.store.nominees import Nominees


class Result(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    findings: list[Finding]

    @property
    def blockers(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.BLOCKER)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.WARNING)


class Summary(msgspec.Struct, frozen=True, kw_only=True):
    ruleset: str
    at: dt.date
    results: list[Result]
    refreshed: bool  # stale cached counts were updated (needs Permission.EDIT)

    @property
    def nominable(self) -> int:
        return sum(1 for r in self.results if r.blockers == 0)


def ruleset_name(s: Session, override: str | None = None) -> str:
    """The rule set asked for, else the workstation's default (meta key 'ruleset')."""
    return s.evaluator(override).name


def check_one(
    s: Session, nid: int, *, at: dt.date | None = None, ruleset: str | None = None
) -> list[Finding]:
    s.require(Permission.READ)
    ev = s.evaluator(ruleset)
    conn = s.db.connection()
    record = Nominees(conn).get(nid, with_photo=True)
    return ev.evaluate(record.dossier, at=at or s.clock.today(), membership=life.membership(conn, nid),
                       sent_on=sending.sent_on(conn, nid))  # fmt: skip


def check_all(s: Session, *, at: dt.date | None = None, ruleset: str | None = None) -> Summary:
    """Check every dossier; refresh stale cached blocker/warning counts when the user may edit
    (one audit row names the rows it changed; nothing is written when none changed)."""
    s.require(Permission.READ)
    ev = s.evaluator(ruleset)
    name = ev.name
    day = at or s.clock.today()
    results: list[Result] = []
    with s.db.reading() as conn:
        nrepo = Nominees(conn)
        with_photo, cached = nrepo.with_photo(), nrepo.cached_findings()
        register = life.memberships(conn)  # the rules read each member's term and grounds
        sent = sending.sent_dates(conn)  # p.8(3) is judged when the materials were sent
        for nid, d in nrepo.iter_dossiers():
            found = ev.evaluate(d, at=day, has_photo=nid in with_photo, membership=register.get(nid),
                                sent_on=sent.get(nid))  # fmt: skip
            results.append(Result(id=nid, findings=found))
    refresh = Permission.EDIT in GRANTS[Role(s.role)]
    stale = [r for r in results if cached.get(r.id) != (r.blockers, r.warnings)]
    if refresh and stale:
        with s.db.unit_of_work(s.user) as uow:
            for r in stale:
                uow.nominees.set_findings(r.id, r.blockers, r.warnings)
            uow.audit("rules.check_all", "nominees", {
                "ruleset": name, "at": day.isoformat(), "checked": len(results),
                "updated": [r.id for r in stale],
            })  # fmt: skip
            uow.commit()
    return Summary(ruleset=name, at=day, results=results, refreshed=refresh and bool(stale))
