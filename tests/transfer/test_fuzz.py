"""Property-based tests of everything that parses bundle bytes: only our own errors escape."""

from __future__ import annotations

import contextlib
import struct

import msgspec
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyrage import x25519

from app.errors import RezervError
from app.transfer import envelope, identity
from app.transfer import format as fmt
from app.transfer.dossiers import Index
from app.transfer.kinds import decode_index
from app.transfer.receipts import Receipt

SETTINGS = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])  # fmt: skip

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=80),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=20), inner,
                                                                  max_size=6),
    max_leaves=30,
)  # fmt: skip

VALID = {
    "format": 1, "bundle_id": "ab" * 16, "kind": "nominations", "sender": "cd" * 16,
    "sender_role": "knb", "sender_fingerprint": "ABCD-EFGH-JKMN-PQRS-TVWX",
    "recipients": [{"id": "ef" * 16, "seq": 1, "prev": ""}], "created": "2026-02-10T10:00:00+05:00",
    "checkpoint": {"seq": 3, "hash": "0" * 64},
    "items": [{"media_type": "image/jpeg", "size": 3, "sha256": "1" * 64}],
}  # fmt: skip


def only_ours(fn, *args) -> None:  # type: ignore[no-untyped-def]
    """Call ``fn``; any exception other than the project's own fails the test."""
    with contextlib.suppress(RezervError):
        fn(*args)


def test_the_valid_sample_parses() -> None:
    m = fmt.decode_manifest(msgspec.json.encode(VALID, order="sorted"))
    assert m.sender == "cd" * 16


@SETTINGS
@given(st.binary(max_size=2000))
def test_container_parse_random_bytes(data: bytes) -> None:
    only_ours(fmt.parse, data)
    only_ours(fmt.parse, fmt.MAGIC + data)


@SETTINGS
@given(st.integers(0, 65535), st.integers(0, 2**32 - 1), st.binary(max_size=600))
def test_container_parse_with_magic_and_any_lengths(version: int, mlen: int, rest: bytes) -> None:
    only_ours(fmt.parse, fmt.MAGIC + struct.pack(">HI", version, mlen) + rest)


@SETTINGS
@given(json_values)
def test_manifest_any_json(value: object) -> None:
    try:
        data = msgspec.json.encode(value)
    except (OverflowError, msgspec.EncodeError):
        return
    only_ours(fmt.decode_manifest, data)


@SETTINGS
@given(st.sampled_from(sorted(VALID)), json_values)
def test_manifest_one_field_replaced(field: str, value: object) -> None:
    doc = dict(VALID)
    doc[field] = value
    try:
        data = msgspec.json.encode(doc, order="sorted")
    except (OverflowError, msgspec.EncodeError):
        return
    only_ours(fmt.decode_manifest, data)
    body = fmt.MAGIC + fmt.HEAD.pack(1, len(data)) + data + b"\0" * 64 + b"abc"
    only_ours(fmt.parse, body)


@SETTINGS
@given(st.integers(0, 400), st.integers(0, 255))
def test_manifest_byte_mutations(pos: int, value: int) -> None:
    data = bytearray(msgspec.json.encode(VALID, order="sorted"))
    data[pos % len(data)] = value
    only_ours(fmt.decode_manifest, bytes(data))


@SETTINGS
@given(st.binary(max_size=3000))
def test_card_parsing(data: bytes) -> None:
    only_ours(identity.decode_card, data)


@SETTINGS
@given(json_values)
def test_indexes(value: object) -> None:
    try:
        data = msgspec.json.encode(value)
    except (OverflowError, msgspec.EncodeError):
        return
    only_ours(decode_index, data, Index)
    only_ours(decode_index, data, Receipt)


@pytest.fixture(scope="module")
def ident() -> x25519.Identity:
    return x25519.Identity.generate()


@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=1500))
def test_envelope_random_and_prefixed(ident: x25519.Identity, data: bytes) -> None:
    only_ours(envelope.decrypt, data, ident)
    only_ours(envelope.decrypt, envelope.AGE_MAGIC + data, ident)
    only_ours(envelope.decrypt, envelope.AGE_MAGIC + b"-> X25519 " + data, ident)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=60))
def test_fingerprint_typing(text: str) -> None:
    only_ours(identity.normalize_fingerprint, text)
