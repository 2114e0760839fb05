"""``REZERV_SMOKE_GUI=FILE``: the release smoke test's look at the started GUI.

Once the first screen is on display, its picture is saved to FILE, one line ``gui: STATE WxH`` is
printed (STATE is ``first_run``, ``unlock`` or ``main``) and the program quits. The packaged app is
checked this way in CI (packaging/smoke.sh) and its cold start is timed with it.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget


def arm(window: QWidget, app: QApplication) -> None:
    out = os.environ.get("REZERV_SMOKE_GUI")
    if not out:
        return

    def look() -> None:
        window.grab().save(out, "PNG")
        state = getattr(window, "state", "?")
        sys.stdout.write(f"gui: {state} {window.width()}x{window.height()}\n")
        sys.stdout.flush()
        app.quit()

    QTimer.singleShot(0, look)
