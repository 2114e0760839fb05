"""What every CLI command gets: the parsed options, the language, the clock, and the session."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path
from typing import TextIO

from app import clock as clock_mod
from app.clock import Clock
from app.errors import InvalidInput, UsageError
from app.fsutil import read_bounded
from app.i18n import tr
from app.services import workstation
from app.services.workstation import Session, default_db_path

MAX_PASSPHRASE_FILE = 64 * 1024


class Context:
    def __init__(self, args: argparse.Namespace, out: TextIO, err: TextIO) -> None:
        self.args = args
        self.lang: str = args.lang
        self.out = out
        self.err = err
        self.clock: Clock = clock_mod.from_environment()
        self.db_path = Path(args.db) if args.db else default_db_path()
        self._session: Session | None = None

    def t(self, key: str, /, **params: object) -> str:
        return tr(key, self.lang, **params)

    def print(self, text: str = "") -> None:
        self.out.write(text + "\n")

    def print_json(self, value: object) -> None:
        self.out.write(json.dumps(value, ensure_ascii=False, indent=2, default=str) + "\n")

    def user(self) -> str:
        user = self.args.user or os.environ.get("REZERV_USER")
        if not user:
            raise UsageError("cli.user_required")
        return str(user)

    def passphrase(self, *, file: str | None = None, prompt_key: str = "cli.prompt_passphrase") -> str:
        """From a file (first line), else ``REZERV_PASSPHRASE``, else a hidden prompt. Never argv."""
        path = file if file is not None else self.args.passphrase_file
        if path:
            try:
                raw = read_bounded(path, MAX_PASSPHRASE_FILE)
                return raw.decode("utf-8").split("\n", 1)[0].rstrip("\r")
            except (InvalidInput, UnicodeDecodeError):
                raise UsageError("cli.passphrase_file_unreadable", path=path) from None
        if file is None:
            env = os.environ.get("REZERV_PASSPHRASE")
            if env is not None:
                return env
        if not sys.stdin or not sys.stdin.isatty():
            raise UsageError("cli.passphrase_required")
        return getpass.getpass(self.t(prompt_key) + " ")

    def session(self) -> Session:
        """The unlocked workstation, opened once."""
        if self._session is None:
            self._session = workstation.unlock(
                self.db_path, user=self.user(), passphrase=self.passphrase(), clock=self.clock
            )
            for key, params in self._session.notices:  # e.g. "the workstation was restored"
                self.err.write(self.t(key, **params) + "\n")
        return self._session

    def close(self) -> None:
        if self._session is not None:
            self._session.close()
            self._session = None
