import json

from app import i18n, resources


def _areas():
    files = sorted(resources.path("i18n").glob("*.json"))
    return sorted({f.name.split(".")[0] for f in files})


def test_every_area_has_kazakh_and_russian_with_the_same_keys():
    for area in _areas():
        kk = json.loads(resources.path("i18n", f"{area}.kk.json").read_text(encoding="utf-8"))
        ru = json.loads(resources.path("i18n", f"{area}.ru.json").read_text(encoding="utf-8"))
        assert set(kk) - set(ru) == set(), f"{area}: keys missing in Russian"
        assert set(ru) - set(kk) == set(), f"{area}: keys missing in Kazakh"


def test_placeholders_agree_between_languages():
    ru = i18n.catalog("ru")
    for lang in ("kk",):
        other = i18n.catalog(lang)
        for key, text in other.items():
            if key in ru:
                assert i18n.placeholders(text) == i18n.placeholders(ru[key]), (lang, key)


def test_no_translation_is_empty():
    for lang in i18n.REQUIRED_LANGS:
        empty = [k for k, v in i18n.catalog(lang).items() if not v.strip()]
        assert empty == []


def test_parameters_are_inserted_literally_not_reformatted():
    text = i18n.tr("dossier.duplicate_iin", "ru", iin="{0} %s {iin}")
    assert "{0} %s {iin}" in text


def test_dates_are_shown_day_month_year():
    import datetime as dt

    assert i18n.fmt_date(dt.date(2026, 1, 5)) == "05.01.2026"
    assert i18n.parse_date("05.01.2026") == dt.date(2026, 1, 5)
    assert i18n.parse_date("2026-01-05") == dt.date(2026, 1, 5)
