"""Two dossiers side by side, field by field (plain Python: no Qt)."""

from __future__ import annotations

import re
from typing import Any

import msgspec

from app.domain.dossier import Dossier
from ui.i18n import Translator

_PART = re.compile(r"^([A-Za-z0-9_]+)(?:\[(\d+)\])?$")
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def flatten(d: Dossier | None) -> dict[str, str]:
    if d is None:
        return {}
    out: dict[str, str] = {}
    _walk(msgspec.to_builtins(msgspec.structs.replace(d, photo=None)), "", out)
    return out


def _walk(value: Any, path: str, out: dict[str, str]) -> None:
    if isinstance(value, dict):
        for k, v in value.items():
            _walk(v, f"{path}.{k}" if path else k, out)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _walk(v, f"{path}[{i}]", out)
    elif value is None:
        return
    else:
        text = str(value)
        m = _DATE.match(text)
        out[path] = f"{m.group(3)}.{m.group(2)}.{m.group(1)}" if m else text


def label(tr: Translator, path: str) -> str:
    """``service_record[2].position`` -> "Service record 3 · Position" in the user's language."""
    parts = path.split(".")
    out, keys = [], []
    for i, part in enumerate(parts):
        m = _PART.match(part)
        if m is None:
            return path
        name, idx = m.group(1), m.group(2)
        keys.append(name)
        if idx is None and i < len(parts) - 1:
            continue
        key = "ui.field." + ".".join(keys)
        text = tr.t(key)
        text = name if text == key else text
        out.append(f"{text} {int(idx) + 1}" if idx is not None else text)
    return " · ".join(out)


def rows(local: Dossier | None, incoming: Dossier, *, only_differences: bool) -> list[tuple[str, str, str]]:
    """``(path, local, incoming)`` in the dossier's own field order."""
    a, b = flatten(local), flatten(incoming)
    order = list(a) + [k for k in b if k not in a]
    return [(k, a.get(k, ""), b.get(k, "")) for k in order
            if not only_differences or a.get(k, "") != b.get(k, "")]  # fmt: skip
