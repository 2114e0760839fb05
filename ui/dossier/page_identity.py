"""Identity: the IIN checked as typed (it fills the birth date and sex), names in Kazakh and
Russian spelling, the body."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QHBoxLayout, QLineEdit

from app.domain.dossier import Body, Sex
from ui import icons
from ui.dossier.fields import set_invalid
from ui.dossier.page import FlowPage, form, options
from ui.widgets.common import hint


class IdentityPage(FlowPage):
    STEP = "identity"

    def build(self) -> None:
        for part in self.build_parts():
            part()

    def build_parts(self) -> list[Callable[[], None]]:
        return [self._build_top, self._build_names]

    def _build_top(self) -> None:
        b = self.binder
        self.iin = QLineEdit()
        self.iin.setMaxLength(12)
        self.iin.setValidator(QRegularExpressionValidator(r"\d{0,12}", self.iin))
        self.iin.setMaximumWidth(180)
        self.iin.textEdited.connect(self._iin_typed)
        b.widgets["person.iin"] = self.iin
        self.iin_state = hint()
        b._loaders["person.iin"] = self._load_iin
        top = form()
        iin_row = QHBoxLayout()
        iin_row.addWidget(self.iin)
        iin_row.addWidget(self.iin_state, 1)
        from PySide6.QtWidgets import QLabel

        self.iin_label = QLabel()
        self.iin_label.setBuddy(self.iin)
        b._labels.append((self.iin_label, "person.iin"))
        top.addRow(self.iin_label, iin_row)
        b.row(top, "person.birth_date", b.date("person.birth_date"))
        b.row(top, "person.sex", b.choice("person.sex", options(Sex, "ui.sex")))
        b.row(top, "body", b.choice("body", options(Body, "ui.body")))
        self.layout_.addLayout(top)

    def _build_names(self) -> None:
        b = self.binder
        kk, ru = form(), form()
        for name in ("surname", "given_name", "patronymic"):
            b.row(kk, f"person.{name}", b.text(f"person.{name}", max_len=200))
            b.row(ru, f"person.{name}_ru", b.text(f"person.{name}_ru", max_len=200))
        b.row(kk, "person.birth_place", b.text("person.birth_place", max_len=200))
        names = QHBoxLayout()
        names.addWidget(self.section("ui.identity.names_kk", kk))
        names.addWidget(self.section("ui.identity.names_ru", ru))
        self.layout_.addLayout(names)
        self.layout_.addStretch(1)
        if self.env.session is not None and self.env.session.body:
            b.widgets["body"].setEnabled(False)  # a body workstation files its own nominees
        self.finish()

    def _load_iin(self) -> None:
        self.iin.setText(self.flow.get("person.iin") or "")
        self._show_iin_state(self.flow.get("person.iin") or "")

    def _iin_typed(self, text: str) -> None:
        self.flow.set_iin(text)
        self._show_iin_state(text)
        self.binder.load(("person.birth_date", "person.sex"))
        self.edited.emit("person.iin")

    def _show_iin_state(self, text: str) -> None:
        from app.domain.iin import IINError, parse_iin
        from app.i18n import fmt_date
        from ui.dossier.labels import field_label

        t = self.env.tr.t
        if not text:
            self.iin_state.setText(t("ui.identity.iin_hint"))
            self.iin_state.setStyleSheet("")
            set_invalid(self.iin, False)
            return
        try:
            info = parse_iin(text)
        except IINError as e:
            msg = self.env.tr.t(f"dossier.{e.code}", field=field_label(self.env.tr, "person.iin"))
            self.iin_state.setText(msg)
            self.iin_state.setStyleSheet(f"color: {icons.BLOCKER};")
            set_invalid(self.iin, len(text) == 12)
            return
        self.iin_state.setText(t("ui.identity.iin_ok", date=fmt_date(info.birth_date),
                                 sex=t(f"ui.sex.{info.sex}")))  # fmt: skip
        self.iin_state.setStyleSheet(f"color: {icons.OK};")
        set_invalid(self.iin, False)

    def retranslate(self) -> None:
        super().retranslate()
        self._show_iin_state(self.iin.text())
