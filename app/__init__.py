"""Rezerv: the plain-Python core (domain, rules, store, documents, transfer, security, services, CLI).

Nothing under ``app`` imports Qt; ``ui`` is the only Qt front end.
"""

__version__ = "0.1.0"
