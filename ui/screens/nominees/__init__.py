"""Nominees: the nominee list with search, filters, a detail pane and the dossier wizard."""
