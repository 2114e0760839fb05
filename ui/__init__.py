"""The PySide6 desktop front end. It talks to ``app.services`` only; no business rules here."""

from ui import pyside_features

pyside_features.install()  # first: PySide6's import hook checks every module imported after it
