"""Photo: open, rotate, crop to 3x4 with a guide, and a preview at the printed size (3x4 cm).
The stored JPEG is made by ``app.photo.normalize`` in the background (no EXIF, 354x472)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, QTimer
from PySide6.QtGui import QImage, QImageReader, QPixmap, QTransform
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout

from app import photo
from app.errors import InvalidInput
from ui import icons
from ui.dossier.page import FlowPage
from ui.dossier.photo_crop import CropFrame
from ui.widgets.common import banner, hint


def decode(data: bytes) -> QImage:
    buf = QBuffer()
    buf.setData(QByteArray(data))
    buf.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buf)
    reader.setAutoTransform(True)  # as app.photo applies the EXIF orientation
    return reader.read()


class PhotoPage(FlowPage):
    STEP = "photo"

    def build(self) -> None:
        self.rotation = 0  # degrees counter-clockwise, as app.photo.normalize takes it
        self.source: QImage = QImage()
        self.crop = CropFrame()
        self.crop.changed.connect(self._schedule)
        self.buttons: dict[str, QPushButton] = {}
        for name, icon in (
            ("open", "add"),
            ("rotate_left", "rotate_left"),
            ("rotate_right", "rotate_right"),
            ("remove", "delete"),
        ):
            b = QPushButton(icons.icon(icon), "")
            b.clicked.connect(getattr(self, name))
            self.buttons[name] = b
        self.preview = QLabel()
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("background:#ffffff;border:1px solid #b8c3cf;")
        dpi = self.logicalDpiX() or 96
        self.preview.setFixedSize(round(3 / 2.54 * dpi), round(4 / 2.54 * dpi))
        self.preview_caption = hint()
        self.error = banner()
        self.help = hint()
        side = QVBoxLayout()
        for b in self.buttons.values():
            side.addWidget(b)
        side.addSpacing(12)
        side.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignHCenter)
        side.addWidget(self.preview_caption)
        side.addStretch(1)
        grid = QGridLayout()
        grid.addWidget(self.crop, 0, 0)
        grid.addLayout(side, 0, 1)
        grid.setColumnStretch(0, 1)
        self.layout_.addWidget(self.error)
        self.layout_.addLayout(grid, 1)
        self.layout_.addWidget(self.help)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.apply)
        self.finish()

    def retranslate(self) -> None:
        super().retranslate()
        t = self.env.tr.t
        for name, b in self.buttons.items():
            b.setText(t(f"ui.photo.{name}"))
            b.setAccessibleName(t(f"ui.photo.{name}"))
        self.preview_caption.setText(t("ui.photo.preview"))
        self.preview.setAccessibleName(t("ui.photo.preview"))
        self.crop.setAccessibleName(t("ui.photo.crop"))
        self.help.setText(t("ui.photo.help"))
        self._show_preview()

    def load(self) -> None:
        if not self.built:
            return
        if self.source.isNull():
            stored = self.flow.photo_source or self.flow.get("photo")
            if stored:
                self.source = decode(stored)
                self._show_source(keep_box=False)
        self._show_preview()

    # --- actions ------------------------------------------------------------------------------
    def open(self) -> None:
        path = self.env.dialogs.open_image(self)
        if path:
            self.open_bytes(Path(path).read_bytes())

    def open_bytes(self, data: bytes) -> None:
        if len(data) > photo.MAX_BYTES:
            self._error(InvalidInput("photo.too_large", limit_mb=photo.MAX_BYTES // (1024 * 1024)))
            return
        img = decode(data)
        if img.isNull():
            self._error(InvalidInput("photo.not_image"))
            return
        self.error.hide()
        self.flow.photo_source = data
        self.source = img
        self.rotation = 0
        self._show_source(keep_box=False)
        self.apply()

    def rotate_left(self) -> None:
        self._rotate(90)

    def rotate_right(self) -> None:
        self._rotate(-90)

    def _rotate(self, degrees: int) -> None:
        if self.source.isNull():
            return
        self.rotation = (self.rotation + degrees) % 360
        self._show_source(keep_box=False)
        self._schedule()

    def remove(self) -> None:
        self.source = QImage()
        self.flow.photo_source = None
        self.crop.set_image(QImage())
        self.flow.set("photo", None)
        self._show_preview()
        self.edited.emit("photo")

    def _show_source(self, keep_box: bool) -> None:
        shown = self.source.transformed(QTransform().rotate(-self.rotation))
        self.crop.set_image(shown, self.crop.box if keep_box else None)

    def _schedule(self) -> None:
        self._timer.start()

    def apply(self) -> None:
        """Normalise the current crop off the GUI thread and store it in the draft."""
        self._timer.stop()
        data = self.flow.photo_source or self.flow.get("photo")
        if not data:
            return
        rotate, box = self.rotation, self.crop.box

        def done(jpeg: bytes) -> None:
            self.flow.set("photo", jpeg)
            self._show_preview()
            self.edited.emit("photo")

        self.env.op(
            self, lambda: photo.normalize(data, rotate=rotate, box=box), report=False
        ).success(done).failure(self._error).run(self.env.executor)

    def _error(self, e: BaseException) -> None:
        self.error.setText(self.env.tr.error(e))
        self.error.show()

    def _show_preview(self) -> None:
        data = self.flow.get("photo")
        pix = QPixmap()
        if data and pix.loadFromData(data):
            self.preview.setPixmap(
                pix.scaled(
                    self.preview.size(),
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        else:
            self.preview.setPixmap(QPixmap())
            self.preview.setText(self.env.tr.t("ui.photo.none"))
        for name in ("rotate_left", "rotate_right", "remove"):
            self.buttons[name].setEnabled(not self.source.isNull() or bool(data))

    def focus_field(self, path: str) -> None:
        self.buttons["open"].setFocus()
