"""States a nominee passes through, from the body's draft to the reserve and out of it, and the
one table of the moves between them (Rules-2025 p.10-p.20).

Every status change goes through ``app.store.workflow.move``, which checks it against
``TRANSITIONS``, writes it and audits it in the same transaction. A move the table does not list
is refused with ``workflow.move_forbidden`` naming the current state and the clause that governs
the state asked for.
"""

from __future__ import annotations

import enum

from app.errors import InvalidInput
from app.i18n import tr


class NomineeStatus(enum.StrEnum):
    DRAFT = "draft"
    READY = "ready"  # no blockers
    IN_LIST = "in_list"
    SENT = "sent"
    UNDER_REVIEW = "under_review"
    DEFICIENCY = "deficiency"
    CORRECTED = "corrected"
    RECOMMENDED = "recommended"
    ENROLLED = "enrolled"
    REFUSED = "refused"
    EXCLUDED = "excluded"
    RECEIVED = "received"  # Department: imported from a body's package
    # The reserve over its three years: leaving it by appointment or at the end of the term, and
    # a new nomination of the same person (its earlier ones are kept in ``nominations``).
    APPOINTED = "appointed"  # appointed from the reserve to a higher position (p.14)
    TERM_EXPIRED = "term_expired"  # three years passed without appointment (p.14, p.18(5))
    RENOMINATED = "renominated"  # nominated anew for a later quarter (p.14, p.12(2), p.20)


S = NomineeStatus

# The clause that governs each state: named when a move into it is refused.
CLAUSE: dict[NomineeStatus, str] = {
    S.DRAFT: "p10", S.READY: "p10", S.IN_LIST: "p10", S.SENT: "p10", S.RECEIVED: "p10",
    S.UNDER_REVIEW: "p11_1", S.DEFICIENCY: "p11_1", S.CORRECTED: "p11_1",
    S.RECOMMENDED: "p11_2", S.ENROLLED: "p12_1", S.REFUSED: "p12_2", S.EXCLUDED: "p18",
    S.APPOINTED: "p14", S.TERM_EXPIRED: "p14", S.RENOMINATED: "p14",
}  # fmt: skip

# state -> the states it may move to. Read a row as "from X, a nominee may become ...".
TRANSITIONS: dict[NomineeStatus, frozenset[NomineeStatus]] = {
    # the body forms its list and sends it (p.10); the State Guard Service submits its own (p.5, p.6)
    S.DRAFT:        frozenset({S.IN_LIST, S.SENT}),
    S.READY:        frozenset({S.IN_LIST, S.SENT}),
    S.IN_LIST:      frozenset({S.DRAFT, S.SENT}),
    # body: the Department's findings (p.11(1)), corrections sent, the decision received (p.13);
    # State Guard Service: the Head of PA decides on its own list (p.5)
    S.SENT:         frozenset({S.DEFICIENCY, S.CORRECTED, S.ENROLLED, S.REFUSED}),
    # Department: the review of p.11(1) and the recommended list of p.11(2)
    S.RECEIVED:     frozenset({S.UNDER_REVIEW, S.DEFICIENCY, S.CORRECTED, S.RECOMMENDED}),
    S.UNDER_REVIEW: frozenset({S.UNDER_REVIEW, S.DEFICIENCY, S.CORRECTED, S.RECOMMENDED}),
    S.DEFICIENCY:   frozenset({S.DEFICIENCY, S.UNDER_REVIEW, S.CORRECTED, S.RECOMMENDED,
                               S.ENROLLED, S.REFUSED}),
    S.CORRECTED:    frozenset({S.CORRECTED, S.DEFICIENCY, S.UNDER_REVIEW, S.RECOMMENDED,
                               S.ENROLLED, S.REFUSED}),
    # the Head of PA decides on the agreed list (p.12)
    S.RECOMMENDED:  frozenset({S.RECOMMENDED, S.ENROLLED, S.REFUSED}),
    # a member leaves the reserve by exclusion (p.18, p.19), appointment or the end of the term (p.14)
    S.ENROLLED:     frozenset({S.EXCLUDED, S.APPOINTED, S.TERM_EXPIRED}),
    # nominated anew on general grounds (p.14), after a refusal, after exclusion once p.20 allows
    S.REFUSED:      frozenset({S.RENOMINATED}),
    S.TERM_EXPIRED: frozenset({S.RENOMINATED}),
    S.EXCLUDED:     frozenset({S.RENOMINATED}),
    S.APPOINTED:    frozenset(),
    # the new nomination of the same person is a draft of its quarter: listed and sent (p.10); at
    # the Department it is received again from the body's nomination bundle
    S.RENOMINATED:  frozenset({S.IN_LIST, S.SENT, S.RECEIVED}),
}  # fmt: skip


def allowed(old: str, new: str) -> bool:
    try:
        return NomineeStatus(new) in TRANSITIONS[NomineeStatus(old)]
    except ValueError:
        return False


class MoveForbidden(InvalidInput):
    """A move the table does not list: the state, the state asked for and its clause, translated."""

    def __init__(self, nid: int, old: str, new: str) -> None:
        target = NomineeStatus(new) if new in NomineeStatus.__members__.values() else None
        clause = CLAUSE[target] if target else "p10"
        super().__init__("workflow.move_forbidden", id=nid, state=old, to=new, clause=clause)

    def message(self, lang: str) -> str:
        p = self.params
        return tr(self.key, lang, id=p["id"], state=tr(f"status.{p['state']}", lang),
                  to=tr(f"status.{p['to']}", lang), clause=tr(f"workflow.clause.{p['clause']}", lang))


def check_move(nid: int, old: str, new: str) -> None:
    """Refuse a move the table does not list: one line naming the state and the clause."""
    if not allowed(old, new):
        raise MoveForbidden(nid, old, new)
