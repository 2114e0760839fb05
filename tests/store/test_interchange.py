import json

import jsonschema
import pytest

from app import resources
from app.errors import InvalidInput
from app.services import interchange, nominees

EXAMPLE = resources.path("samples", "dossier-example.json")
SCHEMA = resources.path("schema", "dossier-1.schema.json")


def test_committed_schema_matches_the_model():
    committed = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert committed == json.loads(json.dumps(interchange.json_schema())), (
        "regenerate with: make schema"
    )


def test_example_is_valid_against_the_schema_and_loads_with_its_photo():
    obj = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    jsonschema.validate(obj, json.loads(SCHEMA.read_text(encoding="utf-8")))
    [d] = interchange.read_file(EXAMPLE)
    assert d.photo and d.photo.startswith(b"\xff\xd8")
    assert d.disciplinary[0].kind.value == "reprimand"


def test_show_output_round_trips_through_add(session):
    [d] = interchange.read_file(EXAMPLE)
    nid = nominees.add(session, d)
    obj = interchange.to_obj(nominees.get(session, nid).dossier)
    assert obj["photo"].startswith("data:image/jpeg;base64,")
    again = interchange.parse_bytes(json.dumps(obj).encode())[0]
    assert again == nominees.get(session, nid).dossier


@pytest.mark.parametrize(
    ("mutate", "field", "key"),
    [
        (lambda o: o["person"].__setitem__("iin", 820517300011), "person.iin", "json.wrong_type"),
        (lambda o: o["person"].pop("surname"), "person.surname", "json.missing_field"),
        (lambda o: o["person"].__setitem__("birth_date", "17.05.1982"), "person.birth_date",
         "json.bad_date"),
        (lambda o: o["disciplinary"][0].__setitem__("kind", "flogging"), "disciplinary[0].kind",
         "json.bad_choice"),
        (lambda o: o["vetting"].__setitem__("passed", "yes"), "vetting.passed", "json.wrong_type"),
        (lambda o: o["nomination"].__setitem__("extra", 1), "nomination.extra",
         "json.unknown_field"),
        (lambda o: o.__setitem__("format", "rezerv.dossier/9"), "format", "json.bad_format"),
    ],
)  # fmt: skip
def test_every_validation_error_names_the_field_path(mutate, field, key):
    obj = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    mutate(obj)
    with pytest.raises(InvalidInput) as e:
        interchange.dossier_from_obj(obj, EXAMPLE.parent)
    assert (e.value.params.get("field"), e.value.key) == (field, key)
    assert field in e.value.message("kk") and field in e.value.message("ru")


def test_malformed_json_is_refused():
    with pytest.raises(InvalidInput) as e:
        interchange.parse_bytes(b'{"person": {"iin": ')
    assert e.value.key == "json.malformed"


def test_invalid_iin_in_json_is_refused_on_add(session):
    obj = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    obj["person"]["iin"] = "820517300012"
    [d] = interchange.parse_bytes(json.dumps(obj).encode(), EXAMPLE.parent)
    with pytest.raises(InvalidInput) as e:
        nominees.add(session, d)
    assert e.value.key == "dossier.iin.bad_check_digit"
    assert nominees.count(session) == 0


def test_duplicate_iin_is_refused_and_changes_nothing(session):
    [d] = interchange.read_file(EXAMPLE)
    nominees.add(session, d)
    before = session.db.connection().execute("SELECT count(*) FROM audit").fetchone()[0]
    with pytest.raises(InvalidInput) as e:
        nominees.add(session, d)
    assert e.value.key == "dossier.duplicate_iin"
    assert session.db.connection().execute("SELECT count(*) FROM audit").fetchone()[0] == before
