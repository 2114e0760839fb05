"""What the printing service reads before it lays out a paper: the nominees' records (with the
photo where the kind prints it), the Head of PA's decision a notice cites, the recorded
exclusion an exclusion paper states, the training of p.16 a service reference lists, and the
quarter's agreement and approval dates a list carries. Reading only; ``app.services.printing``
turns these into documents."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import msgspec

from app.documents import document_log
from app.documents import model as m
from app.domain import quarter as q
from app.domain.dossier import NomineeRecord
from app.errors import NotFound
from app.store import quarter_repo as repo
from app.store import reserve_life as life
from app.store.connection import Connection
from app.store.nominees import Filters, Nominees

PAGE = 500


class Loaded(msgspec.Struct, frozen=True, kw_only=True):
    """One nominee as printed: the record, its source (for the fingerprint) and, where the
    quarter cycle recorded them, the decision and the latest exclusion."""

    record: NomineeRecord
    source: m.Source | None
    decision: q.Decision | None = None
    exclusion: q.Exclusion | None = None
    enrolled_on: dt.date | None = None
    # courses at the Law Enforcement Academy recorded while in the reserve (p.16)
    training: tuple[life.Training, ...] = ()


class ListDates(msgspec.Struct, frozen=True, kw_only=True):
    agreed_on: dt.date | None = None
    approved_on: dt.date | None = None
    approval_ref: str = ""


def ids(conn: Connection, *, quarter: str = "", body: str = "") -> list[int]:
    """Every nominee of a quarter (and body), in name order."""
    repo_ = Nominees(conn)
    f = Filters(quarter=quarter, body=body)
    out: list[int] = []
    while True:
        window = repo_.rows(f, sort="name", offset=len(out), limit=PAGE)
        out += [r.id for r in window]
        if len(window) < PAGE:
            return out


def load(conn: Connection, nid: int, *, photo: bool, exclusion: int | None = None) -> Loaded:
    rec = Nominees(conn).get(nid, with_photo=photo)
    found = repo.exclusions(conn, xid=exclusion) if exclusion is not None else \
        repo.exclusions(conn, nid=nid)  # fmt: skip
    if exclusion is not None and not found:
        raise NotFound("exclusion.not_found", id=exclusion)
    member = repo.member(conn, nid)
    return Loaded(
        record=rec, source=document_log.nominee_source(conn, nid), decision=repo.decision(conn, nid),
        exclusion=max(found, key=lambda x: x.id) if found else None,
        enrolled_on=member.enrolled_on if member else None,
        training=tuple(life.training(conn, nid)),
    )  # fmt: skip


def load_many(conn: Connection, nids: Sequence[int], *, photo: bool) -> list[Loaded]:
    if not nids:
        raise NotFound("pdf.no_nominees")
    return [load(conn, i, photo=photo) for i in nids]


def list_dates(conn: Connection, quarter: str, body: str = "") -> ListDates:
    """The Secretary's agreement (p.11(2)) and the Head of PA's approval (p.12) of a quarter."""
    if not quarter:
        return ListDates()
    agreed = repo.event(conn, quarter, q.Event.AGREED)
    approved = repo.event(conn, quarter, q.Event.APPROVED, body) or (
        repo.event(conn, quarter, q.Event.APPROVED) if body else None)  # fmt: skip
    return ListDates(
        agreed_on=agreed.day if agreed else None, approved_on=approved.day if approved else None,
        approval_ref=approved.reference if approved else "",
    )  # fmt: skip
