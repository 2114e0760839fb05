"""Clauses in words: ``cite("Rules-2025 p.8(3)", "ru")`` -> "подпункт 3) пункта 8 Правил".

The rules cite clauses as codes ("Rules-2025 p.8(3)", "p.10 para 5", "p.32-2(1)", "p.36-p.37",
"p.5 para 2, p.6 para 2", "p.18 sub-points (1)-(8)"); codes stay in JSON output, and everything a
person reads goes through ``cite``. The wording follows the acts themselves: Russian
"подпункт 3) пункта 8 Правил", "часть пятая пункта 10 Правил"; Kazakh "Қағидалардың 8-тармағының
3) тармақшасы", "Ереженің 32-2-тармағы" (the Kazakh texts in ``../shared/seeds`` name the acts
"Қағидалар" and "Ереже"). The words live in ``resources/i18n/citation.<lang>.json``.

A code this grammar does not know is returned unchanged (a clerk may type any clause into a
review finding); every code the rule modules emit is known (``tests/rules/test_citation.py``).
"""

from __future__ import annotations

import re

from app.i18n import tr

ACTS = ("Rules-2025", "Reg-2000")  # the act codes of app.rules.*.ACT.code

_NUM = r"\d+(?:-\d+)?"  # 8, 32-2
_ITEM = re.compile(
    rf"^p\.(?P<n>{_NUM})"
    rf"(?:-p\.(?P<to>{_NUM})"  # p.36-p.37
    r"|\((?P<k>\d+)\)"  # p.8(3)
    r"| para (?P<part>\d+)"  # p.10 para 5
    r"| sub-points \((?P<a>\d+)\)-\((?P<b>\d+)\))?$"  # p.18 sub-points (1)-(8)
)
_CHAPTER = re.compile(rf"^chapter (?P<n>{_NUM})$")


def _ordinal(n: str, lang: str) -> str:
    key = f"cite.ord.{n}"
    text = tr(key, lang)
    return n if text == key else text


def _item(code: str, lang: str, of: str) -> str | None:
    """One cited unit in words; ``of`` is ".of" when an act name governs it (Kazakh possessive)."""
    if m := _CHAPTER.match(code):
        return tr("cite.chapter" + of, lang, n=m["n"])
    m = _ITEM.match(code)
    if m is None:
        return None
    n = m["n"]
    if m["to"]:
        return tr("cite.points" + of, lang, a=n, b=m["to"])
    if m["k"]:
        return tr("cite.subpoint" + of, lang, n=n, k=m["k"])
    if m["part"]:
        return tr("cite.part" + of, lang, n=n, ord=_ordinal(m["part"], lang))
    if m["a"]:
        return tr("cite.subpoints" + of, lang, n=n, a=m["a"], b=m["b"])
    return tr("cite.point" + of, lang, n=n)


def cite(clause: str, lang: str) -> str:
    """The clause as the act is cited in ``lang`` ("kk" or "ru"); unknown codes come back as is."""
    text = clause.strip()
    act = next((a for a in ACTS if text.startswith(a + " ")), "")
    body = text[len(act):].strip() if act else text
    of = ".of" if act else ""
    items = [_item(part.strip(), lang, of) for part in body.split(",")]
    if not body or any(i is None for i in items):
        return clause
    joined = ", ".join(i for i in items if i is not None)
    if not act:
        return joined
    return tr("cite.with_act", lang, act=tr(f"cite.act.{act}", lang), items=joined)

