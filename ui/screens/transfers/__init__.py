"""Transfers: this workstation's identity, pinned peers, outbox, inbox with a preview of every
import, and conflicts kept beside local records."""
