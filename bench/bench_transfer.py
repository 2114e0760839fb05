"""Transfer bundles: export and import of 1,000 dossiers with photos (targets 2 s and 4 s),
each reported against age (pyrage) encrypting / decrypting the same bytes in the same run."""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import msgspec

COUNT = 1000
PASSPHRASE = "benchmark passphrase, long enough"

Report = Callable[..., None]


def _setup(root: Path):  # -> (body session, Department session)
    from app.clock import FixedClock
    from app.security.kdf import KdfParams
    from app.services import transfer, workstation
    from app.store.nominees import Nominees
    from tests.factories import make_dossier

    clock = FixedClock(dt.datetime(2026, 2, 10, 10, tzinfo=dt.timezone(dt.timedelta(hours=5))))
    kdf = KdfParams.fast_for_tests()
    body = workstation.create(root / "b.db", role="knb", user="a", passphrase=PASSPHRASE,
                              kdf=kdf, clock=clock)  # fmt: skip
    dept = workstation.create(root / "d.db", role="department", user="a", passphrase=PASSPHRASE,
                              kdf=kdf, clock=clock)  # fmt: skip
    for a, b in ((body, dept), (dept, body)):
        card = root / f"{b.workstation_id}.card"
        transfer.export_identity(b, card)
        transfer.add_peer(a, card, transfer.show_identity(b).fingerprint)
    with body.db.unit_of_work(body.user) as uow:
        repo = Nominees(uow.conn)
        for i in range(COUNT):
            d = make_dossier(i + 1)
            repo.add(msgspec.structs.replace(d, photo=d.photo), now=uow.now, thumb=b"")
        uow.commit()
    return body, dept


def run(report: Report) -> None:
    import pyrage

    from app.services import transfer_bundles as tb
    from app.transfer import envelope
    from app.transfer.identity import load_own

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        body, dept = _setup(root)
        try:
            out = root / "q.age"
            t0 = time.perf_counter()
            tb.export_bundle(body, kind="nominations", peer_id=dept.workstation_id, out=out,
                             quarter="2026Q1")  # fmt: skip
            export_s = time.perf_counter() - t0
            data = out.read_bytes()
            own = load_own(body.db.connection())
            plain = envelope.decrypt(data, own.identity())
            keys = [load_own(dept.db.connection()).card.age_recipient, own.card.age_recipient]
            t0 = time.perf_counter()
            cipher = envelope.encrypt(plain, keys)
            age_enc_s = time.perf_counter() - t0
            t0 = time.perf_counter()
            pyrage.decrypt(cipher, [load_own(dept.db.connection()).identity()])
            age_dec_s = time.perf_counter() - t0
            t0 = time.perf_counter()
            res = tb.import_bundle(dept, out, receipt_out=root / "r.age")
            import_s = time.perf_counter() - t0
            assert res.counts["add"] == COUNT, res.counts
        finally:
            body.close()
            dept.close()
    report("transfer.export_1000_dossiers", export_s, "s", target=2.0, baseline=age_enc_s)
    report("transfer.import_1000_dossiers", import_s, "s", target=4.0, baseline=age_dec_s)
    report("transfer.bundle_size", len(data) / 2**20, "MiB")
    report("transfer.age_encrypt_same_bytes", age_enc_s, "s")
    report("transfer.age_decrypt_same_bytes", age_dec_s, "s")


if __name__ == "__main__":

    def _print(name: str, value: float, unit: str, target: float | None = None,
               baseline: float | None = None) -> None:  # fmt: skip
        extra = f"  target <= {target}" if target is not None else ""
        if baseline:
            extra += f"  ratio to age {value / baseline:.1f}x"
        print(f"{name:36} {value:9.3f} {unit}{extra}")

    run(_print)
