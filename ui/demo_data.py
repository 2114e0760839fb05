"""A throwaway demo workstation for ``python -m ui.demo``, ``python -m ui.screenshots`` and the
GUI benchmark: ``app.services.demo`` dossiers plus one with an active sanction (a blocker)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import msgspec

from app.clock import Clock
from app.domain.dossier import Dossier, Sanction, SanctionKind
from app.domain.iin import make_iin, parse_iin
from app.security.kdf import KdfParams
from app.services import demo, nominees, workstation
from app.services.workstation import Session

USER = "demo"
PASSPHRASE = "көктемгі жаңбыр астанада 2026"  # noqa: S105 - a throwaway demo workstation


def create(
    path: Path, count: int, *, kdf: KdfParams | None = None, clock: Clock | None = None
) -> Session:
    s = workstation.create(path, role="knb", user=USER, passphrase=PASSPHRASE, kdf=kdf, clock=clock)
    fill(s, count)
    return s


def _with_iin(d: Dossier, iin: str) -> Dossier:
    return msgspec.structs.replace(d, person=msgspec.structs.replace(d.person, iin=iin))


def chunks(count: int, today: dt.date, size: int = 1000) -> Iterator[list[Dossier]]:
    """Demo dossiers in chunks, IINs unique across chunks. A seed whose generator fails (it can
    hit 29 February plus 21 years) is skipped."""
    used: set[str] = set()
    seed = done = 0
    while done < count:
        n = min(size, count - done)
        try:
            batch = list(demo.dossiers(n, seed=seed, today=today))
        except ValueError:
            seed += 1
            continue
        seed += 1
        out = []
        for d in batch:
            iin, serial = d.person.iin, 0
            info = parse_iin(iin)
            while iin in used:
                serial += 1
                iin = make_iin(info.birth_date, info.sex, (5000 + serial) % 10000)
            used.add(iin)
            out.append(d if iin == d.person.iin else _with_iin(d, iin))
        done += n
        yield out


def fill(s: Session, count: int) -> int:
    added = 0
    used: set[str] = set()
    last: Dossier | None = None
    for batch in chunks(count, s.clock.today()):
        added += len(nominees.add_many(s, batch))
        used.update(d.person.iin for d in batch)
        last = batch[-1]
    base = last or next(demo.dossiers(1, seed=999, today=s.clock.today()))
    info = parse_iin(base.person.iin)
    serial = 9999
    iin = make_iin(info.birth_date, info.sex, serial)
    while iin in used:
        serial -= 1
        iin = make_iin(info.birth_date, info.sex, serial)
    sanction = Sanction(
        kind=SanctionKind.REPRIMAND,
        imposed=s.clock.today() - dt.timedelta(days=60),
        order_ref="№ 77",
    )
    nominees.add(s, msgspec.structs.replace(_with_iin(base, iin), disciplinary=[sanction]))
    return added + 1
