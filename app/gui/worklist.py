"""The facilitator's worklist: every patient in one full-width table.

A facilitator preparing many patients wants to see at a glance who travels next, who
has an appointment booked, who is ready and whose clinics raised serious red flags.
The compact patient list beside the steps stays as it is for patients; this page takes
the whole window instead.

`WorklistModel` reads patients page by page like the compact list (the database sorts
and filters, by every column), and reads the figures that need more than the profile row
(`app.domain.worklist.patient_figures`) only for the rows a view asks about, a screenful
at a time, after the view has painted. The two counts come from each patient's tally
(`db.tallies`); tallies that are missing or stale are counted in the background
(`TallyCounter`), and their cells say "counting…" until then, never a wrong number.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QRect, QPersistentModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QBrush, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.question_bank import QuestionBank
from app.domain.worklist import PatientFigures, patient_figures
from app.gui.tally_counter import TallyCounter
from app.gui.appointment import appointment_text
from app.gui.i18n import said
from app.gui.marks import FLAG_MARK, flag_colours
from app.gui.profile_list import (
    ProfileIdRole,
    ProfileListModel,
    SampleMarkDelegate,
    SearchBox,
)
from app.gui.text_size import TEXT_SIZES, current_text_size, scale_font
from db.errors import StorageError
from db.records import ProfileId, ProfileSummary
from db.store import Store
from db.tallies import ProfileTally

_Index = QModelIndex | QPersistentModelIndex

#: Figures worked out per pass; a pass runs after the view painted, so scrolling stays smooth.
FIGURES_PER_PASS = 30


class WorklistModel(ProfileListModel):
    """Patients with their travel, next appointment, progress and serious red flags."""

    NAME, CONDITION, TRAVEL, APPOINTMENT, CLINICS, QUESTIONS, FLAGS, CHANGED = range(8)
    #: The database order behind each column a header click sorts by.
    SORT_KEYS = {
        NAME: "name", CONDITION: "condition", TRAVEL: "travel", APPOINTMENT: "appointment",
        CLINICS: "clinics", QUESTIONS: "questions", FLAGS: "flags", CHANGED: "updated",
    }
    # Orders whose natural reading is "most first": the first click on the header shows them so.
    MOST_FIRST = ("updated", "flags")

    # The counts were counted for more patients: (counted so far, to count in all).
    counting = Signal(int, int)

    def __init__(self, store: Store, bank: QuestionBank, parent: QWidget | None = None) -> None:
        super().__init__(store, bank, parent)
        self._bank = bank
        self._figures: dict[ProfileId, PatientFigures] = {}
        self._wanted: set[ProfileId] = set()
        self._failed = False
        self._today = date.today()
        self._counted: dict[ProfileId, ProfileTally] = {}  # this session's counts, saved or not
        self._asked: set[ProfileId] = set()  # handed to the counter since the last refresh
        self._count_done = self._count_total = 0
        self.counter = TallyCounter(store, bank, self)
        self.counter.counted.connect(self._tallies_counted)
        self.counter.finished.connect(self._counting_finished)
        self.counter.failed.connect(self.load_failed)
        self._headers = (
            self.tr("Name"),
            self.tr("Condition"),
            self.tr("Travel"),
            self.tr("Next appointment"),
            self.tr("Clinics"),
            self.tr("My questions"),
            self.tr("Serious red flags"),
            self.tr("Last changed"),
        )
        self._header_tips = {
            self.QUESTIONS: self.tr(
                "Questions the patient chose to ask that every clinic has answered, of all they chose"
            ),
            self.FLAGS: self.tr(
                "Serious red flags raised by the patient's clinics, not counting dismissed ones"
            ),
        }
        self._figure_timer = QTimer(self)
        self._figure_timer.setSingleShot(True)
        self._figure_timer.setInterval(0)
        self._figure_timer.timeout.connect(self.load_figures)

    # ------------------------------------------------------------ Qt's model API

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return self._header_tips.get(section)
        return super().headerData(section, orientation, role)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        summary = self.summary(index.row())
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            text = self._text(summary, column)
            if role == Qt.ItemDataRole.AccessibleTextRole and column == self.NAME and summary.synthetic:
                text = self.tr("{name}, sample patient").format(name=text)
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.CLINICS and summary.clinic_names:
                return summary.clinic_names
            return self._text(summary, column) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.CLINICS, self.QUESTIONS, self.FLAGS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole) and column == self.FLAGS:
            figures = self._figures.get(summary.id)
            if figures is not None and figures.serious_flags:
                text, background = flag_colours("serious")
                return QBrush(text if role == Qt.ItemDataRole.ForegroundRole else background)
            return None
        if role == ProfileIdRole:
            return int(summary.id)
        return super().data(index, role) if column == self.NAME else None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in the database by a column that has a database order; the figures' columns do not."""
        key = self.SORT_KEYS.get(column)
        if key is None:
            return
        # The down arrow reads as Qt shows it elsewhere: newest, most serious red flags first.
        descending = order == Qt.SortOrder.DescendingOrder
        if key in self.MOST_FIRST:
            descending = not descending
        self.set_query(replace(self.query, sort=key, descending=descending))

    # ------------------------------------------------------------ StemPrep's API

    def refresh(self) -> None:
        """Read the list again, and forget figures worked out before (they may have changed)."""
        self._figures.clear()
        self._wanted.clear()
        self._counted.clear()
        self._asked.clear()
        self._failed = False
        self._today = date.today()
        super().refresh()

    def count_all(self) -> None:
        """Count every stale tally in the background, so sorting by the counts is right for everyone."""
        if not self.counter.running:
            self._count_done = self._count_total = 0
        self.counter.count(None)

    @property
    def counting_now(self) -> bool:
        """Whether tallies are being counted (some cells say "counting…")."""
        return self.counter.running

    def figures(self, profile_id: int) -> PatientFigures | None:
        """The figures worked out so far for a patient; None until its row has been on screen."""
        return self._figures.get(ProfileId(profile_id))

    @Slot()
    def load_figures(self) -> None:
        """Work out the figures for rows a view asked about, then show them."""
        wanted = list(self._wanted)[:FIGURES_PER_PASS]
        self._wanted.difference_update(wanted)
        try:
            read = patient_figures(self._store, self._bank, wanted, self._today, count_stale=False)
        except StorageError as error:
            if not self._failed:
                self._failed = True
                self.load_failed.emit(said(error))
            return
        stale = []
        for profile_id, figures in read.items():
            if figures.serious_flags is None:
                if profile_id in self._counted:
                    figures = self._with_tally(figures, self._counted[profile_id])
                elif profile_id not in self._asked:
                    stale.append(profile_id)
            self._figures[profile_id] = figures
        if stale:
            self._asked.update(stale)
            self.counter.count(stale)
        rows = [row for row in map(self.row_of, wanted) if row is not None]
        if rows:
            self.dataChanged.emit(self.index(min(rows), self.APPOINTMENT), self.index(max(rows), self.FLAGS))
        if self._wanted:
            self._figure_timer.start()

    @Slot(object, int)
    def _tallies_counted(self, tallies: list[ProfileTally], stale: int) -> None:
        self._count_done += len(tallies)
        self._count_total = max(self._count_total, stale, self._count_done)
        rows = []
        for tally in tallies:
            self._counted[tally.profile_id] = tally
            figures = self._figures.get(tally.profile_id)
            if figures is not None:
                self._figures[tally.profile_id] = self._with_tally(figures, tally)
                row = self.row_of(tally.profile_id)
                if row is not None:
                    rows.append(row)
        if rows:
            self.dataChanged.emit(self.index(min(rows), self.QUESTIONS), self.index(max(rows), self.FLAGS))
        self.counting.emit(self._count_done, self._count_total)

    @Slot()
    def _counting_finished(self) -> None:
        self.counting.emit(self._count_total, self._count_total)
        if self.query.sort in ("flags", "questions"):
            # Patients counted just now were sorted last as "counting…": put them in their place.
            counted = dict(self._counted)
            self.refresh()
            self._counted.update(counted)

    @staticmethod
    def _with_tally(figures: PatientFigures, tally: ProfileTally) -> PatientFigures:
        return replace(figures, picked=tally.picked, answered=tally.answered, serious_flags=tally.serious_flags)

    # ------------------------------------------------------------ cells

    def _text(self, summary: ProfileSummary, column: int) -> str:
        if column == self.NAME:
            return summary.name
        if column == self.CONDITION:
            return self.condition_text(summary)
        if column == self.TRAVEL:
            return summary.travel
        if column == self.CHANGED:
            return summary.updated_at[:10]
        figures = self._figures.get(summary.id)
        if figures is None:
            if not self._failed:
                self._wanted.add(summary.id)
                self._figure_timer.start()
            return "…"
        if column == self.APPOINTMENT:
            return appointment_text(figures.next_appointment) or "—"
        if column == self.CLINICS:
            return str(figures.clinics)
        if column in (self.QUESTIONS, self.FLAGS) and figures.serious_flags is None:
            return self.tr("counting…")
        if column == self.QUESTIONS:
            return self.tr("{answered} of {picked}").format(answered=figures.answered, picked=figures.picked)
        if column == self.FLAGS:
            return f"{FLAG_MARK} {figures.serious_flags}" if figures.serious_flags else "0"
        return ""


class WorklistPage(QWidget):
    """The worklist page: search, the table, and a way back to the open patient's steps."""

    #: The user opened a patient from the table.
    profile_chosen = Signal(object)
    #: The user wants the steps back without choosing another patient.
    closed = Signal()
    #: Something the user should know, as one sentence.
    problem = Signal(str)

    def __init__(self, store: Store, bank: QuestionBank, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = WorklistModel(store, bank, self)
        self.model.load_failed.connect(self.problem)
        self.model.modelReset.connect(self._show_count)

        title = QLabel(self.tr("All patients"))
        scale_font(title, 1.3, bold=True)
        self.search = SearchBox()
        self.search.delay.timeout.connect(self._apply_search)

        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(self.tr("All patients, one per row"))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.verticalHeader().hide()
        self.view.setItemDelegateForColumn(WorklistModel.NAME, SampleMarkDelegate(self.view))
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        # The last column takes what is left; with large text the table scrolls sideways rather than
        # squeezing the names.
        header.setStretchLastSection(True)
        self.view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(WorklistModel.CHANGED, Qt.SortOrder.DescendingOrder)
        header.sortIndicatorChanged.connect(self._sort_chosen)
        self._fitting = False
        self._widened_by_hand = False
        header.sectionResized.connect(self._section_resized)
        # The vertical scroll bar comes and goes with the number of rows, changing the room.
        self.view.verticalScrollBar().rangeChanged.connect(lambda *_: self._refit())
        self.view.activated.connect(self._open)

        self.open_button = QPushButton(self.tr("Open the patient"))
        self.open_button.setAccessibleName(self.tr("Open the selected patient"))
        self.open_button.clicked.connect(lambda: self._open(self.view.currentIndex()))
        self.back_button = QPushButton(self.tr("Back to the steps"))
        self.back_button.setAccessibleName(self.tr("Close the table and go back to the steps"))
        self.back_button.clicked.connect(self.closed)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.closed.emit)
        self.count_label = QLabel()
        self.counting_label = QLabel()
        self.counting_label.setVisible(False)
        self.model.counting.connect(self._show_counting)

        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.search, 2)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label)
        bottom.addWidget(self.counting_label, 1)
        bottom.addWidget(self.back_button)
        bottom.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)

    def enter(self, current: ProfileId | None) -> None:
        """Read the table again and select the open patient, if shown."""
        self.model.refresh()
        self.model.count_all()
        row = None if current is None else self.model.row_of(current)
        if row is not None:
            self.view.selectRow(row)
            self.view.scrollTo(self.model.index(row, 0))
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _fit_columns(self) -> None:
        """Give each column its room at this text size, within the table's width where possible.

        Every column is wide enough for its heading and sort arrow and for its usual
        content (a date and time, a count). When the total is wider than the table (large
        text on a small screen), the name, condition and travel give up room first, down
        to a few letters each (their cells end in "…", with the whole text in the
        tooltip), so the red flags and the next appointment stay in view rather than
        behind a sideways scroll bar.
        """
        header = self.view.horizontalHeader()
        metrics = self.view.fontMetrics()
        scale = TEXT_SIZES[current_text_size()]
        letters = metrics.horizontalAdvance("abcdefghijklmnopqrstuvwxyz") / 26
        usual = {
            # A name's first eight letters or so, and the sample badge beside it.
            WorklistModel.NAME: "M" * 2 + "a" * 6 + QCoreApplication.translate("SampleMarkDelegate", "sample"),
            WorklistModel.CONDITION: "M" * 5, WorklistModel.TRAVEL: "2027-04",
            WorklistModel.APPOINTMENT: "2027-04-20 10:30", WorklistModel.CHANGED: "2027-04-20",
            WorklistModel.QUESTIONS: QCoreApplication.translate("WorklistModel", "{answered} of {picked}").format(
                answered=16, picked=16
            ),
            WorklistModel.FLAGS: f"{FLAG_MARK} 10", WorklistModel.CLINICS: "10",
        }
        wanted = {WorklistModel.CONDITION: 170, WorklistModel.TRAVEL: 110, WorklistModel.NAME: 230}
        widths: dict[int, int] = {}
        floors: dict[int, int] = {}
        arrow = round(2 * letters) + 14  # the sort arrow and the section's margins
        headings = {c: str(self.model.headerData(c, Qt.Orientation.Horizontal)) for c in range(self.model.columnCount())}
        for column, heading in headings.items():
            # A heading may take two lines ("Serious red / flags"), not more.
            floors[column] = max(self._two_lines_wide(heading) + arrow, metrics.horizontalAdvance(usual[column]) + 16)
            whole = header.fontMetrics().horizontalAdvance(heading) + arrow
            widths[column] = max(floors[column], round(wanted.get(column, 0) * scale), min(whole, 2 * floors[column]))
        # The table's inside once it is laid out; before that, its width less a vertical scroll bar.
        room = self.view.viewport().width() if self.view.isVisible() else (
            self.view.width() - 2 * self.view.frameWidth() - self.view.verticalScrollBar().sizeHint().width()
        )
        excess = sum(widths.values()) - room
        # The condition and travel give up room first, then the headings go onto two lines, the name last.
        giving = (WorklistModel.CONDITION, WorklistModel.TRAVEL, WorklistModel.APPOINTMENT, WorklistModel.QUESTIONS,
                  WorklistModel.FLAGS, WorklistModel.CLINICS, WorklistModel.CHANGED, WorklistModel.NAME)
        for column in giving:
            if excess <= 0:
                break
            given = min(excess, widths[column] - floors[column])
            widths[column] -= given
            excess -= given
        self._fitting = True
        try:
            for column, width in widths.items():
                header.resizeSection(column, width)
        finally:
            self._fitting = False
        self.view.updateGeometries()  # the scroll bars follow the new widths now, not at the next layout
        # A few pixels of slack: a heading measured to fit on one line must not be counted as two.
        tallest = max(self._wrapped(headings[c], widths[c] - arrow + 6).height() for c in widths)
        header.setFixedHeight(tallest + 10)

    def _wrapped(self, heading: str, width: int) -> QRect:
        flags = int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        return self.view.horizontalHeader().fontMetrics().boundingRect(QRect(0, 0, max(width, 1), 10_000), flags, heading)

    def _two_lines_wide(self, heading: str) -> int:
        """The narrowest width at which `heading` wraps onto two lines at most."""
        metrics = self.view.horizontalHeader().fontMetrics()
        width = max(metrics.horizontalAdvance(word) for word in heading.split() or [""])
        two_lines = self._wrapped("X\nX", 10_000).height()
        while self._wrapped(heading, width).height() > two_lines:
            width += 4
        return width

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self.layout().activate()
        self._refit()

    def _refit(self) -> None:
        if not self._widened_by_hand:
            self._fit_columns()

    @Slot(int, int, int)
    def _section_resized(self, column: int, old: int, new: int) -> None:
        if not self._fitting and column != WorklistModel.CHANGED:  # the last column follows the others
            self._widened_by_hand = True

    @Slot(int, Qt.SortOrder)
    def _sort_chosen(self, column: int, order: Qt.SortOrder) -> None:
        key = WorklistModel.SORT_KEYS.get(column)
        if key is None:
            return
        first_click = key != self.model.query.sort
        if first_click and key in WorklistModel.MOST_FIRST and order == Qt.SortOrder.AscendingOrder:
            # A facilitator sorting by red flags wants the most serious first, not last.
            order = Qt.SortOrder.DescendingOrder
            header = self.view.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(column, order)
            header.blockSignals(False)
        self.model.sort(column, order)

    @Slot()
    def _apply_search(self) -> None:
        self.search.delay.stop()
        self.model.set_query(replace(self.model.query, text=self.search.text()))

    @Slot()
    def _show_count(self) -> None:
        self.count_label.setText(self.tr("Patients shown: {count}").format(count=self.model.total))

    @Slot(int, int)
    def _show_counting(self, done: int, total: int) -> None:
        self.counting_label.setVisible(done < total)
        self.counting_label.setText(self.tr("Counting red flags and answered questions: {done} of {total}…").format(
            done=f"{done:,}", total=f"{total:,}"
        ))

    @Slot(QModelIndex)
    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.profile_chosen.emit(ProfileId(self.model.data(index, ProfileIdRole)))
