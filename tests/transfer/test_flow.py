"""The scripted exchange over two real databases: body exports, Department imports, receipt back."""

from __future__ import annotations

import msgspec
import pytest

from app.errors import InvalidInput, NotFound, PermissionDenied, UsageError
from app.services import nominees, transfer
from app.services import transfer_bundles as tb
from app.store import audit
from app.store.nominees import Nominees
from app.transfer import identity
from tests.factories import make_dossier
from tests.transfer.conftest import Pair, db_digest, own


def test_identity_created_at_init_and_card_has_no_secret(pair: Pair) -> None:
    card = transfer.show_identity(pair.body)
    assert card.id == pair.body_id
    assert len(card.fingerprint) == 24 and card.fingerprint.count("-") == 4
    conn = pair.body.db.connection()
    secret = conn.execute("SELECT age_secret FROM transfer_identity").fetchone()[0]
    assert secret.startswith("AGE-SECRET-KEY-1")
    path = pair.dir / "body.card"
    transfer.export_identity(pair.body, path)
    text = path.read_text()
    assert "SECRET" not in text and card.fingerprint in text
    assert identity.decode_card(path.read_bytes()).computed_fingerprint() == card.fingerprint


def test_peer_add_refuses_wrong_fingerprint_self_and_duplicates(pair: Pair, tmp_path) -> None:
    card = tmp_path / f"card-{pair.body_id}.json"
    fp = transfer.show_identity(pair.body).fingerprint
    wrong = ("0000" if not fp.startswith("0000") else "1111") + fp[4:]
    for typed, key in [(wrong, "peer.fingerprint_mismatch"), ("ABC", "peer.fingerprint_malformed"),
                       (fp, "peer.exists")]:  # fmt: skip
        with pytest.raises(InvalidInput) as e:
            transfer.add_peer(pair.dept, card, typed)
        assert e.value.key == key
    own_card = tmp_path / "own.json"
    transfer.export_identity(pair.dept, own_card)
    with pytest.raises(InvalidInput) as e:
        transfer.add_peer(pair.dept, own_card, transfer.show_identity(pair.dept).fingerprint)
    assert e.value.key == "peer.is_self"


def test_fingerprint_typing_is_forgiving_but_exact() -> None:
    assert identity.normalize_fingerprint("ab0o-1ilx yz12 3456 7890 ") == "AB00-111X-YZ12-3456-7890"
    with pytest.raises(InvalidInput):
        identity.normalize_fingerprint("AB00-111X-YZ12-3456-789U")  # U is not Crockford


def test_card_with_edited_key_is_refused(pair: Pair, tmp_path) -> None:
    card = tmp_path / f"card-{pair.body_id}.json"
    data = msgspec.json.decode(card.read_bytes())
    data["sign_key"] = "00" * 32
    card.write_bytes(msgspec.json.encode(data))
    with pytest.raises(InvalidInput) as e:
        transfer.add_peer(pair.dept, card, data["fingerprint"])
    assert e.value.key == "peer.card_fingerprint_wrong"


def test_full_exchange_with_receipt(pair: Pair) -> None:
    ids = pair.add_nominees(1, 2, 3)
    out = pair.dir / "q1.age"
    r = tb.export_bundle(pair.body, kind="nominations", peer_id=pair.dept_id, out=out,
                         quarter="2026Q1")  # fmt: skip
    assert (r.count, r.seq) == (3, 1)
    assert out.read_bytes().startswith(b"age-encryption.org/v1\n")

    ins = tb.inspect_bundle(pair.dept, out)
    assert ins.verified and ins.refusal is None and ins.kind == "nominations"
    assert ins.counts["add"] == 3 and ins.sender == pair.body_id
    receipt = pair.dir / "q1.receipt.rzv"
    res = tb.import_bundle(pair.dept, out, receipt_out=receipt)
    assert res.counts == {"add": 3, "update": 0, "same": 0, "conflict": 0}
    assert res.receipt_path == str(receipt)
    dept_repo = Nominees(pair.dept.db.connection())
    body_repo = Nominees(pair.body.db.connection())
    for nid in ids:
        sent = body_repo.get(nid)
        got = dept_repo.get(dept_repo.id_by_iin(sent.dossier.person.iin) or 0)
        assert got.dossier == sent.dossier and got.status == "received"
        assert got.dossier.photo is not None
    assert audit.verify(pair.dept.db.connection()).ok
    actions = [row.action for row in audit.rows(pair.dept.db.connection())]
    assert actions.count("nominee.receive") == 3 and "transfer.import" in actions

    back = tb.import_bundle(pair.body, receipt)
    assert back.kind == "receipt" and back.receipt_id is None
    acked = pair.body.db.connection().execute(
        "SELECT acked FROM transfer_bundles WHERE id = ?", (r.bundle_id,)
    ).fetchone()[0]
    assert acked is not None
    # nothing left to send for the quarter: everything went already
    with pytest.raises(InvalidInput) as e:
        tb.export_bundle(pair.body, kind="nominations", peer_id=pair.dept_id,
                         out=pair.dir / "again.age", quarter="2026Q1")  # fmt: skip
    assert e.value.key == "bundle.nothing_to_send"
    assert not (pair.dir / "again.age").exists()


def test_corrections_update_unless_edited_locally_then_both_are_kept(pair: Pair) -> None:
    n1, n2 = pair.add_nominees(1, 2)
    tb.import_bundle(pair.dept, _export(pair, "nominations", "a.age", quarter="2026Q1"))
    for nid in (n1, n2):
        rec = nominees.get(pair.body, nid)
        nominees.update(pair.body, nid, msgspec.structs.replace(rec.dossier, rank="генерал-майор"))
    # the Department's clerk edits the second dossier meanwhile
    repo = Nominees(pair.dept.db.connection())
    iin2 = nominees.get(pair.body, n2).dossier.person.iin
    local = repo.get(repo.id_by_iin(iin2) or 0)
    edited = msgspec.structs.replace(local.dossier, unit="правка Отдела")
    nominees.update(pair.dept, local.id, edited)
    before = repo.get(local.id)
    res = tb.import_bundle(pair.dept, _export(pair, "corrections", "b.age", quarter="2026Q1"))
    assert res.counts["update"] == 1 and res.counts["conflict"] == 1
    assert [n.key for n in res.notices] == ["bundle.conflict_kept_both"]
    after = repo.get(local.id)
    assert after.dossier == before.dossier and after.version == before.version
    row = pair.dept.db.connection().execute(
        "SELECT iin, local_version FROM transfer_conflicts").fetchone()
    assert tuple(row) == (iin2, before.version)
    iin1 = nominees.get(pair.body, n1).dossier.person.iin
    assert repo.get(repo.id_by_iin(iin1) or 0).dossier.rank == "генерал-майор"


def test_explicit_selection_and_refusals(pair: Pair) -> None:
    (nid,) = pair.add_nominees(5)
    with pytest.raises(UsageError):
        tb.export_bundle(pair.body, kind="nominations", peer_id=pair.dept_id,
                         out=pair.dir / "x.age")  # fmt: skip
    with pytest.raises(InvalidInput) as e:
        _export(pair, "corrections", "c.age", nominee_ids=(nid,))
    assert e.value.key == "bundle.nominee_not_sent"
    with pytest.raises(NotFound):
        _export(pair, "nominations", "d.age", nominee_ids=(9999,))
    with pytest.raises(UsageError):
        _export(pair, "receipt", "e.age", nominee_ids=(nid,))
    with pytest.raises(NotFound):
        tb.export_bundle(pair.body, kind="nominations", peer_id="ab" * 16,
                         out=pair.dir / "f.age", nominee_ids=(nid,))  # fmt: skip
    assert sorted(p.name for p in pair.dir.iterdir()) == []
    path = _export(pair, "nominations", "g.age", nominee_ids=(nid,))
    with pytest.raises(UsageError):
        _export(pair, "nominations", "g.age", nominee_ids=(nid,))
    assert tb.import_bundle(pair.dept, path).counts["add"] == 1


def test_export_failure_changes_nothing(pair: Pair) -> None:
    pair.add_nominees(1)
    before = db_digest(pair.body)
    with pytest.raises(InvalidInput) as e:
        _export(pair, "nominations", "no/such/dir/x.age", quarter="2026Q1")
    assert e.value.key == "bundle.write_failed"
    assert db_digest(pair.body) == before


def test_revoke_and_permissions(pair: Pair) -> None:
    from app.services import workstation

    transfer.revoke_peer(pair.dept, pair.body_id)
    with pytest.raises(InvalidInput):
        transfer.revoke_peer(pair.dept, pair.body_id)
    assert transfer.list_peers(pair.dept)[0].revoked is not None
    workstation.add_user(pair.dept, "auditor1", "auditor", "auditor passphrase long enough")
    aud = workstation.unlock(
        pair.dept.db.path, user="auditor1", passphrase="auditor passphrase long enough",
        clock=pair.dept.clock,
    )  # fmt: skip
    try:
        with pytest.raises(PermissionDenied):
            tb.import_bundle(aud, pair.dir / "none.age")
        with pytest.raises(PermissionDenied):
            transfer.revoke_peer(aud, pair.body_id)
    finally:
        aud.close()


def test_receipt_kept_in_outbox_when_it_cannot_be_written(pair: Pair) -> None:
    pair.add_nominees(1)
    path = _export(pair, "nominations", "a.age", quarter="2026Q1")
    res = tb.import_bundle(pair.dept, path, receipt_out=pair.dir / "missing" / "r.age")
    assert [n.key for n in res.notices] == ["bundle.receipt_not_written"]
    assert res.receipt_id is not None
    tb.write_outbox(pair.dept, res.receipt_id, pair.dir / "r.age")
    assert tb.import_bundle(pair.body, pair.dir / "r.age").kind == "receipt"


def test_own_archive_copy_opens_but_is_not_imported(pair: Pair) -> None:
    pair.add_nominees(1)
    path = _export(pair, "nominations", "a.age", quarter="2026Q1")
    with pytest.raises(InvalidInput) as e:
        tb.import_bundle(pair.body, path)
    assert e.value.key == "bundle.own_bundle"
    assert own(pair.body).id == pair.body_id


def test_database_without_identity_gets_one_lazily(pair: Pair) -> None:
    conn = pair.body.db.connection()
    conn.execute("DELETE FROM transfer_identity")
    card = transfer.show_identity(pair.body)
    assert card.id == pair.body_id
    assert any(r.action == "transfer.identity_create" for r in audit.rows(conn))


def test_wrong_body_dossier_is_refused(pair: Pair) -> None:
    from app.domain.dossier import Body

    nominees.add(pair.body, make_dossier(7, body=Body.SGS))
    path = _export(pair, "nominations", "a.age", quarter="2026Q1")
    before = db_digest(pair.dept)
    with pytest.raises(InvalidInput) as e:
        tb.import_bundle(pair.dept, path)
    assert e.value.key == "bundle.entry_rejected"
    assert getattr(e.value, "cause").key == "bundle.dossier_wrong_body"  # noqa: B009
    assert "dossier" in e.value.message("ru") or "Досье" in e.value.message("ru")
    assert db_digest(pair.dept) == before


def _export(pair: Pair, kind: str, name: str, *, quarter: str = "",
            nominee_ids: tuple[int, ...] = ()):
    out = pair.dir / name
    tb.export_bundle(pair.body, kind=kind, peer_id=pair.dept_id, out=out, quarter=quarter,
                     nominee_ids=nominee_ids)  # fmt: skip
    return out


def test_what_is_applied_is_what_was_previewed(pair: Pair) -> None:
    import hashlib

    pair.add_nominees(1, 2)
    out = _export(pair, "nominations", "previewed.age", quarter="2026Q1")
    seen = hashlib.sha256(out.read_bytes()).hexdigest()
    before = db_digest(pair.dept)
    with pytest.raises(InvalidInput) as e:
        tb.import_bundle(pair.dept, out, expected_sha256="0" * 64)
    assert e.value.key == "bundle.changed_since_preview"
    assert db_digest(pair.dept) == before
    res = tb.import_bundle(pair.dept, out, receipt_out=pair.dir / "r.age", expected_sha256=seen)
    assert res.counts["add"] == 2


@pytest.mark.parametrize("damage", ["flipped", "cut", "not_opening"])
def test_export_whose_file_does_not_read_back_as_sealed_leaves_nothing(pair: Pair, monkeypatch,
                                                                       damage: str) -> None:  # fmt: skip
    """The file is read back and must be the age file sealed, which opens with the archive key to
    the very container packed: a byte changed or cut on the way, or a sealed file that does not
    open, is refused; no file, nothing marked or audited."""
    from app.transfer import envelope

    pair.add_nominees(1, 2)
    before = db_digest(pair.body)
    real_write, real_decrypt = tb._write, envelope.decrypt_to

    def bad_write(out, data, *, shown=None):  # type: ignore[no-untyped-def]
        data = data[:-1] + bytes([data[-1] ^ 1]) if damage == "flipped" else data[:-100]
        real_write(out, data, shown=shown)

    def bad_decrypt(data, identity, out):  # type: ignore[no-untyped-def]
        real_decrypt(data, identity, out)
        out.write(b"x")

    if damage == "not_opening":
        monkeypatch.setattr(envelope, "decrypt_to", bad_decrypt)
    else:
        monkeypatch.setattr(tb, "_write", bad_write)
    with pytest.raises(InvalidInput) as e:
        tb.export_bundle(pair.body, kind="nominations", peer_id=pair.dept_id,
                         out=pair.dir / "q.age", quarter="2026Q1")  # fmt: skip
    assert e.value.key == "bundle.verify_failed" and e.value.exit_code == 4
    assert list(pair.dir.iterdir()) == [] and db_digest(pair.body) == before


def test_each_received_photo_gets_its_own_thumbnail(pair: Pair) -> None:
    """The thumbnail is made by the photo check on its worker thread: each one is the photo's own
    (as ``photo.thumbnail`` makes it), none taken from the entry before."""
    from app import photo as photo_mod
    from tests.factories import noisy_photo

    photos = [noisy_photo(seed) for seed in (11, 12, 13)]
    for n, jpeg in zip((1, 2, 3), photos, strict=True):
        pair.add_nominees(n, photo=jpeg)
    out = pair.dir / "thumbs.age"
    tb.export_bundle(pair.body, kind="nominations", peer_id=pair.dept_id, out=out, quarter="2026Q1")
    tb.import_bundle(pair.dept, out)
    repo = Nominees(pair.dept.db.connection())
    got = {}
    for nid in repo.ids():
        rec = repo.get(nid)
        got[rec.dossier.photo] = repo.thumb(nid)
    assert set(got) == set(photos)
    assert len(set(got.values())) == 3
    for jpeg in photos:
        assert got[jpeg] == photo_mod.thumbnail(jpeg)


@pytest.mark.parametrize("written, whole", [
    ([b"abc", b"def"], True), ([b"abc"], False), ([b"abc", b"deg"], False),
    ([b"abc", b"def", b"g"], False), ([b"abd", b"ef"], False), ([], False),
])  # fmt: skip
def test_read_back_compares_every_byte_and_the_length(written: list[bytes], whole: bool) -> None:
    """The export's read-back compares the decrypted file with the container as it comes: a
    byte changed, missing or added is not the container sealed."""
    same = tb._Same(b"abcdef")
    for b in written:
        same.write(b)
    assert same.whole() is whole


def test_a_streamed_encryption_opens_for_each_recipient_as_the_one_shot_does() -> None:
    """A sealed bundle is encrypted through pyrage's streaming interface: the file is an age file
    each recipient opens to the very plaintext, as the one-shot ``encrypt`` gives it."""
    import os

    from pyrage import x25519

    from app.transfer import envelope

    keys = [x25519.Identity.generate() for _ in range(2)]
    plain = os.urandom(200_000)
    data = envelope.encrypt_streamed(plain, [str(k.to_public()) for k in keys])
    assert data.startswith(envelope.AGE_MAGIC)
    assert envelope.stanza_types(data).count("X25519") == 2  # and a grease stanza
    for k in keys:
        assert envelope.decrypt(data, k) == plain
    assert envelope.decrypt(envelope.encrypt(plain, [str(keys[0].to_public())]), keys[0]) == plain


def test_a_stored_photos_thumbnail_is_made_as_any_photos_is() -> None:
    """A stored-form photo (354x472 RGB) gets its thumbnail by ``thumbnail``'s own resize without
    the copy: the very bytes the general way gives (a copy shrunk in place)."""
    import io

    from app import photo as photo_mod
    from tests.factories import noisy_photo, photo

    for jpeg in [photo(0), photo(1), noisy_photo(5), noisy_photo(6)]:
        img = photo_mod.opened_normalized(jpeg)
        assert img is not None
        img.load()
        small = img.convert("RGB")
        small.thumbnail(photo_mod.THUMB)
        out = io.BytesIO()
        small.save(out, format="JPEG", quality=80)
        assert photo_mod.thumbnail_of(img) == out.getvalue()
