"""What reports exist (issue 16) and the bodies they can be limited to: plain names, imported by
the command line without loading the reports' service."""

KINDS = ("flow", "timeliness", "composition", "horizon", "exclusions")
BODIES = ("knb", "syrbar", "sgs")
