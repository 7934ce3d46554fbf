"""How StemPrep writes numbers and short text for people: prices, exchange rates, measures, cut names.

One definition each, used by the screens and the printed sheet alike, so a price reads
the same in the comparison on screen and on paper, and a long name is cut the same way.
"""

from __future__ import annotations


def format_price(price: float | None) -> str:
    """12000000.0 → "12,000,000"; 1500.5 → "1,500.50"; None → ""."""
    if price is None:
        return ""
    return f"{price:,.0f}" if float(price).is_integer() else f"{price:,.2f}"


def format_rate(rate: float) -> str:
    """1390.0 → "1,390"; 0.92 → "0.92"; 0.000712 → "0.000712": as many digits as were typed, no more."""
    return f"{rate:,.6f}".rstrip("0").rstrip(".")


def format_number(value: float | int) -> str:
    """A measure as people write it: 3, 2.5, 45 (no trailing ".0")."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def shortened(text: str, limit: int) -> str:
    """`text` on one line and at most `limit` characters, ending in "…" when cut.

    For table cells, headers, lists and messages, where the full text is shown elsewhere.
    """
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return flat[: max(limit - 1, 1)].rstrip() + "\u2026"
