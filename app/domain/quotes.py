"""Quotes in different currencies, put side by side only with a rate the user typed in.

Clinics quote in won, agencies in dollars or euros; 9,500,000 KRW and 14,000 USD must never
be compared as plain numbers. StemPrep never fetches a rate (it works offline and sends
nothing anywhere): the user enters, in Settings, what one unit of their own currency was
worth in another currency on a given day, and every converted price says which rate and
which day it used. Without a rate for a currency, its prices stay in their own currency.

The rates are kept as one JSON setting (`RATES_SETTING`) in the patient's database.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import date

#: Offered wherever a currency is chosen; any other code can be typed.
CURRENCIES = ("KRW", "USD", "EUR", "GBP", "JPY", "CNY", "AUD", "CAD", "RUB", "MNT", "KZT", "VND", "AED")

#: The Store setting holding the rates (JSON written by `rates_to_text`).
RATES_SETTING = "quotes.exchange_rates"


@dataclass(frozen=True, slots=True)
class ExchangeRate:
    """One unit of the user's own currency was worth `per_unit` of `currency` on `day` ("YYYY-MM-DD")."""

    currency: str
    per_unit: float
    day: str


@dataclass(frozen=True, slots=True)
class ExchangeRates:
    """The user's own currency (`home`) and the rates they entered for others."""

    home: str = ""
    rates: dict[str, ExchangeRate] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ConvertedPrice:
    """A price in the user's own currency, with the rate used."""

    amount: float
    currency: str
    rate: ExchangeRate | None  # None: the price was in the home currency already


def currency_code(text: str) -> str:
    """A currency as compared: "krw " → "KRW"."""
    return text.strip().upper()


def check_rate(currency: str, per_unit: float, day: str) -> ExchangeRate:
    """A rate as entered, checked; ValueError with one sentence if it cannot be used."""
    code = currency_code(currency)
    if not code:
        raise ValueError("Say which currency the rate is for, like KRW.")
    if not math.isfinite(per_unit) or per_unit <= 0:
        raise ValueError(f"The rate for {code} must be a number above zero.")
    try:
        date.fromisoformat(day)
    except ValueError:
        raise ValueError(f"Give the day of the rate for {code} as a date like 2026-11-20.") from None
    return ExchangeRate(code, float(per_unit), day)


def rates_from_text(text: str) -> ExchangeRates:
    """The rates stored in the setting; anything unreadable counts as no rate at all (never a guess)."""
    try:
        data = json.loads(text) if text else {}
        home = currency_code(str(data.get("home", "")))
        rates = {}
        for item in data.get("rates", []):
            rate = check_rate(str(item["currency"]), float(item["per_unit"]), str(item["day"]))
            rates[rate.currency] = rate
    except (ValueError, TypeError, KeyError, AttributeError):
        return ExchangeRates()
    return ExchangeRates(home, rates) if home else ExchangeRates()


def rates_to_text(rates: ExchangeRates) -> str:
    return json.dumps({
        "home": rates.home,
        "rates": [
            {"currency": r.currency, "per_unit": r.per_unit, "day": r.day} for r in rates.rates.values()
        ],
    })


def converted(price: float | None, currency: str, rates: ExchangeRates) -> ConvertedPrice | None:
    """`price` in the user's own currency, if it is in that currency or a rate for its currency was entered."""
    code = currency_code(currency)
    if price is None or not rates.home or not code:
        return None
    if code == rates.home:
        return ConvertedPrice(price, rates.home, None)
    rate = rates.rates.get(code)
    if rate is None:
        return None
    return ConvertedPrice(price / rate.per_unit, rates.home, rate)
