"""Make ``tests/data/schema-N/`` : a real workstation database at schema N (run once per release).

    python -m tests.data.make_schema_fixture 1
"""

import datetime as dt
import os
import sys
from pathlib import Path

from app.security.kdf import KdfParams
from app.security.keyslots import KeyStore
from app.store import audit, migrate
from app.store.connection import connect
from app.store.nominees import Nominees
from tests.factories import make_dossier

PASSPHRASE = "fixture passphrase for schema upgrades"


def main(version: int) -> None:
    out = Path(__file__).parent / f"schema-{version}"
    out.mkdir(exist_ok=True)
    db = out / "rezerv.db"
    for f in out.iterdir():
        f.unlink()
    key = os.urandom(32)
    ks = KeyStore(db)
    kf = ks.new_file()
    slot = ks.seal(kf, "admin", PASSPHRASE, key, KdfParams.fast_for_tests())
    conn = connect(db, key, create=True)
    migrate.migrate(conn, target=version)
    now = dt.datetime(2026, 1, 15, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=5)))
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", [
        ("workstation_id", kf.workstation_id), ("role", "knb"), ("ruleset", "rules-2025"),
        ("created", now.isoformat())])  # fmt: skip
    conn.execute("INSERT INTO users VALUES ('admin', 'supervisor', ?)", (now.isoformat(),))
    audit.append(conn, user="admin", action="workstation.init", entity="workstation", payload={},
                 now=now)  # fmt: skip
    repo = Nominees(conn)
    for serial in (1, 2):
        nid = repo.add(make_dossier(serial), now=now, thumb=b"")
        audit.append(conn, user="admin", action="nominee.add", entity=f"nominee:{nid}",
                     payload={}, now=now)  # fmt: skip
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    ks.put_slot(kf, slot)


if __name__ == "__main__":
    main(int(sys.argv[1]))
