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


def named_database(explicit: str | os.PathLike[str] | None = None) -> Path | None:
    """The database the user named: ``--db`` first, then ``$STEMPREP_DB``; None when neither is given."""
    if explicit:
        return Path(explicit).expanduser()
    from_env = os.environ.get(ENV_VAR, "").strip()
    return Path(from_env).expanduser() if from_env else None


def database_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The database to open: the one the user named, else the one in the data folder."""
    return named_database(explicit) or data_folder() / DATABASE_FILE
