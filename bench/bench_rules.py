"""Rules engine: checking 10,000 dossiers (target 2 s in one process), in memory and through the
``check --all`` service on an encrypted database — also with every person's history in the
register (membership, appointment, override, earlier nomination, training) and the date their
materials were sent, which the rules read (issue 11); baseline: decoding the same dossiers.

The baseline is measured next to each figure (``bench/pairs.py``), after a full garbage
collection each time: decoding 10,000 dossiers measured once at the start took 0.10 s in one run
and 0.16 s in the next (a collection of the older generation falling inside it or not), while
the checks took 0.90 s in both. In memory, seven (decode, evaluate) pairs give the median pair;
each ``check --all`` (stateful: the first refreshes the cached counts, the second finds nothing
changed, the third reads the histories) is set against the mean of a decode just before and
just after it, and the sequence runs on fifteen new databases in turn, each check reported as its
median pair."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from pathlib import Path

import msgspec

from bench.pairs import interleaved, median_pair, timed

COUNT = 10_000
TARGET_S = 2.0
REPEATS = 15  # the checks on fifteen databases in turn: the median pair of each (of five, the
# ratios moved by 20-24 % between two runs: decoding, the baseline, moved 0.083 -> 0.135 s; of
# nine, check_all_10k by 16 %, 5.87 and 5.04)
RATIO = 30.0  # check --all over TARGET_S, as a multiple of decoding the same rows (see _service)
AT = dt.date(2026, 2, 10)

Report = Callable[..., None]


def _dossiers() -> list:  # a mix: clean, sanctioned, seconded, SGS, no photo
    from app.domain.dossier import Body, Sanction, SanctionKind, Secondment, SecondmentKind
    from tests.factories import make_dossier

    base = make_dossier(1, with_photo=False)
    out = []
    for i in range(COUNT):
        kind = i % 5
        person = msgspec.structs.replace(base.person, iin=f"{i:012d}")
        d = msgspec.structs.replace(base, person=person)
        if kind == 1:
            d = msgspec.structs.replace(d, disciplinary=[
                Sanction(kind=SanctionKind.REPRIMAND, imposed=dt.date(2025, 12, 1))])
        elif kind == 2:
            d = msgspec.structs.replace(d, secondment=Secondment(
                kind=SecondmentKind.PRESIDENTIAL_ADMINISTRATION, host="PA", pa_submission=True))
        elif kind == 3:
            d = msgspec.structs.replace(d, body=Body.SGS)
        out.append(d)
    return out


def run(report: Report) -> None:
    from app.rules import rulesets
    from app.store.nominees import encode

    dossiers = _dossiers()
    blobs = [encode(d) for d in dossiers]
    found = []

    def evaluate() -> None:
        found.append(sum(len(rulesets.evaluate(d, at=AT, has_photo=True)) for d in dossiers))

    pairs = interleaved(evaluate, lambda: _decode(blobs), runs=7)
    assert found and min(found) > 0
    elapsed, baseline = median_pair(pairs)
    report("rules.evaluate_10k", elapsed, "s", target=TARGET_S, baseline=baseline)
    print(f"rules: evaluate {COUNT} dossiers {elapsed:.3f} s "
          f"({elapsed / TARGET_S:.2f} of target, {elapsed / baseline:.1f}x decoding; ratios of the "
          f"pairs {' '.join(f'{f / b:.2f}' for f, b in pairs)})")
    _service(report, blobs)


def _decode(blobs: list[bytes]) -> None:
    from app.store.nominees import decode

    for b in blobs:
        decode(b)


def _service(report: Report, blobs: list[bytes]) -> None:
    runs = [_checks(blobs) for _ in range(REPEATS)]  # each on a database of its own


    names = ("check_all_10k", "check_all_10k_unchanged", "check_all_10k_histories")
    for k, name in enumerate(names):
        elapsed, baseline = median_pair([run[k] for run in runs])
        # 2 s on the reference machine (judged on a calibrated run only), and as a ratio to
        # decoding the same rows in this run: decoding 10,000 dossiers took 0.18-0.32 s at 4.5-5.7
        # times the reference calibration, about 0.05 s on the reference, so 2 s is ~40 times it;
        # the ceiling is set lower, at 30 times
        report(f"rules.{name}", elapsed, "s", target=TARGET_S, baseline=baseline, ratio_target=RATIO,
               calibrated=True)  # fmt: skip
        print(f"rules: {name} {elapsed:.3f} s ({elapsed / TARGET_S:.2f} of target)")


if __name__ == "__main__":
    run(lambda name, value, unit, target=None, baseline=None: print(name, value, unit, target))


def _checks(blobs: list[bytes]) -> list[tuple[float, float]]:
    """On a new database: (check --all seconds, decoding seconds: the mean of a decode just
    before and just after it) for the three checks, in order."""
    from app.clock import FixedClock
    from app.security.kdf import KdfParams
    from app.services import checks, workstation

    clock = FixedClock(dt.datetime(2026, 2, 10, 10, tzinfo=dt.timezone(dt.timedelta(hours=5))))
    times: list[tuple[float, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        s = workstation.create(Path(tmp) / "r.db", role="knb", user="a",
                               passphrase="benchmark passphrase, long enough",
                               kdf=KdfParams.fast_for_tests(), clock=clock)  # fmt: skip
        try:
            with s.db.unit_of_work(s.user) as uow:
                uow.conn.executemany(
                    "INSERT INTO nominees (id, iin, body, surname, given_name, sort_key, created,"
                    " updated) VALUES (?, ?, 'knb', 's', 'g', 's', 'now', 'now')",
                    [(i + 1, f"{i:012d}") for i in range(len(blobs))],
                )
                uow.conn.executemany(
                    "INSERT INTO dossiers (nominee_id, data) VALUES (?, ?)",
                    [(i + 1, b) for i, b in enumerate(blobs)],
                )
                uow.commit()

            def check() -> None:
                before = timed(lambda: _decode(blobs))
                results: list[object] = []
                elapsed = timed(lambda: results.append(checks.check_all(s, at=AT)))
                after = timed(lambda: _decode(blobs))
                assert len(results[0].results) == COUNT  # type: ignore[attr-defined]
                times.append((elapsed, (before + after) / 2))

            check()  # the first run refreshes the cached counts
            check()  # the second finds none changed
            _histories(s, len(blobs))
            check()
        finally:
            s.close()
    return times


def _histories(s: object, count: int) -> None:
    """Every person a reserve member with a past: enrolled, an earlier nomination closed, a
    training, the materials sent in a nominations bundle (p.8(3)); every tenth appointed with an
    override, every seventh excluded under p.18(3)."""
    with s.db.unit_of_work(s.user) as uow:  # type: ignore[attr-defined]
        c = uow.conn
        c.executemany(
            "INSERT INTO reserve_members (nominee_id, body, position, enrolled_on, term_ends,"
            " decision_number, excluded_on, ground) VALUES (?, 'knb', 'p', '2025-03-20', '2028-03-20',"
            " '№ 1', ?, ?)",
            [(i + 1, "2025-12-01" if i % 7 == 0 else None, "p18_3" if i % 7 == 0 else None)
             for i in range(count)],
        )  # fmt: skip
        c.executemany("INSERT INTO nominations (nominee_id, quarter, outcome, version, closed)"
                      " VALUES (?, '2024Q1', 'term_expired', 1, 'now')", [(i + 1,) for i in range(count)])
        c.executemany("INSERT INTO reserve_training (nominee_id, course, day_from, day_to, recorded)"
                      " VALUES (?, 'c', '2025-05-01', '2025-05-20', 'now')", [(i + 1,) for i in range(count)])
        # the materials were sent (p.8(3) is judged at the sending date): one nominations bundle
        # from a peer carried every dossier
        c.execute("INSERT INTO transfer_peers (id, role, age_recipient, sign_public, fingerprint, added,"
                  " added_by) VALUES ('peer', 'knb', 'age1x', x'00', 'f', 'now', 'a')")
        c.execute("INSERT INTO transfer_bundles (id, direction, peer_id, kind, seq, hash, created,"
                  " processed, user) VALUES ('b1', 'in', 'peer', 'nominations', 1, 'h',"
                  " '2026-02-02T10:00:00+05:00', 'now', 'a')")
        c.executemany("INSERT INTO transfer_items (bundle_id, iin, nominee_id, version)"
                      " VALUES ('b1', ?, ?, 1)", [(f"{i:012d}", i + 1) for i in range(count)])
        c.execute("UPDATE nominees SET status = 'received'")
        tenth = [(i + 1,) for i in range(0, count, 10)]
        c.executemany("INSERT INTO reserve_overrides (nominee_id, authority, number, day, recorded)"
                      " VALUES (?, 'head_pa', '№ 2', '2025-04-01', 'now')", tenth)
        c.executemany("INSERT INTO reserve_appointments (nominee_id, position, order_ref, day, recorded)"
                      " VALUES (?, 'p', '№ 3', '2025-04-02', 'now')", tenth)
        uow.commit()
