"""The body's catalogue and need travel to the Department in the ``positions`` bundle (Rules-2025
p.11(2), p.8 part 1): built at the body, imported at the Department, where each body's catalogue
and need become what was sent and show on the quarter board; a damaged, forged, replayed or
misdirected bundle is refused with nothing changed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import msgspec
import pytest

from app.errors import InvalidInput, UsageError
from app.services import bench, positions, positions_transfer, quarter
from app.services import transfer_bundles as tb
from app.store import positions as repo
from app.transfer import bundle
from app.transfer import format as fmt
from app.transfer.kinds import index_media_type
from app.transfer.positions import FORMAT
from tests.transfer.conftest import Pair, db_digest, own, tree
from tests.transfer.forge import forge

D = dt.date
HEADER = "title;body;subdivision;level;decree_290;service_years;training\n"
CATALOGUE = HEADER + (
    "Начальник управления;knb;Департамент;управление;да;10;Курсы руководителей\n"
    "Начальник департамента;knb;Аппарат;департамент;да;15;\n"
    "Старший оперуполномоченный;knb;Управление;отдел;нет;;\n"
)


def _catalogue(s, tmp_path: Path, text: str = CATALOGUE) -> None:
    f = tmp_path / f"cat-{s.workstation_id[:6]}.csv"
    f.write_text(text, encoding="utf-8")
    positions.import_file(s, f)


def _send(pair: Pair, name: str) -> Path:
    out = pair.dir / name
    positions_transfer.send(pair.body, peer_id="department", out=out)
    return out


def _dept_view(pair: Pair) -> tuple[list[tuple], list[tuple]]:
    conn = pair.dept.db.connection()
    cat = [(p.title, p.body, p.subdivision, p.level, p.decree_290, p.service_years, p.training)
           for p in repo.positions(conn, body="knb")]  # fmt: skip
    return cat, repo.body_needs(conn, "knb")


def _actions(s) -> list[str]:
    return [r[0] for r in s.db.connection().execute("SELECT action FROM audit ORDER BY seq")]


@pytest.fixture
def with_need(pair: Pair, tmp_path: Path) -> Pair:
    _catalogue(pair.body, tmp_path)
    positions.add_need(pair.body, "Начальник управления", D(2026, 1, 15), "vacancy")
    positions.add_need(pair.body, "Начальник управления", D(2026, 5, 1), "age_limit")
    positions.add_need(pair.body, "Начальник департамента", D(2026, 4, 1), "rotation")
    return pair


def test_round_trip_gives_the_department_the_bodys_catalogue_and_need(with_need: Pair) -> None:
    pr = with_need
    out = _send(pr, "positions.age")
    ins = tb.inspect_bundle(pr.dept, out)
    assert ins.kind == "positions" and ins.refusal is None
    assert ins.counts == {"add": 3, "update": 0, "same": 0, "remove": 0, "need": 3}
    assert {c.entity for c in ins.changes} == {"position:Начальник управления",
                                               "position:Начальник департамента",
                                               "position:Старший оперуполномоченный"}  # fmt: skip
    res = tb.import_bundle(pr.dept, out)
    assert res.receipt_id is not None
    body_cat = [(p.title, p.body, p.subdivision, p.level, p.decree_290, p.service_years, p.training)
                for p in repo.positions(pr.body.db.connection(), body="knb")]  # fmt: skip
    cat, needs = _dept_view(pr)
    assert cat == body_cat
    assert needs == [("Начальник департамента", D(2026, 4, 1), "rotation"),
                     ("Начальник управления", D(2026, 1, 15), "vacancy"),
                     ("Начальник управления", D(2026, 5, 1), "age_limit")]  # fmt: skip
    assert "positions.received" in _actions(pr.dept)
    got = repo.received(pr.dept.db.connection())
    assert list(got) == ["knb"] and got["knb"].bundle_id == res.bundle_id
    assert got["knb"].as_of == pr.body.clock.today()
    # the Department's bench strength and its per-body need now count the body's need
    rows = {r.title: r for r in bench.bench(pr.dept).rows}
    assert rows["Начальник управления"].need == 2 and rows["Начальник департамента"].need == 1
    (knb,) = positions_transfer.need_by_body(pr.dept)
    assert (knb.body, knb.positions, knb.need, knb.ready, knb.gap) == ("knb", 3, 3, 0, 3)
    assert knb.as_of == pr.body.clock.today()


def test_a_later_bundle_replaces_the_bodys_catalogue_and_an_unchanged_one_changes_nothing(
    with_need: Pair, tmp_path: Path
) -> None:  # fmt: skip
    pr = with_need
    tb.import_bundle(pr.dept, _send(pr, "1.age"))
    first = _dept_view(pr)
    again = tb.import_bundle(pr.dept, _send(pr, "2.age"))  # a new bundle, same content
    assert again.counts == {"add": 0, "update": 0, "same": 3, "remove": 0, "need": 3}
    assert _dept_view(pr) == first
    # the body drops a position, changes one and records one more need
    with pr.body.db.unit_of_work(pr.body.user) as uow:
        uow.conn.execute("DELETE FROM positions WHERE title = 'Старший оперуполномоченный'")
        uow.audit("test.drop", "positions", {})
        uow.commit()
    _catalogue(pr.body, tmp_path, HEADER + "Начальник департамента;knb;Аппарат;департамент;да;20;\n")
    positions.add_need(pr.body, "Начальник департамента", D(2026, 6, 1), "term_of_office")
    third = tb.import_bundle(pr.dept, _send(pr, "3.age"))
    assert third.counts == {"add": 0, "update": 1, "same": 1, "remove": 1, "need": 4}
    cat, needs = _dept_view(pr)
    assert [c[0] for c in cat] == ["Начальник департамента", "Начальник управления"]
    assert dict((c[0], c[5]) for c in cat)["Начальник департамента"] == 20
    assert ("Начальник департамента", D(2026, 6, 1), "term_of_office") in needs and len(needs) == 4


def test_a_replayed_bundle_is_refused_and_changes_nothing(with_need: Pair) -> None:
    pr = with_need
    out = _send(pr, "positions.age")
    tb.import_bundle(pr.dept, out)
    before, files = db_digest(pr.dept), tree(pr.dir)
    with pytest.raises(InvalidInput) as e:
        tb.import_bundle(pr.dept, out)
    assert e.value.key == "bundle.replayed"
    assert db_digest(pr.dept) == before and tree(pr.dir) == files


def test_a_tampered_bundle_is_refused_and_changes_nothing(with_need: Pair) -> None:
    pr = with_need
    out = _send(pr, "positions.age")
    data = bytearray(out.read_bytes())
    data[len(data) // 2] ^= 0x01
    out.write_bytes(bytes(data))
    before = db_digest(pr.dept)
    with pytest.raises(InvalidInput) as e:
        tb.import_bundle(pr.dept, out)
    assert e.value.message("ru") != e.value.key
    assert db_digest(pr.dept) == before
    assert repo.positions(pr.dept.db.connection()) == []


def _items(pair: Pair, path: Path) -> list[tuple[str, bytes]]:
    u = bundle.unseal(path.read_bytes(), own(pair.dept))
    return [(it.media_type, b) for it, b in zip(u.manifest.items, u.items, strict=True)]


def _refused(pair: Pair, data: bytes, key: str) -> None:
    path = pair.dir / "forged.age"
    path.write_bytes(data)
    before = db_digest(pair.dept)
    with pytest.raises(InvalidInput) as e:
        tb.import_bundle(pair.dept, path)
    assert e.value.key == key, (e.value.key, e.value.params)
    assert db_digest(pair.dept) == before
    path.unlink()


def test_forged_contents_are_refused(with_need: Pair) -> None:
    """Validly signed by the body, but carrying another body's catalogue, a malformed index or a
    duplicated position: refused before anything is written."""
    pr = with_need
    (idx_type, idx), = _items(pr, _send(pr, "orig.age"))
    body, dept = own(pr.body), own(pr.dept)
    keys, me = [dept.card.age_recipient], [fmt.Recipient(id=dept.id, seq=1, prev="")]
    index = msgspec.json.decode(idx)

    def signed(**changes: object) -> bytes:
        new = msgspec.json.encode(index | changes)
        return forge(body, keys, me, [(idx_type, new)], kind="positions")

    assert idx_type == index_media_type("positions") and index["format"] == FORMAT
    _refused(pr, signed(body="syrbar"), "positions.bundle.other_body")
    _refused(pr, signed(format="rezerv.positions/9"), "bundle.index_invalid")
    _refused(pr, signed(positions=index["positions"] * 2), "bundle.index_invalid")
    _refused(pr, signed(extra=1), "bundle.index_invalid")
    bad_need = [dict(index["positions"][0], needs=[{"vacant_from": "2026-01-01", "reason": "whim"}])]
    _refused(pr, signed(positions=bad_need), "bundle.index_invalid")
    _refused(pr, signed(horizon="2020-01-01"), "bundle.index_invalid")
    # the Department's own catalogue sent to a body: the body does not take it
    back = forge(dept, [body.card.age_recipient], [fmt.Recipient(id=body.id, seq=1, prev="")],
                 [(idx_type, idx)], kind="positions")  # fmt: skip
    path = pr.dir / "back.age"
    path.write_bytes(back)
    before = db_digest(pr.body)
    with pytest.raises(InvalidInput) as e:
        tb.import_bundle(pr.body, path)
    assert e.value.key == "positions.bundle.not_department"
    assert db_digest(pr.body) == before


def test_only_a_body_sends_and_only_to_the_department(pair: Pair, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput) as e:  # nothing to send yet
        positions_transfer.send(pair.body, peer_id="department", out=pair.dir / "x.age")
    assert e.value.key == "positions.bundle.empty"
    _catalogue(pair.dept, tmp_path)
    with pytest.raises(UsageError) as u:
        tb.export_bundle(pair.dept, kind="positions", peer_id=pair.body_id, out=pair.dir / "y.age",
                         quarter="2026Q1")  # fmt: skip
    assert u.value.key == "positions.bundle.not_body"
    assert not (pair.dir / "x.age").exists() and not (pair.dir / "y.age").exists()


def test_the_department_board_shows_each_bodys_need(with_need: Pair) -> None:
    """At the Department, the board's rows carry the need of the position a nominee is nominated
    for, from the body's catalogue received in the bundle."""
    pr = with_need
    tb.import_bundle(pr.dept, _send(pr, "positions.age"))
    nid = pr.add_nominees(7)[0]
    from app.services import nominees

    d = nominees.get(pr.body, nid).dossier
    nom = msgspec.structs.replace(d.nomination, intended_position="начальник  УПРАВЛЕНИЯ",
                                  quarter="2026Q1")  # fmt: skip
    nominees.update(pr.body, nid, msgspec.structs.replace(d, nomination=nom))
    out = pr.dir / "nominations.age"
    tb.export_bundle(pr.body, kind="nominations", peer_id=pr.dept_id, out=out, quarter="2026Q1")
    tb.import_bundle(pr.dept, out)
    b = quarter.board(pr.dept, "2026Q1")
    (row,) = b.rows
    assert (row.need, row.need_gap) == (2, 2)
    # the Department's p.4 check of the body's dossiers reads the catalogue the body sent
    rec = nominees.get(pr.body, nid).dossier
    outside = msgspec.structs.replace(rec, nomination=msgspec.structs.replace(
        rec.nomination, intended_position="Старший оперуполномоченный"))  # fmt: skip
    p4 = [(f.key, f.severity.value) for f in nominees.findings(pr.dept, outside)
          if f.clause == "Rules-2025 p.4"]  # fmt: skip
    assert p4 == [("r2025.p4.outside_list", "blocker")]
