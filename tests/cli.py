"""Running the real ``rezerv`` command in a subprocess, as a person would."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

PASSPHRASE = "correct horse battery staple «Қазақ» 'x' \"y\""


@dataclass
class Result:
    code: int
    out: str
    err: str


def run_cli(
    *args: str,
    db: Path | None = None,
    user: str | None = "admin",
    passphrase: str | None = PASSPHRASE,
    env: dict[str, str] | None = None,
    tmpdir: Path | None = None,
    lang: str = "ru",
    timeout: float = 120,
) -> Result:
    full = [sys.executable, "-m", "app", "--lang", lang]
    if db is not None:
        full += ["--db", str(db)]
    if user is not None:
        full += ["--user", user]
    full += list(args)
    e = {k: v for k, v in os.environ.items() if not k.startswith("REZERV_")}
    e["REZERV_INSECURE_TEST_KDF"] = "1"
    if passphrase is not None:
        e["REZERV_PASSPHRASE"] = passphrase
    if tmpdir is not None:
        e["TMPDIR"] = str(tmpdir)
    e.update(env or {})
    p = subprocess.run(full, capture_output=True, text=True, env=e, timeout=timeout,
                       stdin=subprocess.DEVNULL)  # fmt: skip
    return Result(p.returncode, p.stdout, p.stderr)
