"""The reserve register: who, from when, until when, for which position, from which body."""
