"""One calm, high-contrast light theme for a tool used all day; sizes scale with the font."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from app import resources

QSS = """
QWidget { color: #1c2833; }
QMainWindow, QDialog, QWizard { background: #f4f6f9; }
#Rail { background: #1d3047; border: none; }
#Rail QToolButton { color: #c9d6e3; background: transparent; border: none; border-radius: 6px;
    padding: 8px 2px; margin: 2px 6px; font-size: 8.5pt; }
#Rail QToolButton:hover { background: #2a4462; color: #ffffff; }
#Rail QToolButton:checked { background: #2f5f94; color: #ffffff; }
#Rail QToolButton:focus { outline: none; border: 1px solid #8fb8e8; }
#Rail QScrollBar:vertical { background: #1d3047; width: 6px; margin: 0; border: none; }
#Rail QScrollBar::handle:vertical { background: #3e5c7f; border-radius: 3px; min-height: 24px; }
#Rail QScrollBar::add-line:vertical, #Rail QScrollBar::sub-line:vertical { height: 0; border: none;
    background: none; }
#Rail QScrollBar::add-page:vertical, #Rail QScrollBar::sub-page:vertical { background: none; }
#RailTitle { color: #ffffff; font-weight: 600; padding: 12px 4px 6px 4px; }
#TopBar { background: #ffffff; border-bottom: 1px solid #d5dce5; }
#TopBar QLabel#ScreenTitle { font-size: 14pt; font-weight: 600; }
#Who { color: #5d6d7e; }
QLineEdit, QComboBox, QSpinBox, QPlainTextEdit, QTextEdit, QDateEdit {
    background: #ffffff; border: 1px solid #b8c3cf; border-radius: 4px; padding: 4px 6px;
    selection-background-color: #1f5fa8; }
QLineEdit:focus, QComboBox:focus, QSpinBox:focus, QPlainTextEdit:focus, QTextEdit:focus {
    border: 1px solid #1f5fa8; }
QLineEdit[invalid="true"] { border: 1px solid #c0392b; background: #fdf2f1; }
QPushButton { background: #ffffff; border: 1px solid #aab6c3; border-radius: 4px;
    padding: 5px 14px; min-height: 20px; }
QPushButton:hover { background: #eef3f8; }
QPushButton:focus { border: 1px solid #1f5fa8; }
QPushButton:disabled { color: #9aa5b1; border-color: #d5dce5; }
QPushButton[primary="true"] { background: #1f5fa8; color: #ffffff; border: 1px solid #1a4f8c; }
QPushButton[primary="true"]:hover { background: #1a4f8c; }
QPushButton[primary="true"]:disabled { background: #9db6d3; border-color: #9db6d3; }
QTableView, QListWidget, QTreeWidget, QTextBrowser { background: #ffffff;
    border: 1px solid #d5dce5; alternate-background-color: #f7f9fb;
    selection-background-color: #d6e6f7; selection-color: #1c2833; gridline-color: #e6ebf0; }
QTableView::item { padding: 2px 6px; }
QHeaderView::section { background: #eef2f6; border: none; border-right: 1px solid #d5dce5;
    border-bottom: 1px solid #d5dce5; padding: 5px 6px; font-weight: 600; }
QGroupBox { border: 1px solid #d5dce5; border-radius: 6px; margin-top: 14px; background: #ffffff;
    padding: 8px; }
QGroupBox::title { subcontrol-origin: margin; left: 10px; padding: 0 4px; color: #34495e;
    font-weight: 600; }
#Card { background: #ffffff; border: 1px solid #d5dce5; border-radius: 8px; }
#Banner { background: #fdf2f1; border: 1px solid #e6b0aa; border-radius: 4px; color: #922b21;
    padding: 6px 8px; }
#Hint { color: #5d6d7e; }
#Muted { color: #7f8c8d; }
#Heading { font-size: 13pt; font-weight: 600; }
QProgressBar { border: 1px solid #b8c3cf; border-radius: 3px; background: #ffffff; height: 8px;
    text-align: center; }
QProgressBar::chunk { background: #1f5fa8; }
QSplitter::handle { background: #d5dce5; }
QStatusBar { background: #ffffff; border-top: 1px solid #d5dce5; }
"""


def stylesheet() -> str:
    chevron = resources.path("icons", "chevron.svg").as_posix()
    return QSS + (
        "QComboBox { padding-right: 22px; }"
        " QComboBox::drop-down { subcontrol-origin: padding; subcontrol-position: center right;"
        " width: 20px; border: none; }"
        f" QComboBox::down-arrow {{ image: url({chevron}); width: 12px; height: 12px; }}"
    )


def apply(app: QApplication) -> None:
    if app.property("rezerv_theme"):
        return  # once per application: replacing a style under live widgets crashes Qt
    app.setProperty("rezerv_theme", True)
    app.setStyle("Fusion")
    font = QFont(app.font())
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
    app.setFont(font)
    app.setStyleSheet(stylesheet())
