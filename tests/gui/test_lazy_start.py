"""The start is lazy: a fresh interpreter that builds the first screen (the unlock screen, or the
first-run wizard) and paints it has not imported reportlab, ``holidays``, Pillow or cryptography,
nor any command module; the services the unlock needs are imported afterwards, in the background,
while the user types. A behaviour test, not a timing one: the time is measured by
``make release-measure`` and ``python -m bench gui``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("reportlab", "holidays", "PIL", "cryptography", "app.documents", "app.cli.commands.")

_CHILD = """
import json, sys, time
import ui.smoke as smoke

def arm(window, app):
    from PySide6.QtCore import QTimer

    def look():
        painted = not window.grab().isNull()
        heavy = sorted(m for m in sys.modules if m.startswith(tuple(sys.argv[2:])))
        seen.update(state=window.state, visible=window.isVisible(), painted=painted, heavy=heavy)
        QTimer.singleShot(50, preloaded)

    def preloaded():  # then, while the user types, the services are imported in the background
        if "app.services.workstation" in sys.modules or time.monotonic() > seen["until"]:
            seen.pop("until")
            print(json.dumps({**seen, "preloaded": "app.services.workstation" in sys.modules}))
            app.quit()
        else:
            QTimer.singleShot(50, preloaded)

    seen = {"until": time.monotonic() + 60}  # a hang guard
    QTimer.singleShot(0, look)

smoke.arm = arm
from ui.bootstrap import main
raise SystemExit(main(["--db", sys.argv[1]]))
"""


def _first_screen(db: Path, home: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REZERV_", "XDG_"))}
    env.update(HOME=str(home), QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", _CHILD, str(db), *HEAVY], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=300)  # fmt: skip
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_the_unlock_screen_is_painted_before_any_heavy_module_is_imported(
    workstation_path: Path, tmp_path: Path
):
    got = _first_screen(workstation_path, tmp_path)
    assert got == {"state": "unlock", "visible": True, "painted": True, "heavy": [],
                   "preloaded": True}


def test_the_first_run_screen_is_painted_before_any_heavy_module_is_imported(tmp_path: Path):
    got = _first_screen(tmp_path / "new" / "rezerv.db", tmp_path)
    assert got == {"state": "first_run", "visible": True, "painted": True, "heavy": [],
                   "preloaded": True}
