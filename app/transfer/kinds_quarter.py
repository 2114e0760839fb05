"""Bundle kinds of the quarter cycle (issue 7): findings (Department -> body, p.11(1)), decision
extracts (Department -> body, p.13), and the nominee states that sending nominations and
corrections implies. Exclusions are in ``kinds_quarter_excl``.

Nominations and corrections keep the transfer work's own handler (``dossiers.DossierHandler``);
this module wraps it so that the export also moves the carried dossiers to *sent* / *corrected*
in the same transaction, and so that re-imported corrections record what changed and close the
findings they answer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Annotated, Any

import msgspec

from app.calendar import Override, OverrideKind, WorkCalendar
from app.domain import quarter as q
from app.domain.workflow import NomineeStatus
from app.errors import InvalidInput
from app.store import quarter_repo as repo
from app.store.connection import Connection
from app.store.database import UnitOfWork
from app.store.nominees import Nominees
from app.transfer import dossiers
from app.transfer.kinds import (
    Carried,
    Change,
    Context,
    Handler,
    Kind,
    Notice,
    Payload,
    Plan,
    Selection,
    decode_index,
    register,
)  # fmt: skip

IIN = Annotated[str, msgspec.Meta(pattern="^[0-9]{12}$")]
Text = Annotated[str, msgspec.Meta(max_length=4000)]
Short = Annotated[str, msgspec.Meta(max_length=200)]
QuarterText = Annotated[str, msgspec.Meta(pattern="^([0-9]{4}Q[1-4])?$")]


def peer_role(conn: Connection, peer_id: str) -> str:
    r = conn.execute("SELECT role FROM transfer_peers WHERE id = ?", (peer_id,)).fetchone()
    return str(r[0]) if r else ""


def calendar_of(conn: Connection) -> WorkCalendar:
    rows = conn.execute("SELECT day, kind, reason, reference FROM calendar_overrides")
    return WorkCalendar([Override(day=dt.date.fromisoformat(d), kind=OverrideKind(k), reason=r,
                                  reference=ref) for d, k, r, ref in rows])  # fmt: skip


def set_status(uow: UnitOfWork, nid: int, status: str, action: str, payload: dict[str, Any]) -> None:
    uow.nominees.set_status(nid, status, now=uow.now)
    uow.audit(action, f"nominee:{nid}", payload | {"status": status})


def _diff(old: Any, new: Any, path: str = "") -> list[str]:
    if isinstance(old, dict) and isinstance(new, dict):
        out: list[str] = []
        for k in sorted(set(old) | set(new)):
            out += _diff(old.get(k), new.get(k), f"{path}.{k}" if path else str(k))
        return out
    return [] if old == new else [path]


def changed_fields(old: Any, new: Any) -> list[str]:
    """Field paths that differ between two dossiers (the photo as ``photo``)."""
    a = msgspec.to_builtins(msgspec.structs.replace(old, photo=None))
    b = msgspec.to_builtins(msgspec.structs.replace(new, photo=None))
    return _diff(a, b) + (["photo"] if old.photo != new.photo else [])


# -- nominations and corrections ---------------------------------------------------------------
class TrackedDossiers:
    """The transfer work's dossier handler plus the nominee states the quarter cycle needs."""

    def __init__(self, inner: Handler) -> None:
        self.inner = inner
        self.kind = inner.kind

    def build(self, conn: Connection, sel: Selection, at: dt.date) -> Payload:
        if self.kind is Kind.CORRECTIONS and sel.nominee_ids:
            self._check_changed(conn, sel)
        payload = self.inner.build(conn, sel, at)
        for c in payload.carried:
            row = conn.execute("SELECT status FROM nominees WHERE id = ?", (c.nominee_id,)).fetchone()
            if self.kind is Kind.NOMINATIONS and row and row[0] in q.SENDABLE:
                conn.execute("UPDATE nominees SET status = ? WHERE id = ?",
                             (NomineeStatus.SENT.value, c.nominee_id))  # fmt: skip
            elif self.kind is Kind.CORRECTIONS:
                conn.execute("UPDATE nominees SET status = ? WHERE id = ?",
                             (NomineeStatus.CORRECTED.value, c.nominee_id))  # fmt: skip
                repo.resolve_open(conn, c.nominee_id, at.isoformat())
        return payload

    @staticmethod
    def _check_changed(conn: Connection, sel: Selection) -> None:
        for nid in sel.nominee_ids:
            r = conn.execute(
                "SELECT n.version, (SELECT max(i.version) FROM transfer_items i JOIN"
                " transfer_bundles b ON b.id = i.bundle_id WHERE b.direction = 'out' AND"
                " b.peer_id = ? AND i.nominee_id = n.id) FROM nominees n WHERE n.id = ?",
                (sel.peer_id, nid),
            ).fetchone()
            if r is not None and r[1] is not None and r[0] <= r[1]:
                raise InvalidInput("quarter.not_corrected", id=nid)

    def prepare(self, ctx: Context, index: bytes, parts: list[bytes]) -> Plan:
        return self.inner.prepare(ctx, index, parts)

    def apply(self, uow: UnitOfWork, ctx: Context, plan: Plan, bundle_id: str) -> list[Carried]:
        if self.kind is not Kind.CORRECTIONS:
            return self.inner.apply(uow, ctx, plan, bundle_id)
        repo_n = Nominees(uow.conn)
        before = {}
        for inc in plan.data:
            nid = repo_n.id_by_iin(inc.dossier.person.iin)
            if nid is not None:
                before[nid] = repo_n.get(nid).dossier
        carried = self.inner.apply(uow, ctx, plan, bundle_id)
        for c in carried:
            new = repo_n.get(c.nominee_id)
            fields = changed_fields(before[c.nominee_id], new.dossier) if c.nominee_id in before else ["*"]
            repo.add_changes(uow.conn, c.nominee_id, bundle_id, fields, uow.now)
            repo.resolve_open(uow.conn, c.nominee_id, uow.now.isoformat(timespec="seconds"))
            set_status(uow, c.nominee_id, NomineeStatus.CORRECTED, "review.corrected",
                       {"bundle": bundle_id, "fields": fields})  # fmt: skip
        return carried


# -- findings ----------------------------------------------------------------------------------
FINDINGS_FORMAT = "rezerv.findings/1"


class FindingEntry(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    iin: IIN
    id: Annotated[int, msgspec.Meta(ge=1)]
    kind: q.FindingKind
    clause: Short = ""
    field: Short = ""
    text: Text
    raised: Short


class FindingsIndex(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    format: str
    quarter: QuarterText
    entries: Annotated[list[FindingEntry], msgspec.Meta(min_length=1, max_length=50_000)]


def _local(conn: Connection, iin: str, plan: Plan) -> int | None:
    nid = Nominees(conn).id_by_iin(iin)
    if nid is None:
        plan.notices.append(Notice(key="quarter.bundle_unknown_nominee", params={"iin": iin}))
    return nid


def _plan_decisions(conn: Connection, entries: Sequence[Any], plan: Plan) -> list[tuple[int, Any]]:
    """Entries carrying one decision per nominee: counted by decision, unknown nominees skipped."""
    todo = []
    for e in entries:
        nid = _local(conn, e.iin, plan)
        if nid is None:
            plan.counts["skip"] += 1
            continue
        plan.counts[e.decision.value] += 1
        plan.changes.append(Change(action=e.decision.value, entity=f"nominee:{e.iin}"))
        todo.append((nid, e))
    return todo


class FindingsHandler:
    kind = Kind.FINDINGS

    def build(self, conn: Connection, sel: Selection, at: dt.date) -> Payload:
        body = peer_role(conn, sel.peer_id)
        found = repo.findings(conn, unsent_for_body=body)
        nrepo = Nominees(conn)
        entries = []
        for f in found:
            rec = nrepo.get(f.nominee_id, with_photo=False)
            if sel.quarter and rec.dossier.nomination.quarter != sel.quarter:
                continue
            if sel.nominee_ids and f.nominee_id not in sel.nominee_ids:
                continue
            entries.append(FindingEntry(
                iin=rec.dossier.person.iin, id=f.id, kind=q.FindingKind(f.kind), clause=f.clause,
                field=f.field, text=f.text, raised=f.raised))  # fmt: skip
        if not entries:
            raise InvalidInput("review.nothing_to_send", quarter=sel.quarter)
        repo.mark_findings(conn, [e.id for e in entries], "sent", at.isoformat())
        idx = FindingsIndex(format=FINDINGS_FORMAT, quarter=sel.quarter, entries=entries)
        return Payload(index=msgspec.json.encode(idx), parts=[])

    def prepare(self, ctx: Context, index: bytes, parts: list[bytes]) -> Plan:
        idx: FindingsIndex = decode_index(index, FindingsIndex)
        if idx.format != FINDINGS_FORMAT or parts:
            raise InvalidInput("bundle.index_invalid", detail=idx.format[:40])
        plan = Plan(kind=self.kind.value, counts={"add": 0, "skip": 0})
        todo = []
        for e in idx.entries:
            nid = _local(ctx.conn, e.iin, plan)
            if nid is None:
                plan.counts["skip"] += 1
                continue
            plan.counts["add"] += 1
            plan.changes.append(Change(action=e.kind.value, entity=f"nominee:{e.iin}", label=e.text[:80]))
            todo.append((nid, e))
        plan.data = todo
        return plan

    def apply(self, uow: UnitOfWork, ctx: Context, plan: Plan, bundle_id: str) -> list[Carried]:
        for nid, e in plan.data:
            new = repo.add_finding(uow.conn, nid, e.kind.value, e.text, clause=e.clause,
                                   field=e.field, raised=e.raised, origin_id=e.id)  # fmt: skip
            if new is None:
                continue
            uow.audit("review.finding_received", f"nominee:{nid}",
                      {"bundle": bundle_id, "kind": e.kind.value, "clause": e.clause})  # fmt: skip
            if e.kind is q.FindingKind.DEFICIENCY:
                set_status(uow, nid, NomineeStatus.DEFICIENCY, "quarter.deficiency", {"bundle": bundle_id})
        return []


# -- decision extracts -------------------------------------------------------------------------
EXTRACT_FORMAT = "rezerv.extract/1"


class ExtractEntry(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    iin: IIN
    decision: q.DecisionKind
    number: Short
    day: dt.date
    position: Text = ""
    term_ends: dt.date | None = None


class ExtractIndex(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    format: str
    quarter: QuarterText
    body: Short
    entries: Annotated[list[ExtractEntry], msgspec.Meta(min_length=1, max_length=50_000)]


class ExtractHandler:
    kind = Kind.DECISION_EXTRACT

    def build(self, conn: Connection, sel: Selection, at: dt.date) -> Payload:
        body = peer_role(conn, sel.peer_id)
        rows = conn.execute(
            "SELECT d.nominee_id, n.iin, d.decision, d.number, d.day, n.quarter FROM decisions d"
            " JOIN nominees n ON n.id = d.nominee_id WHERE d.sent IS NULL AND n.body = ?"
            " AND (? = '' OR n.quarter = ?) ORDER BY n.sort_key", (body, sel.quarter, sel.quarter),
        ).fetchall()  # fmt: skip
        entries = []
        for nid, iin, dec, number, day, _quarter in rows:
            if sel.nominee_ids and nid not in sel.nominee_ids:
                continue
            m = repo.member(conn, nid)
            entries.append(ExtractEntry(iin=iin, decision=q.DecisionKind(dec), number=number,
                                        day=dt.date.fromisoformat(day),
                                        position=m.position if m else "",
                                        term_ends=m.term_ends if m else None))  # fmt: skip
            conn.execute("UPDATE decisions SET sent = ? WHERE nominee_id = ?", (at.isoformat(), nid))
        if not entries:
            raise InvalidInput("decision.nothing_to_send", body=body, quarter=sel.quarter)
        idx = ExtractIndex(format=EXTRACT_FORMAT, quarter=sel.quarter, body=body, entries=entries)
        return Payload(index=msgspec.json.encode(idx), parts=[])

    def prepare(self, ctx: Context, index: bytes, parts: list[bytes]) -> Plan:
        idx: ExtractIndex = decode_index(index, ExtractIndex)
        if idx.format != EXTRACT_FORMAT or parts:
            raise InvalidInput("bundle.index_invalid", detail=idx.format[:40])
        plan = Plan(kind=self.kind.value, counts={"enrol": 0, "refuse": 0, "skip": 0})
        plan.data = (idx, _plan_decisions(ctx.conn, idx.entries, plan))
        return plan

    def apply(self, uow: UnitOfWork, ctx: Context, plan: Plan, bundle_id: str) -> list[Carried]:
        from app.rules.rules_2025 import RULESET

        idx, todo = plan.data
        cal = calendar_of(uow.conn)
        due = RULESET.event_deadlines("extract", ctx.at, cal)[0].due or ctx.at
        nrepo = Nominees(uow.conn)
        for nid, e in todo:
            repo.put_decision(uow.conn, q.Decision(nominee_id=nid, decision=e.decision.value,
                              number=e.number, day=e.day), uow.now, sent=None)  # fmt: skip
            if e.decision is q.DecisionKind.ENROL:
                d = nrepo.get(nid, with_photo=False).dossier
                term = e.term_ends or _plain_term(e.day)
                repo.put_member(uow.conn, nid, body=d.body.value,
                                position=e.position or d.nomination.intended_position,
                                enrolled_on=e.day, term_ends=term, number=e.number)  # fmt: skip
                repo.put_notice(uow.conn, nid, ctx.at, due)
            set_status(uow, nid, q.DECISION_STATUS[e.decision], "decision.received",
                       {"bundle": bundle_id, "number": e.number, "day": e.day.isoformat()})  # fmt: skip
        if idx.quarter:
            repo.put_event(uow.conn, q.QuarterEvent(quarter=idx.quarter, body=idx.body,
                           event=q.Event.EXTRACT_RECEIVED, day=ctx.at, reference=bundle_id),
                           now=uow.now, user=uow.user)  # fmt: skip
        return []


def _plain_term(day: dt.date) -> dt.date:
    from app.rules.rules_2025 import RULESET
    from app.rules.terms import plain_end

    return plain_end(day, RULESET.params.max_term)


register(TrackedDossiers(dossiers.DossierHandler(Kind.NOMINATIONS)))
register(TrackedDossiers(dossiers.DossierHandler(Kind.CORRECTIONS)))
register(FindingsHandler())
register(ExtractHandler())

from app.transfer import kinds_quarter_excl  # noqa: E402, F401 - registers the exclusion kinds
