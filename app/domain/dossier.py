"""A nominee's dossier: every fact the Rules need, as plain typed values.

The types are msgspec Structs: plain Python objects that also validate the interchange JSON
(``rezerv.dossier/1``) with error messages naming the field path. Field names are the JSON keys.
Dates are ``datetime.date``; in JSON they are ``YYYY-MM-DD``. The photo is kept apart from the
structure (``Dossier.photo`` holds JPEG bytes, never serialised by ``msgspec`` directly).
"""

from __future__ import annotations

import datetime as dt
import enum

import msgspec

FORMAT = "rezerv.dossier/1"


class Body(enum.StrEnum):
    """Special state bodies of Rules-2025 p.1 (and their workstation codes)."""

    KNB = "knb"  # National Security Committee
    SYRBAR = "syrbar"  # Foreign Intelligence Service "Syrbar"
    SGS = "sgs"  # State Guard Service (own path, Rules-2025 p.5, p.6)


class Sex(enum.StrEnum):
    MALE = "M"
    FEMALE = "F"


class SecondmentKind(enum.StrEnum):
    """Rules-2025 p.8, second and third paragraphs."""

    NONE = "none"
    STATE_BODY = "state_body"
    INTERNATIONAL = "international_org"
    PRESIDENTIAL_ADMINISTRATION = "presidential_administration"


class AttestationDecision(enum.StrEnum):
    """Decisions of the attestation commission (Rules-2025 p.8(2), p.18(8))."""

    FITS = "fits"
    FITS_RECOMMENDED_RESERVE = "fits_recommended_reserve"
    FITS_RECOMMENDED_PROMOTION = "fits_recommended_promotion"
    FITS_WITH_REATTESTATION = "fits_with_reattestation"
    DEMOTION = "demotion"  # fits a lower position: Rules-2025 p.18(8)
    NOT_FIT = "not_fit"


class SanctionKind(enum.StrEnum):
    """Disciplinary sanctions; the last three of the first block are listed in Rules-2025 p.18(3)."""

    REMARK = "remark"  # ескерту / замечание
    REPRIMAND = "reprimand"  # сөгіс / выговор
    SEVERE_REPRIMAND = "severe_reprimand"  # қатаң сөгіс / строгий выговор
    INCOMPLETE_COMPLIANCE_WARNING = "incomplete_compliance_warning"  # p.18(3)
    POSITION_DEMOTION = "position_demotion"  # p.18(3): release from position / demotion one step
    RANK_DEMOTION = "rank_demotion"  # p.18(3): special (military) rank lowered one step
    DISMISSAL = "dismissal"


class LiabilityKind(enum.StrEnum):
    ADMINISTRATIVE = "administrative"  # Rules-2025 p.18(1) when by a court for an intentional offence
    CORRUPTION = "corruption"  # disciplinary liability for a corruption offence, p.18(2)


class CareerEventKind(enum.StrEnum):
    """Facts after which Rules-2025 p.18 excludes a reserve member."""

    EXCLUSION_REQUEST = "exclusion_request"  # p.18(4)
    DISMISSAL = "dismissal"  # p.18(6)
    TRANSFER = "transfer"  # p.18(7): to another special, law-enforcement, civil-protection body, army
    DEMOTION_BY_ATTESTATION = "demotion_by_attestation"  # p.18(8)
    LOWER_POSITION = "lower_position"  # p.18(8)
    APPOINTMENT = "appointment"  # appointed to the reserved (higher) position, p.14


class _S(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    pass


class Person(_S, kw_only=True, forbid_unknown_fields=True):
    iin: str
    surname: str  # Kazakh spelling
    given_name: str
    patronymic: str = ""
    surname_ru: str = ""  # Russian spelling
    given_name_ru: str = ""
    patronymic_ru: str = ""
    birth_date: dt.date
    sex: Sex
    birth_place: str = ""


class Secondment(_S, kw_only=True, forbid_unknown_fields=True):
    kind: SecondmentKind = SecondmentKind.NONE
    host: str = ""  # the host state body, international organisation or PA subdivision
    since: dt.date | None = None
    # Presidential Administration: the PA subdivision head's submission, agreed with the first head
    pa_submission: bool = False
    agreed_with_first_head: bool = False
    # the first head may request characterising materials from the host body (p.10)
    characterising_materials: bool = False


class ServiceEntry(_S, kw_only=True, forbid_unknown_fields=True):
    start: dt.date
    end: dt.date | None = None
    position: str
    unit: str = ""
    order_ref: str = ""


class Education(_S, kw_only=True, forbid_unknown_fields=True):
    institution: str  # as the Kazakh papers print it
    year: int | None = None
    speciality: str = ""
    qualification: str = ""
    # the Russian forms Russian papers print (the Kazakh text when empty)
    institution_ru: str = ""
    speciality_ru: str = ""
    qualification_ru: str = ""


class Training(_S, kw_only=True, forbid_unknown_fields=True):
    """Professional training, retraining, advanced training (Rules-2025 p.8(1), p.16)."""

    title: str
    institution: str = ""
    completed: dt.date | None = None
    hours: int | None = None


class Award(_S, kw_only=True, forbid_unknown_fields=True):
    title: str
    date: dt.date | None = None


class Attestation(_S, kw_only=True, forbid_unknown_fields=True):
    """Rules-2025 p.8(2); for those not subject to attestation, concrete service results."""

    subject: bool = True
    date: dt.date | None = None
    decision: AttestationDecision | None = None
    protocol_ref: str = ""
    service_results: str = ""


class Sanction(_S, kw_only=True, forbid_unknown_fields=True):
    """A disciplinary sanction (Rules-2025 p.8(3), p.18(2), p.18(3), p.20)."""

    kind: SanctionKind
    imposed: dt.date
    lifted: dt.date | None = None  # lifted early or expired
    corruption: bool = False  # imposed for a corruption offence: p.18(2)
    order_ref: str = ""
    grounds: str = ""


class Liability(_S, kw_only=True, forbid_unknown_fields=True):
    """Administrative liability or a corruption offence (Rules-2025 p.18(1), p.18(2))."""

    kind: LiabilityKind
    date: dt.date
    by_court: bool = False
    intentional: bool = False
    reference: str = ""
    description: str = ""


class Vetting(_S, kw_only=True, forbid_unknown_fields=True):
    """Mandatory special vetting (Rules-2025 p.10(3))."""

    passed: bool | None = None
    date: dt.date | None = None
    reference: str = ""


class Indicator(_S, kw_only=True, forbid_unknown_fields=True):
    """Key indicators of service for one year (Rules-2025 p.10(1): dynamics over three years)."""

    year: int
    text: str


class CareerEvent(_S, kw_only=True, forbid_unknown_fields=True):
    kind: CareerEventKind
    date: dt.date
    reference: str = ""
    note: str = ""


class Nomination(_S, kw_only=True, forbid_unknown_fields=True):
    """The intended position and the first head's submission (Rules-2025 p.7, p.8, p.10(1))."""

    quarter: str = ""  # e.g. "2026Q1"
    intended_position: str = ""
    first_head_position: bool = False  # p.7: the Rules do not apply to first heads' positions
    required_service_years: int | None = None  # p.8(1) length of service of the position
    required_training: str = ""  # p.8(1) level of professional training required
    qualification_met: bool | None = None  # HR's finding on the other qualification requirements
    qualities: str = ""  # p.10(1) business and personal qualities
    compliance: str = ""  # p.10(1) compliance with the intended position's requirements
    first_head_name: str = ""
    first_head_title: str = ""
    submission_date: dt.date | None = None
    additional_candidate: bool = False  # p.15
    appointment_submission_pending: bool = False  # p.10: never both at the same time


class Dossier(_S, kw_only=True, forbid_unknown_fields=True):
    """The complete dossier of one nominee. ``photo`` is JPEG bytes (3x4, 354x472) or None."""

    person: Person
    body: Body
    unit: str = ""
    current_position: str = ""
    # the Russian forms Russian papers print (the Kazakh text when empty)
    unit_ru: str = ""
    current_position_ru: str = ""
    rank: str = ""
    service_start: dt.date | None = None
    languages: str = ""
    academic_degree: str = ""
    secondment: Secondment = msgspec.field(default_factory=Secondment)
    service_record: list[ServiceEntry] = msgspec.field(default_factory=list)
    education: list[Education] = msgspec.field(default_factory=list)
    training: list[Training] = msgspec.field(default_factory=list)
    awards: list[Award] = msgspec.field(default_factory=list)
    attestation: Attestation = msgspec.field(default_factory=Attestation)
    disciplinary: list[Sanction] = msgspec.field(default_factory=list)
    liabilities: list[Liability] = msgspec.field(default_factory=list)
    vetting: Vetting = msgspec.field(default_factory=Vetting)
    indicators: list[Indicator] = msgspec.field(default_factory=list)
    career_events: list[CareerEvent] = msgspec.field(default_factory=list)
    nomination: Nomination = msgspec.field(default_factory=Nomination)
    photo: bytes | None = None

    def service_years(self, at: dt.date) -> float:
        """Length of service in years at ``at`` (from ``service_start``), 0 when unknown."""
        if self.service_start is None or at < self.service_start:
            return 0.0
        return (at - self.service_start).days / 365.25

    def active_sanctions(self, at: dt.date) -> list[Sanction]:
        """Sanctions in force at ``at``: imposed on or before it and not lifted by it."""
        return [
            s for s in self.disciplinary if s.imposed <= at and (s.lifted is None or s.lifted > at)
        ]


class NomineeRecord(msgspec.Struct, kw_only=True):
    """A stored dossier with its identity in this workstation's database."""

    id: int
    version: int
    status: str
    created: dt.datetime
    updated: dt.datetime
    dossier: Dossier
