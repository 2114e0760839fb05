"""Plain input structures of the printed documents.

Builders take these, never store rows, so whatever produces the facts (the dossier, the
quarter cycle's lists and decisions, the Reg-2000 archive) can feed them. Every free text is
printed literally. A field left empty prints as a blank line to be filled in by hand.
"""

from __future__ import annotations

import datetime as dt
import enum

import msgspec


class _S(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    pass


class Decision(enum.StrEnum):
    """The Head of PA's decision on a nominee (Rules-2025 p.12)."""

    ENROL = "enrol"  # p.12(1)
    REFUSE = "refuse"  # p.12(2)


class Source(_S, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """The stored record a document was printed from (entity ``nominee:12``, its version and a
    digest of its content at print time): what ``rezerv document verify`` compares against."""

    entity: str
    version: int
    digest: str


class Signatory(_S, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A signature block: position, name, a signature line and a date line."""

    position: str = ""
    name: str = ""


class Meta(_S, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """What every document carries besides its content."""

    lang: str
    printed_on: dt.date
    reg_no: str = ""  # outgoing registration number; blank: filled in by the registry office
    reg_date: dt.date | None = None
    marking: str = ""  # classification marking line; blank: the default text of the language
    issuer: str = ""  # the issuing organisation printed at the head; blank: from the body code


class Person(_S, frozen=True, kw_only=True, forbid_unknown_fields=True):
    full_name: str
    iin: str = ""
    birth_date: dt.date | None = None
    birth_place: str = ""
    rank: str = ""
    position: str = ""
    unit: str = ""
    body: str = ""  # Body code (knb, syrbar, sgs)
    record: Source | None = None


class YearText(_S, frozen=True, kw_only=True, forbid_unknown_fields=True):
    year: int
    text: str


class ServiceLine(_S, frozen=True, kw_only=True, forbid_unknown_fields=True):
    start: dt.date | None = None
    end: dt.date | None = None
    position: str = ""
    unit: str = ""
    order_ref: str = ""


class Submission(_S, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """The first head's submission, Rules-2025 p.10(1)."""

    person: Person
    intended_position: str = ""
    qualities: str = ""
    indicators: list[YearText] = msgspec.field(default_factory=list)
    compliance: str = ""
    subject_to_attestation: bool = True  # prints the attestation, else the service results
    attestation: str = ""  # the attestation commission's decision, as text
    service_results: str = ""  # for those not subject to attestation
    secondment: str = ""
    signatory: Signatory = Signatory()


class ServiceReference(_S, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """The service reference (service list) with photo, Rules-2025 p.10(2); laid out by
    ``resources/forms/service_reference.json``."""

    person: Person
    photo: bytes | None = None  # JPEG, 3x4
    education: list[str] = msgspec.field(default_factory=list)
    academic_degree: str = ""
    languages: str = ""
    awards: list[str] = msgspec.field(default_factory=list)
    training: list[str] = msgspec.field(default_factory=list)
    sanctions: list[str] = msgspec.field(default_factory=list)
    attestation: str = ""
    service_start: dt.date | None = None
    service: list[ServiceLine] = msgspec.field(default_factory=list)
    signatory: Signatory = Signatory()


class VettingInfo(_S, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """Information on the mandatory special vetting, Rules-2025 p.10(3)."""

    person: Person
    passed: bool | None = None
    date: dt.date | None = None
    reference: str = ""
    signatory: Signatory = Signatory()


class ListRow(_S, frozen=True, kw_only=True, forbid_unknown_fields=True):
    person: Person
    intended_position: str = ""
    decision: Decision | None = None  # blank until the Head of PA has decided (p.12)
    note: str = ""


class NomineeList(_S, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A list of nominees: the body's list (p.10), the Department's recommended list with the
    agreement and approval blocks (p.11(2), p.12), or the extract for one body (p.13)."""

    quarter: str
    body: str = ""  # one body's list or extract; blank: all bodies
    rows: list[ListRow] = msgspec.field(default_factory=list)
    signatory: Signatory = Signatory()
    agreed_by: Signatory = Signatory()  # Secretary of the Security Council (decision sheet)
    agreed_on: dt.date | None = None
    approved_by: Signatory = Signatory()  # Head of the Presidential Administration
    approved_on: dt.date | None = None


class Notice(_S, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """The notice to an employee of enrolment, Rules-2025 p.13."""

    person: Person
    quarter: str = ""
    intended_position: str = ""
    approved_on: dt.date | None = None
    extract_ref: str = ""
    signatory: Signatory = Signatory()


class Exclusion(_S, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """The exclusion submission (p.18, by the body's HR subdivision) or decision (p.19)."""

    person: Person
    ground: int | None = None  # 1..8, Rules-2025 p.18(1)..(8)
    facts: str = ""
    enrolled_on: dt.date | None = None
    decided_on: dt.date | None = None
    signatory: Signatory = Signatory()
    # the submission goes to the Head of PA, not the Department (the State Guard Service, p.5)
    to_head_pa: bool = False


class Reg2000Registration(_S, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """The reservist registration form, Reg-2000 p.9."""

    person: Person
    category: str = ""
    source: int | None = None  # Reg-2000 p.5(1)..(4)
    decided_on: dt.date | None = None
    decision_ref: str = ""
    term_until: dt.date | None = None  # p.10: at most one year
    education: list[str] = msgspec.field(default_factory=list)
    contacts: str = ""
    signatory: Signatory = Signatory()


class Reg2000Row(_S, frozen=True, kw_only=True, forbid_unknown_fields=True):
    person: Person
    registered_on: dt.date | None = None
    term_until: dt.date | None = None
    source: int | None = None


class Reg2000ListAnswer(_S, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """The answer to a state body's request for the reservists of a category, Reg-2000 p.34."""

    requester: str = ""
    request_ref: str = ""
    request_date: dt.date | None = None
    category: str = ""
    rows: list[Reg2000Row] = msgspec.field(default_factory=list)
    signatory: Signatory = Signatory()
