"""Turning a profile into paper: the bilingual PDF question sheet (no Qt here)."""
