"""The interface every rule set implements, and the finding it produces.

A finding cites its clause ("Rules-2025 p.8(3)"), names the dossier field it concerns (a path
such as ``disciplinary[0].lifted`` so the GUI can jump to it) and carries a translation key with
its parameters; ``message(lang)`` renders it in Kazakh or Russian.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any, Protocol

import msgspec

from app.i18n import tr
from app.rules.citation import cite


class Severity(enum.StrEnum):
    BLOCKER = "blocker"
    WARNING = "warning"
    INFO = "info"


class Finding(msgspec.Struct, frozen=True, kw_only=True):
    severity: Severity
    clause: str  # e.g. "Rules-2025 p.8(3)"
    field: str  # dossier field path, e.g. "disciplinary[0].lifted"; "" for the whole dossier
    key: str  # translation key of the message
    params: dict[str, str] = msgspec.field(default_factory=dict)
    # parameters whose values are translation keys themselves (e.g. a sanction's kind)
    refs: dict[str, str] = msgspec.field(default_factory=dict)

    def message(self, lang: str) -> str:
        if not self.refs:
            return tr(self.key, lang, **self.params)
        named = {name: tr(key, lang) for name, key in self.refs.items()}
        return tr(self.key, lang, **self.params, **named)

    def as_json(self, lang: str) -> dict[str, str]:
        return {
            "severity": self.severity.value,
            "clause": self.clause,
            "clause_text": cite(self.clause, lang),
            "field": self.field,
            "message": self.message(lang),
        }


def nominable(findings: list[Finding]) -> bool:
    """A dossier with no blockers may be nominated."""
    return not any(f.severity is Severity.BLOCKER for f in findings)


class Amendment(msgspec.Struct, frozen=True, kw_only=True):
    number: str  # "944"
    date: dt.date
    note: str = ""  # what it changed, in the act's own reference terms


class Act(msgspec.Struct, frozen=True, kw_only=True):
    """The legal act a rule set implements, with the version it reflects."""

    code: str  # "Rules-2025": the prefix of every clause citation
    title_key: str  # translation key of the act's title
    number: str
    date: dt.date
    effective: dt.date | None  # None when it depends on a publication date not recorded here
    amendments: tuple[Amendment, ...] = ()
    repealed: dt.date | None = None
    repealed_by: str = ""

    def clause(self, point: str) -> str:
        return f"{self.code} {point}"


class RuleSet(Protocol):
    """What every act's module provides (``rules_2025.RULESET``, ``reg_2000.RULESET``)."""

    name: str  # "rules-2025"
    act: Act

    def evaluate(self, subject: Any, *, at: dt.date, **context: Any) -> list[Finding]: ...
