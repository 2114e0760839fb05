"""Command groups; each module exposes ``register(sub, t)`` and is discovered automatically."""
