"""Clauses in words: every clause code the rule modules can emit reads as the act is cited."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from app.rules.citation import cite

ROOT = Path(__file__).resolve().parents[2]
CODE = re.compile(r"^(?:p\.\d|chapter )")
# a code left in the text shows as Latin letters ("p.", "para", "Rules-2025", "sub-points")
LATIN = re.compile(r"[A-Za-z]")


def _act_of(module: Path) -> str:
    return "Reg-2000" if module.name.startswith("reg_2000") else "Rules-2025"


def _docstrings(tree: ast.AST) -> set[int]:
    ids: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def _notes(tree: ast.AST) -> set[int]:
    """Amendment notes describe what an amendment changed; they are not citations."""
    return {id(k.value) for n in ast.walk(tree) if isinstance(n, ast.Call)
            for k in n.keywords if k.arg == "note"}  # fmt: skip


def _points(module: Path) -> set[str]:
    """Every clause point a rule module can emit: literals, and f-strings such as
    ``f"p.18({n})"`` expanded over the sub-point numbers."""
    tree = ast.parse(module.read_text("utf-8"))
    skip = _docstrings(tree) | _notes(tree)
    skip |= {id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values}
    out: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if CODE.match(node.value):
                out.add(node.value)
        elif isinstance(node, ast.JoinedStr):
            head = node.values[0]
            if isinstance(head, ast.Constant) and CODE.match(str(head.value)):
                for n in range(1, 10):
                    out.add("".join(str(v.value) if isinstance(v, ast.Constant) else str(n)
                                    for v in node.values))  # fmt: skip
    return out


def emitted_clauses() -> list[str]:
    clauses = set()
    for module in (ROOT / "app/rules").glob("*.py"):
        for point in _points(module):
            clauses.add(f"{_act_of(module)} {point}")
    return sorted(clauses)


def test_the_collection_sees_the_rule_modules() -> None:
    found = emitted_clauses()
    assert len(found) > 50
    for expected in ("Rules-2025 p.8(3)", "Rules-2025 p.10 para 5", "Reg-2000 p.32-2(1)",
                     "Rules-2025 p.18(8)", "Reg-2000 p.39(4)", "Rules-2025 p.5 para 2, p.6 para 2",
                     "Reg-2000 p.21-1", "Rules-2025 p.11(3)"):  # fmt: skip
        assert expected in found


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_emitted_clause_formats_without_a_code_left(lang: str) -> None:
    for clause in emitted_clauses():
        text = cite(clause, lang)
        assert text != clause, clause
        assert not LATIN.search(text), (clause, text)
        assert "{" not in text and "cite." not in text, (clause, text)


def test_findings_of_real_evaluations_format(make_dossier) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from app.rules.rulesets import RULESETS, evaluate

    d = make_dossier()
    for name in RULESETS:
        for f in evaluate(d, at=dt.date(2026, 3, 1), ruleset=name):
            for lang in ("kk", "ru"):
                assert not LATIN.search(cite(f.clause, lang)), f.clause


@pytest.mark.parametrize(
    ("code", "ru", "kk"),
    [
        ("Rules-2025 p.8(3)", "подпункт 3) пункта 8 Правил",
         "Қағидалардың 8-тармағының 3) тармақшасы"),
        ("Rules-2025 p.10 para 5", "часть пятая пункта 10 Правил",
         "Қағидалардың 10-тармағының бесінші бөлігі"),
        ("Rules-2025 p.14", "пункт 14 Правил", "Қағидалардың 14-тармағы"),
        ("Rules-2025 p.5 para 2, p.6 para 2",
         "часть вторая пункта 5, часть вторая пункта 6 Правил",
         "Қағидалардың 5-тармағының екінші бөлігі, 6-тармағының екінші бөлігі"),
        ("Reg-2000 p.32-2(1)", "подпункт 1) пункта 32-2 Положения",
         "Ереженің 32-2-тармағының 1) тармақшасы"),
        ("Reg-2000 p.39(4)", "подпункт 4) пункта 39 Положения",
         "Ереженің 39-тармағының 4) тармақшасы"),
        ("Reg-2000 p.21-1", "пункт 21-1 Положения", "Ереженің 21-1-тармағы"),
        ("Reg-2000 p.36-p.37", "пункты 36–37 Положения", "Ереженің 36–37-тармақтары"),
        ("Rules-2025 p.18 sub-points (1)-(8)", "подпункты 1)–8) пункта 18 Правил",
         "Қағидалардың 18-тармағының 1)–8) тармақшалары"),
        ("p.8(3)", "подпункт 3) пункта 8", "8-тармақтың 3) тармақшасы"),
        ("p.14", "пункт 14", "14-тармақ"),
        # chapter 5-1 (the fourth source, Decree No. 1071), with and without the act's name
        ("Reg-2000 p.5(4), chapter 5-1", "подпункт 4) пункта 5, глава 5-1 Положения",
         "Ереженің 5-тармағының 4) тармақшасы, 5-1-тарауы"),
        ("chapter 5-1", "глава 5-1", "5-1-тарау"),
        # a part without an ordinal word is cited by its number
        ("Rules-2025 p.10 part 11", "часть 11 пункта 10 Правил",
         "Қағидалардың 10-тармағының 11 бөлігі"),
    ],
)
def test_clerks_wording(code: str, ru: str, kk: str) -> None:
    assert cite(code, "ru") == ru
    assert cite(code, "kk") == kk


@pytest.mark.parametrize("text", ["", "ст. 5 Закона", "Rules-2025 p.x", "p.8(3); drop", "Rules-2025"])
def test_unknown_text_comes_back_unchanged(text: str) -> None:
    assert cite(text, "ru") == text
    assert cite(text, "kk") == text


def test_hostile_strings_never_raise(hostile_strings) -> None:  # type: ignore[no-untyped-def]
    for s in hostile_strings:
        assert isinstance(cite(s, "kk"), str)
        assert isinstance(cite("Rules-2025 " + s, "ru"), str)
