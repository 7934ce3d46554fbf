"""Fixtures for the sheet tests (defined in sheet_helpers, registered here)."""

from sheet_helpers import bank, patient  # noqa: F401  (pytest fixtures)
