"""Where the patient's database file lives.

By default it is in the per-user data folder (never a roaming profile, so health
data is not synced to other machines by the operating system). The
``STEMPREP_DB`` environment variable overrides that, and ``--db PATH`` on the
command line overrides both.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "StemPrep"
DATABASE_FILE = "stemprep.db"
ENV_VAR = "STEMPREP_DB"


def data_folder() -> Path:
    """The per-user folder StemPrep keeps its data, backups and logs in."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False))


def database_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The database to open: ``--db`` first, then ``$STEMPREP_DB``, then the data folder."""
    if explicit:
        return Path(explicit).expanduser()
    from_env = os.environ.get(ENV_VAR, "").strip()
    if from_env:
        return Path(from_env).expanduser()
    return data_folder() / DATABASE_FILE
