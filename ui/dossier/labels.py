"""Human names of dossier field paths ("disciplinary[0].lifted" -> "Sanction 1 · lifted")."""

from __future__ import annotations

from app.services.dossier_flow import parse_path
from ui.i18n import Translator


def field_key(path: str) -> str:
    """``disciplinary[0].lifted`` -> ``ui.field.disciplinary.lifted``."""
    return "ui.field." + ".".join(str(t) for t in parse_path(path) if isinstance(t, str))


def field_label(tr: Translator, path: str) -> str:
    if not path:
        return tr.t("ui.field.dossier")
    tokens = parse_path(path)
    if len(tokens) >= 2 and isinstance(tokens[1], int):
        head = tr.t(f"ui.field.{tokens[0]}") + f" №{tokens[1] + 1}"
        rest = [t for t in tokens[2:] if isinstance(t, str)]
        if not rest:
            return head
        return head + " · " + tr.t(f"ui.field.{tokens[0]}." + ".".join(rest))
    return tr.t(field_key(path))
