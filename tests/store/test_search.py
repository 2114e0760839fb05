import msgspec
import pytest

from app.domain.dossier import Person
from app.services import nominees
from app.store.folding import fold
from app.store.nominees import Filters


def _add(session, make_dossier, serial, **person):
    d = make_dossier(serial, with_photo=False)
    p = msgspec.structs.replace(d.person, **person)
    return nominees.add(session, msgspec.structs.replace(d, person=p))


@pytest.fixture
def people(session, make_dossier):
    ids = {
        "kk": _add(session, make_dossier, 1, surname="Сейітқалиұлы", given_name="Әбілқайыр",
                   surname_ru="", given_name_ru=""),
        "ru": _add(session, make_dossier, 2, surname="Жумабаев", given_name="Нурлан",
                   surname_ru="", given_name_ru=""),
        "other": _add(session, make_dossier, 3, surname="Иванов", given_name="Олег",
                      surname_ru="Иванов", given_name_ru="Олег"),
    }  # fmt: skip
    return ids


def _found(session, text):
    return {r.id for r in nominees.rows(session, Filters(search=text))}


def test_russian_spelling_finds_kazakh_spelling(session, people):
    assert _found(session, "Сейиткалиулы") == {people["kk"]}
    assert _found(session, "Абилкай") == {people["kk"]}


def test_kazakh_spelling_finds_russian_spelling(session, people):
    assert _found(session, "Жұмабаев") == {people["ru"]}
    assert _found(session, "Нұрлан") == {people["ru"]}


def test_kazakh_latin_script_finds_cyrillic(session, people):
    assert _found(session, "Seiıtqaliūly") == {people["kk"]}
    assert _found(session, "Äbılqaiyr") == {people["kk"]}
    assert _found(session, "Zhumabaev") == {people["ru"]}


def test_two_letter_prefix_and_iin_prefix(session, people):
    assert people["other"] in _found(session, "ив")
    iin = nominees.get(session, people["other"]).dossier.person.iin
    assert _found(session, iin[:6]) >= {people["other"]}


def test_search_that_matches_nothing_finds_nothing(session, people):
    assert _found(session, "Қожанасыр") == set()
    assert _found(session, "   ") == set()


def test_fold_is_the_same_for_all_three_scripts():
    assert fold("Сейітқалиұлы Әбілқайыр") == fold("Seiıtqaliūly Äbılqaiyr")
    assert fold("Сейітқалиұлы") == fold("Сейиткалиулы")


def test_hostile_strings_are_stored_shown_and_searched_exactly(session, make_dossier, hostile_strings):
    for i, text in enumerate(hostile_strings, start=10):
        d = make_dossier(i, with_photo=False)
        d = msgspec.structs.replace(
            d, person=msgspec.structs.replace(d.person, surname=text[:200]), current_position=text
        )
        nid = nominees.add(session, d)
        back = nominees.get(session, nid).dossier
        assert back.person.surname == text[:200]
        assert back.current_position == text
        if fold(text).strip():
            assert nid in _found(session, text[:60]), text
    assert session.db.connection().execute("SELECT count(*) FROM nominees").fetchone()[0] == len(
        hostile_strings
    )


def test_update_reindexes_and_bumps_version(session, people):
    rec = nominees.get(session, people["other"])
    d = msgspec.structs.replace(
        rec.dossier,
        person=msgspec.structs.replace(rec.dossier.person, surname="Петров", surname_ru="Петров"),
    )
    v = nominees.update(session, rec.id, d, expected_version=rec.version)
    assert v == rec.version + 1
    assert _found(session, "Иванов") == set()
    assert _found(session, "Петров") == {rec.id}
    with pytest.raises(Exception) as e:
        nominees.update(session, rec.id, d, expected_version=rec.version)
    assert getattr(e.value, "key", "") == "nominee.changed_meanwhile"


def test_person_has_the_fixed_interchange_keys():
    assert {"iin", "surname", "given_name", "patronymic", "birth_date"} <= set(
        Person.__struct_fields__
    )
