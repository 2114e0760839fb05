"""A document's fingerprint: SHA-256 over its canonical content, printed as a short code.

The canonical content is the sorted-key JSON of ``{format, kind, meta, data}`` with every byte
string (the photo) replaced by its SHA-256, so the same facts always give the same code and any
changed fact gives another. The short code is the first 80 bits in Crockford base32
(``RZ-XXXX-XXXX-XXXX-XXXX``): easy to read aloud and type, ambiguous letters accepted.
The QR code carries the code and the full hash.
"""

from __future__ import annotations

import hashlib
import re

import msgspec

FORMAT = "rezerv.document/1"
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})
_HEX64 = re.compile(r"[0-9A-Fa-f]{64}")


def _replace_bytes(value: object) -> object:
    if isinstance(value, bytes | bytearray):
        return {"sha256": hashlib.sha256(value).hexdigest()}
    if isinstance(value, dict):
        return {k: _replace_bytes(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_replace_bytes(v) for v in value]
    return value


def canonical(kind: str, meta: msgspec.Struct, data: msgspec.Struct) -> bytes:
    doc = {
        "format": FORMAT,
        "kind": kind,
        "meta": msgspec.to_builtins(meta),
        "data": _replace_bytes(msgspec.to_builtins(data, builtin_types=(bytes,))),
    }
    return msgspec.json.encode(doc, order="sorted")


def sha256(kind: str, meta: msgspec.Struct, data: msgspec.Struct) -> str:
    return hashlib.sha256(canonical(kind, meta, data)).hexdigest()


def short_code(sha_hex: str) -> str:
    bits = int(sha_hex[:20], 16)  # 80 bits
    chars = "".join(_ALPHABET[(bits >> (75 - 5 * i)) & 31] for i in range(16))
    return "RZ-" + "-".join(chars[i : i + 4] for i in range(0, 16, 4))


def qr_payload(sha_hex: str) -> str:
    """Upper case only, so the QR code uses its compact alphanumeric mode."""
    return f"REZERV:{short_code(sha_hex)}:{sha_hex.upper()}"


def parse(text: str) -> tuple[str, str]:
    """``("sha", hex)`` for a full hash (or a scanned QR payload), else ``("code", RZ-...)``.

    Raises ValueError when the text is neither.
    """
    found = _HEX64.search(text)
    if found:
        return "sha", found.group(0).lower()
    s = re.sub(r"[\s\-_]", "", text.upper())
    s = s.removeprefix("REZERV:").removeprefix("RZ")
    s = s.translate(_CONFUSABLE)
    if len(s) != 16 or any(c not in _ALPHABET for c in s):
        raise ValueError(text)
    return "code", "RZ-" + "-".join(s[i : i + 4] for i in range(0, 16, 4))
