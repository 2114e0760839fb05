"""Rule sets: one module per legal act behind one interface (see ``base``)."""
