"""The bulk add path (JSON batch import, demo data): one statement per table, the same result
as adding the dossiers one by one, all or nothing."""

from __future__ import annotations

import datetime as dt

import msgspec
import pytest

from app.domain.dossier import Sanction, SanctionKind, ServiceEntry
from app.domain.validation import problems
from app.errors import InvalidInput
from app.security.kdf import KdfParams
from app.services import audit as audit_service
from app.services import nominees, workstation
from app.store.nominees import Filters
from tests.factories import portrait_png

TABLES = (
    "SELECT id, iin, body, status, surname, given_name, patronymic, sort_key, position, unit,"
    " quarter, blockers, warnings, version, created, updated FROM nominees ORDER BY id",
    "SELECT nominee_id, data FROM dossiers ORDER BY nominee_id",
    "SELECT nominee_id, jpeg, thumb FROM photos ORDER BY nominee_id",
    "SELECT action, entity, digest FROM audit WHERE seq > 1 ORDER BY seq",
)


def _state(s: workstation.Session) -> list[list[tuple]]:
    conn = s.db.connection()
    return [[tuple(r) for r in conn.execute(sql)] for sql in TABLES]


def _batch(make_dossier) -> list:
    out = [make_dossier(i) for i in range(1, 6)]
    out[2] = msgspec.structs.replace(out[2], photo=None)
    out[3] = msgspec.structs.replace(out[3], disciplinary=[
        Sanction(kind=SanctionKind.REPRIMAND, imposed=dt.date(2025, 12, 1))])  # fmt: skip
    return out


def test_bulk_add_stores_what_adding_one_by_one_stores(session, make_dossier, tmp_path, clock):
    other = workstation.create(tmp_path / "one" / "r.db", role="knb", user="admin",
                               passphrase="another passphrase, long enough",
                               kdf=KdfParams.fast_for_tests(), clock=clock)  # fmt: skip
    try:
        nominees.add(session, make_dossier(40))
        nominees.add(other, make_dossier(40))
        ids = nominees.add_many(session, _batch(make_dossier))
        one_by_one = [nominees.add(other, d) for d in _batch(make_dossier)]
        assert ids == one_by_one
        assert _state(session) == _state(other)
        assert nominees.get(session, ids[3]).dossier == nominees.get(other, ids[3]).dossier
        hits = nominees.rows(session, Filters(search="Сейіт"), limit=50)
        assert sorted(r.id for r in hits) == sorted([1, *ids])
        assert audit_service.verify(session).ok
    finally:
        other.close()


def test_bulk_add_after_a_deleted_top_row_continues_the_ids(session, make_dossier):
    nids = [nominees.add(session, make_dossier(i)) for i in (30, 31)]
    nominees.delete(session, nids[1])
    ids = nominees.add_many(session, [make_dossier(32), make_dossier(33)])
    assert ids == [nids[0] + 1, nids[0] + 2]
    assert [r.id for r in nominees.rows(session, limit=10)] == sorted([nids[0], *ids])
    assert audit_service.verify(session).ok


@pytest.mark.parametrize("where", ["in the batch", "already stored"])
def test_a_duplicate_iin_refuses_the_whole_batch(session, make_dossier, where):
    if where == "already stored":
        nominees.add(session, make_dossier(3))
        batch = [make_dossier(1), make_dossier(2), make_dossier(3)]
    else:
        batch = [make_dossier(1), make_dossier(2), make_dossier(1)]
    before = _state(session)
    with pytest.raises(InvalidInput) as e:
        nominees.add_many(session, batch)
    assert e.value.key == "dossier.duplicate_iin"
    assert e.value.params["iin"] == batch[-1].person.iin
    assert _state(session) == before


def test_validation_names_each_problem_by_its_path_texts_before_dates(make_dossier):
    d = make_dossier(1)
    entries = list(d.service_record)
    entries[1] = msgspec.structs.replace(entries[1], order_ref="№ 1\x00", start=dt.date(1850, 1, 1))
    person = msgspec.structs.replace(d.person, birth_place="Қ" * 201)
    d = msgspec.structs.replace(d, person=person, service_record=entries, languages="ok" * 30_000)
    found = [(p.field, p.key, p.params.get("limit")) for p in problems(d, today=dt.date(2026, 2, 10))]
    assert found == [
        ("person.birth_place", "dossier.too_long", "200"),
        ("languages", "dossier.too_long", "50000"),
        ("service_record[1].order_ref", "dossier.nul_character", None),
        ("service_record[1].start", "dossier.date_out_of_range", None),
    ]
    assert problems(make_dossier(1), today=dt.date(2026, 2, 10)) == []


def test_validation_of_an_entry_added_to_a_list(make_dossier):
    d = make_dossier(1)
    late = ServiceEntry(start=dt.date(2050, 1, 1), end=None, position="x", unit="y")
    d = msgspec.structs.replace(d, service_record=[*d.service_record, late])
    fields = [p.field for p in problems(d, today=dt.date(2026, 2, 10))]
    assert f"service_record[{len(d.service_record) - 1}].start" in fields


def _own_stored_photos(n: int) -> list[bytes]:
    """``n`` distinct stored-form photos (354x472 JPEG), as a batch of real dossiers has."""
    import io

    from PIL import Image

    from app import photo

    base = Image.open(io.BytesIO(photo.normalize(portrait_png())))
    base.load()
    out = []
    for i in range(n):
        img = base.copy()
        img.paste((40 * i % 256, 90, 200 - 30 * i % 200), (8 * i, 8 * i, 8 * i + 16, 8 * i + 16))
        buf = io.BytesIO()
        img.save(buf, format="JPEG", quality=90)
        out.append(buf.getvalue())
    assert len(set(out)) == n and all(photo.is_normalized(p) for p in out)
    return out


def test_each_stored_photo_gets_its_own_thumbnail(session, make_dossier):
    """Each dossier of a batch gets its own photo's thumbnail, as ``photo.thumbnail`` makes it
    (the thumbnail is cached by the photo's bytes: a batch of distinct photos decodes each)."""
    from app import photo

    photos = _own_stored_photos(7)
    batch = [msgspec.structs.replace(make_dossier(i + 1), photo=p) for i, p in enumerate(photos)]
    ids = nominees.add_many(session, batch)
    conn = session.db.connection()
    for nid, p in zip(ids, photos, strict=True):
        jpeg, thumb = conn.execute("SELECT jpeg, thumb FROM photos WHERE nominee_id = ?", (nid,)).fetchone()
        assert jpeg == p and thumb == photo.thumbnail(p)
    assert len({bytes(t) for (t,) in conn.execute("SELECT thumb FROM photos")}) == 7


@pytest.mark.parametrize("first", ["photo", "validation", "both"])
def test_the_first_dossier_with_a_failure_names_it(session, make_dossier, first):
    """A batch fails on the first dossier that has a failure, validation before photo within a
    dossier, as one by one; nothing is stored."""
    photos = _own_stored_photos(4)
    batch = [msgspec.structs.replace(make_dossier(i + 1), photo=p) for i, p in enumerate(photos)]
    broken = photos[1][: len(photos[1]) // 2]  # a stored-form header, its body cut short
    bad_photo = msgspec.structs.replace(batch[1], photo=broken)
    bad_field = msgspec.structs.replace(batch[2], person=msgspec.structs.replace(batch[2].person, iin="12"))
    if first == "both":  # one dossier with a bad field and a bad photo: the field first
        batch[1] = msgspec.structs.replace(bad_field, photo=broken)
    else:
        batch[1], batch[2] = (bad_photo, bad_field) if first == "photo" else (bad_field, bad_photo)
    before = _state(session)
    with pytest.raises(InvalidInput) as e:
        nominees.add_many(session, batch)
    assert e.value.key == ("photo.not_image" if first == "photo" else "dossier.iin.not_12_digits")
    assert _state(session) == before
