"""``make demo``: a throwaway workstation filled with demo dossiers; prints its passphrase and
opens the application on it. Everything is deleted when the application closes."""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from ui import demo_data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ui.demo")
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--lang", choices=["kk", "ru"], default="kk")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="rezerv-demo-") as tmp:
        path = Path(tmp) / "rezerv.db"
        print(f"Rezerv demo: {path}", flush=True)
        print(f"  user: {demo_data.USER}", flush=True)
        print(f"  passphrase: {demo_data.PASSPHRASE}", flush=True)
        print(f"  filling {args.count} demo dossiers…", flush=True)
        s = demo_data.create(path, args.count)
        s.close()
        from ui import app

        return app.run(argparse.Namespace(db=str(path), user=demo_data.USER, lang=args.lang,
                                          lang_explicit=True))


if __name__ == "__main__":
    raise SystemExit(main())
