"""The dossier wizard's flow, without any GUI: the steps (``STEPS``, in order), the draft and its checks.

A ``DossierFlow`` holds the draft as plain data (``data``: nested dicts and lists of str, int,
bool, date, bytes, None), so a half-typed dossier can exist before it is valid. Pages read and
write values by path (``person.iin``, ``disciplinary[0].lifted``); the flow knows which step owns
which path, which problems and rule findings concern each step, whether the draft differs from
what was loaded, and how to save it through ``app.services.nominees``. The Qt wizard only
attaches pages to these steps; ``tests/unit/test_dossier_flow.py`` walks whole flows without Qt.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Callable
from typing import Any

import msgspec

from app.domain.dossier import (
    Attestation,
    Dossier,
    Nomination,
    Secondment,
    Vetting,
)  # fmt: skip
from app.domain.iin import IINError, parse_iin
from app.domain.validation import problems as validation_problems
from app.rules.base import Finding, Severity
from app.services.workstation import Session

STEPS = (
    "identity", "service", "photo", "attestation", "records", "vetting", "submission", "review",
)  # fmt: skip

# Which step edits which top-level dossier field.
FIELD_STEP = {
    "person": "identity", "body": "identity",
    "unit": "service", "current_position": "service", "rank": "service",
    "unit_ru": "service", "current_position_ru": "service",
    "service_start": "service", "languages": "service", "academic_degree": "service",
    "secondment": "service", "service_record": "service", "education": "service",
    "training": "service", "awards": "service",
    "photo": "photo",
    "attestation": "attestation",
    "disciplinary": "records", "liabilities": "records", "career_events": "records",
    "vetting": "vetting",
    "indicators": "submission", "nomination": "submission",
}  # fmt: skip

# Fields without which a dossier cannot exist; list items name their own.
REQUIRED = ("person.iin", "person.surname", "person.given_name", "person.birth_date",
            "person.sex", "body")  # fmt: skip
REQUIRED_ITEM = {
    "service_record": ("start", "position"),
    "education": ("institution",),
    "training": ("title",),
    "awards": ("title",),
    "disciplinary": ("kind", "imposed"),
    "liabilities": ("kind", "date"),
    "indicators": ("year", "text"),
    "career_events": ("kind", "date"),
}

_TOKEN = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]")


class Issue(msgspec.Struct, frozen=True, kw_only=True):
    """One line of the findings panel: an input problem or a rule finding."""

    kind: str  # "input", "blocker", "warning", "info"
    field: str
    key: str
    params: dict[str, str] = msgspec.field(default_factory=dict)
    refs: dict[str, str] = msgspec.field(default_factory=dict)  # params that are keys themselves
    clause: str = ""
    step: str = "review"


def issue_of(f: Finding) -> Issue:
    return Issue(kind=f.severity.value, field=f.field, key=f.key, params=dict(f.params),
                 refs=dict(f.refs), clause=f.clause, step=step_of(f.field))  # fmt: skip


def to_data(obj: object) -> Any:
    """A Struct as nested plain data; dates, bytes and None are kept as they are."""
    if isinstance(obj, msgspec.Struct):
        return {name: to_data(getattr(obj, name)) for name in obj.__struct_fields__}
    if isinstance(obj, list):
        return [to_data(x) for x in obj]
    if isinstance(obj, enum.Enum):
        return obj.value
    return obj


def blank(body: str | None) -> dict[str, Any]:
    person = {
        "iin": "", "surname": "", "given_name": "", "patronymic": "", "surname_ru": "",
        "given_name_ru": "", "patronymic_ru": "", "birth_date": None, "sex": None,
        "birth_place": "",
    }  # fmt: skip
    return {
        "person": person, "body": body, "unit": "", "current_position": "", "rank": "",
        "unit_ru": "", "current_position_ru": "",
        "service_start": None, "languages": "", "academic_degree": "",
        "secondment": to_data(Secondment()), "service_record": [], "education": [],
        "training": [], "awards": [], "attestation": to_data(Attestation()), "disciplinary": [],
        "liabilities": [], "vetting": to_data(Vetting()), "indicators": [], "career_events": [],
        "nomination": to_data(Nomination()), "photo": None,
    }  # fmt: skip


def parse_path(path: str) -> list[str | int]:
    return [m.group(1) if m.group(1) else int(m.group(2)) for m in _TOKEN.finditer(path)]


def step_of(path: str) -> str:
    """The step whose page edits ``path`` ("" or unknown: the review)."""
    tokens = parse_path(path)
    head = tokens[0] if tokens else ""
    return FIELD_STEP.get(str(head), "review")


def _error_path(message: str) -> str:
    """``Expected ... - at `$.person.iin``` -> ``person.iin``; missing fields name themselves."""
    m = re.search(r"at `\$\.?([^`]*)`", message)
    base = m.group(1) if m else ""
    missing = re.search(r"missing required field `([^`]+)`", message)
    if missing:
        base = f"{base}.{missing.group(1)}" if base else missing.group(1)
    return base


class DossierFlow:
    def __init__(
        self,
        dossier: Dossier | None = None,
        *,
        body: str | None = None,
        today: dt.date | None = None,
        nominee_id: int | None = None,
        version: int | None = None,
        evaluate: Callable[[Dossier, dt.date], list[Finding]] | None = None,
    ) -> None:
        self.data: dict[str, Any] = to_data(dossier) if dossier is not None else blank(body)
        self.today = today or dt.date.today()
        self.nominee_id = nominee_id
        self.version = version
        self._evaluate = evaluate or _default_evaluate
        self.input_errors: dict[str, str] = {}
        self.photo_source: bytes | None = None  # the original image, kept while editing
        self._baseline = self._snapshot()

    @property
    def editing(self) -> bool:
        return self.nominee_id is not None

    # --- values by path ---------------------------------------------------------------------
    def get(self, path: str) -> Any:
        node: Any = self.data
        for tok in parse_path(path):
            try:
                node = node[tok]
            except (KeyError, IndexError, TypeError):
                return None
        return node

    def set(self, path: str, value: Any) -> None:
        tokens = parse_path(path)
        node: Any = self.data
        for tok in tokens[:-1]:
            node = node[tok]
        node[tokens[-1]] = value
        self.input_errors.pop(path, None)

    def set_input_error(self, path: str, key: str | None) -> None:
        """A value the page could not read (a date like 31.02.2020): shown as a problem."""
        if key:
            self.input_errors[path] = key
        else:
            self.input_errors.pop(path, None)

    def set_iin(self, text: str) -> str | None:
        """Store the IIN; when valid, fill the birth date and sex it encodes if still empty.
        Returns the translation key of what is wrong with it, or None."""
        self.set("person.iin", text)
        try:
            info = parse_iin(text)
        except IINError as e:
            return f"dossier.{e.code}"
        if self.get("person.birth_date") is None:
            self.set("person.birth_date", info.birth_date)
        if self.get("person.sex") is None:
            self.set("person.sex", info.sex)
        return None

    # --- list editing -------------------------------------------------------------------------
    def items(self, path: str) -> list[dict[str, Any]]:
        value = self.get(path)
        return value if isinstance(value, list) else []

    def add_item(self, path: str, item: dict[str, Any]) -> int:
        items = self.items(path)
        items.append(item)
        self.set(path, items)
        return len(items) - 1

    def remove_item(self, path: str, index: int) -> None:
        items = self.items(path)
        del items[index]
        self.set(path, items)
        self._drop_item_errors(path)

    def move_item(self, path: str, index: int, delta: int) -> int:
        items = self.items(path)
        j = index + delta
        if not (0 <= index < len(items) and 0 <= j < len(items)):
            return index
        items[index], items[j] = items[j], items[index]
        self.set(path, items)
        self._drop_item_errors(path)
        return j

    def _drop_item_errors(self, path: str) -> None:
        for p in [p for p in self.input_errors if p.startswith(path + "[")]:
            del self.input_errors[p]

    # --- building and checking ----------------------------------------------------------------
    def _required(self) -> list[Issue]:
        out = []
        for path in REQUIRED:
            value = self.get(path)
            if value is None or (isinstance(value, str) and not value.strip()):
                out.append(_required_issue(path))
        for list_path, fields in REQUIRED_ITEM.items():
            for i, item in enumerate(self.items(list_path)):
                for name in fields:
                    value = item.get(name)
                    if value is None or (isinstance(value, str) and not value.strip()):
                        p = f"{list_path}[{i}].{name}"
                        out.append(_required_issue(p))
        return out

    def dossier(self) -> Dossier | None:
        """The draft as a Dossier, or None while required values are missing or malformed."""
        if self._required():
            return None
        try:
            return msgspec.convert(self.data, Dossier)
        except msgspec.ValidationError:
            return None

    def problems(self) -> list[Issue]:
        """Input problems: missing or malformed values, then the domain validation's."""
        errors = self.input_errors.items()
        out = [Issue(kind="input", field=p, key=k, step=step_of(p)) for p, k in errors]
        required = self._required()
        if required:
            return out + required
        try:
            d = msgspec.convert(self.data, Dossier)
        except msgspec.ValidationError as e:
            path = _error_path(str(e))
            bad = Issue(kind="input", field=path, key="dossier.malformed", step=step_of(path))
            return [*out, bad]
        seen = {i.field for i in out}
        for p in validation_problems(d, today=self.today):
            if p.field not in seen:
                out.append(Issue(kind="input", field=p.field, key=p.key, params=dict(p.params),
                                 step=step_of(p.field)))  # fmt: skip
        return out

    def findings(self) -> list[Issue]:
        """The rules engine's findings on the draft (none until it can be built)."""
        d = self.dossier()
        if d is None:
            return []
        order = {Severity.BLOCKER: 0, Severity.WARNING: 1, Severity.INFO: 2}
        found = sorted(self._evaluate(d, self.today), key=lambda f: order.get(f.severity, 3))
        return [issue_of(f) for f in found]

    def issues(self) -> list[Issue]:
        return self.problems() + self.findings()

    def step_problems(self, step: str) -> list[Issue]:
        return [i for i in self.problems() if i.step == step]

    def can_save(self) -> bool:
        return not self.problems()

    # --- unsaved changes ----------------------------------------------------------------------
    def _snapshot(self) -> bytes:
        return msgspec.json.encode(self.data)

    @property
    def dirty(self) -> bool:
        return self._snapshot() != self._baseline

    # --- a draft kept across a lock (data only: never the evaluator, which holds the session) ---
    def draft_state(self, page: int = 0) -> bytes:
        """The draft as msgpack bytes (values, input errors, photo, the unsaved baseline and the
        wizard's page); ``restore`` makes a flow of it again. Sealed by ``app.services.drafts``."""
        state = {
            "data": _pack(self.data), "today": self.today.isoformat(),
            "nominee_id": self.nominee_id, "version": self.version,
            "input_errors": dict(self.input_errors), "photo_source": self.photo_source,
            "baseline": self._baseline, "page": page,
        }  # fmt: skip
        return msgspec.msgpack.encode(state)

    def mark_saved(self, nominee_id: int, version: int) -> None:
        self.nominee_id = nominee_id
        self.version = version
        self._baseline = self._snapshot()

    def prepare(self) -> Dossier:
        """The dossier to save; InvalidInput naming the first problem's field otherwise."""
        from app.errors import InvalidInput

        d = self.dossier()
        problems = self.problems()
        if d is None or problems:
            first = problems[0] if problems else _required_issue("")
            raise InvalidInput(first.key, field=first.field, **first.params)
        return d

    def write(self, session: Any, d: Dossier) -> tuple[int, int]:
        """Add or update ``d`` through ``app.services.nominees`` (safe on a worker thread: it
        does not touch the draft); returns (id, version) for ``mark_saved``."""
        from app.services import nominees

        if self.nominee_id is None:
            return nominees.add(session, d), 1
        nid = self.nominee_id
        return nid, nominees.update(session, nid, d, expected_version=self.version)

    def save(self, session: Any) -> int:
        nid, version = self.write(session, self.prepare())
        self.mark_saved(nid, version)
        return nid


_DATE_EXT = 1


def _pack(obj: Any) -> Any:
    """Dates as a msgpack extension, so they come back as dates (msgpack would make them str)."""
    if isinstance(obj, dict):
        return {k: _pack(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_pack(v) for v in obj]
    if isinstance(obj, dt.date) and not isinstance(obj, dt.datetime):
        return msgspec.msgpack.Ext(_DATE_EXT, obj.isoformat().encode())
    return obj


def _unpack_ext(code: int, data: memoryview) -> Any:
    if code == _DATE_EXT:
        return dt.date.fromisoformat(bytes(data).decode())
    raise ValueError(f"unknown draft extension {code}")


def restore(blob: bytes, evaluate: Callable[[Dossier, dt.date], list[Finding]] | None = None,
            ) -> tuple[DossierFlow, int]:  # fmt: skip
    """A flow (with ``evaluate`` for its findings) and the wizard's page from ``draft_state``."""
    state = msgspec.msgpack.Decoder(ext_hook=_unpack_ext).decode(blob)
    flow = DossierFlow(today=dt.date.fromisoformat(state["today"]), nominee_id=state["nominee_id"],
                       version=state["version"], evaluate=evaluate)  # fmt: skip
    flow.data = state["data"]
    flow.input_errors = dict(state["input_errors"])
    flow.photo_source = state["photo_source"]
    flow._baseline = state["baseline"]
    return flow, int(state["page"])


def _required_issue(path: str) -> Issue:
    return Issue(kind="input", field=path, key="dossier.required", step=step_of(path))


def _default_evaluate(d: Dossier, at: dt.date) -> list[Finding]:
    from app.rules import rulesets

    return rulesets.evaluate(d, at=at)


def for_session(s: Session, dossier: Dossier | None = None, *, nominee_id: int | None = None,
                version: int | None = None) -> DossierFlow:  # fmt: skip
    """A wizard flow whose live findings come from the session's evaluator (its rule set and
    calendar) and, for a saved nominee, the register's membership (p.14's three months, p.18,
    p.20) — the same as the save's and ``check``'s."""
    return DossierFlow(dossier, body=s.body or None, today=s.clock.today(), nominee_id=nominee_id,
                       version=version, evaluate=_session_evaluate(s, nominee_id))  # fmt: skip


def _session_evaluate(s: Session, nominee_id: int | None) -> Callable[[Dossier, dt.date], list[Finding]]:
    """The session's evaluator with the nominee's membership and sending date (p.8(3)), read once
    when the wizard opens."""
    from app.store import reserve_life, sending

    ev = s.evaluator()
    conn = s.db.connection()
    ms = None if nominee_id is None else reserve_life.membership(conn, nominee_id)
    sent = None if nominee_id is None else sending.sent_on(conn, nominee_id)
    return lambda d, at: ev.evaluate(d, at=at, membership=ms, sent_on=sent)


def restore_for_session(s: Session, blob: bytes) -> tuple[DossierFlow, int]:
    """A draft kept across a lock (``DossierFlow.draft_state``), checked by this session's
    evaluator again; and the wizard page it was on."""
    flow, page = restore(blob)
    flow._evaluate = _session_evaluate(s, flow.nominee_id)
    return flow, page
