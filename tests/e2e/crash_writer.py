"""A writer for the crash test: adds dossiers one by one and prints each id once committed."""

import sys
import time
from pathlib import Path

from app.errors import InvalidInput
from app.services import nominees, workstation
from tests.factories import make_dossier


def main() -> None:
    db, passphrase, start = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    s = workstation.unlock(db, user="admin", passphrase=passphrase)
    serial = start
    deadline = time.monotonic() + 60  # bounded: it stops by itself even if nobody kills it
    while time.monotonic() < deadline and serial < start + 20000:
        try:
            nid = nominees.add(s, make_dossier(serial))
        except InvalidInput:  # committed by the killed run, before it could report the id
            serial += 1
            continue
        print(f"{serial} {nid}", flush=True)
        serial += 1


if __name__ == "__main__":
    main()
