"""The Korean catalogue covers every string of the interface, and the language is chosen and loaded as promised.

The completeness test runs Qt's own extractor (lupdate) over app/gui into a temporary
catalogue and compares it with the committed one, so a string added anywhere without a
translation fails here with its context and text. Refresh the catalogue with
`scripts/update-translations`, translate what it marks unfinished, and run this again.
"""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from gui_helpers import wait_for_autosave
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.cli import main as cli_main
from app.gui import i18n
from app.gui.i18n import (
    catalogue_source,
    choose_language,
    compiled_catalogue,
    install_translations,
    qt_tool_command,
    remove_translations,
    system_language,
    ui_language,
)
from app.gui.main_window import MainWindow
from app.gui.preferences import LanguageDialog
from db.store import Store

GUI_FOLDER = Path(__file__).resolve().parents[2] / "app" / "gui"
PLACEHOLDER = re.compile(r"\{[a-z_0-9]*\}|%n")
TAG = re.compile(r"</?[a-z]+[^>]*>")

Message = tuple[str, str]  # (context, source)


def _messages(path: Path) -> dict[Message, ET.Element]:
    root = ET.parse(path).getroot()
    return {
        (context.findtext("name") or "", message.findtext("source") or ""): message
        for context in root.iter("context")
        for message in context.iter("message")
    }


def _translations(message: ET.Element) -> list[str]:
    translation = message.find("translation")
    assert translation is not None
    forms = [form.text or "" for form in translation.iter("numerusform")]
    return forms if message.get("numerus") == "yes" else [translation.text or ""]


def _unfinished(message: ET.Element) -> bool:
    translation = message.find("translation")
    return (
        translation is None
        or translation.get("type") in ("unfinished", "vanished", "obsolete")
        or not all(text.strip() for text in _translations(message))
    )


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> dict[Message, ET.Element]:
    """What lupdate finds in the code now."""
    command = qt_tool_command("lupdate")
    assert command is not None, "lupdate (shipped with PySide6) is needed to check the catalogue"
    target = tmp_path_factory.mktemp("lupdate") / "fresh_ko.ts"
    sources = sorted(str(path) for path in GUI_FOLDER.rglob("*.py"))
    subprocess.run(
        [*command, "-silent", "-no-obsolete", "-locations", "none", "-target-language", "ko_KR", *sources, "-ts", str(target)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return _messages(target)


@pytest.fixture(scope="session")
def catalogue_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("i18n-cache")


@pytest.fixture
def korean(qapp: QApplication, catalogue_cache: Path) -> Iterator[None]:
    install_translations(qapp, "ko", catalogue_cache)
    yield
    remove_translations(qapp)


# ====================================================================== the catalogues


def test_every_string_in_the_interface_has_a_finished_korean_translation(
    extracted: dict[Message, ET.Element],
) -> None:
    committed = _messages(catalogue_source("ko"))
    missing = sorted(set(extracted) - set(committed))
    unfinished = sorted(key for key in extracted if key in committed and _unfinished(committed[key]))
    report = [f"missing  {context}: {source!r}" for context, source in missing]
    report += [f"unfinished  {context}: {source!r}" for context, source in unfinished]
    assert not report, (
        f"{len(report)} strings need a Korean translation; run scripts/update-translations "
        "and translate them in resources/i18n/stemprep_ko.ts:\n" + "\n".join(report)
    )


def test_every_plural_has_its_english_forms(extracted: dict[Message, ET.Element]) -> None:
    committed = _messages(catalogue_source("en"))
    plurals = sorted(key for key, message in extracted.items() if message.get("numerus") == "yes")
    assert plurals, "the interface has %n plurals (e.g. the sheet preview's page count)"
    report = [
        f"{context}: {source!r}"
        for context, source in plurals
        if (context, source) not in committed or _unfinished(committed[(context, source)])
        or len(_translations(committed[(context, source)])) != 2
    ]
    assert not report, "plurals without their English singular and plural:\n" + "\n".join(report)


def test_translations_keep_placeholders_markup_and_the_mnemonic_letter() -> None:
    problems = []
    for (context, source), message in _messages(catalogue_source("ko")).items():
        for text in _translations(message):
            if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(text)):
                problems.append(f"placeholders differ in {context}: {source!r} → {text!r}")
            if sorted(TAG.findall(source)) != sorted(TAG.findall(text)):
                problems.append(f"markup differs in {context}: {source!r} → {text!r}")
            # The same Alt+letter in both languages: the keyboard layout stays Latin, and the
            # accessibility test proves each screen's letters are free in one language.
            if QKeySequence.mnemonic(source) != QKeySequence.mnemonic(text):
                problems.append(f"mnemonic differs in {context}: {source!r} → {text!r}")
    assert problems == [], "\n".join(problems)


def test_an_edited_catalogue_is_compiled_again_and_the_old_one_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "stemprep_ko.ts"
    source.write_text(catalogue_source("ko").read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(i18n, "catalogue_source", lambda language: source)
    cache = tmp_path / "cache"
    first = compiled_catalogue("ko", cache)
    assert first is not None and first.stat().st_size > 0
    assert compiled_catalogue("ko", cache) == first  # unchanged: not compiled again

    source.write_text(source.read_text(encoding="utf-8").replace("파일(&amp;F)", "파일 메뉴(&amp;F)"), encoding="utf-8")
    second = compiled_catalogue("ko", cache)
    assert second is not None and second != first
    assert not first.exists()


# ====================================================================== loading


def test_qt_translations_are_installed_before_stemprep_and_both_apply(qapp: QApplication, catalogue_cache: Path) -> None:
    try:
        installed = install_translations(qapp, "ko", catalogue_cache)
        assert [Path(t.filePath()).name.split("-")[0].split(".")[0] for t in installed] == ["qtbase_ko", "stemprep_ko"]
        assert QCoreApplication.translate("MainWindow", "&File") == "파일(&F)"
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "취소"  # Qt's own buttons
        assert ui_language() == "ko" and QLocale().language() == QLocale.Language.Korean
    finally:
        remove_translations(qapp)
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"
    assert ui_language() == "en"


def test_english_counts_its_plurals(qapp: QApplication, catalogue_cache: Path) -> None:
    try:
        install_translations(qapp, "en", catalogue_cache)
        one = QCoreApplication.translate("SheetStep", "Preview: %n page(s).", "", 1)
        many = QCoreApplication.translate("SheetStep", "Preview: %n page(s).", "", 3)
    finally:
        remove_translations(qapp)
    assert (one, many) == ("Preview: 1 page.", "Preview: 3 pages.")


def test_the_window_is_korean_when_started_in_korean(
    store: Store, bank: object, korean: None, make_window: object
) -> None:
    store.create_profile("이순자", condition="knee-oa")
    window = make_window()  # type: ignore[operator]
    assert window.file_menu.title() == "파일(&F)"
    assert window.step_buttons[0].text().endswith("프로필")
    assert window.profile_step.condition.currentText().startswith("무릎")  # the bank's Korean first


def test_menus_in_korean_keep_every_entry_whole_at_every_text_size(
    qapp: QApplication, store: Store, korean: None, make_window: object
) -> None:
    """Qt sizes a menu a little narrower than a Korean entry draws, and cut the widest in the middle."""
    from app.gui.main_window import MENU_SLACK_CHARACTERS
    from app.gui.text_size import DEFAULT_TEXT_SIZE, TEXT_SIZES, apply_text_size

    store.create_profile("이순자", condition="knee-oa")
    window = make_window()  # type: ignore[operator]
    try:
        for size in TEXT_SIZES:
            apply_text_size(qapp, size)
            for menu in (window.file_menu, window.view_menu, window.settings_menu, window.help_menu):
                menu.setMinimumWidth(0)
                reckoned = menu.sizeHint().width()  # what Qt alone would give it
                menu.aboutToShow.emit()
                slack = MENU_SLACK_CHARACTERS * menu.fontMetrics().averageCharWidth()
                assert menu.minimumWidth() >= reckoned + slack, (size, menu.title())
    finally:
        apply_text_size(qapp, DEFAULT_TEXT_SIZE)


# ====================================================================== choosing


@pytest.mark.parametrize(
    ("explicit", "stored", "system", "expected"),
    [
        ("en", "ko", "ko_KR", "en"),  # --lang wins
        (None, "ko", "en_US", "ko"),  # then Settings → Language
        (None, "", "ko_KR", "ko"),  # then the system
        (None, "", "de_DE", "en"),  # a language StemPrep does not speak: English
        ("ko-KR", "", "en_US", "ko"),
    ],
)
def test_the_language_is_the_command_line_then_the_setting_then_the_system(
    explicit: str | None, stored: str, system: str, expected: str
) -> None:
    assert choose_language(explicit, stored, QLocale(system)) == expected


def test_system_language_reads_the_preferred_languages() -> None:
    assert system_language(QLocale("ko_KR")) == "ko"
    assert system_language(QLocale("en_GB")) == "en"


def test_lang_on_the_command_line_reaches_the_window(monkeypatch: pytest.MonkeyPatch, db_path: Path) -> None:
    seen: dict[str, object] = {}

    def fake_run_gui(path: Path, **options: object) -> int:
        seen.update(options, path=path)
        return 0

    monkeypatch.setattr("app.gui.application.run_gui", fake_run_gui)
    assert cli_main(["--db", str(db_path), "--lang", "ko"]) == 0
    assert seen["language"] == "ko"
    assert cli_main(["--db", str(db_path)]) == 0
    assert seen["language"] is None


def test_run_gui_uses_the_setting_unless_lang_says_otherwise(
    qapp: QApplication, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.gui.application import run_gui

    with Store.open(db_path) as store:
        store.create_profile("Margaret Lee", condition="knee-oa")
        store.set_setting(i18n.LANGUAGE_SETTING, "ko")
    titles: list[str] = []
    original_show = MainWindow.show
    monkeypatch.setattr(MainWindow, "show", lambda self: (titles.append(self.file_menu.title()), original_show(self)))

    assert run_gui(db_path, exit_after_startup=True) == 0
    assert run_gui(db_path, exit_after_startup=True, language="en") == 0
    assert titles == ["파일(&F)", "&File"]
    assert ui_language() == "en"  # the application is left as it was


def test_settings_language_remembers_the_choice_for_next_time(
    store: Store, make_window: object, monkeypatch: pytest.MonkeyPatch, reopen: object
) -> None:
    store.create_profile("Margaret Lee", condition="knee-oa")
    window = make_window()  # type: ignore[operator]
    asked: list[str] = []
    monkeypatch.setattr(LanguageDialog, "ask", classmethod(lambda cls, parent, current: asked.append(current) or "ko"))
    [action] = [a for a in window.settings_menu.actions() if a.text() == "&Language…"]
    action.trigger()
    assert asked == [""]
    with reopen() as disk:  # type: ignore[operator]
        assert disk.setting(i18n.LANGUAGE_SETTING) == "ko"
    assert "한국어" in window.statusBar().currentMessage()
    assert window.file_menu.title() == "&File"  # applies at the next start, as the dialog says


def test_a_value_that_does_not_fit_is_explained_in_korean_in_the_korean_window(
    qtbot: QtBot, store: Store, korean: None, make_window: Callable[[], MainWindow]
) -> None:
    store.create_profile("이순자", condition="knee-oa", birth_year=1950, travel_start="2027-04")
    window = make_window()
    form = window.profile_step
    form.birth_year.selectAll()
    qtbot.keyClicks(form.birth_year, "1850")
    wait_for_autosave(qtbot)
    assert window.banner.message.startswith("출생 연도: 1900부터 ")
    assert window.banner.message.endswith("까지의 정수로 입력해 주십시오.")
    form.birth_year.selectAll()
    qtbot.keyClicks(form.birth_year, "1950")
    qtbot.keyClicks(form.travel_end, "2027-02")
    wait_for_autosave(qtbot)
    assert window.banner.message == "여행할 수 있는 마지막 달이 첫 달보다 앞섭니다. 둘 중 하나를 고쳐 주십시오."
    assert not re.search("[A-Za-z]{3,}", window.banner.message)
    form.travel_end.selectAll()
    qtbot.keyClicks(form.travel_end, "2027-06")  # put right, so the window closes without asking
    wait_for_autosave(qtbot)
    assert window.banner.message == ""


def test_errors_without_a_korean_sentence_stay_in_english_and_english_windows_stay_english() -> None:
    from db.errors import InvalidValue, StorageError

    assert i18n.said(StorageError("The disk is full.")) == "The disk is full."
    assert i18n.said(InvalidValue("Year of birth must be…", korean="출생 연도: …")) == "Year of birth must be…"
