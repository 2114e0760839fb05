"""No plaintext temp files: every export runs with ``TMPDIR`` pointing at an empty folder watched
with inotify, so a file that appears and is deleted again before the command ends is still seen;
spreadsheet cells that would be a formula or a control character are neutralised."""

from __future__ import annotations

import csv
import ctypes
import io
import os
import struct
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.services import register_export
from tests.cli import run_cli

IN_CREATE, IN_MOVED_TO = 0x100, 0x80
IN_NONBLOCK = 0o4000


class Watch:
    """Names created in one folder (inotify, Linux): survives files deleted before we look."""

    def __init__(self, folder: Path) -> None:
        self.libc = ctypes.CDLL(None, use_errno=True)
        self.fd = self.libc.inotify_init1(IN_NONBLOCK)
        assert self.fd >= 0
        wd = self.libc.inotify_add_watch(self.fd, str(folder).encode(), IN_CREATE | IN_MOVED_TO)
        assert wd >= 0

    def created(self) -> list[str]:
        names: list[str] = []
        while True:
            try:
                buf = os.read(self.fd, 65536)
            except BlockingIOError:
                return names
            i = 0
            while i < len(buf):
                _wd, _mask, _cookie, length = struct.unpack_from("iIII", buf, i)
                names.append(buf[i + 16 : i + 16 + length].rstrip(b"\0").decode())
                i += 16 + length

    def close(self) -> None:
        os.close(self.fd)


@pytest.fixture
def watched(tmp_path: Path):
    folder = tmp_path / "tmp-watched"
    folder.mkdir()
    w = Watch(folder)
    probe = folder / "probe"
    probe.write_bytes(b"")  # the watch itself works
    probe.unlink()
    assert w.created() == ["probe"]
    yield folder, w
    w.close()


def test_exports_leave_no_file_in_tmpdir(tmp_path: Path, watched):
    folder, w = watched
    db = tmp_path / "ws" / "rezerv.db"
    run = lambda *a: run_cli(*a, db=db, tmpdir=folder)  # noqa: E731
    assert run_cli("init", "--role", "knb", "--user", "admin", db=db, user=None,
                   tmpdir=folder).code == 0  # fmt: skip
    assert run("demo", "--count", "3", "--seed", "5").code == 0
    for argv in (
        ("reserve", "export", "--out", str(tmp_path / "r.xlsx")),
        ("reserve", "export", "--out", str(tmp_path / "r.csv")),
        ("backup", "--out", str(tmp_path / "b.rezervbk")),
        ("pdf", "submission", "--nominee", "1", "--out", str(tmp_path / "s.pdf")),
        ("nominee", "show", "1", "--format", "json"),
    ):
        r = run(*argv)
        assert r.code == 0, (argv, r)
        assert w.created() == [], argv
    assert load_workbook(tmp_path / "r.xlsx").active is not None
    assert list(folder.iterdir()) == []


def test_the_watch_sees_what_openpyxl_would_leave(watched, monkeypatch):
    folder, w = watched
    import tempfile

    from openpyxl import Workbook

    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    Workbook().save(io.BytesIO())
    assert any(n.startswith("openpyxl.") for n in w.created())


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r", "\n"])
def test_formula_and_control_starts_are_neutralised_in_csv_and_xlsx(start: str, tmp_path: Path):
    value = start + "cmd|' /C calc'!A0"
    table = [["h1", "h2"], [value, "plain"]]
    rows = list(csv.reader(io.StringIO(register_export._csv(table).decode("utf-8-sig"))))
    assert rows[1] == ["'" + value, "plain"]
    out = tmp_path / "x.xlsx"
    out.write_bytes(register_export._xlsx(table, "Sheet"))
    ws = load_workbook(out).active
    shown = str(ws["A2"].value).replace("_x000D_", "\r")  # XML's escape, undone by spreadsheets
    assert shown == "'" + value and ws["A2"].data_type == "s"
    assert ws["B2"].value == "plain"
