"""The dossier pack for many nominees reports its progress per dossier, only growing, to 100 %
(read, then laid out, in this process or on worker processes); a cancel half-way returns
nothing and registers nothing; a PDF whose registration fails is not left on disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.services import nominees, printing


def _documents(s) -> int:
    with s.db.reading() as conn:
        return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])


@pytest.fixture
def ids(session, make_dossier) -> list[int]:
    return [nominees.add(session, make_dossier(i + 1)) for i in range(4)]


def _pack(ids: list[int]) -> printing.Request:
    return printing.Request(kind=printing.PACK, lang="ru", ids=tuple(ids))


@pytest.mark.parametrize("parallel_from", [2, 100])  # worker processes, then this process
def test_pack_progress_grows_per_dossier_to_100(session, ids, monkeypatch, parallel_from) -> None:
    monkeypatch.setattr(printing, "PARALLEL_FROM", parallel_from)
    seen: list[tuple[int, int]] = []
    out = printing.build(session, _pack(ids), lambda d, t: seen.append((d, t)))
    assert len(out.docs) == 2 * len(ids)
    pcts = [d * 100 // t for d, t in seen]
    assert pcts == sorted(pcts) and pcts[-1] == 100
    assert len(set(t for _, t in seen)) <= 2  # the size is known once the nominees are listed
    reads = [d for d, t in seen if t > 1 and d <= len(ids)]
    assert reads == list(range(1, len(ids) + 1))  # each dossier read is a step
    if parallel_from == 2:  # each pack laid out on a worker is a step too
        assert len([d for d, t in seen if len(ids) < d < t]) == len(ids)
    assert _documents(session) == 0  # building registers nothing


def test_pack_cancelled_half_way_is_empty_and_registers_nothing(session, ids, monkeypatch) -> None:
    monkeypatch.setattr(printing, "PARALLEL_FROM", 2)
    seen: list[int] = []
    out = printing.build(session, _pack(ids), lambda d, t: seen.append(d), lambda: len(seen) >= 6)
    assert out.pdfs == [] and out.docs == []
    assert 0 < max(seen) < 5 * len(ids) + 1  # it stopped in the middle of the layout
    assert _documents(session) == 0


def test_a_saved_pack_whose_registration_fails_leaves_no_file(session, ids, tmp_path: Path,
                                                            monkeypatch) -> None:  # fmt: skip
    out = printing.build(session, _pack(ids[:1]))
    folder = tmp_path / "out"
    folder.mkdir()
    path = folder / "pack.pdf"

    def interrupted(*_a: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(printing, "register", interrupted)
    with pytest.raises(KeyboardInterrupt):
        printing.save(session, out, str(path))
    assert list(folder.iterdir()) == [] and _documents(session) == 0
