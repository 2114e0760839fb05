"""The interface every rule set implements, and the finding it produces.

A finding cites its clause ("Rules-2025 p.8(3)"), names the dossier field it concerns (a path
such as ``disciplinary[0].lifted`` so the GUI can jump to it) and carries a translation key with
its parameters; ``message(lang)`` renders it in Kazakh or Russian.
"""

from __future__ import annotations

import enum

import msgspec

from app.i18n import tr


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

    def message(self, lang: str) -> str:
        return tr(self.key, lang, **self.params)

    def as_json(self, lang: str) -> dict[str, str]:
        return {
            "severity": self.severity.value,
            "clause": self.clause,
            "field": self.field,
            "message": self.message(lang),
        }


def nominable(findings: list[Finding]) -> bool:
    """A dossier with no blockers may be nominated."""
    return not any(f.severity is Severity.BLOCKER for f in findings)
