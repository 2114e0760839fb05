"""Opening the SQLCipher database safely.

The key is the first statement on every connection: anything run before it would create or read a
plaintext file. Temporary tables and sort files stay in memory (``temp_store=MEMORY``), because a
file temp store leaks plaintext. A self-check refuses to run when the cipher is not what we expect.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import sqlcipher3

from app.errors import InvalidInput, StoreError

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


def quiet_library_log() -> None:
    """SQLCipher logs to stderr by default ("ERROR CORE ... hmac check failed" with library
    paths); the level is process-wide, so one in-memory connection turns it off for all."""
    global _QUIET
    if not _QUIET:
        c = sqlcipher3.connect(":memory:")
        try:
            c.execute("PRAGMA cipher_log_level = NONE")
        finally:
            c.close()
        _QUIET = True


_QUIET = False


def classify_existing_file(path: Path) -> None:
    """Refuse files that cannot be a Rezerv database, before any key is applied to them: a missing
    path, a folder or device, or a file (or folder) we may not write are the user's input and
    exit 4; an empty, plaintext or too-short file is not a Rezerv database."""
    try:
        st = path.stat()
    except FileNotFoundError:
        raise InvalidInput("store.db_missing", path=str(path)) from None
    except OSError:
        raise InvalidInput("store.db_not_file", path=str(path)) from None
    if not stat.S_ISREG(st.st_mode):
        raise InvalidInput("store.db_not_file", path=str(path))
    check_writable(path)
    size = st.st_size
    if size == 0:
        raise StoreError("store.db_empty", path=str(path))
    with path.open("rb") as f:
        head = f.read(16)
    if head == SQLITE_MAGIC:
        raise StoreError("store.db_plaintext", path=str(path))
    if size < 1024:
        raise StoreError("store.db_corrupt", path=str(path))


def check_writable(path: Path) -> None:
    """The database and its folder must be writable (WAL keeps -wal and -shm beside it)."""
    folder = path.parent if str(path.parent) else Path(".")
    if (path.exists() and not os.access(path, os.R_OK | os.W_OK)) or not os.access(
        folder, os.W_OK | os.X_OK
    ):
        raise InvalidInput("store.db_readonly", path=str(path))


def connect(path: Path, key: bytes, *, create: bool = False) -> Connection:
    """A keyed connection with our pragmas. ``create`` allows making a new file."""
    quiet_library_log()
    if not create:
        classify_existing_file(path)
    elif path.exists() and path.stat().st_size > 0:
        raise StoreError("store.db_exists", path=str(path))
    else:
        check_writable(path)
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


@contextlib.contextmanager
def transaction(conn: Connection) -> Iterator[Connection]:
    """``BEGIN IMMEDIATE`` … ``COMMIT`` on a bare connection (before a ``Database`` exists:
    creating or restoring a workstation), rolled back on any exception."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


@contextlib.contextmanager
def read_only(conn: Connection) -> Iterator[Connection]:
    """Within it, any write on ``conn`` fails (``PRAGMA query_only``): code that must only read
    (a bundle handler's ``build``) cannot change the database even by mistake."""
    conn.execute("PRAGMA query_only = ON")
    try:
        yield conn
    finally:
        conn.execute("PRAGMA query_only = OFF")


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
