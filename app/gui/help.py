"""Help: a short guide, the keyboard shortcuts, and About (version, licences, no medical advice).

A patient should not need the README to use StemPrep, so the guide is in the app, in the
interface language: the four steps, what a red flag means, where the data lives and how
to back it up. The shortcuts are listed from the same constants the screens use, so the
list cannot drift from the keys. The dialogs are not modal: a user can keep the guide
open beside the window while they work.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QSize, Qt, Slot, qVersion
from PySide6.QtCore import __version__ as qt_for_python_version
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.gui import text_size
from app.gui.app_icon import icon_pixmap
from app.gui.layouts import column
from app.gui.main_window import GUIDE_KEY
from db import backup
from db.store import Store
from resources import resource_path

#: The licence of the bundled fonts, shown in full in About.
FONT_LICENCE = resource_path("fonts", "OFL.txt")

# The icon beside About's heading, in logical pixels.
ABOUT_ICON_SIZE = 64


def keys_text(*keys: str) -> str:
    """Key names as this system writes them ("Ctrl+PgDown"), joined with " / "."""
    return " / ".join(QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText) for key in keys)


def _standard_keys(key: QKeySequence.StandardKey) -> str:
    """The usual keys for a standard action on this system (the first; others are special keyboard keys)."""
    bindings = QKeySequence.keyBindings(key)
    return bindings[0].toString(QKeySequence.SequenceFormat.NativeText) if bindings else ""


def with_close_button(dialog: QDialog, body: QWidget, size: QSize) -> QDialogButtonBox:
    """Fill `dialog` with `body` over a Close button, at `size`; returns the button box (for more buttons)."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.close)
    column((body, 1), buttons, on=dialog, margins=None)
    dialog.resize(size)
    return buttons


# ====================================================================== guide


class GuideDialog(QDialog):
    """Help → Guide: how to use StemPrep, in a few short sections."""

    def __init__(self, data_file: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("StemPrep guide"))
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setAccessibleName(self.tr("Guide"))
        self.browser.setHtml(self.guide_html(data_file))
        with_close_button(self, self.browser, QSize(760, 640))

    def guide_html(self, data_file: Path) -> str:
        """The guide as simple HTML; every sentence goes through tr()."""
        import html  # with its table of entities, only when Help is opened

        from app.gui import (  # their keys; the screens load when first shown
            doctor_view,
            main_window,
            questions,
        )

        path = html.escape(str(data_file))
        backups = html.escape(str(backup.backups_folder(data_file)))
        steps = [
            self.tr(
                "<b>Profile</b>: who the patient is — the condition and how severe it is, current "
                "medicines, allergies, and what you hope the treatment will do. A clinic needs this "
                "before it can answer your questions."
            ),
            self.tr(
                "<b>Clinics</b>: each clinic or hospital you are considering, and what it offers — the "
                "treatment, where the cells come from, the price and the credentials it claims. The "
                "second tab puts the clinics side by side."
            ),
            self.tr(
                "<b>Questions</b>: the questions to ask each clinic, in English and Korean, one at a time. "
                "Record what the clinic said; every answer is saved as you type. Press {doctor} to show "
                "the question full screen in large Korean, so the doctor can read it and type the "
                "answer; {back} comes back."
            ).format(doctor=keys_text(doctor_view.SHOW_DOCTOR_KEY), back=keys_text(doctor_view.BACK_KEY)),
            self.tr(
                "<b>Sheet</b>: print what you take to the consultation, or save it as a PDF. The "
                "<b>doctor copy</b> is for one clinic: Korean first, a one-page summary of you, then your "
                "picked questions with room for the answers, and nothing private. <b>My notebook</b> is "
                "yours: red flags, worries and the documents to bring first, then the clinics compared "
                "and the answers so far. The <b>full checklist</b> has every question."
            ),
        ]
        parts = [
            "<h2>" + self.tr("Using StemPrep") + "</h2>",
            "<p>" + self.tr(
                "StemPrep helps you prepare for a consultation about stem cell treatment in South Korea. "
                "It does not give medical advice: it helps you ask good questions and keep the answers."
            ) + "</p>",
            "<h3>" + self.tr("The four steps") + "</h3>",
            "<ol>" + "".join(f"<li>{step}</li>" for step in steps) + "</ol>",
            "<p>" + self.tr(
                "Move between the steps with the buttons at the top, with Back and Next at the bottom, "
                "or with {keys}."
            ).format(keys=keys_text("Ctrl+1", "Ctrl+4").replace(" / ", " … ")) + "</p>",
            "<h3>" + self.tr("From preparing to the consultation") + "</h3>",
            "<ol>" + "".join(f"<li>{step}</li>" for step in (
                self.tr("<b>Pick</b> the questions you will ask, the most important first. About 12–15 "
                        "are picked for you to start with; a consultation is short."),
                self.tr("<b>Prepare</b>: record what each clinic has told you so far, and check the "
                        "red flags."),
                self.tr("<b>Print the doctor copy</b> for the clinic you are visiting, and hand it to "
                        "the doctor at the start."),
                self.tr("<b>Bring your notebook</b> for yourself: it keeps what you would not show a "
                        "clinic, such as prices, other clinics and your worries."),
            )) + "</ol>",
            "<h3>" + self.tr("Many patients") + "</h3>",
            "<p>" + self.tr(
                "With more than one patient, the list of patients is on the left; the Patients button shows "
                "or hides it. It steps aside for the Questions and Sheet steps, which need the room; opened there, it "
                "floats over the step until you choose a patient. View → All patients in a table ({key}) "
                "shows every patient with their travel window, next consultation, progress and serious "
                "red flags. Quotes stay in their own currency; to see them in yours too, type a rate and "
                "its day in Settings → Exchange rates (StemPrep never looks one up)."
            ).format(key=keys_text(main_window.WORKLIST_KEY)) + "</p>",
            "<h3>" + self.tr("Red flags") + "</h3>",
            "<p>" + self.tr(
                "A red flag (▲) marks an answer that is a known warning sign — for example, a clinic that "
                "cannot name the legal basis for the treatment. <b>Serious red flag</b> means: do not go "
                "ahead until you have checked this. <b>Warning</b> means: ask more, and check."
            ) + "</p>",
            "<p>" + self.tr(
                "A red flag does not prove that a clinic is bad, and no red flag does not prove that it "
                "is safe. Each flag says what to ask or check. You can also mark any answer that worried "
                "you with “This worries me” ({key})."
            ).format(key=keys_text(questions.WORRY_KEY)) + "</p>",
            "<p>" + self.tr(
                "If the clinic explains a red flag to your satisfaction, press “Not a concern…” and say why "
                "in a few words. The flag stays on screen, greyed, with your note; “Restore” brings it back."
            ) + "</p>",
            "<h3>" + self.tr("My questions") + "</h3>",
            "<p>" + self.tr(
                "A consultation is short, so bring a short list. In the Questions step, “My questions” holds "
                "the questions you chose, in the order you will ask them; “All questions” is the whole "
                "checklist. “Add to my questions” ({ask}) puts the question on screen on your list; pressed in, it "
                "reads “★ On my questions”, and pressing it again takes the question off; "
                "{up} and {down} move it. A question you write yourself goes on your list after the "
                "question on screen."
            ).format(
                ask=keys_text(questions.ASK_THIS_KEY),
                up=keys_text(questions.MOVE_UP_KEY),
                down=keys_text(questions.MOVE_DOWN_KEY),
            ) + "</p>",
            "<h3>" + self.tr("Where your data lives") + "</h3>",
            "<p>" + self.tr(
                "Everything you enter is kept in one file on this computer:<br><code>{path}</code><br>"
                "StemPrep makes no network connections. Nothing leaves this computer unless you print "
                "or save a sheet, or export a profile."
            ).format(path=path) + "</p>",
            "<h3>" + self.tr("Backing up") + "</h3>",
            "<p>" + self.tr(
                "StemPrep backs up every patient by itself when it starts and every {minutes} minutes while "
                "you work, into <code>{backups}</code>. To keep a copy somewhere else, such as a USB stick, "
                "choose File → Back up now…; to go back to an earlier copy, File → Restore a backup…. "
                "Keep every copy private: it holds health information."
            ).format(minutes=int(backup.DEFAULT_EVERY.total_seconds() // 60), backups=backups) + "</p>",
            "<h3>" + self.tr("Larger text and language") + "</h3>",
            "<p>" + self.tr(
                "View → Text size makes everything larger ({larger} and {smaller} also work). "
                "Settings → Language chooses English or Korean; StemPrep changes language the next time "
                "you start it. Help → Keyboard shortcuts lists every key."
            ).format(larger=keys_text(text_size.LARGER_KEYS[0]), smaller=keys_text(text_size.SMALLER_KEY))
            + "</p>",
        ]
        return "\n".join(parts)


# ====================================================================== shortcuts


class ShortcutsDialog(QDialog):
    """Help → Keyboard shortcuts: every key, by where it works."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.table = QTreeWidget()
        self.table.setColumnCount(2)
        self.table.setHeaderLabels([self.tr("Keys"), self.tr("What they do")])
        self.table.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.table.setRootIsDecorated(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        for group, rows in self.shortcut_groups():
            heading = QTreeWidgetItem([group, ""])
            font = heading.font(0)
            font.setBold(True)
            heading.setFont(0, font)
            heading.setFirstColumnSpanned(True)
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.table.addTopLevelItem(heading)
            for keys, what in rows:
                if not keys:
                    continue  # a standard action this system gives no key (Quit on some desktops)
                item = QTreeWidgetItem([keys, what])
                item.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"{keys}: {what}")
                self.table.addTopLevelItem(item)
        self.table.resizeColumnToContents(0)
        self.table.setColumnWidth(0, self.table.columnWidth(0) + 24)
        with_close_button(self, self.table, QSize(820, 640))

    def shortcut_groups(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """(where, [(keys, what they do)]) from the constants the screens use."""
        from app.gui import (  # their keys; the screens load when first shown
            doctor_view,
            main_window,
            questions,
        )

        status_keys = keys_text(*questions.STATUS_KEYS)
        yes, no, unsure, refused = (keys_text(key) for key in questions.YES_NO_KEYS)
        return [
            (self.tr("Everywhere"), [
                (keys_text("Ctrl+1", "Ctrl+2", "Ctrl+3", "Ctrl+4"),
                 self.tr("Go to step 1 to 4: Profile, Clinics, Questions, Sheet")),
                (self.tr("Tab / Shift+Tab"), self.tr("Move to the next or previous field or button")),
                (self.tr("Alt + underlined letter"), self.tr("Press that button, or go to that field or menu")),
                (_standard_keys(QKeySequence.StandardKey.New), self.tr("A new patient")),
                (_standard_keys(QKeySequence.StandardKey.Find), self.tr("Find a patient in the list")),
                (keys_text(main_window.WORKLIST_KEY), self.tr("All patients in a table")),
                (keys_text(*text_size.LARGER_KEYS, text_size.SMALLER_KEY), self.tr("Larger or smaller text")),
                (keys_text(text_size.NORMAL_SIZE_KEY), self.tr("Normal text size")),
                (_standard_keys(GUIDE_KEY), self.tr("The guide")),
                (_standard_keys(QKeySequence.StandardKey.Quit), self.tr("Quit StemPrep")),
            ]),
            (self.tr("Questions step"), [
                (keys_text(*questions.NEXT_KEYS), self.tr("Next question")),
                (keys_text(*questions.PREVIOUS_KEYS), self.tr("Previous question")),
                (status_keys, self.tr("Status: to ask, asked, answered, skipped")),
                (f"{yes} / {no} / {unsure} / {refused}", self.tr("Answer yes, no, not sure, refused to answer")),
                (keys_text(questions.WORRY_KEY), self.tr("This worries me (mark or unmark)")),
                (keys_text(questions.ANSWER_KEY), self.tr("Type the clinic's answer")),
                (keys_text(questions.ASK_THIS_KEY),
                 self.tr("Add the question to my questions, or take it off")),
                (keys_text(questions.MOVE_UP_KEY, questions.MOVE_DOWN_KEY),
                 self.tr("Move the question up or down my list")),
                (keys_text(doctor_view.SHOW_DOCTOR_KEY), self.tr("Show the doctor: the question full screen in Korean")),
            ]),
            (self.tr("Sheet step"), [
                (_standard_keys(QKeySequence.StandardKey.Save), self.tr("Save the sheet as a PDF")),
                (_standard_keys(QKeySequence.StandardKey.Print), self.tr("Print the sheet")),
            ]),
            (self.tr("Show the doctor"), [
                (keys_text(*doctor_view.NEXT_KEYS),
                 self.tr("Next question (the arrow alone when the cursor is not in the answer box)")),
                (keys_text(*doctor_view.PREVIOUS_KEYS),
                 self.tr("Previous question (the arrow alone when the cursor is not in the answer box)")),
                (keys_text(doctor_view.BACK_KEY), self.tr("Back to the Questions step, at the same question")),
            ]),
        ]


# ====================================================================== about


class AboutDialog(QDialog):
    """Help → About StemPrep: the version, that it gives no medical advice, and the licences."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About StemPrep"))
        about = QLabel(self.about_html())
        about.setTextFormat(Qt.TextFormat.RichText)
        about.setWordWrap(True)
        about.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        about.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.about = about
        licences = QLabel(self.licences_html())
        licences.setTextFormat(Qt.TextFormat.RichText)
        licences.setWordWrap(True)
        licences.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.licences = licences
        self.font_licence = QPlainTextEdit()
        self.font_licence.setReadOnly(True)
        self.font_licence.setPlainText(FONT_LICENCE.read_text(encoding="utf-8"))
        self.font_licence.setAccessibleName(self.tr("SIL Open Font License 1.1, full text"))
        font_heading = QLabel(self.tr("NanumGothic's &licence, in full:"))
        font_heading.setBuddy(self.font_licence)

        self.icon = QLabel()
        self.icon.setPixmap(icon_pixmap(ABOUT_ICON_SIZE))
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.icon.setAccessibleName(self.tr("StemPrep's icon"))
        about_page = QWidget()
        about_layout = QVBoxLayout(about_page)
        heading_row = QHBoxLayout()
        heading_row.addWidget(self.icon)
        heading_row.addWidget(about, 1)
        about_layout.addLayout(heading_row)
        about_layout.addStretch(1)
        licence_page = QWidget()
        licence_layout = QVBoxLayout(licence_page)
        licence_layout.addWidget(licences)
        licence_layout.addWidget(font_heading)
        licence_layout.addWidget(self.font_licence, 1)
        self.tabs = QTabWidget()
        self.tabs.addTab(about_page, self.tr("&About"))
        self.tabs.addTab(licence_page, self.tr("L&icences"))

        about_qt = QPushButton(self.tr("About &Qt…"))
        about_qt.clicked.connect(lambda: QMessageBox.aboutQt(self))
        buttons = with_close_button(self, self.tabs, QSize(700, 600))
        buttons.addButton(about_qt, QDialogButtonBox.ButtonRole.HelpRole)

    def about_html(self) -> str:
        import html  # with its table of entities, only when About is opened

        return "\n".join([
            "<h2>" + html.escape(self.tr("StemPrep {version}").format(version=__version__)) + "</h2>",
            "<p>" + self.tr(
                "Prepare for a stem cell therapy consultation in South Korea: the questions to ask, the "
                "answers you were given, the warning signs, and a question sheet in English and Korean."
            ) + "</p>",
            "<p><b>" + self.tr("StemPrep gives no medical advice.") + "</b> " + self.tr(
                "It helps you ask questions and shows where each fact comes from. Whether a treatment is "
                "right for you is for you to decide with your own doctor."
            ) + "</p>",
            "<p>" + self.tr(
                "Your information stays on this computer; StemPrep makes no network connections."
            ) + "</p>",
        ])

    def licences_html(self) -> str:
        items = [
            self.tr("<b>StemPrep</b>: MIT License."),
            self.tr(
                "<b>NanumGothic</b> font, © NAVER Corporation: SIL Open Font License 1.1 (the full text is below)."
            ),
            self.tr(
                "<b>Qt {qt} and Qt for Python (PySide6) {pyside}</b>: GNU Lesser General Public License "
                "version 3 (LGPL-3.0)."
            ).format(qt=qVersion(), pyside=qt_for_python_version),
            self.tr("<b>ReportLab</b> (the PDF sheet): BSD License."),
            self.tr("<b>sqlite-utils</b>: Apache License 2.0. <b>pydantic</b> and <b>platformdirs</b>: MIT License."),
        ]
        return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


# ====================================================================== menu


class HelpActions(QObject):
    """Help → Guide (F1), Keyboard shortcuts, About StemPrep; each dialog opens once and is reused."""

    def __init__(self, menu: QMenu, store: Store, window: QWidget) -> None:
        super().__init__(window)
        self._store = store
        self._window = window
        self.dialogs: dict[str, QDialog] = {}
        self.guide = self._add(menu, self.tr("&Guide"), self.show_guide)
        self.guide.setShortcut(GUIDE_KEY)
        self.shortcuts = self._add(menu, self.tr("&Keyboard shortcuts"), self.show_shortcuts)
        menu.addSeparator()
        self.about = self._add(menu, self.tr("&About StemPrep"), self.show_about)
        self.about.setMenuRole(QAction.MenuRole.AboutRole)

    def _add(self, menu: QMenu, text: str, slot: object) -> QAction:
        action = QAction(text, self._window)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _show(self, name: str, build: object) -> QDialog:
        dialog = self.dialogs.get(name)
        if dialog is None:
            dialog = build()  # type: ignore[operator]
            self.dialogs[name] = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    @Slot()
    def show_guide(self) -> QDialog:
        return self._show("guide", lambda: GuideDialog(self._store.path, self._window))

    @Slot()
    def show_shortcuts(self) -> QDialog:
        return self._show("shortcuts", lambda: ShortcutsDialog(self._window))

    @Slot()
    def show_about(self) -> QDialog:
        return self._show("about", lambda: AboutDialog(self._window))
