"""Audit: the hash chain, browsable and filterable; verification in the background."""
