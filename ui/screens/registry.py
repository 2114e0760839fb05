"""Screens register themselves; the main view shows every registered screen the user may see.

A later screen (Quarter, Reserve, Transfers) is one new module in ``ui/screens/`` that calls
``register(ScreenSpec(...))`` at import; the main view never names screens.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from ui.env import Env


@dataclass(frozen=True)
class ScreenSpec:
    key: str
    title_key: str  # translation key of the rail label and the screen title
    icon: str  # resources/icons/<icon>.svg
    # rail position: Nominees 10, Quarter 20, Reserve 30, Transfers 40, Audit 80, Settings 90
    order: int
    factory: Callable[[Env], QWidget]
    shortcut: str = ""  # e.g. "Ctrl+1"
    visible: Callable[[Env], bool] = lambda env: True


_SCREENS: dict[str, ScreenSpec] = {}


def register(spec: ScreenSpec) -> ScreenSpec:
    _SCREENS[spec.key] = spec
    return spec


def discover() -> list[ScreenSpec]:
    """Import every module of this package (each registers its screen) and list them in order."""
    import ui.screens as pkg

    for mod in pkgutil.iter_modules(pkg.__path__):
        if mod.name != "registry":
            importlib.import_module(f"ui.screens.{mod.name}")
    return sorted(_SCREENS.values(), key=lambda s: (s.order, s.key))
