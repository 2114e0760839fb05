"""Reg-2000 (Decree No. 330 of 4 February 2000): a reservist for administrative civil-service posts.

Kept for archived records of that reserve; the field names follow the Regulation's clauses.
"""

from __future__ import annotations

import datetime as dt
import enum

import msgspec


class Source(enum.IntEnum):
    """p.5: the four sources of reservists."""

    COMPETITION = 1  # recommended by a competition commission (p.15-p.20)
    TRAINING = 2  # completed a state training programme on state order (p.21-p.26)
    ABROAD = 3  # sent to an international organisation or another state (p.27-p.32)
    ATTESTATION = 4  # attested, recommended by the attestation commission (p.32-1 - p.32-3)


class Doc(enum.StrEnum):
    """Documents named in p.19, p.22, p.29 and p.32-2."""

    PROTOCOL_EXTRACT = "protocol_extract"  # p.19: extract from the commission's protocol
    COMPETITION_FILE = "competition_file"  # p.19: the participant's personal competition file
    WRITTEN_CONSENT = "written_consent"  # p.19
    ORDER_EXTRACTS_ABROAD = "order_extracts_abroad"  # p.29(1): release and posting abroad
    APPLICATION = "application"  # p.22(1), p.29(2), p.32-2(2)
    PERSONAL_SHEET = "personal_sheet"  # p.22(2), p.29(3): with address and phone
    QUESTIONNAIRE = "questionnaire"  # p.22(3), p.29(4)
    EDUCATION_COPIES = "education_copies"  # p.22(4), p.29(5): certified copies
    EMPLOYMENT_RECORD_COPY = "employment_record_copy"  # p.22(5), p.29(6)
    HEALTH_CERTIFICATE = "health_certificate"  # p.22(6) only
    TEST_RESULTS = "test_results"  # p.22(7), p.29(7)
    PHOTOS_3X4 = "photos_3x4"  # p.22(8), p.29(8): two photos
    ATTESTATION_ORDER_EXTRACT = "attestation_order_extract"  # p.32-2(1)
    PERSONAL_SHEET_CERTIFIED = "personal_sheet_certified"  # p.32-2(3): certified by HR


class Decision(enum.StrEnum):
    ENROL = "enrol"
    REFUSE = "refuse"


class RefusalGround(enum.StrEnum):
    """The grounds the authorised body may refuse on (p.20 part 2, p.25, p.32, p.32-3)."""

    QUALIFICATION = "qualification"  # p.16 (source 1); qualification requirements (p.25...)
    COMPETITION_BREACH = "competition_breach"  # p.20 part 2: breach of the competition rules
    MISSING_DOCUMENTS = "missing_documents"  # p.25, p.32, p.32-3
    CIVIL_SERVICE_LAW = "civil_service_law"  # p.25, p.32, p.32-3: other requirements of the law
    OTHER = "other"  # any ground the Regulation does not name: never lawful


class CommissionVote(msgspec.Struct, frozen=True, kw_only=True):
    """p.17-p.18: the competition commission's vote on the recommendation."""

    members: int  # the commission's full membership
    present: int
    votes_for: int


class Competition(msgspec.Struct, frozen=True, kw_only=True):
    """Source 1: the competition and the commission's recommendation (p.15-p.19)."""

    vacancy_ref: str = ""
    body: str = ""  # the state body that held the competition (p.36: its own candidates first)
    winner_found: bool = True  # p.15: no recommendation when the competition found no winner
    recommended_for_vacancy: int = 1  # p.15: one nominee per vacancy
    qualification_met: bool | None = None  # p.16
    tests_passed: bool | None = None  # p.16
    interview_passed: bool | None = None  # p.16
    vote: CommissionVote | None = None
    protocol_date: dt.date | None = None
    sent_to_authority: dt.date | None = None  # p.19: within 10 days


class ListRequest(msgspec.Struct, frozen=True, kw_only=True):
    """p.33-p.34: a state body's request for the list of reservists of a category."""

    received: dt.date
    answered: dt.date | None = None  # p.34: within two weeks
    competition_announced: dt.date | None = None  # p.33: the request comes before it


class Placement(msgspec.Struct, frozen=True, kw_only=True):
    """p.36-p.37: a state body placed the reservist in a vacancy."""

    decided: dt.date
    post: str = ""
    authority_notified: dt.date | None = None  # p.36: within 10 days
    # p.3: a post of the same or a lower category within the reservist's group, with consent
    category_group: str = ""  # "" when not recorded: the group is not checked
    category_rank: int | None = None  # a larger number is a lower category
    consent: bool | None = None
    qualification_met: bool | None = None
    # p.36 part 1: the body's own commission's candidates were considered first
    own_candidates_first: bool | None = None
    # p.35: the body's interview with the reservist (a right), and its result (p.36 part 2: an
    # unsatisfactory one lets the body hold a competition instead)
    interviewed: dt.date | None = None
    interview_passed: bool | None = None
    # p.37: the authorised body notifies the reservist and sends the personal file
    reservist_notified: dt.date | None = None
    file_sent: dt.date | None = None


class CategoryTransfer(msgspec.Struct, frozen=True, kw_only=True):
    """p.12-1: on the reservist's request, to a lower category within the same group."""

    requested: dt.date
    to_category: str
    to_group: str
    to_rank: int  # category rank: a larger number is a lower category
    qualification_met: bool | None = None


class Reservist(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    iin: str = ""
    full_name: str
    category: str  # p.6, p.11: reserved for a category, not one post
    category_group: str = ""
    category_rank: int = 0  # rank within the group (p.12-1)
    source: Source
    consent: bool | None = None  # p.7: the citizen's will
    qualification_met: bool | None = None  # p.25, p.32, p.32-3
    documents: list[Doc] = msgspec.field(default_factory=list)
    documents_received: dt.date | None = None  # by the authorised body
    competition: Competition | None = None  # source 1
    programme_completed: dt.date | None = None  # source 2, p.21-1
    returned_on: dt.date | None = None  # source 3, p.28
    left_state_body: bool | None = None  # source 3, p.27: employment with the body ended
    attestation_approved: dt.date | None = None  # source 4, p.32-2
    # source 4, p.32-2: the day the state body submitted (sent) the documents, within ten working
    # days of the approval; the authority's receipt (documents_received) starts p.32-3 instead
    attestation_sent: dt.date | None = None
    decision: Decision | None = None
    decision_date: dt.date | None = None  # the reservist's term runs from it (p.8, p.10)
    refusal_ground: RefusalGround | None = None  # with decision REFUSE
    list_requests: list[ListRequest] = msgspec.field(default_factory=list)
    placement: Placement | None = None
    transfer: CategoryTransfer | None = None
    exclusion_application: dt.date | None = None  # p.39(2)
    barring_ground: dt.date | None = None  # p.39(3)
    breach: dt.date | None = None  # p.39(5)
    excluded_on: dt.date | None = None
