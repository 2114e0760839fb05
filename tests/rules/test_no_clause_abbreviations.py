"""No text a person reads abbreviates a clause ("п.13", "пп.2 п.11", "13-т.", "8-т. 2-тш.") or
shows its code ("p.10"): clauses are cited as the act writes them ("пункт 13 Правил",
"Қағидалардың 13-тармағы"), through ``app.rules.citation.cite`` or written out in the catalogue.

Every value of every catalogue in ``resources/i18n`` is scanned, and every Cyrillic string
literal of ``app/`` and ``ui/`` (a text typed in code instead of a catalogue)."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from app.rules.citation import cite

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = sorted((ROOT / "resources" / "i18n").glob("*.json"))

_W = r"(?<![\w.])"  # not inside a word (Python's \w covers Cyrillic)
ABBREVIATION = re.compile("|".join((
    _W + r"п\.\s?\d",  # п.13, п. 8
    _W + r"пп\.\s?\d",  # пп.2 п.11, пп.5, 6
    _W + r"подп\.",  # подп. 3)
    _W + r"ч\.\s?\d",  # ч. 5 п.10
    r"\d+(?:-\d+)?-т\.",  # 13-т., 32-2-т.
    r"\d-тт\.",  # 5, 6-тт.
    r"\d-тш\.",  # 2-тш.
    r"\d\)\s?т\.",  # 1) т.
    _W + r"тт?\.\s?\d",  # т. 13
    _W + r"pp?\.\s?\d",  # p.10 (the code) or pp. 5
)))  # fmt: skip

KNOWN_BAD = ["(п.13)", "(п. 8 Правил)", "пп.2 п.11", "(пп.5, 6)", "подп. 3)", "ч. 5 п.10",
             "(13-т.)", "(5, 6-т.)", "8-т. 2-тш.", "18-т. 1) т.", "(5, 19-тт.)", "срок p.10",
             "Rules-2025 p.8(3)"]  # fmt: skip
CODES = ["Rules-2025 p.8(3)", "Rules-2025 p.10 para 5", "Reg-2000 p.32-2(1)", "Rules-2025 p.36-p.37",
         "Rules-2025 p.5 para 2, p.6 para 2", "Rules-2025 p.18 sub-points (1)-(8)", "p.13",
         "Rules-2025 chapter 2"]  # fmt: skip


@pytest.mark.parametrize("text", KNOWN_BAD)
def test_the_scan_catches_each_abbreviation(text: str) -> None:
    assert ABBREVIATION.search(text), text


@pytest.mark.parametrize("lang", ["kk", "ru"])
@pytest.mark.parametrize("code", CODES)
def test_the_scan_passes_the_cited_form(code: str, lang: str) -> None:
    text = cite(code, lang)
    assert text != code and not ABBREVIATION.search(text), text


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.name)
def test_no_catalogue_abbreviates_a_clause(path: Path) -> None:
    texts = json.loads(path.read_text(encoding="utf-8"))
    bad = {k: v for k, v in texts.items() if ABBREVIATION.search(v)}
    assert not bad, f"{path.name}: cite clauses in full (app/rules/citation.py): {bad}"


def _literals(tree: ast.AST) -> list[ast.Constant]:
    """Cyrillic string constants, docstrings left out (they are read by developers)."""
    docs = {id(n.body[0].value) for n in ast.walk(tree)
            if isinstance(n, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and n.body and isinstance(n.body[0], ast.Expr)}  # fmt: skip
    return [n for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
            and id(n) not in docs and re.search("[а-яёәіңғүұқөһ]", n.value, re.IGNORECASE)]  # fmt: skip


def test_no_code_literal_abbreviates_a_clause() -> None:
    files = sorted((ROOT / "app").rglob("*.py")) + sorted((ROOT / "ui").rglob("*.py"))
    assert len(files) > 100
    bad = [f"{p.relative_to(ROOT)}:{n.lineno}: {n.value!r}" for p in files
           for n in _literals(ast.parse(p.read_text(encoding="utf-8")))
           if ABBREVIATION.search(n.value)]  # fmt: skip
    assert not bad, bad
