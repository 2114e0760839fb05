"""Reg-2000 checks of one reservist: sources, documents, the commission, terms and exclusion."""

from __future__ import annotations

import datetime as dt

from app.domain.reg2000 import Decision, RefusalGround, Source
from app.i18n import fmt_date
from app.rules.base import Severity
from app.rules.reg_2000_params import ACT, DECISION_TERM, DOCUMENTS, Ctx
from app.rules.terms import Term, term_end
from app.rules.validity import amendment, before_amendment


def _late(c: Ctx, point: str, field: str, start: dt.date | None, done: dt.date | None,
          term: Term) -> None:  # fmt: skip
    """A warning when an act was done after its term, or is still undone after it."""
    if start is None:
        return
    end = term_end(start, term, c.cal)
    if done is not None and done > end:
        c.warning(point, field, "r2000.late", due=fmt_date(end), done=fmt_date(done))
    elif done is None and c.at > end:
        c.warning(point, field, "r2000.overdue", due=fmt_date(end))


def _not_yet(c: Ctx, point: str, field: str, number: str, day: dt.date) -> None:
    a = amendment(ACT, number)
    c.blocker(point, field, "r2000.before_amendment", on=fmt_date(day), date=fmt_date(a.date),
              number=a.number)  # fmt: skip


def amendments(c: Ctx) -> None:
    """Clauses added by an amendment apply only to facts dated from the amendment's date: the
    fourth source (p.5(4), chapter 5-1, Decree No. 1071 of 21.04.2003) and the transfer to a lower
    category (p.12-1, Decree No. 605 of 11.05.2001)."""
    r = c.r
    if r.source is Source.ATTESTATION:
        day = r.attestation_approved or r.documents_received or r.decision_date
        if day is not None and before_amendment(ACT, "1071", day):
            _not_yet(c, "p.5(4)", "source", "1071", day)
    if r.transfer is not None and before_amendment(ACT, "605", r.transfer.requested):
        _not_yet(c, "p.12-1", "transfer.requested", "605", r.transfer.requested)


def p7_consent(c: Ctx) -> None:
    if not c.r.consent:
        c.blocker("p.7", "consent", "r2000.p7.consent")


def documents(c: Ctx) -> None:
    have = set(c.r.documents)
    for doc, point in DOCUMENTS[c.r.source]:
        if doc not in have:
            c.add(Severity.BLOCKER, point, "documents", "r2000.doc.missing",
                  {"doc": f"rules.r2000_doc.{doc.value}"})  # fmt: skip


def competition(c: Ctx) -> None:
    if c.r.source is not Source.COMPETITION:
        return
    k = c.r.competition
    if k is None:
        c.blocker("p.15", "competition", "r2000.p15.no_competition")
        return
    if not k.winner_found:
        c.blocker("p.15", "competition.winner_found", "r2000.p15.no_winner")
    if k.recommended_for_vacancy > c.p.max_per_vacancy:
        c.blocker("p.15", "competition.recommended_for_vacancy", "r2000.p15.one_per_vacancy",
                  count=str(k.recommended_for_vacancy))  # fmt: skip
    for name in ("qualification_met", "tests_passed", "interview_passed"):
        value = getattr(k, name)
        if value is False:
            c.blocker("p.16", f"competition.{name}", f"r2000.p16.{name}")
        elif value is None:
            c.warning("p.16", f"competition.{name}", "r2000.p16.unknown")
    v = k.vote
    if v is None:
        c.blocker("p.17", "competition.vote", "r2000.p17.no_vote")
    elif not 0 <= v.votes_for <= v.present <= v.members or v.members == 0:
        c.blocker("p.18", "competition.vote", "r2000.p18.inconsistent")
    else:
        num, den = c.p.quorum
        if v.present * den < v.members * num:
            c.blocker("p.18", "competition.vote.present", "r2000.p18.quorum",
                      present=str(v.present), members=str(v.members))  # fmt: skip
        if v.votes_for * 2 <= v.present:
            c.blocker("p.18", "competition.vote.votes_for", "r2000.p18.majority",
                      votes=str(v.votes_for), present=str(v.present))  # fmt: skip
    _late(c, "p.19", "competition.sent_to_authority", k.protocol_date, k.sent_to_authority,
          c.p.protocol_send)  # fmt: skip


def windows(c: Ctx) -> None:
    r = c.r
    if r.source is Source.TRAINING:
        if before_amendment(ACT, "605", r.programme_completed):
            return  # p.21-1 (Decree No. 605 of 11.05.2001) sets no window for earlier graduates
        _window(c, "p.21-1", "programme_completed", r.programme_completed, c.p.training_window)
    elif r.source is Source.ABROAD:
        _window(c, "p.28", "returned_on", r.returned_on, c.p.abroad_window)
        if r.left_state_body is False:
            c.blocker("p.27", "left_state_body", "r2000.p27.employment")
    elif r.source is Source.ATTESTATION:
        if r.attestation_approved is None:
            c.blocker("p.32-2", "attestation_approved", "r2000.p32_2.no_date")
        elif r.attestation_sent is None and r.documents_received is not None:
            # the sending day not on record: the receipt is the latest it can have been sent
            _late(c, "p.32-2", "documents_received", r.attestation_approved,
                  r.documents_received, c.p.attestation_send)  # fmt: skip
        else:
            # p.32-2: the body "submits" (ұсынады) the documents within ten working days of the
            # approval: judged by the day it sent them; their transit is not the body's delay
            _late(c, "p.32-2", "attestation_sent", r.attestation_approved, r.attestation_sent,
                  c.p.attestation_send)  # fmt: skip


def _window(c: Ctx, point: str, field: str, start: dt.date | None, term: Term) -> None:
    if start is None:
        c.blocker(point, field, "r2000.window.no_date")
        return
    end = term_end(start, term, c.cal)
    applied = c.r.documents_received
    if (applied is not None and applied > end) or (applied is None and c.at > end):
        c.blocker(point, "documents_received", "r2000.window.lapsed", end=fmt_date(end))


def decision(c: Ctx) -> None:
    r = c.r
    point, attr = DECISION_TERM[r.source]
    _late(c, point, "decision_date", r.documents_received, r.decision_date, getattr(c.p, attr))
    if r.qualification_met is False:
        c.blocker({Source.COMPETITION: "p.16", Source.TRAINING: "p.25", Source.ABROAD: "p.32",
                   Source.ATTESTATION: "p.32-3"}[r.source],
                  "qualification_met", "r2000.qualification")  # fmt: skip


_G = RefusalGround
# p.20 part 2 ("only"), p.25, p.32, p.32-3: the lawful refusal grounds of each source.
REFUSAL = {
    Source.COMPETITION: ("p.20 para 2", frozenset({_G.QUALIFICATION, _G.COMPETITION_BREACH})),
    Source.TRAINING: ("p.25", frozenset({_G.MISSING_DOCUMENTS, _G.QUALIFICATION,
                                         _G.CIVIL_SERVICE_LAW})),
    Source.ABROAD: ("p.32", frozenset({_G.MISSING_DOCUMENTS, _G.QUALIFICATION,
                                       _G.CIVIL_SERVICE_LAW})),
    Source.ATTESTATION: ("p.32-3", frozenset({_G.MISSING_DOCUMENTS, _G.QUALIFICATION,
                                              _G.CIVIL_SERVICE_LAW})),
}  # fmt: skip


def _qualified(c: Ctx) -> bool:
    """Every qualification fact on record is met (source 1: all three grounds of p.16)."""
    k = c.r.competition
    facts = [c.r.qualification_met]
    if c.r.source is Source.COMPETITION and k is not None:
        facts += [k.qualification_met, k.tests_passed, k.interview_passed]
    return all(f is True for f in facts)


def refusal(c: Ctx) -> None:
    """A refusal is lawful only on a ground its source's point names, and only when the ground
    is borne out by the record (documents really missing, a requirement really unmet)."""
    r = c.r
    if r.decision is not Decision.REFUSE:
        return
    point, lawful = REFUSAL[r.source]
    g = r.refusal_ground
    if g is None:
        c.blocker(point, "refusal_ground", "r2000.refusal.no_ground")
    elif g not in lawful:
        c.add(Severity.BLOCKER, point, "refusal_ground", "r2000.refusal.unlawful",
              {"ground": f"rules.r2000_ground.{g.value}"})  # fmt: skip
    elif g is _G.MISSING_DOCUMENTS and {d for d, _ in DOCUMENTS[r.source]} <= set(r.documents):
        c.blocker(point, "refusal_ground", "r2000.refusal.documents_present")
    elif g is _G.QUALIFICATION and _qualified(c):
        c.blocker(point, "refusal_ground", "r2000.refusal.qualified")


def _term_end(c: Ctx) -> dt.date | None:
    r = c.r
    if r.decision is not Decision.ENROL or r.decision_date is None:
        return None
    return term_end(r.decision_date, c.p.term, c.cal)


def transfer(c: Ctx) -> None:
    t = c.r.transfer
    if t is None:
        return
    if t.to_group != c.r.category_group:
        c.blocker("p.12-1", "transfer.to_group", "r2000.p12_1.group")
    if t.to_rank <= c.r.category_rank:
        c.blocker("p.12-1", "transfer.to_rank", "r2000.p12_1.not_lower")
    if t.qualification_met is False:
        c.blocker("p.12-1", "transfer.qualification_met", "r2000.p12_1.qualification")
    end = _term_end(c)
    if end is not None and t.requested > end:  # p.4: the term's last day is still in the term
        c.blocker("p.12-1", "transfer.requested", "r2000.p12_1.after_term", end=fmt_date(end))


def placement(c: Ctx) -> None:
    for i, q in enumerate(c.r.list_requests):
        _late(c, "p.34", f"list_requests[{i}].answered", q.received, q.answered, c.p.list_answer)
        if q.competition_announced is not None and q.received > q.competition_announced:
            c.warning("p.33", f"list_requests[{i}].received", "r2000.p33.after_competition",
                      announced=fmt_date(q.competition_announced))  # fmt: skip
    pl = c.r.placement
    if pl is None:
        return
    _late(c, "p.36", "placement.authority_notified", pl.decided, pl.authority_notified,
          c.p.placement_notice)  # fmt: skip
    end = _term_end(c)
    if end is not None and pl.decided > end:
        c.blocker("p.12", "placement.decided", "r2000.p12.after_term", end=fmt_date(end))
    if pl.category_group and pl.category_group != c.r.category_group:
        c.blocker("p.3", "placement.category_group", "r2000.p3.group")
    if pl.category_rank is not None and pl.category_rank < c.r.category_rank:
        c.blocker("p.3", "placement.category_rank", "r2000.p3.higher")
    if pl.consent is False:
        c.blocker("p.3", "placement.consent", "r2000.p3.consent")
    elif pl.consent is None:
        c.warning("p.3", "placement.consent", "r2000.p3.consent_unknown")
    if pl.qualification_met is False:
        c.blocker("p.3", "placement.qualification_met", "r2000.p3.qualification")
    if pl.own_candidates_first is False:
        c.warning("p.36", "placement.own_candidates_first", "r2000.p36.own_first")
    if pl.interviewed is not None and pl.interviewed > pl.decided:
        c.blocker("p.35", "placement.interviewed", "r2000.p35.after_decision",
                  date=fmt_date(pl.interviewed), decided=fmt_date(pl.decided))  # fmt: skip
    if pl.interview_passed is False:
        c.warning("p.36 para 2", "placement.interview_passed", "r2000.p36.interview_failed")
    if pl.authority_notified is not None and pl.authority_notified < c.at:
        for field, when in (("reservist_notified", pl.reservist_notified),
                            ("file_sent", pl.file_sent)):  # fmt: skip
            if when is None:
                c.warning("p.37", f"placement.{field}", f"r2000.p37.{field}")


def exclusion(c: Ctx) -> None:
    r = c.r
    if r.decision is not Decision.ENROL or r.excluded_on is not None:
        return
    end = _term_end(c)
    # p.39(4) with p.4: the term runs to the end of its last day, so the ground arises the day
    # after it; the other grounds arise on the day of their fact.
    facts = (
        ("1", "placement.decided", r.placement.decided if r.placement else None, 0),
        ("2", "exclusion_application", r.exclusion_application, 0),
        ("3", "barring_ground", r.barring_ground, 0),
        ("4", "decision_date", end, 1),
        ("5", "breach", r.breach, 0),
    )
    for n, field, when, after in facts:
        if when is not None and when + dt.timedelta(days=after) <= c.at:
            c.blocker(f"p.39({n})", field, f"r2000.p39_{n}", date=fmt_date(when))


CHECKS = (amendments, p7_consent, documents, competition, windows, decision, refusal, transfer,
          placement, exclusion)
