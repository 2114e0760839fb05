"""Rules engine: checking 10,000 dossiers (target 2 s in one process), in memory and through the
``check --all`` service on an encrypted database — also with every person's history in the
register (membership, appointment, override, earlier nomination, training) and the date their
materials were sent, which the rules read (issue 11); baseline: decoding the same dossiers."""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import msgspec

COUNT = 10_000
TARGET_S = 2.0
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
    from app.store.nominees import decode, encode

    dossiers = _dossiers()
    blobs = [encode(d) for d in dossiers]

    t = time.perf_counter()
    for b in blobs:
        decode(b)
    baseline = time.perf_counter() - t

    t = time.perf_counter()
    found = 0
    for d in dossiers:
        found += len(rulesets.evaluate(d, at=AT, has_photo=True))
    elapsed = time.perf_counter() - t
    assert found > 0
    report("rules.evaluate_10k", elapsed, "s", target=TARGET_S, baseline=baseline)
    print(f"rules: evaluate {COUNT} dossiers {elapsed:.3f} s "
          f"({elapsed / TARGET_S:.2f} of target, {elapsed / baseline:.1f}x decoding)")
    _service(report, blobs, baseline)


def _service(report: Report, blobs: list[bytes], baseline: float) -> None:
    from app.clock import FixedClock
    from app.security.kdf import KdfParams
    from app.services import checks, workstation

    clock = FixedClock(dt.datetime(2026, 2, 10, 10, tzinfo=dt.timezone(dt.timedelta(hours=5))))
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
            times = []
            for _ in range(2):  # first run refreshes the cached counts, the second finds none
                t = time.perf_counter()
                summary = checks.check_all(s, at=AT)
                times.append(time.perf_counter() - t)
                assert len(summary.results) == COUNT
            _histories(s, len(blobs))
            t = time.perf_counter()
            summary = checks.check_all(s, at=AT)
            times.append(time.perf_counter() - t)
            assert len(summary.results) == COUNT
        finally:
            s.close()
    names = ("check_all_10k", "check_all_10k_unchanged", "check_all_10k_histories")
    for name, elapsed in zip(names, times, strict=True):
        # 2 s on the reference machine (judged on a calibrated run only), and as a ratio to
        # decoding the same rows in this run: decoding 10,000 dossiers took 0.18-0.32 s at 4.5-5.7
        # times the reference calibration, about 0.05 s on the reference, so 2 s is ~40 times it;
        # the ceiling is set lower, at 30 times
        report(f"rules.{name}", elapsed, "s", target=TARGET_S, baseline=baseline, ratio_target=RATIO,
               calibrated=True)  # fmt: skip
        print(f"rules: {name} {elapsed:.3f} s ({elapsed / TARGET_S:.2f} of target)")


if __name__ == "__main__":
    run(lambda name, value, unit, target=None, baseline=None: print(name, value, unit, target))


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
