"""Which handler serves which bundle kind: one table, read whole.

A kind without a row here is known to the format but not handled by this version
(``bundle.kind_unsupported``)."""

from __future__ import annotations

from app.errors import InvalidInput, UsageError
from app.transfer.appointments import AppointmentHandler
from app.transfer.dossiers import DossierHandler
from app.transfer.exclusions import DecisionHandler, SubmissionHandler
from app.transfer.findings_extracts import ExtractHandler, FindingsHandler
from app.transfer.kinds import Handler, Kind, Payload
from app.transfer.kinds_r2k import (
    AnswerHandler,
    PlacementHandler,
    R2kSubmissionHandler,
    RequestHandler,
    UpdateHandler,
)
from app.transfer.positions import PositionsHandler
from app.transfer.receipts import ReceiptHandler, payload_for

HANDLERS: dict[Kind, Handler] = {
    Kind.NOMINATIONS: DossierHandler(Kind.NOMINATIONS),  # body -> Department, p.10
    Kind.CORRECTIONS: DossierHandler(Kind.CORRECTIONS),  # body -> Department, p.11(1)
    Kind.FINDINGS: FindingsHandler(),  # Department -> body, p.11(1)
    Kind.DECISION_EXTRACT: ExtractHandler(),  # Department -> body, p.13
    Kind.EXCLUSION_SUBMISSION: SubmissionHandler(),  # body -> Department, p.19
    Kind.EXCLUSION_DECISION: DecisionHandler(),  # Department -> body, p.19
    Kind.RECEIPT: ReceiptHandler(),  # either way, automatic
    Kind.APPOINTMENT_REPORT: AppointmentHandler(),  # body -> Department, p.14
    Kind.R2K_LIST_REQUEST: RequestHandler(),  # Reg-2000: state body -> authorised body, p.33
    Kind.R2K_LIST_ANSWER: AnswerHandler(),  # Reg-2000: authorised body -> state body, p.34
    Kind.R2K_PLACEMENT: PlacementHandler(),  # Reg-2000: state body -> authorised body, p.36
    Kind.R2K_RESERVE_UPDATE: UpdateHandler(),  # Reg-2000: authorised body -> state body, p.37, p.39
    Kind.R2K_SUBMISSION: R2kSubmissionHandler(),  # Reg-2000: state body -> authorised body, p.19, p.32-2
    Kind.POSITIONS: PositionsHandler(),  # body -> Department, p.4, p.8(1), p.11(2)
}


def handler_for(kind: str) -> Handler:
    if kind not in Kind.__members__.values():
        raise InvalidInput("bundle.kind_unknown", kind=kind[:64])
    h = HANDLERS.get(Kind(kind))
    if h is None:
        raise InvalidInput("bundle.kind_unsupported", kind=kind)
    return h


def receipt_payload(bundle_id: str, bundle_hash: str, counts: dict[str, int]) -> Payload:
    """The receipt answering an applied bundle (sent automatically after every import)."""
    return payload_for(bundle_id, bundle_hash, counts)


def exportable(kind: str) -> Handler:
    try:
        return handler_for(kind)
    except InvalidInput:
        raise UsageError("bundle.kind_not_exportable", kind=kind[:64]) from None
