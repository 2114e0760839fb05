"""The service reference (service list) with a 3x4 cm photo, Rules-2025 p.10(2).

The layout lives in ``resources/forms/service_reference.json`` (labels, their order, the
table's columns and widths), so the special bodies' own established form can be followed by
editing that file. Values are named fields of the input (see ``VALUES`` and ``LINE_VALUES``).
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from functools import cache
from typing import Any

from PIL import Image as PILImage
from PIL import UnidentifiedImageError
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, Spacer, Table, TableStyle

from app import resources
from app.documents import blocks, fonts
from app.documents.common import body_name
from app.documents.layout import WIDTH, Styles
from app.documents.model import Meta, ServiceLine, ServiceReference
from app.documents.text import para, rich, t
from app.errors import InvalidInput
from app.i18n import fmt_date

MAX_PHOTO_SIDE = 4000


def _lines(items: list[str]) -> str:
    return "\n".join(items)


VALUES: dict[str, Callable[[ServiceReference], str]] = {
    "full_name": lambda d: d.person.full_name,
    "iin": lambda d: d.person.iin,
    "birth_date": lambda d: fmt_date(d.person.birth_date),
    "birth_place": lambda d: d.person.birth_place,
    "rank": lambda d: d.person.rank,
    "position": lambda d: d.person.position,
    "unit": lambda d: d.person.unit,
    "position_unit": lambda d: ", ".join(x for x in (d.person.position, d.person.unit) if x),
    "education": lambda d: _lines(d.education),
    "academic_degree": lambda d: d.academic_degree,
    "languages": lambda d: d.languages,
    "awards": lambda d: _lines(d.awards),
    "training": lambda d: _lines(d.training),
    "sanctions": lambda d: _lines(d.sanctions),
    "attestation": lambda d: d.attestation,
    "service_start": lambda d: fmt_date(d.service_start),
}

LINE_VALUES: dict[str, Callable[[ServiceLine, str], str]] = {
    "start": lambda s, lang: fmt_date(s.start),
    "end": lambda s, lang: fmt_date(s.end) if s.end else t("doc.sr.present", lang),
    "position": lambda s, lang: s.position,
    "unit": lambda s, lang: s.unit,
    "position_unit": lambda s, lang: ", ".join(x for x in (s.position, s.unit) if x),
    "order_ref": lambda s, lang: s.order_ref,
}


@cache
def template() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        resources.path("forms", "service_reference.json").read_text(encoding="utf-8")
    )
    return data


def _photo(jpeg: bytes | None, w: float, h: float, lang: str, placeholder: str) -> Flowable:
    if jpeg is None:
        box = Table([[para(t(placeholder, lang), Styles.caption)]], colWidths=[w], rowHeights=[h])
        box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.5, colors.black),
                                 ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                 ("FONT", (0, 0), (-1, -1), fonts.REGULAR, 8)]))  # fmt: skip
        return box
    try:
        with PILImage.open(io.BytesIO(jpeg)) as img:
            ok = img.format == "JPEG" and max(img.size) <= MAX_PHOTO_SIDE
    except (UnidentifiedImageError, OSError, ValueError):
        ok = False
    if not ok:
        raise InvalidInput("doc.photo_unreadable")
    return Image(io.BytesIO(jpeg), width=w, height=h)


def service_reference(d: ServiceReference, meta: Meta) -> list[Flowable]:
    lang = meta.lang
    form = template()
    story = blocks.head(meta, body_name(d.person.body, lang))
    pw, ph = form["photo"]["width_mm"] * mm, form["photo"]["height_mm"] * mm
    left: list[Flowable] = blocks.title(t(form["title"], lang), t(form["subtitle"], lang))
    left.append(para(t(form["basis"], lang), Styles.small))
    left.append(Spacer(1, 3 * mm))
    for f in form["beside_photo"]:
        label = t(f["label"], lang) + ": "
        left.append(rich([(label, True), (VALUES[f["value"]](d), False)], Styles.plain))
    photo = _photo(d.photo, pw, ph, lang, form["photo"]["placeholder"])
    top = Table([[left, photo]], colWidths=[WIDTH - pw - 6 * mm, pw + 6 * mm])
    top.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                             ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                             ("LEFTPADDING", (0, 0), (-1, -1), 0),
                             ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                             ("FONT", (0, 0), (-1, -1), fonts.REGULAR, 10)]))  # fmt: skip
    story += [top, Spacer(1, 4 * mm)]
    pairs = []
    for f in form["fields"]:
        value = VALUES[f["value"]](d)
        if not value.strip() and f.get("empty"):
            value = t(f["empty"], lang)
        pairs.append((t(f["label"], lang), value))
    story.append(blocks.fields_table(pairs, label_fraction=form.get("label_fraction", 0.38)))
    table = form["service_table"]
    story.append(para(t(table["title"], lang), Styles.label))
    cols = table["columns"]
    rows = [[LINE_VALUES[c["value"]](s, lang) for c in cols] for s in d.service]
    if rows:
        story.append(
            blocks.data_table([t(c["label"], lang) for c in cols], rows, [c["width"] for c in cols])
        )
    else:
        story.append(para(t("doc.not_stated", lang), Styles.body))
    return blocks.closing(story, blocks.signature(d.signatory, lang, role_key=form["signature"]))
