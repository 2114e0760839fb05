"""States a nominee's dossier passes through in a quarter (issue: the quarter cycle)."""

from __future__ import annotations

import enum


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
