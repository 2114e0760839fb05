"""Import conflicts resolved field by field: the body changed the rank and the qualities, the
Department changed the unit and the qualities; the Department sees the three differing fields
and keeps its own version with the body's rank, or the body's version with its own unit; a
field that does not differ is refused and changes nothing."""

from __future__ import annotations

import json

import msgspec
import pytest

from app.errors import InvalidInput
from app.services import conflicts, nominees
from app.services import transfer_bundles as tb
from app.store import audit
from app.store.nominees import Nominees
from tests.transfer.conftest import Pair


def _conflicted(pair: Pair) -> tuple[int, int]:
    n1, n2 = pair.add_nominees(1, 2)
    tb.export_bundle(pair.body, kind="nominations", peer_id=pair.dept_id, out=pair.dir / "a.age",
                     quarter="2026Q1")  # fmt: skip
    tb.import_bundle(pair.dept, pair.dir / "a.age")
    for nid in (n1, n2):
        d = nominees.get(pair.body, nid).dossier
        nom = msgspec.structs.replace(d.nomination, qualities="качества по мнению органа")
        nominees.update(pair.body, nid, msgspec.structs.replace(d, rank="генерал-майор", nomination=nom))
    repo = Nominees(pair.dept.db.connection())
    local = []
    for nid in (n1, n2):
        dn = repo.id_by_iin(nominees.get(pair.body, nid).dossier.person.iin) or 0
        d = nominees.get(pair.dept, dn).dossier
        nom = msgspec.structs.replace(d.nomination, qualities="качества по мнению Отдела")
        nominees.update(pair.dept, dn, msgspec.structs.replace(d, unit="правка Отдела", nomination=nom))
        local.append(dn)
    tb.export_bundle(pair.body, kind="corrections", peer_id=pair.dept_id, out=pair.dir / "b.age",
                     quarter="2026Q1")  # fmt: skip
    assert tb.import_bundle(pair.dept, pair.dir / "b.age").counts["conflict"] == 2
    return local[0], local[1]


def test_fields_that_differ_are_listed_and_chosen_one_by_one(pair: Pair) -> None:
    a, b = _conflicted(pair)
    cid = {c.nominee_id: c.id for c in conflicts.pending(pair.dept)}
    diffs = {d.path: (d.local, d.incoming) for d in conflicts.fields(pair.dept, cid[a])}
    assert set(diffs) == {"rank", "unit", "nomination.qualities"}
    assert diffs["nomination.qualities"] == ("качества по мнению Отдела",
                                             "качества по мнению органа")  # fmt: skip
    before = nominees.get(pair.dept, a)

    # ours, with the body's rank
    r = conflicts.resolve(pair.dept, cid[a], "local", {"rank": "incoming", "unit": "local"})
    got = nominees.get(pair.dept, a)
    assert (got.dossier.rank, got.dossier.unit) == ("генерал-майор", "правка Отдела")
    assert got.dossier.nomination.qualities == "качества по мнению Отдела"
    assert got.dossier.photo == before.dossier.photo
    assert r.fields == {"rank": "incoming"} and r.version == got.version == before.version + 1

    # theirs, with our unit
    r2 = conflicts.resolve(pair.dept, cid[b], "incoming", {"unit": "local"})
    got2 = nominees.get(pair.dept, b).dossier
    assert (got2.rank, got2.unit) == ("генерал-майор", "правка Отдела")
    assert got2.nomination.qualities == "качества по мнению органа"
    assert r2.fields == {"unit": "local"}

    conn = pair.dept.db.connection()
    last = [x for x in audit.rows(conn) if x.action == "transfer.conflict_resolve"]
    assert [x.entity for x in last] == [f"nominee:{a}", f"nominee:{b}"]
    assert audit.verify(conn).ok and conflicts.pending(pair.dept) == []


def test_a_field_that_does_not_differ_is_refused(pair: Pair) -> None:
    a, _ = _conflicted(pair)
    cid = next(c.id for c in conflicts.pending(pair.dept) if c.nominee_id == a)
    head = audit.head(pair.dept.db.connection())[0]
    before = nominees.get(pair.dept, a)
    for take in ({"person.surname": "incoming"}, {"rank": "both"}):
        with pytest.raises(InvalidInput) as e:
            conflicts.resolve(pair.dept, cid, "local", take)
        assert e.value.key in {"conflict.bad_field", "conflict.bad_keep"}
    assert audit.head(pair.dept.db.connection())[0] == head
    assert nominees.get(pair.dept, a) == before and len(conflicts.pending(pair.dept)) == 2


def test_field_by_field_from_the_command_line(pair: Pair) -> None:
    from tests.cli import run_cli as _run
    from tests.conftest import PASSPHRASE

    def run_cli(*args: str, **kw: object):
        return _run(*args, passphrase=PASSPHRASE, **kw)  # type: ignore[arg-type]

    a, _ = _conflicted(pair)
    cid = str(next(c.id for c in conflicts.pending(pair.dept) if c.nominee_id == a))
    db = pair.dept.db.path
    shown = run_cli("bundle", "conflicts", "--fields", cid, "--format", "json", db=db)
    assert shown.code == 0, shown.err
    assert {d["path"] for d in json.loads(shown.out)} == {"rank", "unit", "nomination.qualities"}
    bad = run_cli("bundle", "resolve", cid, "--keep", "local", "--field", "rank", db=db)
    assert bad.code == 4 and len(bad.err.strip().splitlines()) == 1 and "Traceback" not in bad.err
    ok = run_cli("bundle", "resolve", cid, "--keep", "local", "--field", "rank=incoming", db=db,
                 lang="ru")  # fmt: skip
    assert ok.code == 0, ok.err
    assert "rank" in ok.out and nominees.get(pair.dept, a).dossier.rank == "генерал-майор"
