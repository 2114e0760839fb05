"""Receipts: "bundle X (hash H) was applied here, with these counts". Never answered in turn."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import msgspec

from app.errors import UsageError
from app.rules.rulesets import Evaluator
from app.store import transfer_log
from app.store.connection import Connection
from app.store.database import UnitOfWork
from app.transfer.kinds import (
    Carried,
    Change,
    Context,
    Kind,
    Notice,
    Parts,
    Payload,
    Plan,
    Selection,
    decode_index,
)  # fmt: skip

INDEX_FORMAT = "rezerv.receipt/1"


class Receipt(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    format: str
    bundle_id: Annotated[str, msgspec.Meta(pattern="^[0-9a-f]{32}$")]
    bundle_hash: Annotated[str, msgspec.Meta(pattern="^[0-9a-f]{64}$")]
    status: Annotated[str, msgspec.Meta(pattern="^applied$")]
    counts: Annotated[dict[Annotated[str, msgspec.Meta(max_length=32)], int],
                      msgspec.Meta(max_length=32)]  # fmt: skip


def payload_for(bundle_id: str, bundle_hash: str, counts: dict[str, int]) -> Payload:
    r = Receipt(format=INDEX_FORMAT, bundle_id=bundle_id, bundle_hash=bundle_hash,
                status="applied", counts=counts)  # fmt: skip
    return Payload(index=msgspec.json.encode(r), parts=[])


class ReceiptHandler:
    kind = Kind.RECEIPT

    def build(self, conn: Connection, sel: Selection, at: dt.date, ev: Evaluator) -> Payload:
        raise UsageError("bundle.receipt_automatic")

    def prepare(self, ctx: Context, index: bytes, parts: Parts) -> Plan:
        r: Receipt = decode_index(index, Receipt)
        if r.format != INDEX_FORMAT or parts:
            from app.errors import InvalidInput

            raise InvalidInput("bundle.index_invalid", detail=r.format[:40])
        plan = Plan(kind=self.kind.value, counts=dict(r.counts), data=r, receipt=False)
        row = transfer_log.sent(ctx.conn, r.bundle_id, ctx.peer.id)
        params = {"bundle": r.bundle_id}
        if row is None or row[0] != r.bundle_hash:
            plan.notices.append(Notice(key="bundle.receipt_unknown", params=params))
        elif row[1] is not None:
            plan.notices.append(Notice(key="bundle.receipt_repeated", params=params))
        else:
            plan.changes.append(Change(action="ack", entity=f"bundle:{r.bundle_id}"))
        return plan

    def apply(self, uow: UnitOfWork, ctx: Context, index: bytes, parts: Parts,
              bundle_id: str) -> tuple[Plan, list[Carried]]:  # fmt: skip
        plan = self.prepare(ctx, index, parts)
        return plan, self._apply(uow, ctx, plan, bundle_id)

    def _apply(self, uow: UnitOfWork, ctx: Context, plan: Plan, bundle_id: str) -> list[Carried]:
        r: Receipt = plan.data
        if transfer_log.acknowledge(uow.conn, bundle_id=r.bundle_id, peer_id=ctx.peer.id,
                                    digest=r.bundle_hash, at=uow.now):  # fmt: skip
            uow.audit("transfer.acknowledged", f"bundle:{r.bundle_id}",
                      {"receipt": bundle_id, "counts": r.counts})  # fmt: skip
        return []

