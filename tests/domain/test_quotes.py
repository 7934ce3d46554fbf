"""Quotes in different currencies: converted only with a rate the user entered, never compared as plain numbers."""

from __future__ import annotations

import pytest

from app.domain.quotes import ExchangeRate, ExchangeRates, check_rate, converted, rates_from_text, rates_to_text

RATES = ExchangeRates("USD", {"KRW": ExchangeRate("KRW", 1390.0, "2026-11-20")})


def test_a_price_is_converted_only_with_an_entered_rate() -> None:
    price = converted(9_500_000, "krw", RATES)
    assert price is not None and price.currency == "USD"
    assert price.amount == pytest.approx(9_500_000 / 1390)
    assert price.rate == RATES.rates["KRW"]
    same = converted(14_000, "USD", RATES)
    assert same is not None and same.amount == 14_000 and same.rate is None
    assert converted(5_000, "EUR", RATES) is None  # no rate entered: stays as quoted
    assert converted(5_000, "", RATES) is None  # no currency: nothing to convert from
    assert converted(9_500_000, "KRW", ExchangeRates()) is None  # no rates at all


def test_rates_round_trip_and_unreadable_settings_mean_no_rates() -> None:
    assert rates_from_text(rates_to_text(RATES)) == RATES
    for broken in ("", "{", "[]", '{"home": "USD", "rates": [{"currency": "KRW", "per_unit": -1, "day": "2026-11-20"}]}',
                   '{"home": "USD", "rates": [{"currency": "KRW", "per_unit": 1390, "day": "yesterday"}]}'):
        assert rates_from_text(broken) == ExchangeRates(), broken


@pytest.mark.parametrize(("currency", "per_unit", "day"), [("", 1.0, "2026-11-20"), ("KRW", 0.0, "2026-11-20"),
                                                           ("KRW", float("nan"), "2026-11-20"), ("KRW", 1.0, "20/11")])
def test_a_rate_that_cannot_be_used_is_one_sentence(currency: str, per_unit: float, day: str) -> None:
    with pytest.raises(ValueError, match=r"^[A-Z].*\.$"):
        check_rate(currency, per_unit, day)
