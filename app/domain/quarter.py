"""The quarter cycle's own records (Rules-2025 p.10-p.19): dated facts of a quarter, the
Department's review marks and findings, the Head of PA's decisions, the reserve register, the
notices of p.13 and the exclusions of p.18-p.19. Pure types; the store keeps them."""

from __future__ import annotations

import datetime as dt
import enum

import msgspec

from app.domain.workflow import NomineeStatus


class Event(enum.StrEnum):
    """Dated facts of a quarter, per body ('' = the whole quarter at the Department)."""

    SENT = "sent"  # body: the list and materials sent (p.10)
    SUBMITTED_TO_HEAD_PA = "submitted_to_head_pa"  # State Guard Service: own list (p.5, p.6)
    LIST_FORMED = "list_formed"  # Department: recommended list formed (p.11(2))
    AGREED = "agreed"  # Secretary of the Security Council's agreement (p.12)
    APPROVED = "approved"  # the Head of PA decided (p.12)
    EXTRACT_SENT = "extract_sent"  # Department: extract to a body, first heads informed (p.11(3))
    EXTRACT_RECEIVED = "extract_received"  # body: extract received (p.13)


class Mark(enum.StrEnum):
    NONE = ""
    OK = "ok"
    FAIL = "fail"


MARK_ASPECTS = ("accuracy", "completeness", "compliance")  # p.11(1)


class FindingKind(enum.StrEnum):
    DEFICIENCY = "deficiency"  # incomplete or inaccurate materials (p.10, p.11(1))
    REQUEST = "request"  # a request for more information (p.11(1))


class DecisionKind(enum.StrEnum):
    ENROL = "enrol"  # p.12(1)
    REFUSE = "refuse"  # p.12(2)


DECISION_STATUS = {DecisionKind.ENROL: NomineeStatus.ENROLLED,
                   DecisionKind.REFUSE: NomineeStatus.REFUSED}  # fmt: skip


class ExclusionState(enum.StrEnum):
    RAISED = "raised"  # body: recorded, not yet sent
    SUBMITTED = "submitted"  # body: sent to the Department
    RECEIVED = "received"  # Department: received, awaiting the Head of PA's decision
    DECIDED = "decided"


class ExclusionDecision(enum.StrEnum):
    EXCLUDE = "exclude"
    REJECT = "reject"


# Board columns in order: where a nominee's dossier is in the quarter (issue 7).
BOARD_STATES = (
    "draft", "ready", "in_list", "sent", "under_review", "deficiency", "corrected",
    "recommended", "enrolled", "refused", "excluded",
)  # fmt: skip
SENDABLE = (NomineeStatus.DRAFT, NomineeStatus.READY, NomineeStatus.IN_LIST)
REVIEWABLE = (NomineeStatus.RECEIVED, NomineeStatus.UNDER_REVIEW, NomineeStatus.CORRECTED,
              NomineeStatus.DEFICIENCY)  # fmt: skip


def board_state(status: str, blockers: int) -> str:
    """A draft with no blockers shows as ready; a received dossier is under review."""
    if status in (NomineeStatus.DRAFT, NomineeStatus.READY):
        return "ready" if blockers == 0 else "draft"
    if status == NomineeStatus.RECEIVED:
        return "under_review"
    return status


class QuarterEvent(msgspec.Struct, frozen=True, kw_only=True):
    quarter: str
    body: str
    event: str
    day: dt.date
    reference: str = ""


class Marks(msgspec.Struct, frozen=True, kw_only=True):
    accuracy: str = ""
    completeness: str = ""
    compliance: str = ""
    note: str = ""

    @property
    def complete(self) -> bool:
        return all(getattr(self, a) == Mark.OK for a in MARK_ASPECTS)

    @property
    def failed(self) -> bool:
        return any(getattr(self, a) == Mark.FAIL for a in MARK_ASPECTS)


class ReviewFinding(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    nominee_id: int
    kind: str
    clause: str
    field: str
    text: str
    raised: str
    sent: str | None = None
    resolved: str | None = None
    origin_id: int | None = None


class Decision(msgspec.Struct, frozen=True, kw_only=True):
    nominee_id: int
    decision: str
    number: str
    day: dt.date
    sent: str | None = None


class Member(msgspec.Struct, frozen=True, kw_only=True):
    """A line of the reserve register (p.12-p.14, p.18)."""

    nominee_id: int
    iin: str
    name: str
    body: str
    position: str
    enrolled_on: dt.date
    term_ends: dt.date
    decision_number: str
    excluded_on: dt.date | None = None
    ground: str | None = None

    def active(self, at: dt.date) -> bool:
        return self.enrolled_on <= at < self.term_ends and (
            self.excluded_on is None or self.excluded_on > at)  # fmt: skip


class NoticeRow(msgspec.Struct, frozen=True, kw_only=True):
    nominee_id: int
    name: str
    received: dt.date
    due: dt.date
    printed: str | None = None
    document: str = ""
    delivered: dt.date | None = None


class Exclusion(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    nominee_id: int
    iin: str
    name: str
    ground: str
    fact_date: dt.date
    evidence: str
    source: str
    state: str
    submitted: str | None = None
    decision: str | None = None
    decision_number: str = ""
    decision_day: dt.date | None = None
    decision_sent: str | None = None


def ground_number(ground: str) -> int:
    """ "p18_4" -> 4."""
    return int(ground.removeprefix("p18_"))
