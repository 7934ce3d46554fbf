"""Where StemPrep's bundled files live: the question bank, fonts and translations.

Content is data (TOML files here), not code, so that a clinician or translator can
review it without reading Python. This module is the one place that knows where
those files are on disk; it imports nothing from Qt, so the storage layer, the
sheet renderer and the tests can all use it.
"""

from __future__ import annotations

from pathlib import Path

RESOURCES_DIR: Path = Path(__file__).resolve().parent


def resource_path(*parts: str) -> Path:
    """The path of a bundled file, e.g. ``resource_path("fonts", "NanumGothic.ttf")``."""
    return RESOURCES_DIR.joinpath(*parts)
