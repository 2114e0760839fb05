"""Durable file writes: temp file beside the target, owner-only permissions, fsync, rename.

After Electrum's ``storage.py`` and KeePassXC's ``QSaveFile``: a crash at any moment leaves
either the old file or the new one, never a half-written file under the final name.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path
from typing import BinaryIO

from app.errors import InvalidInput


def fsync_dir(directory: Path) -> None:
    with contextlib.suppress(OSError):  # not every platform can fsync a directory
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def atomic_write(path: str | os.PathLike[str], data: bytes, mode: int = 0o600) -> None:
    target = Path(path)
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    fsync_dir(target.parent)


def open_regular(path: str | os.PathLike[str], limit: int) -> tuple[BinaryIO, int]:
    """A regular file opened for reading, with its size, refused before a byte is read when it
    is not a regular file (device, FIFO, socket, directory) or larger than ``limit``.

    The file is opened with ``O_NONBLOCK`` so a FIFO named in a dossier file never blocks, and
    checked again with ``fstat`` on the open descriptor, so swapping the path in between does
    not help. Errors are ``InvalidInput`` with a ``file.*`` key naming the path.
    """
    name = os.fspath(path)
    try:
        st = os.stat(name)
    except FileNotFoundError:
        raise InvalidInput("file.missing", path=name) from None
    except (OSError, ValueError):
        raise InvalidInput("file.unreadable", path=name) from None
    if not stat.S_ISREG(st.st_mode):
        raise InvalidInput("file.not_regular", path=name)
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except FileNotFoundError:
        raise InvalidInput("file.missing", path=name) from None
    except OSError:
        raise InvalidInput("file.unreadable", path=name) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise InvalidInput("file.not_regular", path=name)
        if st.st_size > limit:
            raise InvalidInput("file.too_large", path=name, limit_mb=_mb(limit))
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb"), st.st_size
    except BaseException:
        os.close(fd)
        raise


def read_bounded(path: str | os.PathLike[str], limit: int) -> bytes:
    """The whole of a regular file of at most ``limit`` bytes (see ``open_regular``); a file
    that grows past the limit while being read is refused too."""
    f, _ = open_regular(path, limit)
    with f:
        try:
            data = f.read(limit + 1)
        except OSError:
            raise InvalidInput("file.unreadable", path=os.fspath(path)) from None
    if len(data) > limit:
        raise InvalidInput("file.too_large", path=os.fspath(path), limit_mb=_mb(limit))
    return data


def _mb(limit: int) -> str:
    return f"{limit / 2**20:.3g}" if limit < 2**20 else str(limit // 2**20)
