"""The PySide6 desktop front end. It talks to ``app.services`` only; no business rules here."""
