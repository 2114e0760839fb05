"""PySide6's ``__feature__`` switches (snake_case, true_property) are looked for in every module
imported after PySide6: its import hook asks ``_mod_uses_pyside`` whether the new module's source
mentions "PySide6" (PYSIDE-2029), by ``inspect.getsource``, which reads, decodes, splits and
caches the whole file. Rezerv switches no feature, but the hook runs all the same, for some 185
modules at the start: ~47 ms of CPU of a start that costs ~0.8 s beyond the KDF.

``install()`` asks the same question of the file's bytes (the same answer for a UTF-8 or ASCII
source, which all of ours are; anything else, a module without a ``.py`` file or one that cannot
be read, still goes to PySide6's own check): ~10 ms for the same modules. Called from
``ui/__init__.py``, before any module of the interface is imported."""

from __future__ import annotations

import sys
from types import ModuleType

import PySide6  # noqa: F401 - installs the import hook whose check this replaces

FEATURE_MODULE = "shibokensupport.feature"


def install() -> bool:
    """Replace PySide6's check once; False if it is not there (another PySide6) or done."""
    feature = sys.modules.get(FEATURE_MODULE)
    original = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or original is None or getattr(original, "_rezerv", False):
        return False

    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as f:
                    return b"PySide6" in f.read()
            except OSError:
                pass
        return bool(original(module))

    uses_pyside._rezerv = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside  # type: ignore[attr-defined]
    return True
