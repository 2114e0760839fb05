"""Import conflicts resolved both ways: the Department edited two dossiers that a corrections
bundle also changed; one conflict keeps the local version, the other takes the incoming one."""

from __future__ import annotations

import msgspec
import pytest

from app.errors import InvalidInput, PermissionDenied
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
        rec = nominees.get(pair.body, nid)
        nominees.update(pair.body, nid, msgspec.structs.replace(rec.dossier, rank="генерал-майор"))
    repo = Nominees(pair.dept.db.connection())
    local = []
    for nid in (n1, n2):
        dn = repo.id_by_iin(nominees.get(pair.body, nid).dossier.person.iin) or 0
        rec = nominees.get(pair.dept, dn)
        nominees.update(pair.dept, dn, msgspec.structs.replace(rec.dossier, unit="правка Отдела"))
        local.append(dn)
    tb.export_bundle(pair.body, kind="corrections", peer_id=pair.dept_id, out=pair.dir / "b.age",
                     quarter="2026Q1")  # fmt: skip
    res = tb.import_bundle(pair.dept, pair.dir / "b.age")
    assert res.counts["conflict"] == 2
    return local[0], local[1]


def test_a_conflict_resolved_both_ways(pair: Pair) -> None:
    keep_local, take_incoming = _conflicted(pair)
    open_ = {c.nominee_id: c.id for c in conflicts.pending(pair.dept)}
    assert set(open_) == {keep_local, take_incoming}
    before = nominees.get(pair.dept, keep_local)

    r1 = conflicts.resolve(pair.dept, open_[keep_local], "local")
    after = nominees.get(pair.dept, keep_local)
    assert (after.dossier, after.version, r1.version) == (before.dossier, before.version,
                                                          before.version)  # fmt: skip

    r2 = conflicts.resolve(pair.dept, open_[take_incoming], "incoming")
    got = nominees.get(pair.dept, take_incoming)
    assert got.dossier.rank == "генерал-майор" and got.dossier.unit != "правка Отдела"
    assert r2.version == got.version

    assert conflicts.pending(pair.dept) == []
    conn = pair.dept.db.connection()
    rows = [(x.action, x.entity) for x in audit.rows(conn)][-2:]
    assert rows == [("transfer.conflict_resolve", f"nominee:{keep_local}"),
                    ("transfer.conflict_resolve", f"nominee:{take_incoming}")]  # fmt: skip
    assert audit.verify(conn).ok
    with pytest.raises(InvalidInput) as e:
        conflicts.resolve(pair.dept, open_[keep_local], "incoming")
    assert e.value.key == "conflict.already_resolved"


def test_refusals_change_nothing(pair: Pair) -> None:
    keep_local, _ = _conflicted(pair)
    cid = next(c.id for c in conflicts.pending(pair.dept) if c.nominee_id == keep_local)
    head = audit.head(pair.dept.db.connection())[0]
    with pytest.raises(InvalidInput) as e:
        conflicts.resolve(pair.dept, cid, "both")
    assert e.value.key == "conflict.bad_keep"
    with pytest.raises(InvalidInput):
        conflicts.resolve(pair.dept, 9999, "local")
    with pytest.raises(PermissionDenied):
        conflicts.resolve(msgspec.structs.replace(pair.dept, role="auditor"), cid, "local")
    assert audit.head(pair.dept.db.connection())[0] == head
    assert len(conflicts.pending(pair.dept)) == 2


def test_conflicts_from_the_command_line(pair: Pair) -> None:
    import json

    from tests.cli import run_cli as _run
    from tests.conftest import PASSPHRASE

    def run_cli(*args: str, **kw: object):  # the Pair's workstations use the fixtures' phrase
        return _run(*args, passphrase=PASSPHRASE, **kw)  # type: ignore[arg-type]

    keep_local, take_incoming = _conflicted(pair)
    db = pair.dept.db.path
    listed = run_cli("bundle", "conflicts", "--format", "json", db=db)
    assert listed.code == 0, listed.err
    ids = {c["nominee_id"]: c["id"] for c in json.loads(listed.out)}
    assert set(ids) == {keep_local, take_incoming}
    ok = run_cli("bundle", "resolve", str(ids[take_incoming]), "--keep", "incoming", db=db,
                 lang="kk")  # fmt: skip
    assert ok.code == 0 and "ауыстырылды" in ok.out, ok.err
    assert nominees.get(pair.dept, take_incoming).dossier.rank == "генерал-майор"
    again = run_cli("bundle", "resolve", str(ids[take_incoming]), "--keep", "local", db=db)
    assert again.code == 4 and len(again.err.strip().splitlines()) == 1
    text = run_cli("bundle", "conflicts", db=db)
    assert text.code == 0 and f"№ {ids[keep_local]}:" in text.out
    assert f"№ {ids[take_incoming]}:" not in text.out
