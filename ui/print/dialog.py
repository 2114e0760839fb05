"""Print…: a preview of the real pages, then the system's print dialog or a PDF where the user
chooses. The document kind and its language are chosen here; the documents are built off the GUI
thread (``ui.ops``) as a percentage with a Cancel button (a cancelled build leaves nothing: the
PDF is only ever written by Save), and the pages are drawn from the PDF itself (``render``).

Printing paints one page per event-loop turn (a zero timer), so a quarter's batch never freezes
the window and never calls ``processEvents()``; the pages go straight to the printer, with no
temporary file. Only printing or saving registers the documents (fingerprint, audit row).
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QKeySequence, QPageLayout, QPageSize, QPainter, QPixmap, QShortcut
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.services import printing
from ui import fit
from ui.env import Env
from ui.print.render import PdfPages
from ui.widgets.common import primary
from ui.widgets.progress import ProgressPanel

PREVIEW_DPI = 80.0
DOC_LANGS = ("kk", "ru")
PACK = printing.PACK  # the dossier pack: submission + service reference per nominee
# what the dialog offers, in this order: the pack, the papers of one nominee, then the lists
KIND_CHOICES = (PACK, *(k for k, d in printing.DOCUMENTS.items() if d.per_nominee),
                *(k for k, d in printing.DOCUMENTS.items() if not d.per_nominee))  # fmt: skip


class _Pages:
    """The pages of an ``Output``: several PDFs (one per pack) as one sequence, opened lazily."""

    def __init__(self, output: printing.Output) -> None:
        self.output = output
        self._open: dict[int, PdfPages] = {}
        self._starts: list[int] = []
        n = 0
        counts = self._counts()
        for c in counts:
            self._starts.append(n)
            n += c
        self.count = n

    def _counts(self) -> list[int]:
        docs = self.output.docs
        per = len(docs) // max(1, len(self.output.pdfs))
        if docs and per * len(self.output.pdfs) == len(docs):
            return [sum(d.pages for d in docs[i * per:(i + 1) * per])
                    for i in range(len(self.output.pdfs))]  # fmt: skip
        return [len(PdfPages(pdf)) for pdf in self.output.pdfs]

    def locate(self, index: int) -> tuple[PdfPages, int]:
        import bisect

        part = bisect.bisect_right(self._starts, index) - 1
        if part not in self._open:
            if len(self._open) > 8:
                self._open.clear()
            self._open[part] = PdfPages(self.output.pdfs[part])
        return self._open[part], index - self._starts[part]

    def image(self, index: int, dpi: float) -> QImage:
        pages, local = self.locate(index)
        return pages.image(local, dpi)


class PrintDialog(QDialog):
    generated = Signal(int)  # pages
    printed = Signal(int)  # pages sent to the printer
    saved = Signal(str)

    def __init__(
        self, env: Env, nominee_ids: list[int], *, kind: str | None = None, quarter: str = "",
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.env = env
        self.nominee_ids = list(nominee_ids)
        self.quarter = quarter
        self.output: printing.Output | None = None
        self.pages: _Pages | None = None
        self.page = 0
        self._gen = 0
        self._print_queue: list[int] = []
        self._painter: QPainter | None = None
        self._printer: QPrinter | None = None
        self.printer_factory: Callable[[], QPrinter | None] = self._ask_printer
        self.save_path_factory: Callable[[], str | None] = self._ask_save_path
        self.setModal(True)
        fit.cap_to_screen(self, 860, 900)  # the preview scrolls; the buttons stay on screen

        self.kind = QComboBox()
        self.lang = QComboBox()
        self.count = QLabel()
        self.count.setObjectName("Hint")
        top = QHBoxLayout()
        self.kind_label, self.lang_label = QLabel(), QLabel()
        top.addWidget(self.kind_label)
        top.addWidget(self.kind, 2)
        top.addSpacing(12)
        top.addWidget(self.lang_label)
        top.addWidget(self.lang)
        top.addStretch(1)
        top.addWidget(self.count)

        self.view = QLabel()
        self.view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.view.setStyleSheet("background:#ffffff;border:1px solid #c9d2dc;")
        self.page_area = QScrollArea()
        self.page_area.setWidget(self.view)
        self.page_area.setWidgetResizable(True)
        self.page_area.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.page_area.setStyleSheet("QScrollArea{background:#e9edf1;}")

        self.prev = QPushButton("‹")
        self.next = QPushButton("›")
        self.page_label = QLabel()
        self.prev.clicked.connect(lambda: self.show_page(self.page - 1))
        self.next.clicked.connect(lambda: self.show_page(self.page + 1))
        nav = QHBoxLayout()
        nav.addStretch(1)
        nav.addWidget(self.prev)
        nav.addWidget(self.page_label)
        nav.addWidget(self.next)
        nav.addStretch(1)

        self.panel = ProgressPanel(env.tr)  # building: a percentage and Cancel; printing: pages
        self.panel.cancel_requested.connect(self._cancelling)
        self.progress = self.panel.bar
        self.status = QLabel()
        self.status.setObjectName("Hint")
        self.print_button = primary(QPushButton())
        self.save_button = QPushButton()
        self.close_button = QPushButton()
        self.print_button.clicked.connect(self.print_pages)
        self.save_button.clicked.connect(self.save_pdf)
        self.close_button.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.print_button)
        bottom.addWidget(self.close_button)

        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.page_area, 1)
        lay.addLayout(nav)
        lay.addWidget(self.panel)
        lay.addLayout(bottom)

        self._fill_kinds(kind)
        for lang in DOC_LANGS:
            self.lang.addItem("", lang)
        self.lang.setCurrentIndex(max(0, self.lang.findData(env.tr.lang)))
        self.kind.currentIndexChanged.connect(self.generate)
        self.lang.currentIndexChanged.connect(self.generate)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self, self.print_pages)
        QShortcut(QKeySequence("PgDown"), self, lambda: self.show_page(self.page + 1))
        QShortcut(QKeySequence("PgUp"), self, lambda: self.show_page(self.page - 1))
        env.tr.changed.connect(self.retranslate)
        self.retranslate()
        self._set_busy(False)
        QTimer.singleShot(0, self.generate)

    # --- texts ------------------------------------------------------------------------------------
    def _fill_kinds(self, kind: str | None) -> None:
        many = len(self.nominee_ids) > 1 or bool(self.quarter)
        default = kind or (PACK if many else "submission")
        for k in KIND_CHOICES:
            self.kind.addItem("", k)
        self.kind.setCurrentIndex(max(0, self.kind.findData(default)))

    def retranslate(self) -> None:
        t = self.env.tr.t
        self.setWindowTitle(t("uiprint.title"))
        self.kind_label.setText(t("uiprint.kind"))
        self.lang_label.setText(t("uiprint.lang"))
        for i in range(self.kind.count()):
            self.kind.setItemText(i, t(f"uiprint.kind.{self.kind.itemData(i)}"))
        for i in range(self.lang.count()):
            self.lang.setItemText(i, t(f"uiprint.lang.{self.lang.itemData(i)}"))
        self.kind.setAccessibleName(t("uiprint.kind"))
        self.lang.setAccessibleName(t("uiprint.lang"))
        self.count.setText(t("uiprint.nominees", count=len(self.nominee_ids)))
        self.print_button.setText(t("uiprint.print"))
        self.save_button.setText(t("uiprint.save"))
        self.close_button.setText(t("uiprint.close"))
        self.prev.setAccessibleName(t("uiprint.prev"))
        self.next.setAccessibleName(t("uiprint.next"))
        self.view.setAccessibleName(t("uiprint.preview"))
        self._update_nav()

    # --- generating -------------------------------------------------------------------------------
    def current_kind(self) -> str:
        return str(self.kind.currentData())

    def current_lang(self) -> str:
        return str(self.lang.currentData())

    def request(self) -> printing.Request:
        """What is chosen, as the printing service's request (the CLI builds the same one)."""
        return printing.Request(kind=self.current_kind(), lang=self.current_lang(),
                                ids=tuple(self.nominee_ids), quarter=self.quarter)  # fmt: skip

    def default_file_name(self) -> str:
        """``<Surname> <Initials> — <document kind> — <date>.pdf`` in the interface language."""
        if self.output is None:
            return "document.pdf"
        return printing.file_name(self.output, self.env.tr.lang, self.env.s().clock.today())

    def generate(self) -> None:
        """(Re)build the documents in the background; an older build is stopped, its result dropped."""
        self._gen += 1
        gen = self._gen
        self.output, self.pages = None, None
        self.view.clear()
        run = self.panel.start()  # stops the build before, if any
        cancelled = run.cancelled
        self._set_busy(True)
        self.status.setText(self.env.tr.t("uiprint.generating"))
        session = self.env.s()
        req = self.request()

        def work() -> printing.Output:
            return printing.build(session, req, run, cancelled)

        def done(output: printing.Output) -> None:
            if gen != self._gen:
                return
            self.panel.finish()
            if cancelled() or not output.pdfs:
                self._set_busy(False)
                self.status.setText(self.env.tr.t("ui.progress.cancelled"))
                return
            self._generated(output)

        def failed(exc: BaseException) -> None:
            if gen == self._gen:
                self.panel.finish()
                self._set_busy(False)
                self.status.setText(self.env.tr.error(exc))

        self.env.op(self, work, report=False).success(done).failure(failed).run(self.env.executor)

    def _cancelling(self) -> None:
        self.status.setText(self.env.tr.t("ui.progress.cancelling"))

    def _generated(self, output: printing.Output) -> None:
        self.output = output
        self.pages = _Pages(output)
        self._set_busy(False)
        self.status.setText(self.env.tr.t("uiprint.ready", pages=self.pages.count))
        self.show_page(0)
        self.generated.emit(self.pages.count)

    def _set_busy(self, busy: bool) -> None:
        ready = not busy and self.pages is not None and self.pages.count > 0
        self.print_button.setEnabled(ready and self._painter is None)
        self.save_button.setEnabled(ready and self._painter is None)
        self.panel.setVisible(busy or self._painter is not None)
        self._update_nav()

    # --- preview ----------------------------------------------------------------------------------
    def page_count(self) -> int:
        return self.pages.count if self.pages is not None else 0

    def show_page(self, index: int) -> None:
        if self.pages is None or self.pages.count == 0:
            self._update_nav()
            return
        self.page = max(0, min(index, self.pages.count - 1))
        img = self.pages.image(self.page, PREVIEW_DPI * self.devicePixelRatioF())
        pix = QPixmap.fromImage(img)
        pix.setDevicePixelRatio(self.devicePixelRatioF())
        self.view.setPixmap(pix)
        self._update_nav()

    def _update_nav(self) -> None:
        n = self.page_count()
        self.page_label.setText(self.env.tr.t("uiprint.page_of", page=self.page + 1 if n else 0,
                                              total=n))  # fmt: skip
        self.prev.setEnabled(n > 0 and self.page > 0)
        self.next.setEnabled(n > 0 and self.page < n - 1)

    # --- printing ---------------------------------------------------------------------------------
    def _ask_printer(self) -> QPrinter | None:
        """The system's print dialog (the boundary tests replace)."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setFromTo(1, self.page_count())
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.env.tr.t("uiprint.title"))
        return printer if dialog.exec() == QDialog.DialogCode.Accepted else None

    def print_pages(self) -> None:
        if self.pages is None or self._painter is not None or not self.print_button.isEnabled():
            return
        printer = self.printer_factory()
        if printer is None:
            return
        printer.setFullPage(True)
        printer.setPageOrientation(QPageLayout.Orientation.Portrait)
        n = self.pages.count
        first, last = printer.fromPage(), printer.toPage()
        pages = list(range(first - 1, min(last, n))) if first > 0 and last >= first else list(range(n))
        copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
        self._print_queue = pages * copies
        painter = QPainter()
        if not painter.begin(printer):
            self.env.dialogs.error(self, self.env.tr.t("uiprint.printer_failed"))
            return
        self._painter, self._printer = painter, printer
        self._print_total = len(self._print_queue)
        self._printed = 0
        self._set_busy(False)
        self.progress.setRange(0, self._print_total)
        self.progress.setValue(0)
        QTimer.singleShot(0, self._print_next)

    def _print_next(self) -> None:
        painter, printer, pages = self._painter, self._printer, self.pages
        if painter is None or printer is None or pages is None:
            return
        index = self._print_queue.pop(0)
        if self._printed:
            printer.newPage()
        doc, local = pages.locate(index)
        rect = printer.paperRect(QPrinter.Unit.DevicePixel)
        doc.paint(painter, local, QRectF(0, 0, rect.width(), rect.height()))
        self._printed += 1
        self.progress.setValue(self._printed)
        self.status.setText(self.env.tr.t("uiprint.printing", page=self._printed,
                                          total=self._print_total))  # fmt: skip
        if self._print_queue:
            QTimer.singleShot(0, self._print_next)
            return
        painter.end()
        self._painter = self._printer = None
        self._set_busy(False)
        self.status.setText(self.env.tr.t("uiprint.printed", pages=self._printed))
        self._register(lambda: self.printed.emit(self._printed))

    def _register(self, then: Callable[[], None]) -> None:
        output, session = self.output, self.env.s()
        if output is None:
            return
        self.env.op(self, lambda: printing.register(session, output)).success(lambda _r: then()).run(
            self.env.executor
        )

    # --- saving -----------------------------------------------------------------------------------
    def _ask_save_path(self) -> str | None:
        name = self.default_file_name()
        path, _ = QFileDialog.getSaveFileName(self, self.env.tr.t("uiprint.save"), name,
                                              "PDF (*.pdf)")  # fmt: skip
        if path and not path.lower().endswith(".pdf"):
            path += ".pdf"
        return path or None

    def save_pdf(self) -> None:
        if self.output is None or not self.save_button.isEnabled():
            return
        path = self.save_path_factory()
        if not path:
            return
        output, session = self.output, self.env.s()
        self.save_button.setEnabled(False)
        self.status.setText(self.env.tr.t("uiprint.saving"))

        def done(_r: object) -> None:
            self.status.setText(self.env.tr.t("uiprint.saved", path=path))
            self._set_busy(False)
            self.saved.emit(path)

        self.env.op(self, lambda: printing.save(session, output, path)).success(done).always(
            lambda: self._set_busy(False)
        ).run(self.env.executor)

    # --- closing ----------------------------------------------------------------------------------
    def done(self, result: int) -> None:
        self.panel.cancel()
        if self._painter is not None:
            self._print_queue.clear()
            self._painter.end()
            self._painter = None
        super().done(result)


def open_print_dialog(
    env: Env, parent: QWidget | None, nominee_ids: list[int], kind: str | None = None,
    *, quarter: str = "",
) -> PrintDialog:  # fmt: skip
    """Open the print dialog for these nominees (a dossier, a selection, or — with ``quarter``
    and no ids — every nominee of the quarter). ``kind``: a document kind, or ``"pack"``."""
    if not nominee_ids and quarter:
        nominee_ids = printing.nominees_of(env.s(), quarter)
    if kind is not None and kind not in KIND_CHOICES:
        raise ValueError(f"unknown kind {kind}")
    dialog = PrintDialog(env, nominee_ids, kind=kind, quarter=quarter, parent=parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)

    def close_on_lock() -> None:  # the pages show personal data: never left open while locked
        if shiboken6.isValid(dialog):
            dialog.reject()

    def forget(*_: object) -> None:
        if close_on_lock in env.on_session_lost:
            env.on_session_lost.remove(close_on_lock)

    env.on_session_lost.append(close_on_lock)
    dialog.finished.connect(forget)
    dialog.open()
    return dialog


__all__ = ["KIND_CHOICES", "PACK", "PrintDialog", "open_print_dialog"]
