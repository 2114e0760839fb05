"""Opening the SQLCipher database safely.

The key is the first statement on every connection: anything run before it would create or read a
plaintext file. Temporary tables and sort files stay in memory (``temp_store=MEMORY``), because a
file temp store leaks plaintext. A self-check refuses to run when the cipher is not what we expect.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import sqlcipher3

from app.errors import StoreError

SQLITE_MAGIC = b"SQLite format 3\x00"
EXPECTED_CIPHER_MAJOR = "4."
CACHE_KIB = -8192  # 8 MiB of decrypted pages per connection (negative: KiB, SQLite's convention)
EXPECTED_SETTINGS = {
    "cipher_page_size": "4096",
    "cipher_hmac_algorithm": "HMAC_SHA512",
    "cipher_kdf_algorithm": "PBKDF2_HMAC_SHA512",
}

if TYPE_CHECKING:  # sqlcipher3 mirrors the sqlite3 module's API and ships no type hints
    from sqlite3 import Connection, DatabaseError, IntegrityError
else:
    Connection = sqlcipher3.Connection
    DatabaseError = sqlcipher3.DatabaseError
    IntegrityError = sqlcipher3.IntegrityError


def classify_existing_file(path: Path) -> None:
    """Refuse files that cannot be a Rezerv database, before any key is applied to them."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise StoreError("store.db_missing", path=str(path)) from None
    if size == 0:
        raise StoreError("store.db_empty", path=str(path))
    with path.open("rb") as f:
        head = f.read(16)
    if head == SQLITE_MAGIC:
        raise StoreError("store.db_plaintext", path=str(path))
    if size < 1024:
        raise StoreError("store.db_corrupt", path=str(path))


def connect(path: Path, key: bytes, *, create: bool = False) -> Connection:
    """A keyed connection with our pragmas. ``create`` allows making a new file."""
    if not create:
        classify_existing_file(path)
    elif path.exists() and path.stat().st_size > 0:
        raise StoreError("store.db_exists", path=str(path))
    conn = sqlcipher3.connect(
        str(path), isolation_level=None, check_same_thread=False, timeout=30.0
    )
    try:
        # First statement: the raw 256-bit key (no SQLCipher KDF; our slots did the hard work).
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        conn.execute("PRAGMA cipher_memory_security = OFF")
        conn.execute("PRAGMA temp_store = MEMORY")
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher3.DatabaseError:
            raise StoreError("store.db_corrupt", path=str(path)) from None
        self_check(conn)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute(f"PRAGMA cache_size = {CACHE_KIB:d}")
    except BaseException:
        conn.close()
        raise
    return conn


def self_check(conn: Connection) -> None:
    """Refuse to run unless this is SQLCipher 4 with the expected settings."""
    row = conn.execute("PRAGMA cipher_version").fetchone()
    version = row[0] if row else ""
    if not str(version).startswith(EXPECTED_CIPHER_MAJOR):
        raise StoreError("store.cipher_mismatch", found=str(version) or "none")
    for pragma, expected in EXPECTED_SETTINGS.items():
        found = conn.execute(f"PRAGMA {pragma}").fetchone()
        if found is None or str(found[0]) != expected:
            raise StoreError("store.cipher_mismatch", found=f"{pragma}={found[0] if found else ''}")
    temp = conn.execute("PRAGMA temp_store").fetchone()[0]
    if int(temp) != 2:
        raise StoreError("store.cipher_mismatch", found=f"temp_store={temp}")
