"""Progress and cancel of a bundle export and import: the percentage only grows and reaches 100;
a cancel (or Ctrl-C) at any step leaves no file, marks nothing sent, audits nothing, stores
nothing, and the same bundle imports afterwards."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.errors import InvalidInput
from app.progress import Ticker
from app.services import transfer_bundles as tb
from tests.transfer.conftest import Pair, db_digest

N = 30  # nominees: with their photos, 61 items


class Recorder:
    """A progress callback that remembers what it was told and answers False at ``stop``."""

    def __init__(self, stop: int | None = None, raise_: type[BaseException] | None = None) -> None:
        self.calls: list[tuple[int, int]] = []
        self.stop, self.raise_ = stop, raise_

    def __call__(self, done: int, total: int) -> bool:
        self.calls.append((done, total))
        if self.stop is not None and len(self.calls) > self.stop:
            if self.raise_ is not None:
                raise self.raise_()
            return False
        return True

    def percents(self) -> list[int]:
        return [d * 100 // t for d, t in self.calls]


def _export(pair: Pair, out: Path, progress: Recorder | None = None) -> tb.ExportResult:
    return tb.export_bundle(pair.body, kind="nominations", peer_id=pair.dept_id, out=out,
                            quarter="2026Q1", progress=progress)  # fmt: skip


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_progress_grows_to_100_and_stays_cheap(pair: Pair) -> None:
    pair.add_nominees(*range(1, N + 1))
    out = pair.dir / "q.rzv"
    seen = Recorder()
    _export(pair, out, seen)
    assert seen.calls[0][0] == 0 and seen.percents()[-1] == 100
    assert seen.percents() == sorted(seen.percents())
    assert len(seen.calls) == len(set(seen.percents()))  # once per percent
    assert set(tb.EXPORT_AT) <= set(seen.percents())  # built, sealed, written, read back, committed
    got = Recorder()
    res = tb.import_bundle(pair.dept, out, progress=got)
    assert res.counts["add"] == N
    pcts = got.percents()
    assert pcts[0] == 0 and pcts[-1] == 100 and pcts == sorted(pcts)
    assert {t for _, t in got.calls} == {2 * N + 2}  # every item, then the commit
    assert len(got.calls) <= len(set(pcts)) + 2  # once per percent, and the two forced checks


def test_export_moves_per_dossier_while_it_is_built(pair: Pair) -> None:
    pair.add_nominees(*range(1, 101))
    seen = Recorder()
    res = _export(pair, pair.dir / "q.rzv", seen)
    assert res.count == 100
    pcts = seen.percents()
    assert pcts[0] == 0 and pcts[-1] == 100 and pcts == sorted(pcts)
    assert {t for _, t in seen.calls} == {100}
    building = [p for p in pcts if 0 < p < tb.BUILT]
    assert len(set(building)) > 10, pcts  # not the five coarse steps: dossier by dossier
    assert len(set(pcts)) > 10 and len(seen.calls) == len(set(pcts))  # and once per percent


def test_cancel_half_way_through_the_build_changes_nothing(pair: Pair) -> None:
    pair.add_nominees(*range(1, 41))
    before = db_digest(pair.body)
    out = pair.dir / "q.rzv"

    def half(done: int, total: int) -> bool:
        return done * 100 // total < tb.BUILT // 2  # says no once half the build is done

    seen = Recorder()

    def stopper(done: int, total: int) -> bool:
        seen(done, total)
        return half(done, total)

    with pytest.raises(InvalidInput) as e:
        _export(pair, out, stopper)
    assert e.value.key == "bundle.cancelled"
    assert 0 < seen.percents()[-1] < tb.BUILT  # stopped inside the build
    assert _files(pair.dir) == []
    assert db_digest(pair.body) == before  # nothing marked sent, no chain step, no audit row
    assert _export(pair, out).count == 40


@pytest.mark.parametrize("stop", [0, 2, 5, 9, 10, 11, 12, 13])  # while built, then each step
def test_cancelled_export_leaves_no_file_and_changes_nothing(pair: Pair, stop: int) -> None:
    pair.add_nominees(*range(1, 6))
    before = db_digest(pair.body)
    out = pair.dir / "q.rzv"
    with pytest.raises(InvalidInput) as e:
        _export(pair, out, Recorder(stop=stop))
    assert e.value.key == "bundle.cancelled"
    assert _files(pair.dir) == []  # neither the bundle nor its temporary file
    assert db_digest(pair.body) == before  # nothing marked sent, no chain step, no audit row
    res = _export(pair, out)  # and the export then goes through
    assert res.count == 5 and _files(pair.dir) == ["q.rzv"]


def test_ctrl_c_during_export_after_the_file_is_written(pair: Pair) -> None:
    pair.add_nominees(1, 2)
    before = db_digest(pair.body)
    with pytest.raises(KeyboardInterrupt):
        _export(pair, pair.dir / "q.rzv", Recorder(stop=3, raise_=KeyboardInterrupt))
    assert _files(pair.dir) == [] and db_digest(pair.body) == before


@pytest.mark.parametrize("raise_", [None, KeyboardInterrupt])
def test_cancelled_import_rolls_back_and_imports_again(pair: Pair, raise_) -> None:
    pair.add_nominees(*range(1, N + 1))
    out = pair.dir / "q.rzv"
    _export(pair, out)
    before = db_digest(pair.dept)
    receipt = pair.dir / "r.rzv"
    stopper = Recorder(stop=40, raise_=raise_)  # half-way through the items
    with pytest.raises(KeyboardInterrupt if raise_ else InvalidInput):
        tb.import_bundle(pair.dept, out, receipt_out=receipt, progress=stopper)
    done, total = stopper.calls[-1]
    assert 0 < done < total - 1  # really in the middle, with dossiers already stored
    assert db_digest(pair.dept) == before  # nothing stored, the bundle not recorded as seen
    assert not receipt.exists()
    res = tb.import_bundle(pair.dept, out, receipt_out=receipt)
    assert res.counts["add"] == N and receipt.exists()


def test_preview_grows_to_100_and_a_cancel_is_not_a_refusal(pair: Pair) -> None:
    pair.add_nominees(*range(1, N + 1))
    out = pair.dir / "q.rzv"
    _export(pair, out)
    before = db_digest(pair.dept)
    seen = Recorder()
    ins = tb.inspect_bundle(pair.dept, out, progress=seen)
    assert ins.refusal is None and ins.counts["add"] == N
    pcts = seen.percents()
    assert pcts[0] == 0 and pcts[-1] == 100 and pcts == sorted(pcts) and len(set(pcts)) > 10
    assert {t for _, t in seen.calls} == {2 * N + 1}  # the index and every item
    stopper = Recorder(stop=20)  # half-way through the items
    with pytest.raises(InvalidInput) as e:
        tb.inspect_bundle(pair.dept, out, progress=stopper)
    assert e.value.key == "bundle.cancelled"  # raised, not reported as the bundle's refusal
    assert 0 < stopper.percents()[-1] < 100
    assert db_digest(pair.dept) == before and _files(pair.dir) == ["q.rzv"]
    assert tb.import_bundle(pair.dept, out).counts["add"] == N


def test_cancel_at_the_last_moment_before_commit(pair: Pair) -> None:
    pair.add_nominees(1, 2)
    out = pair.dir / "q.rzv"
    _export(pair, out)
    before = db_digest(pair.dept)

    def last(done: int, total: int) -> bool:
        return done < total - 1  # says no only once every item is read and applied

    with pytest.raises(InvalidInput):
        tb.import_bundle(pair.dept, out, progress=last)
    assert db_digest(pair.dept) == before


def test_ticker_calls_once_per_percent_and_never_goes_back() -> None:
    seen: list[tuple[int, int]] = []
    tick = Ticker(lambda d, t: seen.append((d, t)) is None, 1000, "bundle.cancelled")
    for i in range(1001):
        tick(i)
    tick(500)  # a late, smaller count does not move the bar back
    assert len(seen) == 101 and seen[-1] == (1000, 1000)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    stop = Ticker(lambda d, t: d < 3, 10, "bundle.cancelled")
    with pytest.raises(InvalidInput):
        for i in range(10):
            stop(i)
    assert stop.done == 3


def _cli(monkeypatch, s, *args: str) -> int:
    from app.cli.main import main
    from tests.conftest import PASSPHRASE

    monkeypatch.setenv("REZERV_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("REZERV_NOW", "2026-02-10T10:00:00+05:00")
    return main(["--lang", "ru", "--db", str(s.db.path), "--user", "admin", *args])


def test_ctrl_c_during_cli_import_changes_nothing_and_says_one_line(pair: Pair, monkeypatch,
                                                                   capsys) -> None:  # fmt: skip
    from app.transfer import format as fmt

    pair.add_nominees(*range(1, 6))
    out = pair.dir / "q.rzv"
    _export(pair, out)
    before = db_digest(pair.dept)
    real = fmt.read_item

    def interrupted(src, m, n):  # Ctrl-C while the fourth item is read
        if n == 3:
            raise KeyboardInterrupt
        return real(src, m, n)

    monkeypatch.setattr(fmt, "read_item", interrupted)
    capsys.readouterr()
    assert _cli(monkeypatch, pair.dept, "bundle", "import", str(out)) == 130
    got = capsys.readouterr()
    assert got.out == "" and got.err.strip().splitlines() == ["Прервано"]
    assert db_digest(pair.dept) == before and _files(pair.dir) == ["q.rzv"]  # no receipt either
    monkeypatch.setattr(fmt, "read_item", real)
    assert _cli(monkeypatch, pair.dept, "bundle", "import", str(out)) == 0
    assert "q.receipt.rzv" in _files(pair.dir)


def test_ctrl_c_during_cli_export_leaves_no_file(pair: Pair, monkeypatch, capsys) -> None:
    pair.add_nominees(1, 2)
    before = db_digest(pair.body)

    def interrupted(*_a: object, **_kw: object) -> None:  # Ctrl-C while the file is read back
        raise KeyboardInterrupt

    monkeypatch.setattr(tb, "_verify_written", interrupted)
    capsys.readouterr()
    code = _cli(monkeypatch, pair.body, "bundle", "export", "--kind", "nominations", "--quarter",
                "2026Q1", "--to", pair.dept_id, "--out", str(pair.dir / "q.rzv"))  # fmt: skip
    got = capsys.readouterr()
    assert code == 130 and got.err.strip().splitlines() == ["Прервано"]
    assert _files(pair.dir) == [] and db_digest(pair.body) == before
