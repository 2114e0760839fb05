"""A read-only summary of a dossier as HTML (every user text escaped); used by the nominee list's
detail pane and the wizard's review page."""

from __future__ import annotations

from html import escape

from app.domain.dossier import Dossier
from app.i18n import fmt_date
from ui.i18n import Translator


def _row(label: str, value: str) -> str:
    if not value:
        return ""
    return f"<tr><td class='k'>{escape(label)}</td><td>{escape(value)}</td></tr>"


def _yesno(tr: Translator, value: bool | None) -> str:
    return "" if value is None else tr.t("ui.common.yes" if value else "ui.common.no")


def dossier_html(tr: Translator, d: Dossier, *, status: str = "", names: bool = True) -> str:
    t = tr.t
    p = d.person
    name_kk = " ".join(x for x in (p.surname, p.given_name, p.patronymic) if x)
    name_ru = " ".join(x for x in (p.surname_ru, p.given_name_ru, p.patronymic_ru) if x)
    out = [
        "<style>td{padding:2px 8px 2px 0;vertical-align:top} td.k{color:#5d6d7e;width:42%}"
        " h3{margin:10px 0 4px 0;color:#34495e} .n{font-size:14pt;font-weight:600}</style>",
        f"<div class='n'>{escape(name_kk)}</div>" if names else "",
        f"<div>{escape(name_ru)}</div>" if name_ru and names else "",
        "<table width='100%'>",
        _row(t("ui.field.person.iin"), p.iin),
        _row(t("ui.field.person.birth_date"), fmt_date(p.birth_date)),
        _row(t("ui.field.person.sex"), t(f"ui.sex.{p.sex.value}")),
        _row(t("ui.field.body"), t(f"ui.body.{d.body.value}")),
        _row(t("ui.field.rank"), d.rank),
        _row(t("ui.field.current_position"), d.current_position),
        _row(t("ui.field.unit"), d.unit),
        _row(t("ui.field.service_start"), fmt_date(d.service_start)),
        _row(t("ui.nominees.col.status"), t(f"ui.status.{status}") if status else ""),
        "</table>",
    ]
    if d.service_record:
        out.append(f"<h3>{escape(t('ui.field.service_record'))}</h3><table width='100%'>")
        for e in d.service_record:
            period = f"{fmt_date(e.start)} – {fmt_date(e.end) or t('ui.common.now')}"
            out.append(_row(period, ", ".join(x for x in (e.position, e.unit, e.order_ref) if x)))
        out.append("</table>")
    a = d.attestation
    out.append(f"<h3>{escape(t('ui.step.attestation'))}</h3><table width='100%'>")
    out.append(_row(t("ui.field.attestation.subject"), _yesno(tr, a.subject)))
    out.append(_row(t("ui.field.attestation.date"), fmt_date(a.date)))
    if a.decision:
        out.append(
            _row(t("ui.field.attestation.decision"), t(f"ui.attestation.{a.decision.value}"))
        )
    out.append(_row(t("ui.field.attestation.service_results"), a.service_results))
    out.append("</table>")
    if d.disciplinary or d.liabilities:
        out.append(f"<h3>{escape(t('ui.step.records'))}</h3><table width='100%'>")
        for s in d.disciplinary:
            lifted = fmt_date(s.lifted) or t("ui.records.in_force")
            out.append(_row(fmt_date(s.imposed), f"{t('ui.sanction.' + s.kind.value)} ({lifted})"))
        for li in d.liabilities:
            out.append(_row(fmt_date(li.date), t("ui.liability." + li.kind.value)))
        out.append("</table>")
    v = d.vetting
    out.append(f"<h3>{escape(t('ui.step.vetting'))}</h3><table width='100%'>")
    out.append(_row(t("ui.field.vetting.passed"), _yesno(tr, v.passed) or t("ui.vetting.pending")))
    out.append(_row(t("ui.field.vetting.date"), fmt_date(v.date)))
    out.append(_row(t("ui.field.vetting.reference"), v.reference))
    out.append("</table>")
    n = d.nomination
    out.append(f"<h3>{escape(t('ui.step.submission'))}</h3><table width='100%'>")
    out.append(_row(t("ui.field.nomination.intended_position"), n.intended_position))
    out.append(_row(t("ui.field.nomination.quarter"), n.quarter))
    out.append(_row(t("ui.field.nomination.submission_date"), fmt_date(n.submission_date)))
    for ind in d.indicators:
        out.append(_row(str(ind.year), ind.text))
    out.append("</table>")
    return "".join(out)
