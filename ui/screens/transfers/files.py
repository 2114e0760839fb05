"""Choosing files behind a small service (like ``ui.dialogs.Dialogs``), so tests pass a fake.
Nothing is remembered between sessions: no paths in QSettings."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QWidget

from ui.i18n import Translator

BUNDLE_PATTERN = "*.rzv"  # one bundle extension everywhere (README, CLI, quarter screens)
CARD_PATTERN = "*.json"


class FileChooser:
    def __init__(self, tr: Translator) -> None:
        self.tr = tr
        self._dir = ""  # the last folder, for this session only

    def _filter(self, key: str, pattern: str) -> str:
        return f"{self.tr.t(key)} ({pattern});;{self.tr.t('uitransfer.file.all')} (*)"

    def open_bundle(self, parent: QWidget | None) -> str | None:
        return self._open(parent, "uitransfer.inbox.open_title", "uitransfer.file.bundles",
                          BUNDLE_PATTERN)  # fmt: skip

    def open_card(self, parent: QWidget | None) -> str | None:
        return self._open(parent, "uitransfer.peer.card_title", "uitransfer.file.cards",
                          CARD_PATTERN)  # fmt: skip

    def save_bundle(self, parent: QWidget | None, suggested: str) -> str | None:
        return self._save(parent, "uitransfer.outbox.save_title", suggested,
                          "uitransfer.file.bundles", BUNDLE_PATTERN)  # fmt: skip

    def save_card(self, parent: QWidget | None, suggested: str) -> str | None:
        return self._save(parent, "uitransfer.identity.save_title", suggested,
                          "uitransfer.file.cards", CARD_PATTERN)  # fmt: skip

    def _open(self, parent: QWidget | None, title: str, key: str, pattern: str) -> str | None:
        path, _ = QFileDialog.getOpenFileName(parent, self.tr.t(title), self._dir,
                                              self._filter(key, pattern))  # fmt: skip
        return self._keep(path)

    def _save(self, parent: QWidget | None, title: str, suggested: str, key: str,
              pattern: str) -> str | None:  # fmt: skip
        start = f"{self._dir}/{suggested}" if self._dir else suggested
        # the services refuse to replace a file, with their own message: no second question here
        opts = QFileDialog.Option.DontConfirmOverwrite
        path, _ = QFileDialog.getSaveFileName(parent, self.tr.t(title), start,
                                              self._filter(key, pattern), "", opts)  # fmt: skip
        return self._keep(path)

    def _keep(self, path: str) -> str | None:
        if not path:
            return None
        self._dir = path.rsplit("/", 1)[0] if "/" in path else ""
        return path
