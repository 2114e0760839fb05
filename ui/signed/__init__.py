"""Signed papers brought back as scans: attach, checklist, viewer (issue 19)."""
