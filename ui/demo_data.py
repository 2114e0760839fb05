"""A throwaway demo workstation for ``python -m ui.demo`` and ``python -m ui.screenshots``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import msgspec

from app.clock import Clock
from app.domain.dossier import Sanction, SanctionKind
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


def fill(s: Session, count: int) -> int:
    """Demo dossiers plus one with an active sanction (a blocker to look at)."""
    chunk = max(1, min(count, 1000))
    for seed in range(50):  # a seed whose generated dates are all valid
        try:
            added = demo.populate(s, count, seed=seed, chunk=chunk)
            break
        except ValueError:
            continue
    else:  # pragma: no cover
        added = 0
    one = next(demo.dossiers(1, seed=999, today=s.clock.today()))
    sanction = Sanction(
        kind=SanctionKind.REPRIMAND,
        imposed=s.clock.today() - dt.timedelta(days=60),
        order_ref="№ 77",
    )
    person = msgspec.structs.replace(one.person, iin=_free_iin(s, one.person.iin))
    nominees.add(s, msgspec.structs.replace(one, person=person, disciplinary=[sanction]))
    return added + 1


def _free_iin(s: Session, iin: str) -> str:
    from app.domain.iin import make_iin, parse_iin

    info = parse_iin(iin)
    serial = 0
    while nominees.count(s) and _exists(s, iin):
        serial += 1
        iin = make_iin(info.birth_date, info.sex, 9000 + serial)
    return iin


def _exists(s: Session, iin: str) -> bool:
    from app.store.nominees import Filters

    return nominees.count(s, Filters(search=iin)) > 0
