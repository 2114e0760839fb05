"""Use cases: the only entry points for the GUI and the CLI."""
