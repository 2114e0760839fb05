"""States a Reg-2000 reservist passes through (Decree No. 330 of 2000), and the one table of the
moves between them — the Reg-2000 counterpart of ``app.domain.workflow.TRANSITIONS``.

At the authorised body a citizen's documents are *submitted* (p.19, p.22, p.29, p.32-2); the
authority *enrols* or *refuses* (p.8, p.20, p.24, p.31, p.32-3); an enrolled reservist may be
transferred to a lower category and stays enrolled (p.12-1); a state body *places* the reservist
(p.36) and the authority *excludes* them on a ground of p.39. A state body's workstation holds the
reservists an answer to its list request named (p.34): enrolled there too, then placed or
excluded as the authority reports. Every move goes through ``app.store.r2k.move``: checked here,
written and audited in the same transaction.
"""

from __future__ import annotations

import enum

from app.errors import InvalidInput
from app.i18n import tr


class R2kStatus(enum.StrEnum):
    SUBMITTED = "submitted"  # documents received by the authorised body, no decision yet
    ENROLLED = "enrolled"  # p.8: a reservist from the decision
    REFUSED = "refused"  # p.20 part 2, p.25, p.32, p.32-3
    PLACED = "placed"  # p.36: a state body placed the reservist in a post
    EXCLUDED = "excluded"  # p.39


S = R2kStatus

# The clause that governs each state: named when a move into it is refused.
CLAUSE: dict[R2kStatus, str] = {
    S.SUBMITTED: "Reg-2000 p.7", S.ENROLLED: "Reg-2000 p.8", S.REFUSED: "Reg-2000 p.20 para 2",
    S.PLACED: "Reg-2000 p.36", S.EXCLUDED: "Reg-2000 p.39",
}  # fmt: skip

# the clause's words (``r2k.clause.<key>``: the act cited as ``app.rules.citation`` does)
CLAUSE_KEY = {"Reg-2000 p.7": "p7", "Reg-2000 p.8": "p8", "Reg-2000 p.20 para 2": "p20_2",
              "Reg-2000 p.36": "p36", "Reg-2000 p.39": "p39"}  # fmt: skip

# state -> the states it may move to. Read a row as "from X, a reservist may become ...".
TRANSITIONS: dict[R2kStatus, frozenset[R2kStatus]] = {
    # the authorised body decides on the documents (p.20, p.24, p.31, p.32-3)
    S.SUBMITTED: frozenset({S.ENROLLED, S.REFUSED}),
    # a transfer to a lower category keeps the reservist enrolled (p.12-1); placement (p.36);
    # exclusion on a ground of p.39 (2)-(5)
    S.ENROLLED:  frozenset({S.ENROLLED, S.PLACED, S.EXCLUDED}),
    # the authorised body updates the reserve on the body's report: p.37, p.39(1)
    S.PLACED:    frozenset({S.EXCLUDED}),
    S.REFUSED:   frozenset(),
    S.EXCLUDED:  frozenset(),
}  # fmt: skip


def allowed(old: str, new: str) -> bool:
    try:
        return R2kStatus(new) in TRANSITIONS[R2kStatus(old)]
    except ValueError:
        return False


class R2kMoveForbidden(InvalidInput):
    """A move the table does not list: the state, the state asked for and its clause, in words."""

    def __init__(self, rid: int, old: str, new: str) -> None:
        target = R2kStatus(new) if new in R2kStatus.__members__.values() else None
        clause = CLAUSE[target] if target else "Reg-2000 p.7"
        super().__init__("r2k.move_forbidden", id=rid, state=old, to=new, clause=clause)

    def message(self, lang: str) -> str:
        p = self.params
        return tr(self.key, lang, id=p["id"], state=tr(f"r2k.status.{p['state']}", lang),
                  to=tr(f"r2k.status.{p['to']}", lang),
                  clause=tr(f"r2k.clause.{CLAUSE_KEY[str(p['clause'])]}", lang))  # fmt: skip


def check_move(rid: int, old: str, new: str) -> None:
    if not allowed(old, new):
        raise R2kMoveForbidden(rid, old, new)
