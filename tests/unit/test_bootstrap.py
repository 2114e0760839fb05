"""One composition root: the global options are parsed once and handed to the front end; the
GUI's language is the one chosen on the command line or by REZERV_LANG, else the saved one."""

from __future__ import annotations

import argparse

import pytest

from app.cli.main import main as cli_main


def _started(argv: list[str]) -> argparse.Namespace:
    got: list[argparse.Namespace] = []
    assert cli_main(argv, start_gui=lambda a: got.append(a) or 7) == 7
    return got[0]


def test_no_command_hands_the_parsed_options_to_the_gui(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REZERV_LANG", raising=False)
    a = _started(["--lang", "ru", "--db", "/tmp/x.db", "--user", "clerk"])
    assert (a.lang, a.lang_explicit, a.db, a.user) == ("ru", True, "/tmp/x.db", "clerk")
    a = _started([])
    assert a.lang_explicit is False


def test_rezerv_lang_counts_as_chosen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REZERV_LANG", "kk")
    a = _started([])
    assert (a.lang, a.lang_explicit) == ("kk", True)


def test_without_a_gui_no_command_prints_the_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["--lang", "ru"]) == 0
    assert "usage: rezerv" in capsys.readouterr().out


def test_the_default_database_path_is_the_services(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    from app.services.workstation import default_db_path

    monkeypatch.setenv("REZERV_DB", str(tmp_path / "w.db"))
    assert default_db_path() == tmp_path / "w.db"


def test_english_is_not_offered(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["--lang", "en", "nominee", "list"]) == 2
    err = capsys.readouterr().err
    assert "'en'" in err and "Traceback" not in err
