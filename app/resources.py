"""Where the shipped resources (fonts, translations, schemas, samples) live."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "resources"


def path(*parts: str) -> Path:
    return ROOT.joinpath(*parts)
