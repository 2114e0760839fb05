"""Read-only views of the exchange for the Transfers screen: bundles sent and received, stored
conflicts (local record against the incoming one), and where a receipt is written."""

from __future__ import annotations

import hashlib
from pathlib import Path

import msgspec

from app.domain.dossier import Dossier
from app.errors import InvalidInput
from app.fsutil import open_regular
from app.security.roles import Permission
from app.services.workstation import Session
from app.store.nominees import Nominees, decode
from app.transfer.envelope import MAX_BUNDLE

CHUNK = 1 << 20


class BundleRow(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    direction: str
    peer_id: str
    peer_role: str
    kind: str
    seq: int
    created: str
    processed: str
    user: str
    acked: str | None
    dossiers: int
    stored: bool  # ciphertext kept in the outbox (receipts): can be written again


class ConflictRow(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    bundle_id: str
    peer_id: str
    nominee_id: int
    iin: str
    name: str
    local_version: int
    created: str
    resolved: str | None


class ConflictPair(msgspec.Struct, frozen=True, kw_only=True):
    row: ConflictRow
    local: Dossier | None  # None: the local record was deleted since
    local_version: int
    incoming: Dossier


def bundles(s: Session, direction: str, limit: int = 500) -> list[BundleRow]:
    s.require(Permission.READ)
    rows = s.db.connection().execute(
        "SELECT b.id, b.direction, b.peer_id, coalesce(p.role, ''), b.kind, b.seq, b.created,"
        " b.processed, b.user, b.acked,"
        " (SELECT count(*) FROM transfer_items i WHERE i.bundle_id = b.id),"
        " EXISTS (SELECT 1 FROM transfer_outbox o WHERE o.bundle_id = b.id)"
        " FROM transfer_bundles b LEFT JOIN transfer_peers p ON p.id = b.peer_id"
        " WHERE b.direction = ? ORDER BY b.processed DESC, b.seq DESC LIMIT ?",
        (direction, limit),
    )
    return [BundleRow(id=r[0], direction=r[1], peer_id=r[2], peer_role=r[3], kind=r[4], seq=r[5],
                      created=r[6], processed=r[7], user=r[8], acked=r[9], dossiers=r[10],
                      stored=bool(r[11])) for r in rows]  # fmt: skip


_CONFLICT_COLS = (
    "c.id, c.bundle_id, b.peer_id, c.nominee_id, c.iin, coalesce(n.surname || ' ' ||"
    " n.given_name, ''), c.local_version, c.created, c.resolved"
)
_CONFLICT_FROM = (
    " FROM transfer_conflicts c JOIN transfer_bundles b ON b.id = c.bundle_id"
    " LEFT JOIN nominees n ON n.id = c.nominee_id"
)


def _conflict(r: tuple) -> ConflictRow:
    return ConflictRow(id=r[0], bundle_id=r[1], peer_id=r[2], nominee_id=r[3], iin=r[4],
                       name=r[5], local_version=r[6], created=r[7], resolved=r[8])  # fmt: skip


def conflicts(s: Session) -> list[ConflictRow]:
    s.require(Permission.READ)
    sql = f"SELECT {_CONFLICT_COLS}{_CONFLICT_FROM} ORDER BY c.resolved IS NOT NULL, c.id DESC"
    return [_conflict(r) for r in s.db.connection().execute(sql)]


def conflict_pair(s: Session, conflict_id: int) -> ConflictPair:
    s.require(Permission.READ)
    conn = s.db.connection()
    r = conn.execute(
        f"SELECT {_CONFLICT_COLS}, c.data, c.photo{_CONFLICT_FROM} WHERE c.id = ?", (conflict_id,)
    ).fetchone()
    if r is None:
        raise InvalidInput("uitransfer.conflict.gone")
    row = _conflict(r)
    incoming = msgspec.structs.replace(decode(bytes(r[9])), photo=bytes(r[10]) if r[10] else None)
    repo = Nominees(conn)
    local, version = None, 0
    if repo.id_by_iin(row.iin) == row.nominee_id:
        rec = repo.get(row.nominee_id)
        local, version = rec.dossier, rec.version
    return ConflictPair(row=row, local=local, local_version=version, incoming=incoming)


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes: the previewed bundle must be the one applied."""
    h = hashlib.sha256()
    f, _ = open_regular(path, MAX_BUNDLE)  # a FIFO or a device never blocks or floods this
    try:
        with f:
            while chunk := f.read(CHUNK):
                h.update(chunk)
    except OSError:
        raise InvalidInput("bundle.unreadable", path=str(path)) from None
    return h.hexdigest()


def receipt_path(bundle: Path) -> Path:
    """Beside the bundle, as the command line does, under a name not yet taken."""
    base = bundle.with_name(bundle.stem + ".receipt.rzv")
    n = 2
    while base.exists():
        base = bundle.with_name(f"{bundle.stem}.receipt-{n}.rzv")
        n += 1
    return base


def current_quarter(s: Session) -> str:
    today = s.clock.today()
    return f"{today.year}Q{(today.month - 1) // 3 + 1}"
