"""The interface language: which one, and loading Qt's and StemPrep's translations for it.

StemPrep speaks English and Korean. The language follows the system unless the user
chose one in Settings → Language (the Store setting ``ui.language``) or started the app
with ``--lang``; it is chosen once, at start, before any window is built.

The catalogues are Qt Linguist files committed under ``resources/i18n/`` (``.ts``,
reviewed as text). Qt loads only compiled ``.qm`` files, so the first start after a
catalogue changed compiles it with the ``lrelease`` that ships with PySide6 into the user's
cache folder, named after a hash of the catalogue: a stale ``.qm`` can never be loaded, and
every way of starting StemPrep (the scripts, the ``stemprep`` command, ``python main.py``,
the tests) gets the same result without a separate build step. The self-contained program
carries no lrelease: its build puts the compiled ``.qm``, under the same hashed name, beside
the ``.ts``, where it is found first. If it cannot be compiled the interface stays in English
and the reason is logged.

Qt's own translations (``qtbase_ko``: the buttons of standard dialogs, the context menu of
a text box) are installed before StemPrep's, as Qt's documentation asks.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path

import platformdirs
import PySide6
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from db.errors import StorageError
from db.files import cache_key, publish_file
from db.store import Store
from resources import resource_path

log = logging.getLogger("stemprep.gui.i18n")

#: The Store setting holding the user's choice: "en", "ko", or "" to follow the system.
LANGUAGE_SETTING = "ui.language"

#: Follow the system's language (the setting's value when the user has not chosen).
FOLLOW_SYSTEM = ""

#: The interface languages, each named in its own language (a user who cannot read the
#: current one must still find their own in the list).
LANGUAGES: dict[str, str] = {"en": "English", "ko": "한국어"}

#: The language used when the system's is neither.
DEFAULT_LANGUAGE = "en"

#: The catalogue files: resources/i18n/stemprep_<language>.ts.
CATALOGUE_FOLDER = "i18n"
CATALOGUE_STEM = "stemprep"

_TRANSLATOR_NAME = "stemprep-translator"
_LANGUAGE_PROPERTY = "stemprep_language"
_LOCALES = {
    "en": QLocale(QLocale.Language.English, QLocale.Country.UnitedStates),
    "ko": QLocale(QLocale.Language.Korean, QLocale.Country.SouthKorea),
}
LRELEASE_TIMEOUT_S = 60


def normalise_language(value: str | None) -> str | None:
    """"ko", "ko_KR", "KO-kr" → "ko"; "en-GB" → "en"; anything StemPrep does not speak → None."""
    if not value:
        return None
    code = value.strip().replace("_", "-").split("-")[0].lower()
    return code if code in LANGUAGES else None


def system_language(locale: QLocale | None = None) -> str:
    """The first of the system's preferred languages that StemPrep speaks, else English."""
    locale = locale if locale is not None else QLocale.system()
    for name in [*locale.uiLanguages(), locale.name()]:
        found = normalise_language(name)
        if found:
            return found
    return DEFAULT_LANGUAGE


def choose_language(explicit: str | None, stored: str, locale: QLocale | None = None) -> str:
    """`--lang` first, then the user's choice in Settings, then the system's language."""
    return normalise_language(explicit) or normalise_language(stored) or system_language(locale)


def stored_language(store: Store) -> str:
    """The language chosen in Settings ("en", "ko"), or "" to follow the system."""
    try:
        return normalise_language(store.setting(LANGUAGE_SETTING, FOLLOW_SYSTEM)) or FOLLOW_SYSTEM
    except StorageError:
        return FOLLOW_SYSTEM  # unreadable: the system's language will do


def save_language(store: Store, language: str) -> None:
    """Remember the user's choice for the next start (may raise StorageError)."""
    store.set_setting(LANGUAGE_SETTING, normalise_language(language) or FOLLOW_SYSTEM)


def ui_language() -> str:
    """The language the interface was started in ("en" or "ko"): the one `install_translations` installed."""
    app = QCoreApplication.instance()
    language = app.property(_LANGUAGE_PROPERTY) if app is not None else None
    return language if language in LANGUAGES else DEFAULT_LANGUAGE


def said(error: BaseException) -> str:
    """The sentence a user-facing error says, in Korean when the interface is Korean and StemPrep has it."""
    korean = getattr(error, "korean", None)
    return korean if korean and ui_language() == "ko" else str(error)


def other_language(language: str) -> str:
    """The second language shown beside the first: Korean beside English, and English beside Korean."""
    return "en" if language == "ko" else "ko"


# ====================================================================== catalogues


def catalogue_source(language: str) -> Path:
    """The committed Qt Linguist catalogue for `language`."""
    return resource_path(CATALOGUE_FOLDER, f"{CATALOGUE_STEM}_{language}.ts")


def default_cache_folder() -> Path:
    """Where compiled catalogues are kept: the user's cache folder, never the data folder."""
    return Path(platformdirs.user_cache_dir("StemPrep", appauthor=False)) / CATALOGUE_FOLDER


def qt_tool_command(tool: str) -> list[str] | None:
    """A Qt Linguist tool ("lrelease", "lupdate") that ships with PySide6, or one on PATH."""
    folder = Path(PySide6.__file__).resolve().parent
    name = f"{tool}.exe" if sys.platform == "win32" else tool
    for candidate in (folder / name, folder / "Qt" / "bin" / name, folder / "Qt" / "libexec" / name):
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return [str(candidate)]
    for fallback in (f"pyside6-{tool}", f"{tool}-qt6", tool):
        found = shutil.which(fallback)
        if found:
            return [found]
    return None


def compiled_catalogue(language: str, cache_folder: Path | None = None) -> Path | None:
    """The `.qm` for `language`, compiled now if the catalogue changed; None if there is none.

    The file name carries a hash of the `.ts`, so an edited catalogue is always compiled
    again and an old `.qm` is never used.
    """
    source = catalogue_source(language)
    if not source.is_file():
        return None
    data = source.read_bytes()
    name = f"{CATALOGUE_STEM}_{language}-{cache_key(data)}.qm"
    shipped = source.with_name(name)
    if shipped.is_file():
        return shipped  # compiled when the self-contained program was built (scripts/bundle)
    folder = cache_folder if cache_folder is not None else default_cache_folder()
    target = folder / name
    if target.is_file():
        return target
    command = qt_tool_command("lrelease")
    if command is None:
        log.warning("cannot compile %s: no lrelease found (PySide6 ships one); the interface stays English", source)
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=".qm", dir=folder)
        os.close(handle)
    except OSError as error:
        log.warning("cannot write the compiled catalogue in %s: %s", folder, error)
        return None
    import subprocess  # only when a catalogue must be compiled: not at every start (~1 MiB)

    try:
        result = subprocess.run(
            [*command, "-silent", str(source), "-qm", temporary],
            capture_output=True,
            text=True,
            timeout=LRELEASE_TIMEOUT_S,
            check=False,
        )
        if result.returncode != 0 or not Path(temporary).stat().st_size:
            log.warning("lrelease could not compile %s: %s", source, (result.stderr or result.stdout).strip())
            return None
        publish_file(temporary, target)  # a half-written .qm is never seen under the final name
    except (OSError, subprocess.SubprocessError) as error:
        log.warning("lrelease could not compile %s: %s", source, error)
        return None
    finally:
        Path(temporary).unlink(missing_ok=True)
    for old in folder.glob(f"{CATALOGUE_STEM}_{language}-*.qm"):
        if old != target:
            try:
                old.unlink(missing_ok=True)
            except OSError:
                pass  # another StemPrep still has it open (Windows); it goes next time
    return target


def load_translator(language: str, parent: QCoreApplication | None = None, cache_folder: Path | None = None) -> QTranslator | None:
    """StemPrep's own translator for `language`, loaded but not installed (None if unavailable)."""
    path = compiled_catalogue(language, cache_folder)
    if path is None:
        return None
    translator = QTranslator(parent)
    if not translator.load(str(path)):
        log.warning("Qt could not load the compiled catalogue %s", path)
        return None
    return translator


# ====================================================================== installing


def install_translations(app: QCoreApplication, language: str, cache_folder: Path | None = None) -> list[QTranslator]:
    """Make `language` the interface language: Qt's translations first, then StemPrep's.

    Replaces the translators an earlier call installed, and sets Qt's default locale
    (numbers, dates, the text direction of standard dialogs). Call before building windows.
    """
    remove_translations(app)
    language = normalise_language(language) or DEFAULT_LANGUAGE
    QLocale.setDefault(_LOCALES[language])
    app.setProperty(_LANGUAGE_PROPERTY, language)
    installed: list[QTranslator] = []
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_translator = QTranslator(app)
    if qt_translator.load(QLocale(_LOCALES[language]), "qtbase", "_", qt_folder):
        installed.append(qt_translator)
    else:
        qt_translator.deleteLater()
    ours = load_translator(language, app, cache_folder)
    if ours is not None:
        installed.append(ours)
    for translator in installed:
        translator.setObjectName(_TRANSLATOR_NAME)
        app.installTranslator(translator)
    return installed


def remove_translations(app: QCoreApplication) -> None:
    """Take out the translators `install_translations` put in (back to the English sources)."""
    for translator in app.findChildren(QTranslator, _TRANSLATOR_NAME):
        app.removeTranslator(translator)
        translator.setParent(None)
        translator.deleteLater()
    app.setProperty(_LANGUAGE_PROPERTY, DEFAULT_LANGUAGE)
    QLocale.setDefault(_LOCALES[DEFAULT_LANGUAGE])
