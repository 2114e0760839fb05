"""Lower-level helpers that build bundles a courier or a rogue peer could make."""

from __future__ import annotations

import secrets
from collections.abc import Callable

import msgspec

from app.transfer import envelope
from app.transfer import format as fmt
from app.transfer.identity import Own


def forge(
    signer: Own,
    recipient_keys: list[str],
    recipients: list[fmt.Recipient],
    items: list[tuple[str, bytes]],
    *,
    kind: str = "nominations",
    edit: Callable[[fmt.Manifest], fmt.Manifest] | None = None,
    version: int = fmt.FORMAT_VERSION,
    bundle_id: str | None = None,
    mangle: Callable[[bytes], bytes] | None = None,
) -> bytes:
    """A validly signed (by ``signer``) and validly encrypted bundle with arbitrary content."""
    m = fmt.Manifest(
        format=max(version, 1), bundle_id=bundle_id or secrets.token_hex(16), kind=kind,
        sender=signer.id, sender_role=signer.card.role, sender_fingerprint=signer.fingerprint,
        recipients=recipients, created="2026-02-10T10:00:00+05:00",
        checkpoint=fmt.Checkpoint(seq=1, hash="0" * 64),
        items=[fmt.item_for(mt, b) for mt, b in items],
    )  # fmt: skip
    if edit is not None:
        m = edit(m)
    mb = fmt.encode_manifest(m)
    plain = fmt.pack(mb, fmt.sign(signer.signer(), mb), [b for _, b in items], version=version)
    if mangle is not None:
        plain = mangle(plain)
    return envelope.encrypt(plain, recipient_keys)


def replace(m: fmt.Manifest, **changes: object) -> fmt.Manifest:
    return msgspec.structs.replace(m, **changes)
