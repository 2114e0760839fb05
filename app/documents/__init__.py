"""Printed documents (reportlab): every paper of Rules-2025 and Reg-2000, in Kazakh or Russian.

``build(kind, data, meta)`` lays out one document from a plain input structure
(``app.documents.model``) into PDF bytes in memory, with its fingerprint; ``build_many`` puts
several documents in one file. ``from_dossier`` turns stored dossiers into those inputs;
``batch`` builds many PDFs on all cores. Writing files and the document log are the services' job
(``app.services.printing``).
"""

from __future__ import annotations

from app.documents.builder import PrintedDoc, Rendered, build, build_many, pdf
from app.documents.kinds import KINDS

__all__ = ["KINDS", "PrintedDoc", "Rendered", "build", "build_many", "pdf"]
