"""One module (or package) per screen; each registers itself with ``registry.register``."""
