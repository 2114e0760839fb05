"""Transfers: this workstation's identity, pinned peers, outbox, inbox with a preview of every
import, and conflicts kept beside local records."""

from ui.screens.registry import ScreenSpec, register


def _factory(env):
    from ui.screens.transfers.screen import TransfersScreen

    return TransfersScreen(env)


register(ScreenSpec(key="transfers", title_key="uitransfer.screen", icon="transfers", order=40,
                    factory=_factory, shortcut="Ctrl+4"))  # fmt: skip
