"""The nominee list's detail pane: photo, the dossier summary and its findings, loaded off the GUI
thread for the current row (the photo decoded and scaled there too: a QImage, unlike a QPixmap,
may be made on any thread, and a decode is several milliseconds the GUI thread need not block)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.domain.dossier import NomineeRecord
from app.security.roles import Permission
from app.services import nominees
from app.services.dossier_flow import Issue, issue_of
from ui import icons
from ui.dossier.summary import dossier_html
from ui.env import Env
from ui.widgets.findings import FindingsPanel


def photo_image(data: bytes | None, box: QSize) -> QImage | None:
    """The photo decoded and scaled to fit ``box`` (None: no photo, or not an image)."""
    img = QImage.fromData(data) if data else QImage()
    if img.isNull():
        return None
    return img.scaled(
        box, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )


class DetailPane(QWidget):
    edit_requested = Signal(object)  # NomineeRecord
    loaded = Signal(int)

    def __init__(self, env: Env, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.record: NomineeRecord | None = None
        self._issues: list[Issue] = []
        self._gen = 0
        self.photo = QLabel()
        self.photo.setFixedSize(118, 157)
        self.photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo.setStyleSheet("background:#eef2f6;border:1px solid #d5dce5;")
        self.edit = QPushButton(icons.icon("edit"), "")
        self.edit.clicked.connect(lambda: self.record and self.edit_requested.emit(self.record))
        self.copy = QPushButton(icons.icon("copy"), "")
        self.copy.clicked.connect(self._copy_iin)
        self.signed = QPushButton()  # the signed papers' checklist (issue 19)
        self.signed.clicked.connect(self.open_signed)
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.findings = FindingsPanel(env.tr)
        self.empty = QLabel()
        self.empty.setObjectName("Muted")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.name = QLabel()
        self.name.setObjectName("Heading")
        self.name.setWordWrap(True)
        self.name_ru = QLabel()
        self.name_ru.setWordWrap(True)
        self.name_ru.setObjectName("Hint")
        side = QVBoxLayout()
        side.addWidget(self.name)
        side.addWidget(self.name_ru)
        side.addStretch(1)
        side.addWidget(self.edit, 0, Qt.AlignmentFlag.AlignLeft)
        side.addWidget(self.copy, 0, Qt.AlignmentFlag.AlignLeft)
        side.addWidget(self.signed, 0, Qt.AlignmentFlag.AlignLeft)
        head = QHBoxLayout()
        head.addWidget(self.photo)
        head.addLayout(side, 1)
        upper = QWidget()
        col = QVBoxLayout(upper)
        col.setContentsMargins(0, 0, 0, 0)
        col.addLayout(head)
        col.addWidget(self.text, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(upper)
        split.addWidget(self.findings)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setSizes([520, 180])
        self.body = split
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 0, 0, 0)
        lay.addWidget(self.empty)
        lay.addWidget(split)
        env.tr.changed.connect(self.retranslate)
        self.show_record(None)
        self.retranslate()

    def retranslate(self) -> None:
        t = self.env.tr.t
        self.edit.setText(t("ui.nominees.edit"))
        self.edit.setAccessibleName(t("ui.nominees.edit"))
        self.copy.setText(t("ui.nominees.copy_iin"))
        self.copy.setToolTip(t("ui.nominees.copy_iin_hint"))
        self.copy.setAccessibleName(t("ui.nominees.copy_iin"))
        self.signed.setText(t("ui.signed.open"))
        self.signed.setToolTip(t("ui.signed.open_hint"))
        self.signed.setAccessibleName(t("ui.signed.open"))
        self.empty.setText(t("ui.nominees.no_selection"))
        self.photo.setAccessibleName(t("ui.field.photo"))
        self.text.setAccessibleName(t("ui.nominees.detail"))
        self._render()

    def load(self, nid: int | None) -> None:
        self._gen += 1
        if nid is None:
            self.show_record(None)
            return
        gen, session, box = self._gen, self.env.s(), self.photo.size()

        def work() -> tuple[NomineeRecord, list, QImage | None]:
            rec = nominees.get(session, nid)
            found = nominees.findings(session, rec.dossier)
            return rec, found, photo_image(rec.dossier.photo, box)

        def done(result: tuple[NomineeRecord, list, QImage | None]) -> None:
            if gen == self._gen:
                rec, found, image = result
                self._issues = [issue_of(f) for f in found]
                self.show_record(rec, image)
                self.loaded.emit(rec.id)

        self.env.op(self, work).success(done).run(self.env.executor)

    def show_record(self, rec: NomineeRecord | None, image: QImage | None = None) -> None:
        """``image``: the photo already decoded and scaled to the photo box (``load`` does it
        off the GUI thread); without it a photo is decoded here."""
        self.record = rec
        self.empty.setVisible(rec is None)
        self.body.setVisible(rec is not None)
        self.edit.setEnabled(rec is not None and self.env.can(Permission.EDIT))
        if rec is None:
            self._issues = []
            self.findings.clear()
            self.text.clear()
            self.photo.clear()
            self.name.clear()
            self.name_ru.clear()
            return
        if image is None and rec.dossier.photo:
            image = photo_image(rec.dossier.photo, self.photo.size())
        if image is not None:
            self.photo.setPixmap(QPixmap.fromImage(image))
        else:
            self.photo.setText(self.env.tr.t("ui.photo.none"))
        self.findings.set_issues(self._issues)
        self._render()

    def _render(self) -> None:
        if self.record is not None:
            p = self.record.dossier.person
            self.name.setText(" ".join(x for x in (p.surname, p.given_name, p.patronymic) if x))
            self.name_ru.setText(
                " ".join(x for x in (p.surname_ru, p.given_name_ru, p.patronymic_ru) if x)
            )
            html = dossier_html(
                self.env.tr, self.record.dossier, status=self.record.status, names=False
            )
            self.text.setHtml(html)
            if self.record.dossier.photo is None:
                self.photo.setText(self.env.tr.t("ui.photo.none"))

    def open_signed(self) -> QWidget | None:
        """The signed papers of this dossier: checklist, attach, viewer (``ui.signed``)."""
        if self.record is None:
            return None
        from ui.signed.checklist import ChecklistDialog

        dlg = ChecklistDialog(self.env, self.record.id, self, title=self.name.text())
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.open()
        return dlg

    def _copy_iin(self) -> None:
        if self.record is not None:
            self.env.clipboard.copy(self.record.dossier.person.iin)
