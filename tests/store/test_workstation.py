"""Key slots, unlocking, and refusing files that are not ours."""

import hashlib
import sqlite3

import pytest

from app.errors import AuthError, InvalidInput, StoreError
from app.security.keyslots import KeyStore, fail_delay
from app.services import workstation
from app.store.connection import SQLITE_MAGIC, connect
from tests.conftest import PASSPHRASE


def _sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_database_file_is_encrypted_from_the_first_byte(session, db_path):
    head = db_path.read_bytes()[:16]
    assert head != SQLITE_MAGIC
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(db_path).execute("SELECT * FROM sqlite_master").fetchall()


def test_passphrase_with_quotes_spaces_and_kazakh_letters_unlocks(session, db_path, clock):
    session.close()
    s = workstation.unlock(db_path, user="admin", passphrase=PASSPHRASE, clock=clock)
    assert s.role == "supervisor"
    s.close()


def test_wrong_passphrase_is_refused_with_a_growing_delay(session, db_path):
    session.close()
    t = [1000.0]
    waits: list[float] = []
    with pytest.raises(AuthError) as e:  # the first failure (a typo) costs no delay
        workstation.unlock(db_path, user="admin", passphrase="typo", now=lambda: t[0])
    for _ in range(3):
        with pytest.raises(AuthError) as e:
            workstation.unlock(db_path, user="admin", passphrase=PASSPHRASE + "x",
                               now=lambda: t[0])  # fmt: skip
        assert e.value.exit_code == 3 and e.value.key == "auth.wrong_passphrase"
        with pytest.raises(AuthError) as e:  # too early: refused without the KDF
            workstation.unlock(db_path, user="admin", passphrase=PASSPHRASE, now=lambda: t[0])
        assert e.value.key == "auth.wait"
        waits.append(float(e.value.params["seconds"]))  # type: ignore[arg-type]
        t[0] += 60
    assert waits == [max(1.0, float(int(fail_delay(n) + 0.999))) for n in (2, 3, 4)]
    assert fail_delay(1) == 0 < fail_delay(2) < fail_delay(3) < fail_delay(4)
    # a success resets the counter
    workstation.unlock(db_path, user="admin", passphrase=PASSPHRASE, now=lambda: t[0]).close()
    with pytest.raises(AuthError):
        workstation.unlock(db_path, user="admin", passphrase="nope", now=lambda: t[0])
    assert KeyStore(db_path).load().attempts[0].failures == 1


def test_unknown_user_gets_the_same_message_as_a_wrong_passphrase(session, db_path):
    session.close()
    with pytest.raises(AuthError) as e:
        workstation.unlock(db_path, user="nobody", passphrase=PASSPHRASE, now=lambda: 0.0)
    assert e.value.key == "auth.wrong_passphrase"


def test_adding_a_user_and_changing_passphrase_rewrap_one_slot_only(session, db_path, fast_kdf):
    key_before = KeyStore(db_path).unwrap("admin", PASSPHRASE)
    workstation.add_user(session, "clerk1", "clerk", "clerk passphrase is long enough", fast_kdf)
    workstation.change_passphrase(session, PASSPHRASE, "a brand new passphrase 2026", fast_kdf)
    ks = KeyStore(db_path)
    assert ks.unwrap("clerk1", "clerk passphrase is long enough") == key_before
    assert ks.unwrap("admin", "a brand new passphrase 2026") == key_before
    with pytest.raises(AuthError):
        KeyStore(db_path).unwrap("admin", PASSPHRASE)
    # the database still opens with the very same key: it was never re-encrypted
    conn = connect(db_path, key_before)
    assert conn.execute("SELECT count(*) FROM users").fetchone()[0] == 2
    conn.close()
    workstation.remove_user(session, "clerk1")
    with pytest.raises(AuthError):
        KeyStore(db_path).unwrap("clerk1", "clerk passphrase is long enough")


def test_key_file_holds_no_user_names(session, db_path, fast_kdf):
    workstation.add_user(session, "aigerim_k", "clerk", "clerk passphrase is long enough", fast_kdf)
    raw = KeyStore(db_path).path.read_bytes()
    assert b"aigerim" not in raw and b"admin" not in raw


def test_clerk_cannot_manage_users(session, db_path, fast_kdf, clock):
    workstation.add_user(session, "clerk1", "clerk", "clerk passphrase is long enough", fast_kdf)
    s = workstation.unlock(db_path, user="clerk1", passphrase="clerk passphrase is long enough")
    with pytest.raises(Exception) as e:
        workstation.add_user(s, "x", "clerk", "another long passphrase", fast_kdf)
    assert getattr(e.value, "key", "") == "auth.not_permitted"
    s.close()


@pytest.mark.parametrize("pp", ["short", "qwertyuiop123456", "aaaaaaaaaaaaaaaaaaaa"])
def test_weak_passphrases_are_refused(tmp_path, pp, fast_kdf):
    with pytest.raises(InvalidInput):
        workstation.create(tmp_path / "r.db", role="knb", user="a", passphrase=pp, kdf=fast_kdf)
    assert not (tmp_path / "r.db").exists()


def test_long_passphrase_is_never_truncated(tmp_path, fast_kdf):
    long_pp = "Жолбарыс қорғаны " * 20
    s = workstation.create(tmp_path / "r.db", role="knb", user="a", passphrase=long_pp, kdf=fast_kdf)
    s.close()
    with pytest.raises(AuthError):
        workstation.unlock(tmp_path / "r.db", user="a", passphrase=long_pp[:-1], now=lambda: 0.0)
    workstation.unlock(tmp_path / "r.db", user="a", passphrase=long_pp).close()


def test_plain_sqlite_file_is_refused_by_name_and_never_touched(tmp_path):
    p = tmp_path / "plain.db"
    c = sqlite3.connect(p)
    c.execute("CREATE TABLE t (a)")
    c.commit()
    c.close()
    before = _sha(p)
    with pytest.raises(StoreError) as e:
        workstation.unlock(p, user="a", passphrase=PASSPHRASE)
    assert e.value.key == "store.db_plaintext"
    with pytest.raises(StoreError):
        workstation.create(p, role="knb", user="a", passphrase=PASSPHRASE)
    assert _sha(p) == before


def test_zero_byte_database_is_refused_and_not_overwritten(tmp_path, fast_kdf):
    p = tmp_path / "empty.db"
    p.write_bytes(b"")
    with pytest.raises(StoreError) as e:
        workstation.unlock(p, user="a", passphrase=PASSPHRASE)
    assert e.value.key == "store.db_empty"
    with pytest.raises(StoreError):
        workstation.create(p, role="knb", user="a", passphrase=PASSPHRASE, kdf=fast_kdf)
    assert p.read_bytes() == b""


@pytest.mark.parametrize("damage", ["truncate", "flip_page", "garbage"])
def test_damaged_database_is_refused_not_repaired(session, db_path, damage, make_dossier):
    from app.services import nominees

    nominees.add(session, make_dossier(1))
    session.db.connection().execute("PRAGMA wal_checkpoint(TRUNCATE)")
    session.close()
    data = bytearray(db_path.read_bytes())
    if damage == "truncate":
        data = data[:1500]
    elif damage == "flip_page":
        for i in range(100, 4000, 7):
            data[i] ^= 0xFF
    else:
        data = bytearray(b"\x13" * len(data))
    db_path.write_bytes(bytes(data))
    before = _sha(db_path)
    with pytest.raises(StoreError) as e:
        workstation.unlock(db_path, user="admin", passphrase=PASSPHRASE)
    assert e.value.key in ("store.db_corrupt",)
    assert _sha(db_path) == before


def test_connection_self_check_keeps_temp_store_in_memory(session):
    conn = session.db.connection()
    assert conn.execute("PRAGMA temp_store").fetchone()[0] == 2
    assert str(conn.execute("PRAGMA cipher_version").fetchone()[0]).startswith("4.")


def test_self_check_refuses_a_file_temp_store(session):
    from app.store.connection import self_check

    conn = session.db.connection()
    conn.execute("PRAGMA temp_store = FILE")
    with pytest.raises(StoreError) as e:
        self_check(conn)
    assert e.value.key == "store.cipher_mismatch"
    conn.execute("PRAGMA temp_store = MEMORY")


def test_locking_drops_the_key(session):
    session.close()
    with pytest.raises(AuthError):
        session.db.connection()
    with pytest.raises(AuthError):
        session.db.raw_key()
