"""Settings → Exchange rates: the comparison shows each price as quoted and, with an entered rate, in the user's
currency with the rate and its day."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from app.domain.demo import create_demo
from app.domain.quotes import RATES_SETTING, ExchangeRate, ExchangeRates, rates_from_text
from app.gui.exchange_rates import ExchangeRatesDialog
from app.gui.main_window import MainWindow
from db.store import Store

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _price_cells(window: MainWindow) -> list[str]:
    step = window.clinics_step
    step.tabs.setCurrentIndex(step.COMPARE_TAB)
    model = step.comparison_model
    row = next(r for r in range(model.rowCount()) if model.row(r).fact == "price")
    return [str(model.data(model.index(row, column))) for column in range(1, model.columnCount())]


def test_prices_stay_in_their_currency_until_a_rate_is_entered(
    qtbot: QtBot, store: Store, make_window: Callable[[], MainWindow], monkeypatch: pytest.MonkeyPatch,
    reopen: Callable[[], Store],
) -> None:
    create_demo(store)
    window = make_window()
    window.go_to_step(MainWindow.CLINICS)
    assert _price_cells(window) == ["9,500,000 KRW", "14,000 USD"]  # side by side, never converted unasked

    entered = ExchangeRates("USD", {"KRW": ExchangeRate("KRW", 1390.0, "2026-11-20")})
    monkeypatch.setattr(ExchangeRatesDialog, "ask", classmethod(lambda cls, parent, rates: entered))
    action = next(a for a in window.settings_menu.actions() if "Exchange" in a.text())
    action.trigger()

    with reopen() as disk:
        assert rates_from_text(disk.setting(RATES_SETTING)) == entered
    won, dollars = _price_cells(window)
    assert won == "9,500,000 KRW\n≈ 6,835 USD (1 USD = 1,390 KRW on 2026-11-20)"
    assert dollars == "14,000 USD"


def test_the_dialog_keeps_a_rate_it_cannot_use_on_screen_with_one_sentence(qtbot: QtBot) -> None:
    dialog = ExchangeRatesDialog(ExchangeRates())
    qtbot.addWidget(dialog)
    dialog.add_button.click()
    dialog.table.item(0, dialog.PER_UNIT).setText("lots")
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert dialog.error.text() == "The rate for KRW must be a number, like 1390."
    dialog.table.item(0, dialog.PER_UNIT).setText("1,390")
    assert dialog.rates() == ExchangeRates(
        "USD", {"KRW": ExchangeRate("KRW", 1390.0, dialog.table.item(0, dialog.DAY).text())}
    )
