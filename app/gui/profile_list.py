"""The list of patients on this computer, for facilitators who prepare many of them.

`ProfileListModel` is a table model over `ProfileSummary` records that loads a page
at a time (`canFetchMore`/`fetchMore` over `Store.list_profiles(limit, offset)`),
so a list of thousands opens at once and there is no widget per patient.
`ProfileList` is the dock around it: search, filter and sort (all one
`db.search.ProfileQuery`, so the database does the work), pick, create, delete.
Synthetic sample patients carry a small "sample" mark so nobody mistakes them for
real people.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QItemSelectionModel,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeySequence, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.formatting import shortened
from app.domain.question_bank import QuestionBank
from app.gui.choice_box import ChoiceBox
from app.gui.dialogs import ConfirmDialog
from app.gui.i18n import said, ui_language
from db.errors import StorageError
from db.records import Profile, ProfileId, ProfileSummary
from db.search import COUNTED, ProfileQuery
from db.store import Store

#: Rows read from the database at a time.
PAGE_SIZE = 100

#: The condition column's width, in pixels at Normal text; the name takes the rest.
CONDITION_WIDTH = 110

#: A search counts its matches up to this many, then says "more than": counting every one of
#: 90,000 matches costs more than a keystroke may, and the list pages through them anyway.
COUNT_LIMIT = COUNTED

#: Search after typing pauses this long: one database query per pause, not per key.
SEARCH_DELAY_MS = 150

#: Travel months the filter offers: from a few months back to a little over two years ahead.
TRAVEL_MONTHS_BEFORE = 3
TRAVEL_MONTHS_AHEAD = 27

ProfileIdRole = Qt.ItemDataRole.UserRole + 1
#: True for a synthetic sample patient (drawn with a "sample" mark).
SyntheticRole = Qt.ItemDataRole.UserRole + 2

# The mark's colours are fixed (dark blue on pale blue) so it reads the same in light and dark palettes.
_MARK_FILL = QColor("#dce8fb")
_MARK_BORDER = QColor("#3d6cb0")
_MARK_TEXT = QColor("#16325c")

_Index = QModelIndex | QPersistentModelIndex


class ProfileListModel(QAbstractTableModel):
    """Patients, most recently changed first, read page by page."""

    #: Reading the list failed; one sentence.
    load_failed = Signal(str)

    NAME, CONDITION, CLINICS, ANSWERED, CHANGED = range(5)

    def __init__(self, store: Store, bank: QuestionBank, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._conditions = {c.id: c.title.get(ui_language()) for c in bank.conditions}
        self._rows: list[ProfileSummary] = []
        self._total = 0
        self._counted_all = True
        self._query = ProfileQuery()
        self._headers = (
            self.tr("Name"),
            self.tr("Condition"),
            self.tr("Clinics"),
            self.tr("Answers"),
            self.tr("Changed"),
        )

    # ------------------------------------------------------------ Qt's model API

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._headers)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        summary = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cell_text(summary, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            text = self._cell_text(summary, column)
            if column == self.NAME and summary.synthetic:
                text = self.tr("{name}, sample patient").format(name=text)
            return text
        if role == SyntheticRole:
            return summary.synthetic
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [summary.name, self.condition_text(summary)]
            if summary.synthetic:
                lines.append(self.tr("A sample profile made by StemPrep, not a real person."))
            if summary.clinic_names:
                lines.append(self.tr("Clinics: {names}").format(names=summary.clinic_names))
            if summary.cities:
                lines.append(self.tr("Cities: {cities}").format(cities=summary.cities))
            if summary.travel:
                lines.append(self.tr("Travel: {window}").format(window=summary.travel))
            return "\n".join(lines)
        if role == ProfileIdRole:
            return int(summary.id)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.ANSWERED:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def canFetchMore(self, parent: _Index) -> bool:  # noqa: N802
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: _Index) -> None:  # noqa: N802
        if parent.isValid():
            return
        try:
            page = self._store.list_profiles(self._query, limit=PAGE_SIZE, offset=len(self._rows))
        except StorageError as error:
            self._total = len(self._rows)  # stop asking until the next refresh
            self.load_failed.emit(said(error))
            return
        if not page:
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()
        if not self._counted_all and len(self._rows) >= self._total and len(page) == PAGE_SIZE:
            self._total = len(self._rows) + 1  # past the counted limit: one more page may follow

    # ------------------------------------------------------------ StemPrep's API

    def set_query(self, query: ProfileQuery) -> None:
        """Show only the patients `query` finds (search text in English or Korean, filters)."""
        self._query = query
        self.refresh()

    def refresh(self) -> None:
        """Read the list again from the first page (after a profile was added or deleted)."""
        # The first page is read inside the reset, so views and testers see one change, not
        # a reset followed by an insert while they are still handling the reset.
        failure = ""
        self.beginResetModel()
        self._rows = []
        try:
            searching = bool(self._query.text.strip())
            self._total = self._store.count_profiles(self._query, at_most=COUNT_LIMIT + 1 if searching else None)
            self._counted_all = self._total <= COUNT_LIMIT
            if self._total:
                self._rows = self._store.list_profiles(self._query, limit=PAGE_SIZE, offset=0)
                if len(self._rows) < PAGE_SIZE:
                    self._total = len(self._rows)
        except StorageError as error:
            self._total = len(self._rows)
            failure = said(error)
        self.endResetModel()
        if failure:
            self.load_failed.emit(failure)

    @property
    def query(self) -> ProfileQuery:
        """What the list shows now: search text, filters, sort."""
        return self._query

    @property
    def total(self) -> int:
        """How many patients match, or `COUNT_LIMIT` + 1 when there are more than that (see `counted_all`)."""
        return self._total if self._counted_all else max(self._total, COUNT_LIMIT + 1)

    @property
    def counted_all(self) -> bool:
        """False when a search found more than `COUNT_LIMIT` patients and stopped counting."""
        return self._counted_all

    def summary(self, row: int) -> ProfileSummary:
        return self._rows[row]

    def row_of(self, profile_id: int) -> int | None:
        """The row of a profile among the rows read so far; None if it is not (yet) shown."""
        return next((row for row, summary in enumerate(self._rows) if summary.id == profile_id), None)

    def update_profile(self, profile: Profile) -> None:
        """Show a profile's new name or condition in place, without re-reading the list."""
        for row, summary in enumerate(self._rows):
            if summary.id == profile.id:
                self._rows[row] = replace(
                    summary,
                    name=profile.name,
                    condition=profile.condition,
                    condition_chosen=profile.condition_chosen,
                    travel_window=profile.travel_window,
                    travel_start=profile.travel_start,
                    travel_end=profile.travel_end,
                    updated_at=profile.updated_at,
                )
                self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
                return

    def condition_text(self, summary: ProfileSummary) -> str:
        """The condition's name in the interface language, or that none is chosen yet."""
        if not summary.condition_chosen:
            return self.tr("not chosen yet")
        return self._conditions.get(summary.condition, summary.condition)

    def _cell_text(self, summary: ProfileSummary, column: int) -> str:
        if column == self.NAME:
            return summary.name
        if column == self.CONDITION:
            return self.condition_text(summary)
        if column == self.CLINICS:
            return summary.clinic_names
        if column == self.ANSWERED:
            return str(summary.answered)
        if column == self.CHANGED:
            return summary.updated_at[:10]
        return ""


class SampleMarkDelegate(QStyledItemDelegate):
    """Draws a patient's name with a small "sample" mark at the right for synthetic profiles."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        if not index.data(SyntheticRole):
            super().paint(painter, option, index)
            return
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        widget = item.widget
        style = widget.style() if widget is not None else None
        mark = self.tr("sample")
        font = QFont(item.font)
        font.setPointSizeF(max(font.pointSizeF() * 0.75, 7.0))
        metrics = QFontMetrics(font)
        width = metrics.horizontalAdvance(mark) + 8
        height = min(metrics.height() + 1, item.rect.height() - 2)
        badge = QRect(item.rect.right() - width - 3, item.rect.center().y() - height // 2 + 1, width, height)
        # The row (selection, alternate colour) across the whole cell, then the name beside the mark.
        background = QStyleOptionViewItem(item)
        background.text = ""
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, background, painter, widget)
            item.rect = item.rect.adjusted(0, 0, -(width + 6), 0)
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, widget)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(_MARK_BORDER, 1))
        painter.setBrush(_MARK_FILL)
        painter.drawRoundedRect(badge, 4, 4)
        painter.setFont(font)
        painter.setPen(_MARK_TEXT)
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, mark)
        painter.restore()


class SearchBox(QLineEdit):
    """The patient search field: searches once typing pauses (`delay` fires), not on every key."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(self.tr("Search: name, clinic, city…"))
        self.setAccessibleName(self.tr("Search patients"))
        self.setClearButtonEnabled(True)
        self.delay = QTimer(self)
        self.delay.setSingleShot(True)
        self.delay.setInterval(SEARCH_DELAY_MS)
        self.textChanged.connect(self.delay.start)


class ProfileList(QWidget):
    """The patients on this computer: find one (search, filters, sort), pick, add, delete."""

    #: The user picked a patient (or None when the list became empty).
    profile_chosen = Signal(object)
    #: Something the user should know, as one sentence.
    problem = Signal(str)

    def __init__(self, store: Store, bank: QuestionBank, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.model = ProfileListModel(store, bank, self)
        self.model.load_failed.connect(self.problem)

        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(self.tr("Patients"))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(ProfileListModel.NAME, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        header.resizeSection(ProfileListModel.CONDITION, CONDITION_WIDTH)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setItemDelegateForColumn(ProfileListModel.NAME, SampleMarkDelegate(self.view))
        for column in (ProfileListModel.CLINICS, ProfileListModel.ANSWERED, ProfileListModel.CHANGED):
            self.view.setColumnHidden(column, True)  # in the tooltip; the dock is narrow
        self.view.selectionModel().currentRowChanged.connect(self._current_row_changed)

        self.new_button = QPushButton(self.tr("New patient"))
        self.new_button.setAccessibleName(self.tr("Create a new patient profile"))
        new_key = QKeySequence(QKeySequence.StandardKey.New)  # File → New patient, with the list hidden too
        self.new_button.setToolTip(new_key.toString(QKeySequence.SequenceFormat.NativeText))
        self.new_button.clicked.connect(self.create_profile)
        self.delete_button = QPushButton(self.tr("Delete…"))
        self.delete_button.setAccessibleName(self.tr("Delete the selected patient profile"))
        self.delete_button.clicked.connect(self.delete_current)
        self.count_label = QLabel()
        self.worklist_button = QPushButton(self.tr("Show all in a table"))
        self.worklist_button.setAccessibleName(self.tr("Show all patients in a full-width table"))
        self.worklist_button.setToolTip(self.tr(
            "Travel, next appointment, progress and serious red flags for every patient"
        ))
        self.search = SearchBox()
        self._search_timer = self.search.delay  # the filters wait for it too
        self._search_timer.timeout.connect(self._apply_query)
        filters = self._build_filters(bank)

        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.clear_filters_button = QPushButton(self.tr("Show all patients"))
        self.clear_filters_button.setAccessibleName(self.tr("Clear the search and the filters"))
        self.clear_filters_button.clicked.connect(self.clear_filters)
        empty = QWidget()
        empty_layout = QVBoxLayout(empty)
        empty_layout.addStretch(1)
        empty_layout.addWidget(self.empty_label)
        empty_layout.addWidget(self.clear_filters_button, 0, Qt.AlignmentFlag.AlignHCenter)
        empty_layout.addStretch(2)
        self.results = QStackedWidget()
        self.results.addWidget(self.view)
        self.results.addWidget(empty)

        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(buttons)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.count_label)
        layout.addWidget(self.worklist_button)
        self._current: ProfileId | None = None
        self._quiet = False
        self.refresh()

    def _build_filters(self, bank: QuestionBank) -> QFormLayout:
        """Condition, travel month, progress and sort: each one choice, applied like the search."""
        self.condition_filter = ChoiceBox()
        self.condition_filter.setAccessibleName(self.tr("Show patients with this condition"))
        self.condition_filter.addItem(self.tr("All conditions"), None)
        for condition in bank.conditions:
            self.condition_filter.addItem(condition.title.get(ui_language()), condition.id)

        self.travel_filter = ChoiceBox()
        self.travel_filter.setAccessibleName(self.tr("Show patients travelling in this month"))
        self.travel_filter.addItem(self.tr("Any time"), None)
        today = date.today()
        locale = QLocale()
        for step in range(-TRAVEL_MONTHS_BEFORE, TRAVEL_MONTHS_AHEAD + 1):
            year, month = divmod(today.year * 12 + today.month - 1 + step, 12)
            label = locale.toString(QDate(year, month + 1, 1), "MMMM yyyy")
            self.travel_filter.addItem(label, f"{year:04d}-{month + 1:02d}")

        self.progress_filter = ChoiceBox()
        self.progress_filter.setAccessibleName(self.tr("Show patients by progress"))
        self.progress_filter.addItem(self.tr("Any"), None)
        self.progress_filter.addItem(self.tr("Not started (no answers yet)"), "not-started")
        self.progress_filter.addItem(self.tr("In progress (some answers)"), "in-progress")

        self.sort_box = ChoiceBox()
        self.sort_box.setAccessibleName(self.tr("Order of the list"))
        self.sort_box.addItem(self.tr("Recently changed first"), "updated")
        self.sort_box.addItem(self.tr("Name"), "name")
        self.sort_box.addItem(self.tr("Condition"), "condition")
        self.sort_box.addItem(self.tr("Travel month"), "travel")

        # Alt+D, L, G, O: the Questions step, on screen beside the list, owns Alt+Y/N/S/R/W/A.
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for text, box in (
            (self.tr("Con&dition:"), self.condition_filter),
            (self.tr("Trave&l:"), self.travel_filter),
            (self.tr("Pro&gress:"), self.progress_filter),
            (self.tr("S&ort by:"), self.sort_box),
        ):
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(8)
            box.currentIndexChanged.connect(self._search_timer.start)
            label = QLabel(text)
            label.setBuddy(box)
            form.addRow(label, box)
        return form

    @property
    def current_profile_id(self) -> ProfileId | None:
        return self._current

    def query(self) -> ProfileQuery:
        """The search, filters and sort as the controls set them now."""
        return ProfileQuery(
            text=self.search.text(),
            condition=self.condition_filter.currentData(),
            travel_month=self.travel_filter.currentData(),
            progress=self.progress_filter.currentData(),
            sort=self.sort_box.currentData() or "updated",
        )

    def is_filtered(self) -> bool:
        """Whether the list shows only some patients (a search or a filter is set)."""
        query = self.model.query
        return bool(query.text.strip() or query.condition or query.travel_month or query.progress)

    @Slot()
    def clear_filters(self) -> None:
        """Show every patient again (the sort order stays)."""
        for box in (self.condition_filter, self.travel_filter, self.progress_filter):
            box.blockSignals(True)
            box.setCurrentIndex(0)
            box.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self._apply_query()

    def refresh(self) -> None:
        """Re-read the list, keeping the current patient selected."""
        self.model.refresh()
        self._show_count()
        self.select_profile(self._current, notify=False)

    def select_profile(self, profile_id: ProfileId | None, *, notify: bool = True) -> None:
        """Make a patient the current one, selected if shown; `notify` emits `profile_chosen`."""
        self._current = profile_id
        row = None if profile_id is None else self.model.row_of(profile_id)
        self._quiet = True
        try:
            selection = self.view.selectionModel()
            if row is None:
                selection.clear()  # not shown (filtered out, or further down): still the current patient
            else:
                index = self.model.index(row, ProfileListModel.NAME)
                selection.setCurrentIndex(
                    index,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
                )
                self.view.scrollTo(index)
        finally:
            self._quiet = False
        self.delete_button.setEnabled(self._current is not None)
        if notify:
            self.profile_chosen.emit(profile_id)

    def update_profile(self, profile: Profile) -> None:
        self.model.update_profile(profile)

    @Slot()
    def create_profile(self) -> None:
        """Add a patient called "New patient" and pick it; the Profile form then asks for the rest."""
        try:
            profile = self._store.create_profile(self.tr("New patient"))
        except StorageError as error:
            self.problem.emit(said(error))
            return
        self.model.refresh()
        self._show_count()
        self.select_profile(profile.id)

    @Slot()
    def delete_current(self) -> None:
        if self._current is None:
            return
        try:
            name = self._store.profile(self._current).name
        except StorageError as error:
            self.problem.emit(said(error))
            return
        question = self.tr(
            "Delete the profile “{name}” with its clinics and answers from this computer?\n\n"
            "This cannot be undone. Backups made before now still hold it until newer backups "
            "replace them; sheets and patient files made earlier are not affected."
        ).format(name=shortened(name, 80))
        if not ConfirmDialog.ask(self, question, action=self.tr("Delete")):
            return
        try:
            self._store.delete_profile(self._current)
        except StorageError as error:
            self.problem.emit(said(error))
            return
        self._current = None
        self.refresh()
        self.select_profile(self.model.summary(0).id if self.model.rowCount() else None)

    def _show_count(self) -> None:
        total = self.model.total
        filtered = self.is_filtered()
        if filtered and not self.model.counted_all:
            self.count_label.setText(self.tr("Found: more than {count}").format(count=f"{COUNT_LIMIT:,}"))
        elif filtered:
            self.count_label.setText(self.tr("Found: {count}").format(count=total))
        elif total == 1:
            self.count_label.setText(self.tr("1 patient on this computer"))
        else:
            self.count_label.setText(self.tr("{count} patients on this computer").format(count=total))
        if total == 0 and filtered:
            self.empty_label.setText(self.tr("No patients match."))
        elif total == 0:
            self.empty_label.setText(self.tr("No patients yet. Press “New patient” to add one."))
        self.clear_filters_button.setVisible(filtered)
        self.results.setCurrentIndex(1 if total == 0 else 0)

    @Slot()
    def _apply_query(self) -> None:
        self._search_timer.stop()
        self.model.set_query(self.query())
        self._show_count()
        self.select_profile(self._current, notify=False)

    @Slot(QModelIndex, QModelIndex)
    def _current_row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self._quiet or not current.isValid():
            return
        profile_id = ProfileId(self.model.data(current, ProfileIdRole))
        if profile_id != self._current:
            self._current = profile_id
            self.delete_button.setEnabled(True)
            self.profile_chosen.emit(profile_id)
