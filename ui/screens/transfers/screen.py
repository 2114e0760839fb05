"""The Transfers screen: trust (identity and peers), outbox, inbox and conflicts as tabs."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ui.env import Env
from ui.screens.transfers.conflicts import ConflictsTab
from ui.screens.transfers.files import FileChooser
from ui.screens.transfers.inbox import InboxTab
from ui.screens.transfers.outbox import OutboxTab
from ui.screens.transfers.trust import TrustTab

TABS = ("trust", "outbox", "inbox", "conflicts")


class TransfersScreen(QWidget):
    def __init__(self, env: Env, files: FileChooser | None = None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.env = env
        self.files = files or FileChooser(env.tr)
        self.open_conflicts = 0
        self.trust = TrustTab(env, self.files)
        self.outbox = OutboxTab(env, self.files)
        self.inbox = InboxTab(env, self.files)
        self.conflicts = ConflictsTab(env)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        for tab in (self.trust, self.outbox, self.inbox, self.conflicts):
            self.tabs.addTab(tab, "")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 6, 12, 10)
        lay.addWidget(self.tabs)
        self.inbox.applied.connect(lambda _r: self.reload())
        self.outbox.exported.connect(lambda _r: self.conflicts.load())
        self.trust.peers_changed.connect(self.outbox.load)
        self.conflicts.counted.connect(self._counted)
        QShortcut(QKeySequence("Ctrl+O"), self, self._open_bundle)
        QShortcut(QKeySequence("Ctrl+E"), self, self._new_bundle)
        env.tr.changed.connect(self.retranslate)
        self.retranslate()
        self.reload()

    def set_files(self, files: FileChooser) -> None:
        """Tests replace the file dialogs with a fake."""
        self.files = files
        for tab in (self.trust, self.outbox, self.inbox):
            tab.files = files

    def show_tab(self, key: str) -> QWidget:
        self.tabs.setCurrentIndex(TABS.index(key))
        return self.tabs.currentWidget()

    def reload(self) -> None:
        self.trust.load()
        self.outbox.load()
        self.inbox.load()
        self.conflicts.load()

    def retranslate(self) -> None:
        t = self.env.tr.t
        for i, key in enumerate(TABS):
            text = t(f"uitransfer.tab.{key}")
            if key == "conflicts" and self.open_conflicts:
                text = t("uitransfer.tab.conflicts_n", count=self.open_conflicts)
            self.tabs.setTabText(i, text)
            page = self.tabs.widget(i)
            if page is not None:
                page.setAccessibleName(t(f"uitransfer.tab.{key}"))
        self.tabs.setAccessibleName(t("uitransfer.screen"))

    def _counted(self, n: int) -> None:
        self.open_conflicts = n
        self.retranslate()

    def working(self) -> bool:
        """An export, an inspection or an import is running in the background."""
        preview = self.inbox.preview
        return self.outbox.busy or self.inbox.busy or (preview is not None and preview.busy)

    def confirm_close(self) -> bool:
        """Closing the window mid-import is safe (one transaction) but the clerk should know."""
        return not self.working() or self.env.dialogs.confirm(self, self.env.tr.t("uitransfer.confirm_close"))

    def _open_bundle(self) -> None:
        self.show_tab("inbox")
        self.inbox.choose()

    def _new_bundle(self) -> None:
        self.show_tab("outbox")
        self.outbox.start_export()
