"""Nominees: the registry with search, filters, a detail pane and the dossier wizard."""
