"""Settings → Exchange rates: the rates the user types in, so quotes in different currencies can be compared.

StemPrep never looks a rate up (it works offline); the user enters what one unit of their
own currency was worth in another currency, and on which day, from their bank or a
newspaper. The comparison of clinics then shows each price in its own currency and, below
it, in the user's currency with that rate and day (`app.domain.quotes`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QDate, Qt, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.formatting import format_rate
from app.domain.quotes import (
    CURRENCIES,
    RATES_SETTING,
    ExchangeRate,
    ExchangeRates,
    check_rate,
    currency_code,
    rates_from_text,
    rates_to_text,
)
from app.gui.i18n import said
from db.errors import StorageError
from db.store import Store


def load_rates(store: Store) -> ExchangeRates:
    """The rates the user entered (none if they cannot be read: a price is then shown as quoted)."""
    try:
        return rates_from_text(store.setting(RATES_SETTING))
    except StorageError:
        return ExchangeRates()


class ExchangeRatesDialog(QDialog):
    """The user's own currency and a table of rates: currency, how much of it one unit buys, the day."""

    CURRENCY, PER_UNIT, DAY = range(3)

    def __init__(self, rates: ExchangeRates, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Exchange rates"))
        self.home = QComboBox()
        self.home.setEditable(True)
        self.home.addItems(CURRENCIES)
        self.home.setCurrentText(rates.home or "USD")
        self.home.setAccessibleName(self.tr("Your own currency"))
        self.home.currentTextChanged.connect(self._show_headings)
        self.table = QTableWidget(0, 3)
        self.table.setAccessibleName(self.tr("Exchange rates you entered"))
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for rate in rates.rates.values():
            self._add_row(rate.currency, format_rate(rate.per_unit).replace(",", ""), rate.day)
        self._show_headings()
        self.add_button = QPushButton(self.tr("&Add a rate"))
        self.add_button.clicked.connect(lambda: self._add_row("KRW", "", QDate.currentDate().toString(Qt.DateFormat.ISODate)))
        self.remove_button = QPushButton(self.tr("&Remove the rate"))
        self.remove_button.clicked.connect(self._remove_row)
        row_buttons = QHBoxLayout()
        row_buttons.addWidget(self.add_button)
        row_buttons.addWidget(self.remove_button)
        row_buttons.addStretch(1)
        note = QLabel(self.tr(
            "StemPrep never looks up exchange rates on the internet. Type a rate from your bank or a "
            "newspaper and the day it was given. The comparison of clinics then shows each price as quoted "
            "and, under it, in your own currency with that rate and day. Prices in a currency without a rate "
            "stay as quoted."
        ))
        note.setWordWrap(True)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020; font-weight: bold;")
        self.error.hide()
        form = QFormLayout()
        form.addRow(self.tr("Your &currency:"), self.home)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addLayout(row_buttons)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(max(self.sizeHint().width(), 640), 460)

    def _add_row(self, currency: str, per_unit: str, day: str) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, text in ((self.CURRENCY, currency), (self.PER_UNIT, per_unit), (self.DAY, day)):
            self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.setCurrentCell(row, self.PER_UNIT)

    @Slot()
    def _remove_row(self) -> None:
        if self.table.currentRow() >= 0:
            self.table.removeRow(self.table.currentRow())

    @Slot()
    def _show_headings(self) -> None:
        home = currency_code(self.home.currentText()) or "?"
        self.table.setHorizontalHeaderLabels([
            self.tr("Currency"),
            self.tr("1 {home} is worth").format(home=home),
            self.tr("Day of the rate"),
        ])

    def rates(self) -> ExchangeRates:
        """The rates as entered; ValueError with one sentence if one cannot be used."""
        home = currency_code(self.home.currentText())
        if not home:
            raise ValueError(self.tr("Choose your own currency, like USD."))
        rates: dict[str, ExchangeRate] = {}
        for row in range(self.table.rowCount()):
            cells = [(self.table.item(row, c).text() if self.table.item(row, c) else "").strip() for c in range(3)]
            if not any(cells):
                continue
            try:
                per_unit = float(cells[self.PER_UNIT].replace(",", ""))
            except ValueError:
                raise ValueError(self.tr("The rate for {currency} must be a number, like 1390.").format(
                    currency=cells[self.CURRENCY] or "?")) from None
            rate = check_rate(cells[self.CURRENCY], per_unit, cells[self.DAY])
            rates[rate.currency] = rate
        return ExchangeRates(home, rates)

    def accept(self) -> None:
        try:
            self.rates()
        except ValueError as error:
            self.error.setText(said(error))
            self.error.show()
            return
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None, rates: ExchangeRates) -> ExchangeRates | None:
        """The rates the user settled on; None if they cancelled."""
        dialog = cls(rates, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.rates()


def add_rates_action(
    menu: QMenu, store: Store, window: QMainWindow, *, on_changed: Callable[[], None],
    on_problem: Callable[[str], None],
) -> QAction:
    """Settings → Exchange rates…, which asks and keeps the rates in the patient's database."""
    action = QAction(QCoreApplication.translate("ExchangeRatesDialog", "&Exchange rates…"), window)

    def choose() -> None:
        chosen = ExchangeRatesDialog.ask(window, load_rates(store))
        if chosen is None:
            return
        try:
            store.set_setting(RATES_SETTING, rates_to_text(chosen))
        except StorageError as error:
            on_problem(said(error))
            return
        on_changed()

    action.triggered.connect(choose)
    menu.addAction(action)
    return action
