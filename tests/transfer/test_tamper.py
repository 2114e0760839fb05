"""The tamper matrix: every damaged, forged, replayed or misdirected bundle is refused with its own
message, the receiving database is unchanged and no file is left behind."""

from __future__ import annotations

import os
from pathlib import Path

import pyrage
import pytest

from app.errors import InvalidInput
from app.services import transfer
from app.services import transfer_bundles as tb
from app.transfer import bundle, envelope
from app.transfer import format as fmt
from app.transfer.kinds import index_media_type
from tests.transfer.conftest import Pair, db_digest, new_workstation, own, pin, tree
from tests.transfer.forge import forge, replace

B64 = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def refused(pair: Pair, data: bytes | Path, key: str, **kw: object) -> InvalidInput:
    path = data if isinstance(data, Path) else pair.dir / "in.age"
    if not isinstance(data, Path):
        path.write_bytes(data)
    before, files = db_digest(pair.dept), tree(pair.dir.parent)
    with pytest.raises(InvalidInput) as e:
        tb.import_bundle(pair.dept, path, receipt_out=pair.dir / "receipt.age", **kw)  # type: ignore[arg-type]
    err = e.value
    assert err.key == key, (err.key, err.params)
    for lang in ("ru", "kk"):
        assert err.message(lang) != err.key
    assert db_digest(pair.dept) == before
    assert tree(pair.dir.parent) == files
    return err


@pytest.fixture
def sent(pair: Pair) -> bytes:
    pair.add_nominees(1, 2)
    out = pair.dir / "orig.age"
    tb.export_bundle(pair.body, kind="nominations", peer_id=pair.dept_id, out=out, quarter="2026Q1")
    data = out.read_bytes()
    out.unlink()
    return data


def _regions(data: bytes) -> dict[str, tuple[int, int]]:
    lines = data.split(b"\n")
    starts, pos = [], 0
    for ln in lines:
        starts.append(pos)
        pos += len(ln) + 1
    mac = next(i for i, ln in enumerate(lines) if ln.startswith(b"--- "))
    body_start = starts[mac] + len(lines[mac]) + 1
    return {
        "dept_stanza_share": (starts[1] + 10, starts[1] + len(lines[1]) - 2),
        "dept_stanza_body": (starts[2] + 2, starts[2] + len(lines[2]) - 2),
        "archive_stanza_body": (starts[4] + 2, starts[4] + len(lines[4]) - 2),
        "header_mac": (starts[mac] + 6, starts[mac] + len(lines[mac]) - 2),
        "payload_nonce": (body_start, body_start + 16),
        "payload_first_chunk": (body_start + 16, body_start + 200),
        "payload_middle": (len(data) // 2, len(data) // 2 + 50),
        "payload_tag": (len(data) - 16, len(data)),
    }


@pytest.mark.parametrize(("region", "key"), [
    ("dept_stanza_share", "bundle.not_for_us"),
    ("dept_stanza_body", "bundle.not_for_us"),
    ("archive_stanza_body", "bundle.header_damaged"),
    ("header_mac", "bundle.header_damaged"),
    ("payload_nonce", "bundle.payload_damaged"),
    ("payload_first_chunk", "bundle.payload_damaged"),
    ("payload_middle", "bundle.payload_damaged"),
    ("payload_tag", "bundle.payload_damaged"),
])  # fmt: skip
def test_bit_flip_in_every_region_of_the_file(
    pair: Pair, sent: bytes, region: str, key: str
) -> None:
    lo, hi = _regions(sent)[region]
    text = region.startswith(("dept", "archive", "header"))
    i = next(k for k in range((lo + hi) // 2, hi) if not text or (sent[k] ^ 1) in B64)
    flipped = bytearray(sent)
    flipped[i] ^= 0x01
    refused(pair, bytes(flipped), key)


@pytest.mark.parametrize(("index", "key"), [(0, "bundle.not_age"), (20, "bundle.age_version"),
                                            (25, "bundle.not_for_us")])  # fmt: skip
def test_bit_flip_in_age_version_line_and_stanza_type(pair: Pair, sent: bytes, index: int,
                                                      key: str) -> None:  # fmt: skip
    flipped = bytearray(sent)
    flipped[index] ^= 0x01  # 25: "X25519" -> "Y25519" on the Department's stanza
    refused(pair, bytes(flipped), key)


def test_truncation_at_several_points(pair: Pair, sent: bytes) -> None:
    header_end = sent.index(b"\n---") + 1
    mac_end = sent.index(b"\n", header_end) + 1
    cases = [(0, "bundle.empty"), (10, "bundle.truncated"), (60, "bundle.truncated"),
             (header_end, "bundle.truncated"), (mac_end - 5, "bundle.truncated"),
             (mac_end, "bundle.truncated"), (mac_end + 8, "bundle.truncated"),
             (mac_end + 100, "bundle.payload_damaged"), (len(sent) // 2, "bundle.payload_damaged"),
             (len(sent) - 1, "bundle.payload_damaged")]  # fmt: skip
    for cut, key in cases:
        refused(pair, sent[:cut], key)


def test_tampered_plaintext_reencrypted_to_the_department(pair: Pair, sent: bytes) -> None:
    """Anyone holding the Department's public card can encrypt to it: the signature must hold."""
    plain = envelope.decrypt(sent, own(pair.body).identity())
    u = fmt.parse(plain)
    mstart = len(fmt.MAGIC) + fmt.HEAD.size
    sig_at = mstart + len(u.manifest_bytes)
    bid_at = mstart + u.manifest_bytes.index(u.manifest.bundle_id.encode())
    dept_key = [transfer.show_identity(pair.dept).age_recipient]

    def flip(at: int, bit: int = 1) -> bytes:
        b = bytearray(plain)
        b[at] ^= bit
        return envelope.encrypt(bytes(b), dept_key)

    refused(pair, flip(0), "bundle.not_rezerv")
    refused(pair, flip(len(fmt.MAGIC), 0x01), "bundle.format_newer")  # version 1 -> 257
    refused(pair, flip(len(fmt.MAGIC) + 1, 0x01), "bundle.format_older")  # version 1 -> 0
    refused(pair, flip(len(fmt.MAGIC) + 2, 0x10), "bundle.container_truncated")  # length
    # a bundle id still well-formed but different: swap one hex digit for another
    old = u.manifest.bundle_id[1]
    refused(pair, flip(bid_at + 1, ord(old) ^ ord("0" if old != "0" else "1")),
            "bundle.bad_signature")  # fmt: skip
    refused(pair, flip(mstart, 0x01), "bundle.manifest_unreadable")  # "{" -> "z"
    refused(pair, flip(sig_at + 5), "bundle.bad_signature")
    refused(pair, flip(sig_at + fmt.SIG_LEN + 3), "bundle.item_hash_mismatch")
    refused(pair, flip(len(plain) - 1), "bundle.item_hash_mismatch")
    refused(pair, envelope.encrypt(plain + b"\x00", dept_key), "bundle.trailing_data")


def _items(pair: Pair, sent: bytes) -> tuple[fmt.Unpacked, list[tuple[str, bytes]]]:
    u = fmt.parse(envelope.decrypt(sent, own(pair.body).identity()))
    return u, [(it.media_type, b) for it, b in zip(u.manifest.items, u.items, strict=True)]


def test_forged_manifests(pair: Pair, sent: bytes, tmp_path: Path, clock, fast_kdf) -> None:
    u, items = _items(pair, sent)
    body, dept = own(pair.body), own(pair.dept)
    keys = [dept.card.age_recipient]
    me = [fmt.Recipient(id=dept.id, seq=1, prev="")]
    bad_hash = replace_item_hash(u)
    refused(pair, forge(body, keys, me, items, edit=bad_hash), "bundle.item_hash_mismatch")
    refused(pair, forge(body, keys, me, items, version=2), "bundle.format_newer")
    refused(pair, forge(body, keys, me, items, version=0), "bundle.format_older")
    other = [fmt.Recipient(id="ab" * 16, seq=1, prev="")]
    refused(pair, forge(body, keys, other, items), "bundle.not_recipient")
    refused(pair, forge(body, keys, me, items, kind="findings"), "bundle.index_missing")
    third = new_workstation(tmp_path, "third", "syrbar", clock, fast_kdf)
    try:
        rogue = own(third)
        refused(pair, forge(rogue, keys, me, items), "bundle.unknown_sender")
        as_body = lambda m: replace(m, sender=body.id, sender_fingerprint=body.fingerprint)  # noqa: E731
        refused(pair, forge(rogue, keys, me, items, edit=as_body), "bundle.bad_signature")
        key_swap = lambda m: replace(m, sender=body.id)  # noqa: E731
        refused(pair, forge(rogue, keys, me, items, edit=key_swap), "bundle.sender_key_changed")
    finally:
        third.close()
    idx = index_media_type("findings")
    refused(pair, forge(body, keys, me, [(idx, b"{}")], kind="findings"), "bundle.index_invalid")
    future = index_media_type("appointment_order")
    refused(pair, forge(body, keys, me, [(future, b"{}")], kind="appointment_order"),
            "bundle.kind_unknown")  # fmt: skip
    refused(pair, forge(body, keys, me, [(index_media_type("zz"), b"{}")], kind="zz"),
            "bundle.kind_unknown")  # fmt: skip


def replace_item_hash(u: fmt.Unpacked):
    def edit(m: fmt.Manifest) -> fmt.Manifest:
        items = list(m.items)
        wrong = "f" * 64 if items[1].sha256 != "f" * 64 else "0" * 64
        items[1] = fmt.Item(media_type=items[1].media_type, size=items[1].size, sha256=wrong)
        return replace(m, items=items)

    return edit


def test_bundle_for_another_workstation(pair: Pair, tmp_path: Path, clock, fast_kdf) -> None:
    other = new_workstation(tmp_path, "dept2", "department", clock, fast_kdf)
    try:
        pin(pair.body, other, tmp_path)
        pair.add_nominees(1)
        out = pair.dir / "for-other.age"
        tb.export_bundle(pair.body, kind="nominations", peer_id=other.workstation_id, out=out,
                         quarter="2026Q1")  # fmt: skip
        refused(pair, out, "bundle.not_for_us")
    finally:
        other.close()


def test_revoked_sender(pair: Pair, sent: bytes) -> None:
    transfer.revoke_peer(pair.dept, pair.body_id)
    refused(pair, sent, "bundle.revoked_sender")


def test_replay_older_sequence_duplicate_id_and_broken_chain(pair: Pair, sent: bytes) -> None:
    first = pair.dir / "first.age"
    first.write_bytes(sent)
    pair.add_nominees(3)
    second = pair.dir / "second.age"
    tb.export_bundle(pair.body, kind="nominations", peer_id=pair.dept_id, out=second,
                     quarter="2026Q1")  # fmt: skip
    res = tb.import_bundle(pair.dept, second)
    assert [n.key for n in res.notices] == ["bundle.gap"]
    err = refused(pair, first, "bundle.old_sequence")
    assert err.params["seq"] == 1 and err.params["last"] == 2
    refused(pair, second, "bundle.replayed")
    body, dept = own(pair.body), own(pair.dept)
    u, items = _items(pair, second.read_bytes())
    keys = [dept.card.age_recipient]
    nxt = [fmt.Recipient(id=dept.id, seq=3, prev=u.bundle_hash)]
    same_id = forge(body, keys, nxt, items, bundle_id=u.manifest.bundle_id)
    refused(pair, same_id, "bundle.duplicate_id")
    wrong_prev = [fmt.Recipient(id=dept.id, seq=3, prev="1" * 64)]
    refused(pair, forge(body, keys, wrong_prev, items), "bundle.chain_broken")


def test_files_that_are_not_bundles(pair: Pair) -> None:
    dept_key = transfer.show_identity(pair.dept).age_recipient
    refused(pair, b"", "bundle.empty")
    refused(pair, b"\x89PNG\r\n\x1a\n" + os.urandom(100), "bundle.not_age")
    refused(pair, b"-----BEGIN AGE ENCRYPTED FILE-----\nYWdl\n", "bundle.armored")
    refused(pair, pyrage.passphrase.encrypt(b"secret", "correct horse"), "bundle.passphrase_file")
    refused(pair, envelope.encrypt(b"just text", [dept_key]), "bundle.not_rezerv")
    refused(pair, pair.dir / "does-not-exist.age", "bundle.missing")


def test_oversized_bundle_is_refused_before_reading(pair: Pair, sent: bytes) -> None:
    big = pair.dir / "big.age"
    with open(big, "wb") as f:
        f.write(sent[:100])
        f.truncate(envelope.MAX_BUNDLE + 1)  # sparse: costs no disk
    refused(pair, big, "bundle.too_large")
    big.unlink()
    refused(pair, sent, "bundle.too_large", limit=len(sent) - 1)


def test_inspect_reports_refusal_without_changing_anything(pair: Pair, sent: bytes) -> None:
    path = pair.dir / "a.age"
    path.write_bytes(sent)
    transfer.revoke_peer(pair.dept, pair.body_id)
    before = db_digest(pair.dept)
    ins = tb.inspect_bundle(pair.dept, path)
    assert ins.refusal is not None and ins.refusal.key == "bundle.revoked_sender"
    assert ins.kind == "nominations" and not ins.verified
    assert db_digest(pair.dept) == before


def test_checkpoint_going_backwards_is_reported_loudly(pair: Pair, sent: bytes) -> None:
    tb.import_bundle(pair.dept, _write(pair, "a.age", sent))
    body, dept = own(pair.body), own(pair.dept)
    conn = pair.dept.db.connection()
    seq, last = conn.execute(
        "SELECT seq, last_hash FROM transfer_chains WHERE direction='in'"
    ).fetchone()
    _, items = _items(pair, sent)
    rewound = lambda m: replace(m, checkpoint=fmt.Checkpoint(seq=1, hash="2" * 64))  # noqa: E731
    nxt = [fmt.Recipient(id=dept.id, seq=seq + 1, prev=last)]
    data = forge(body, [dept.card.age_recipient], nxt, items, edit=rewound)
    before = db_digest(pair.dept)
    with pytest.raises(InvalidInput) as e:  # refused by default: not applied
        tb.import_bundle(pair.dept, _write(pair, "b.age", data))
    assert e.value.key == "bundle.checkpoint_backwards"
    assert db_digest(pair.dept) == before
    # a supervisor's explicit decision applies it, audited
    res = tb.import_bundle(pair.dept, _write(pair, "c.age", data), accept_rollback=True)
    assert "bundle.checkpoint_backwards" in [n.key for n in res.notices]
    actions = [r[0] for r in conn.execute("SELECT action FROM audit")]
    assert "transfer.peer_checkpoint_backwards" in actions
    assert bundle.freshness  # the check lives in app.transfer.bundle


def _write(pair: Pair, name: str, data: bytes) -> Path:
    p = pair.dir / name
    p.write_bytes(data)
    return p


def test_checkpoint_fork_is_refused_and_not_applied(pair: Pair, sent: bytes) -> None:
    tb.import_bundle(pair.dept, _write(pair, "a.age", sent))
    body, dept = own(pair.body), own(pair.dept)
    conn = pair.dept.db.connection()
    seq, last = conn.execute(
        "SELECT seq, last_hash FROM transfer_chains WHERE direction='in'"
    ).fetchone()
    known = conn.execute("SELECT checkpoint_seq FROM transfer_peers").fetchone()[0]
    _, items = _items(pair, sent)
    forked = lambda m: replace(m, checkpoint=fmt.Checkpoint(seq=known, hash="3" * 64))  # noqa: E731
    nxt = [fmt.Recipient(id=dept.id, seq=seq + 1, prev=last)]
    data = forge(body, [dept.card.age_recipient], nxt, items, edit=forked)
    before = db_digest(pair.dept)
    with pytest.raises(InvalidInput) as e:
        tb.import_bundle(pair.dept, _write(pair, "f.age", data))
    assert e.value.key == "bundle.checkpoint_fork"
    assert db_digest(pair.dept) == before
