"""Message boxes behind a small service (Picard's UserDialogService), so tests use a fake."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ui.i18n import Translator


class Dialogs:
    def __init__(self, tr: Translator) -> None:
        self.tr = tr

    def error(self, parent: QWidget | None, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr.t("ui.app.title"), text, parent=parent)
        box.exec()

    def info(self, parent: QWidget | None, text: str) -> None:
        icon = QMessageBox.Icon.Information
        QMessageBox(icon, self.tr.t("ui.app.title"), text, parent=parent).exec()

    def confirm(self, parent: QWidget | None, text: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr.t("ui.app.title"), text, parent=parent)
        yes = box.addButton(self.tr.t("ui.common.yes"), QMessageBox.ButtonRole.YesRole)
        box.addButton(self.tr.t("ui.common.no"), QMessageBox.ButtonRole.NoRole)
        box.exec()
        return box.clickedButton() is yes

    def ask_save(self, parent: QWidget | None, text: str) -> str:
        """'save', 'discard' or 'cancel' for unsaved changes."""
        box = QMessageBox(QMessageBox.Icon.Question, self.tr.t("ui.app.title"), text, parent=parent)
        save = box.addButton(self.tr.t("ui.common.save"), QMessageBox.ButtonRole.AcceptRole)
        role = QMessageBox.ButtonRole.DestructiveRole
        discard = box.addButton(self.tr.t("ui.common.discard"), role)
        cancel = box.addButton(self.tr.t("ui.common.cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        box.exec()
        clicked = box.clickedButton()
        return "save" if clicked is save else "discard" if clicked is discard else "cancel"

    def open_image(self, parent: QWidget | None) -> str | None:
        path, _ = QFileDialog.getOpenFileName(
            parent, self.tr.t("ui.photo.open"), "",
            self.tr.t("ui.photo.filter") + " (*.jpg *.jpeg *.png *.bmp *.tif *.tiff *.webp)",
        )  # fmt: skip
        return path or None
