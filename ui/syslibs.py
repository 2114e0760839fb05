"""The system libraries Qt's X11 platform plugin (xcb) needs, checked before QApplication exists.

Without them Qt aborts with "Could not load the Qt platform plugin xcb" and a paragraph of English.
``missing_packages()`` asks the dynamic loader which libraries the plugin cannot find: ``ldd`` on
the plugin (it resolves the whole dependency tree exactly as the loader will and prints every
missing one; it ships in libc-bin, which every Debian has), or — without ldd — ``dlopen`` of each
library of the table below. ``message(lang)`` is the one translated line the launcher prints (the
release build's launcher calls the same function).
"""

from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
import sys
from pathlib import Path

from app import i18n

# the libraries outside the Qt wheel that libqxcb.so and libQt6XcbQpa.so.6 load, and the Debian
# (bookworm) packages that hold them
DEBIAN_PACKAGES: dict[str, str] = {
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
}
LDD_TIMEOUT = 10.0


def plugin_path() -> Path | None:
    """libqxcb.so of the PySide6 in use (located without importing Qt)."""
    try:
        import PySide6
    except ImportError:
        return None
    path = Path(PySide6.__file__).resolve().parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    return path if path.is_file() else None


def uses_xcb(environ: os._Environ[str] | dict[str, str] = os.environ) -> bool:
    """Will Qt try the xcb plugin? On Linux unless another platform is asked for, or a Wayland
    session lets Qt 6 take its Wayland plugin first."""
    if not sys.platform.startswith("linux"):
        return False
    platform = environ.get("QT_QPA_PLATFORM", "").split(":")[0].split(";")[0].strip()
    if platform:
        return platform == "xcb"
    return not environ.get("WAYLAND_DISPLAY")


def _ldd_missing(plugin: Path) -> list[str] | None:
    ldd = shutil.which("ldd")
    if ldd is None:
        return None
    try:
        out = subprocess.run([ldd, str(plugin)], capture_output=True, text=True,
                             timeout=LDD_TIMEOUT, check=False).stdout  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return None
    missing = [line.split("=>")[0].strip() for line in out.splitlines() if "not found" in line]
    return sorted(set(missing))


def _dlopen_missing() -> list[str]:
    missing = []
    for soname in DEBIAN_PACKAGES:
        try:
            ctypes.CDLL(soname)
        except OSError:
            missing.append(soname)
    return missing


def missing_libraries(plugin: Path | None = None) -> list[str]:
    plugin = plugin or plugin_path()
    if plugin is None:
        return []
    found = _ldd_missing(plugin)
    return _dlopen_missing() if found is None else found


def packages_for(libraries: list[str]) -> list[str]:
    """Debian package names for the sonames (a library the table does not know is named as is)."""
    return sorted({DEBIAN_PACKAGES.get(lib, lib) for lib in libraries})


def missing_packages() -> list[str]:
    return packages_for(missing_libraries()) if uses_xcb() else []


def message(lang: str, packages: list[str] | None = None) -> str | None:
    """One translated line naming the missing packages and the command, or None if none is."""
    packages = missing_packages() if packages is None else packages
    if not packages:
        return None
    names = " ".join(packages)
    return i18n.tr("ui.syslibs.missing", lang, packages=names,
                   command=f"sudo apt-get install -y {names}")  # fmt: skip


def check_or_explain(lang: str) -> bool:
    """Print the line to stderr and return False when the window cannot open for want of them."""
    line = message(lang)
    if line is None:
        return True
    sys.stderr.write(line + "\n")
    return False
