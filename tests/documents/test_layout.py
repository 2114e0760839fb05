"""Hostile text prints literally and embeds nothing; long texts wrap and paginate; "page N of M"
agrees with the page count; several documents in one file keep their own numbering."""

from __future__ import annotations

import re

import msgspec

from app.documents import build, build_many, fonts
from app.documents import from_dossier as fd
from app.documents import model as m
from tests.documents import pdfutil
from tests.factories import make_dossier


def _docs_texts(rendered) -> list[str]:
    texts = pdfutil.page_texts(rendered.pdf)
    out, i = [], 0
    for doc in rendered.docs:
        out.append("\n".join(texts[i : i + doc.pages]))
        i += doc.pages
    return out


def test_hostile_strings_print_literally_in_a_name_and_a_free_text(hostile_strings, meta_for):
    items: list[tuple[str, msgspec.Struct]] = []
    for s in hostile_strings:
        d = fd.submission(make_dossier(1), "kk")
        d = msgspec.structs.replace(d, person=msgspec.structs.replace(d.person, full_name=s),
                                    qualities=s)  # fmt: skip
        items.append(("submission", d))
        rows = [m.ListRow(person=m.Person(full_name=s, position=s), intended_position=s, note=s)]
        items.append(("body-list", m.NomineeList(quarter="2026Q1", body="knb", rows=rows)))
    rendered = build_many(items, meta_for("kk"))
    for i, text in enumerate(_docs_texts(rendered)):
        s = hostile_strings[i // 2]
        expected = pdfutil.squash(fonts.printable(s))
        assert pdfutil.squash(text).count(expected) >= 2, (items[i][0], s)
    assert pdfutil.images(rendered.pdf) == 0  # <img src=...> embedded nothing
    assert pdfutil.annotations(rendered.pdf) == 0  # <a href=...> made no link


def test_markup_is_not_interpreted(meta_for) -> None:
    name = '<img src="/etc/hostname"/> <a href="file:///etc/shadow">x</a> <b>b</b> & &amp;'
    d = fd.vetting(make_dossier(1), "ru")
    d = msgspec.structs.replace(d, person=msgspec.structs.replace(d.person, full_name=name))
    r = build("vetting", d, meta_for("ru"))
    text = "".join(pdfutil.page_texts(r.pdf))
    assert pdfutil.squash(name) in pdfutil.squash(text)
    assert pdfutil.images(r.pdf) == 0 and pdfutil.annotations(r.pdf) == 0


def test_long_texts_wrap_and_paginate_nothing_clipped(meta_for) -> None:
    long_word = "Ә" * 3000
    prose = " ".join(f"сөз{i}" for i in range(4000))
    d = fd.submission(make_dossier(1), "kk")
    d = msgspec.structs.replace(d, qualities=prose, compliance=long_word,
                                indicators=[m.YearText(year=2025, text=prose[:6000])])  # fmt: skip
    r = build("submission", d, meta_for("kk"))
    assert r.docs[0].pages > 3
    text = "\n".join(pdfutil.page_texts(r.pdf))
    words = re.findall(r"сөз\d+", text)
    expected = prose.split()
    known = set(expected)
    assert [w for w in words if w in known][:4000] == expected  # all there, in order
    assert text.count("Ә") >= 3000  # the unbreakable word was split, not cut off


def test_page_n_of_m_agrees_with_page_count(meta_for) -> None:
    rows = [m.ListRow(person=m.Person(full_name=f"Қызметкер {i}"), intended_position="Бастық")
            for i in range(120)]  # fmt: skip
    lst = m.NomineeList(quarter="2026Q1", body="knb", rows=rows)
    for lang, pattern in (("kk", r"(\d+) беттің (\d+)-беті"), ("ru", r"Страница (\d+) из (\d+)")):
        r = build("body-list", lst, meta_for(lang))
        pages = pdfutil.page_texts(r.pdf)
        assert len(pages) == r.docs[0].pages > 1
        for n, text in enumerate(pages, 1):
            found = re.search(pattern, text)
            assert found, text[-200:]
            page, total = (found.group(2), found.group(1)) if lang == "kk" else found.groups()
            assert (int(page), int(total)) == (n, len(pages))
        assert "Қызметкер 119" in "".join(pages) or "Қызметкер119" in "".join(pages)


def test_several_documents_keep_their_own_numbering_and_code(meta_for) -> None:
    ds = [make_dossier(i) for i in range(1, 4)]
    items = [("submission", fd.submission(d, "ru")) for d in ds]
    items.insert(1, ("service-reference", fd.service_reference(ds[0], "ru")))
    r = build_many(items, meta_for("ru"))
    pages = pdfutil.page_texts(r.pdf)
    assert len(pages) == r.pages == sum(d.pages for d in r.docs)
    i = 0
    for doc in r.docs:
        for n in range(1, doc.pages + 1):
            assert f"Страница {n} из {doc.pages}" in pages[i]
            assert doc.code in pages[i]
            i += 1
    assert len({d.code for d in r.docs}) == 4
    assert pdfutil.images(r.pdf) >= 1  # the photo


def test_margins_and_a4(meta_for) -> None:
    r = build("vetting", fd.vetting(make_dossier(1), "kk"), meta_for("kk"))
    box = pdfutil.reader(r.pdf).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def test_marking_and_registration_are_printed(meta_for) -> None:
    import datetime as dt

    meta = meta_for("ru", reg_no="01-15/777", reg_date=dt.date(2026, 2, 11), marking="Секретно")
    r = build("vetting", fd.vetting(make_dossier(1), "ru"), meta)
    text = pdfutil.page_texts(r.pdf)[0]
    assert "Секретно" in text and "01-15/777" in text and "11.02.2026" in text
    default = build("vetting", fd.vetting(make_dossier(1), "ru"), meta_for("ru"))
    assert "Для служебного пользования" in pdfutil.page_texts(default.pdf)[0]
