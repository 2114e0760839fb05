"""The project's own error types. Each carries a translation key and its parameters, never a
pre-rendered text, so every front end shows it in the user's language. Exit codes follow the CLI
contract: 2 usage, 3 wrong passphrase or locked, 4 invalid input, 1 anything else."""

from __future__ import annotations

from app.i18n import tr


class RezervError(Exception):
    exit_code = 1

    def __init__(self, key: str, /, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def message(self, lang: str) -> str:
        return tr(self.key, lang, **self.params)


class UsageError(RezervError):
    exit_code = 2


class AuthError(RezervError):
    """Wrong passphrase, unknown user, or the workstation is locked."""

    exit_code = 3


class InvalidInput(RezervError):
    """Bad input from the user or a file: nothing was changed."""

    exit_code = 4


class StoreError(RezervError):
    """The database cannot be used (corrupt, wrong format, failed self-check)."""

    exit_code = 1


class PermissionDenied(RezervError):
    exit_code = 3


class NotFound(RezervError):
    exit_code = 4
