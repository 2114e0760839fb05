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
from app.store import conflicts as conflict_store
from app.store import transfer_log
from app.store.nominees import Nominees, decode
from app.transfer.envelope import MAX_BUNDLE

CHUNK = 1 << 20


BundleRow = transfer_log.BundleRow
ConflictRow = conflict_store.ConflictRow


class ConflictPair(msgspec.Struct, frozen=True, kw_only=True):
    row: ConflictRow
    local: Dossier | None  # None: the local record was deleted since
    local_version: int
    incoming: Dossier


def bundles(s: Session, direction: str, limit: int = 500) -> list[BundleRow]:
    s.require(Permission.READ)
    return transfer_log.bundles(s.db.connection(), direction, limit)


def conflicts(s: Session) -> list[ConflictRow]:
    s.require(Permission.READ)
    return conflict_store.all_conflicts(s.db.connection())


def conflict_pair(s: Session, conflict_id: int) -> ConflictPair:
    s.require(Permission.READ)
    conn = s.db.connection()
    found = conflict_store.one(conn, conflict_id)
    if found is None:
        raise InvalidInput("uitransfer.conflict.gone")
    row, data, photo = found
    incoming = msgspec.structs.replace(decode(data), photo=photo)
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
