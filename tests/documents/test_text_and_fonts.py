"""The font: shipped with its licence, a glyph for every text the templates print and every
Kazakh letter, embedded in every PDF, and no other font referenced."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from app import resources
from app.documents import KINDS, fonts
from app.documents.samples import all_documents
from app.i18n import catalog
from tests.documents import pdfutil

KAZAKH = "ӘәҒғҚқҢңӨөҰұҮүҺһІі"
APP_DOCS = Path(__file__).resolve().parents[2] / "app" / "documents"


def test_font_and_licence_are_shipped() -> None:
    for file in fonts.FILES.values():
        assert resources.path("fonts", file).stat().st_size > 100_000
    licence = resources.path("fonts", "LICENSE-DejaVu.txt").read_text(encoding="utf-8")
    assert "Bitstream" in licence and "Permission is hereby granted" in licence


@pytest.mark.parametrize("face", [fonts.REGULAR, fonts.BOLD])
def test_font_has_every_kazakh_letter(face: str) -> None:
    assert fonts.missing_glyphs(KAZAKH, face) == set()


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_font_has_every_character_the_templates_use(lang: str) -> None:
    texts = [v for k, v in catalog(lang).items() if k.startswith("doc.")]
    form = resources.path("forms", "service_reference.json").read_text(encoding="utf-8")
    texts += [catalog(lang)[k] for k in re.findall(r'"(doc\.[a-z0-9_.]+)"', form)]
    code_literals = "".join(p.read_text(encoding="utf-8") for p in APP_DOCS.glob("*.py"))
    texts += re.findall(r'"([^"\n]*[^\x00-\x7f][^"\n]*)"', code_literals)  # □ ⊠ — «»
    used = "".join(texts) + "0123456789№«»–—_:.,;()/ []+"
    for face in (fonts.REGULAR, fonts.BOLD):
        assert fonts.missing_glyphs(used, face) == set(), face


def test_form_layout_refers_to_known_labels_and_values() -> None:
    from app.documents import service_reference as sr

    form = json.loads(resources.path("forms", "service_reference.json").read_text("utf-8"))
    for f in form["beside_photo"] + form["fields"]:
        assert f["label"] in catalog("kk") and f["label"] in catalog("ru")
        assert f["value"] in sr.VALUES
    for c in form["service_table"]["columns"]:
        assert c["value"] in sr.LINE_VALUES
    assert abs(sum(c["width"] for c in form["service_table"]["columns"]) - 1) < 1e-6


def test_every_kind_embeds_only_its_own_font(meta_for) -> None:
    from app.documents import build

    for lang in ("kk", "ru"):
        for kind, data in all_documents(lang):
            pdf = build(kind, data, meta_for(lang)).pdf
            found = pdfutil.fonts(pdf)
            assert found, kind
            for f in found:
                assert f["embedded"], (kind, f)
                assert "DejaVuSerif" in f["name"], (kind, f)
            assert b"Helvetica" not in pdf and b"Times-Roman" not in pdf and b"Courier" not in pdf
    assert set(KINDS) == {k for k, _ in all_documents("kk")}


def test_kazakh_letters_come_back_as_the_same_unicode_text(meta_for) -> None:
    from app.documents import build, from_dossier
    from tests.factories import make_dossier

    d = make_dossier(1)
    data = from_dossier.submission(d, "kk")
    text = "".join(pdfutil.page_texts(build("submission", data, meta_for("kk")).pdf))
    assert "Сейітқалиұлы Әбілқайыр Нұрсұлтанұлы" in text
    assert "Қазақстан Республикасының Ұлттық қауіпсіздік комитеті" in text
    data = from_dossier.submission(d, "ru")
    text = "".join(pdfutil.page_texts(build("submission", data, meta_for("ru")).pdf))
    assert "Сейиткалиулы Абилкаир Нурсултанович" in text
    assert "ПРЕДСТАВЛЕНИЕ" in text


def test_only_text_py_makes_paragraphs() -> None:
    offenders = [
        p.name for p in APP_DOCS.glob("*.py")
        if p.name != "text.py" and re.search(r"\bParagraph\(", p.read_text(encoding="utf-8"))
    ]  # fmt: skip
    assert offenders == []


def test_missing_glyph_is_shown_not_dropped() -> None:
    assert fonts.printable("a\tb 👤") == "a b [U+1F464]"
    assert fonts.printable(KAZAKH) == KAZAKH
