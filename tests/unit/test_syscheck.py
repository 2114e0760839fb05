"""The glibc floor: an older C library gets one translated line and exit 1, before Qt loads."""

from app import syscheck
from app.cli import main


def test_the_floor_is_pyside6s_manylinux_2_34():
    assert syscheck.glibc_too_old((2, 33))
    assert not syscheck.glibc_too_old((2, 34))
    assert not syscheck.glibc_too_old((3, 0))
    assert not syscheck.glibc_too_old(None)  # not glibc (or unknown): nothing to say


def test_this_machine_reports_its_glibc():
    found = syscheck.glibc_version()
    assert found is not None and found >= (2, 17)


def test_an_old_glibc_is_refused_with_one_line(monkeypatch, capsys):
    monkeypatch.setattr(syscheck, "glibc_version", lambda: (2, 31))
    assert main(["--lang", "ru", "--version"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and "2.31" in captured.err and "2.34" in captured.err
    assert main(["--lang", "kk", "--version"]) == 1
    assert "тым ескі" in capsys.readouterr().err


def test_version_line_names_version_commit_and_schema(capsys):
    assert main(["--version"]) == 0
    line = capsys.readouterr().out.strip()
    from app.store import migrate
    from app.version import VERSION

    assert line.startswith(f"rezerv {VERSION} (commit ")
    assert line.endswith(f", schema {migrate.latest_version()})")
