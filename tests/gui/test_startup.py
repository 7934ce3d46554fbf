"""Starting like a native app: paint first, check the file after, build the rest when it is needed.

The window opens without the quick check of the whole file and runs it on a worker
after its first paint; until it has passed, nothing the user types or clicks reaches
the window, and a damaged file still gets its dialog before any edit. The steps other
than the first are built on first visit, and the first screen loads only the modules
it needs (`FIRST_PAINT_MODULES`).
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.domain.question_bank import QuestionBank
from app.gui import session as session_module
from app.gui.application import run_gui
from app.gui.main_window import MainWindow
from app.gui.recovery import DamagedFileDialog
from db import backup
from db.errors import DatabaseDamaged
from db.search import ProfileQuery
from db.store import Store
from tests.damage import PAGE, pages_of, scribble

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

ROOT = Path(__file__).resolve().parents[2]
GIVE_UP_MS = 30_000

#: Top-level packages the window may have loaded by its first paint, besides the standard
#: library: Qt's core modules and StemPrep's own (the Store works over the standard `sqlite3`).
ALLOWED_PACKAGES = {
    "PySide6", "shiboken6", "shibokensupport", "signature_bootstrap", "__feature__", "app", "db", "resources",
    "platformdirs",
}
#: Qt modules the first screen uses; QtPdf, QtPdfWidgets and QtPrintSupport come with the Sheet step.
ALLOWED_QT = {"PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets"}
#: StemPrep modules that only later screens or menu items need: the other steps, the worklist,
#: and the menus' features (added once the window takes input) with what they bring.
LATER_MODULES = {
    "app.gui.questions", "app.gui.sheet", "app.gui.doctor_view", "app.gui.clinics", "app.gui.comparison",
    "app.gui.worklist", "app.domain.worklist",
    "app.gui.menu_features", "app.gui.batch_dialog", "app.gui.batch_runners", "app.gui.help",
    "app.gui.exchange_rates", "app.gui.facilitator_dialog", "app.gui.profile_file_dialogs",
    "app.domain.sheet_content", "app.domain.red_flags", "app.domain.quotes", "app.export.batch",
    "app.domain.profile_file", "app.domain.bank_schema", "app.domain.bank_checks",
    "app.export.question_sheet", "app.export.batch_process", "db.migrations",
    "app.gui.scaling_style",  # the style for larger text and dark palettes; this start is Normal and light
}
#: What the menus' dialogs need, loaded when one is first opened, not with the menus' entries.
DIALOG_MODULES = {
    "app.gui.batch_dialog", "app.gui.batch_runners", "app.domain.sheet_content", "app.domain.red_flags",
    "app.export.batch", "html",
}
#: Standard modules the first screen does not need: the profile's new identity (`uuid`, with
#: `platform`) and the demo's file (`tomllib`) come when a patient or the demo is made.
LATER_STANDARD = {"uuid", "platform", "tomllib"}
#: Not even when the window takes input: `hashlib` loads OpenSSL (3.5 MiB), wanted only when a
#: backup is made (caches are keyed without it); the log's rotating handler brings `socket` and
#: `pickle`, wanted only on the start that rotates a full log.
NOT_AT_START_STANDARD = {"hashlib", "_hashlib", "logging.handlers", "socket", "pickle"}
#: Never before the first paint: the PDF renderer, the content checker, image libraries, and the
#: library that migrates the schema (with what it brings), needed only when a migration is pending.
FORBIDDEN_PACKAGES = {
    "reportlab", "pydantic", "pydantic_core", "PIL", "pypdf",
    "sqlite_utils", "sqlite_fts4", "click", "dateutil", "pluggy", "tabulate",
}


def _windows() -> list[MainWindow]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]


def _run(db_path: Path, then: Callable[[], None]) -> int:
    """run_gui with `then` called from its event loop; the loop ends with 2 if nothing ends it first."""
    QTimer.singleShot(0, then)
    give_up = QTimer()
    give_up.setSingleShot(True)
    give_up.timeout.connect(lambda: QCoreApplication.exit(2))
    give_up.start(GIVE_UP_MS)
    try:
        return run_gui(db_path)
    finally:
        give_up.stop()


def _poll(condition: Callable[[], bool], then: Callable[[], None]) -> None:
    """Call `then` from the event loop once `condition` holds."""
    if condition():
        then()
    else:
        QTimer.singleShot(20, lambda: _poll(condition, then))


def _type(widget: QWidget, text: str) -> None:
    from PySide6.QtTest import QTest

    widget.setFocus()
    QTest.keyClicks(widget, text)


@pytest.fixture
def held_check(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """The quick check after the first paint waits until the test sets the event, then runs for real."""
    go = threading.Event()
    real = session_module.integrity.ensure_intact

    def waiting(path: Path, newest: Callable[[Path], Path | None]) -> None:
        assert go.wait(GIVE_UP_MS / 1000)
        real(path, newest)

    monkeypatch.setattr(session_module.integrity, "ensure_intact", waiting)
    return go


def _damage_late(path: Path) -> bytes:
    """Scribble over the last pages (a profile's long notes), leaving the schema readable."""
    last = path.stat().st_size // PAGE
    scribble(path, [last - 2, last - 1])
    return path.read_bytes()


@pytest.fixture
def backed_up_then_damaged(db_path: Path) -> tuple[Path, bytes]:
    with Store.open(db_path) as store:
        store.create_profile("Margaret Lee", condition="knee-oa")
        written = backup.write_backup(store)
        store.create_profile("Added after the backup", notes="무릎 " * 3000)
        store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return written, _damage_late(db_path)


# ---------------------------------------------------------------- the check after the first paint


def test_nothing_typed_reaches_the_window_until_the_check_has_passed(
    qapp: QApplication, db_path: Path, held_check: threading.Event, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(db_path) as store:
        store.create_profile("Margaret Lee")
    seen: dict[str, str] = {}
    painted: list[MainWindow] = []
    real_show = MainWindow.show

    def show(window: MainWindow) -> None:  # a user types once the window is on the screen
        real_show(window)
        session_module.after_first_paint(window, lambda: painted.append(window))

    monkeypatch.setattr(MainWindow, "show", show)

    def while_checking() -> None:
        [window] = _windows()
        name = window.profile_step.name
        _type(name, " Kim")
        seen["during"] = name.text()
        held_check.set()
        _poll(lambda: not QApplication.overrideCursor() and _typed_after(window), lambda: finish(window))

    def _typed_after(window: MainWindow) -> bool:
        _type(window.profile_step.name, "!")
        return window.profile_step.name.text() != "Margaret Lee"

    def finish(window: MainWindow) -> None:
        seen["after"] = window.profile_step.name.text()
        window.close()

    _poll(lambda: bool(painted), while_checking)
    assert _run(db_path, lambda: None) == 0
    assert seen["during"] == "Margaret Lee"  # held back while the file was being checked
    assert seen["after"].startswith("Margaret Lee!")
    with Store.open(db_path, read_only=True) as disk:
        assert disk.list_profiles()[0].name.startswith("Margaret Lee!")


def test_a_file_damaged_past_its_first_pages_gets_the_dialog_over_the_window_and_recovers(
    qapp: QApplication, db_path: Path, backed_up_then_damaged: tuple[Path, bytes],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    written, damaged_bytes = backed_up_then_damaged
    asked: list[tuple[QWidget | None, DatabaseDamaged]] = []

    def ask(cls: type, parent: QWidget | None, error: DatabaseDamaged, taken: str) -> str:
        asked.append((parent, error))
        assert parent is not None and parent.isVisible()  # the window had painted first
        return DamagedFileDialog.RESTORE

    monkeypatch.setattr(DamagedFileDialog, "ask", classmethod(ask))
    seen: dict[str, object] = {}

    def look() -> None:
        shown = _windows()
        if not asked or not shown or shown[0] is asked[0][0]:
            QTimer.singleShot(20, look)
            return
        [second] = shown
        model = second.profile_list.model
        seen["names"] = {model.summary(row).name for row in range(model.rowCount())}
        seen["notice"] = second.statusBar().currentMessage()
        QTimer.singleShot(100, lambda: type_into(second))  # once it has painted

    def type_into(second: MainWindow) -> None:
        _type(second.profile_step.name, "!")  # the window opened on the backup takes input
        seen["typed"] = second.profile_step.name.text()
        second.close()

    assert _run(db_path, look) == 0
    [(_, error)] = asked
    assert error.backup == written
    assert seen["typed"] == "Margaret Lee!"
    assert seen["names"] == {"Margaret Lee"}
    assert "Carried on from the backup" in str(seen["notice"])
    [aside] = [p for p in db_path.parent.glob("stemprep.db.damaged-*") if not p.name.endswith(("-wal", "-shm"))]
    assert aside.read_bytes() == damaged_bytes  # set aside as it was: nothing written into it


def test_quitting_at_the_damaged_file_dialog_changes_nothing(
    qapp: QApplication, db_path: Path, backed_up_then_damaged: tuple[Path, bytes],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, damaged_bytes = backed_up_then_damaged
    monkeypatch.setattr(DamagedFileDialog, "ask", classmethod(lambda cls, parent, error, taken: cls.QUIT))
    assert _run(db_path, lambda: None) == 1
    assert db_path.read_bytes() == damaged_bytes
    assert not list(db_path.parent.glob("stemprep.db.damaged-*"))


def test_the_start_up_check_fails_on_a_file_damaged_past_its_first_pages(
    db_path: Path, backed_up_then_damaged: tuple[Path, bytes], tmp_path: Path
) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CACHE_HOME": str(tmp_path / "cache")}
    result = subprocess.run(
        [sys.executable, "main.py", "--db", str(db_path), "--exit-after-startup"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 1
    [sentence] = result.stderr.strip().splitlines()
    assert sentence.startswith("The StemPrep file") and "is damaged" in sentence


def _with_a_damaged_search_index(db_path: Path) -> None:
    """201 patients, Tomasz Nowak among them, then the root and first page of the full-text index scribbled over."""
    with Store.open(db_path) as store:
        for n in range(200):
            store.create_profile(f"Patient {n} Margaret", condition="knee-oa")
        store.create_profile("Tomasz Nowak")
        store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    scribble(db_path, pages_of(db_path, "profile_fts_data")[:2])


def test_a_file_whose_search_index_is_damaged_opens_and_its_search_is_mended(db_path: Path, tmp_path: Path) -> None:
    """The check reads the patient's own tables; the search index is made again when met, not refused."""
    _with_a_damaged_search_index(db_path)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CACHE_HOME": str(tmp_path / "cache")}
    result = subprocess.run(
        [sys.executable, "main.py", "--db", str(db_path), "--exit-after-startup"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    with Store.open(db_path) as store:
        assert [p.name for p in store.list_profiles(ProfileQuery(text="nowak"))] == ["Tomasz Nowak"]


def test_a_search_index_met_damaged_is_mended_on_a_worker_with_input_held_and_a_sentence_shown(
    qtbot, db_path: Path, bank, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    from app.gui.recovery import OpenedDatabase
    from app.gui.session import WindowSession

    _with_a_damaged_search_index(db_path)

    go = threading.Event()
    seen: dict[str, object] = {}
    real = Store._mend_derived_tables

    def held_mend(self: Store) -> bool:
        seen["thread"] = threading.current_thread().name
        assert go.wait(GIVE_UP_MS / 1000)
        return real(self)

    monkeypatch.setattr(Store, "_mend_derived_tables", held_mend)
    session = WindowSession(db_path, OpenedDatabase(Store.open(db_path)), lambda s: MainWindow(s, bank))
    window = session.window
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()  # keys reach the focused field only in the active window, where the gate holds them
    qtbot.waitActive(window)

    def while_mending() -> None:
        seen["banner"] = window.banner.message
        name = window.profile_step.name
        before = name.text()
        _type(name, "xyz")
        seen["typed"] = name.text() != before
        go.set()

    _poll(lambda: "thread" in seen, while_mending)
    window.profile_list.search.setText("nowak")
    window.profile_list.search.delay.timeout.emit()  # the search runs at once: it meets the damage
    assert seen["thread"] == "stemprep-search-repair"
    assert "being repaired" in str(seen["banner"])
    assert seen["typed"] is False  # held back while the index was made again
    assert window.banner.message == ""  # said while it lasted, gone after
    assert window.profile_list.model.total == 1
    window.close()
    session.close()
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


# ---------------------------------------------------------------- building later


def test_only_the_shown_step_is_built_and_the_others_on_first_visit(
    store: Store, make_window: Callable[[], MainWindow]
) -> None:
    store.create_profile("Margaret Lee")
    window = make_window()
    assert [type(step).__name__ for step in window.built_steps] == ["ProfileStep"]
    window.go_to_step(MainWindow.QUESTIONS)
    assert [type(step).__name__ for step in window.built_steps] == ["ProfileStep", "QuestionsStep"]
    assert window.stack.currentWidget() is window.questions_step
    window.go_to_step(MainWindow.CLINICS)
    assert window.clinics_step.profile_id == window.profile_id  # told the patient when built
    assert len(window.steps) == 4 and len(window.built_steps) == 4


def test_the_input_gate_holds_back_what_the_system_delivers_shortcuts_included(
    qtbot: QtBot, store: Store, make_window: Callable[[], MainWindow]
) -> None:
    """Keys, shortcuts, an input method and clicks as the system delivers them (through the window)."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtTest import QTest

    store.create_profile("Margaret Lee")
    window = make_window()
    handle = window.windowHandle()
    name = window.profile_step.name
    name.setFocus()
    qtbot.waitUntil(name.hasFocus)
    gate = session_module.InputGate(QApplication.instance())
    try:
        QTest.keyClick(handle, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # File → New patient
        for key in (Qt.Key.Key_X, Qt.Key.Key_Y):
            QTest.keyClick(handle, key)
        commit = QInputMethodEvent()
        commit.setCommitString("김")  # a Korean input method writing a syllable
        QApplication.sendEvent(name, commit)
        forward = window.next_button  # on to Clinics
        assert forward.isVisible()
        QTest.mouseClick(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         forward.mapTo(window, forward.rect().center()))
        qtbot.wait(20)
        assert len(store.list_profiles()) == 1
        assert name.text() == "Margaret Lee"
        assert window.current_step == MainWindow.PROFILE
    finally:
        gate.release()
    QTest.keyClick(handle, Qt.Key.Key_X)
    assert name.text() == "Margaret Leex"  # taken again once released
    QTest.keyClick(handle, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(store.list_profiles()) == 2)
    QTest.mouseClick(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     forward.mapTo(window, forward.rect().center()))
    qtbot.waitUntil(lambda: window.current_step == MainWindow.CLINICS)


def test_the_window_takes_input_before_the_menus_features_join_which_follow_at_once(
    qapp: QApplication, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(db_path) as store:
        store.create_profile("Margaret Lee")
    names = ("exportProfileAction", "batchSheetsAction", "restoreBackupAction", "agencyDetailsAction")
    seen: dict[str, object] = {}
    real_show = MainWindow.show

    def show(window: MainWindow) -> None:
        seen["before paint"] = [window.findChild(QAction, name) for name in names]
        seen["worklist before paint"] = window._worklist
        real_show(window)

    monkeypatch.setattr(MainWindow, "show", show)
    real_release = session_module.InputGate.release

    def release(gate: session_module.InputGate) -> None:
        shown = _windows()
        if shown and "when input is taken" not in seen:
            seen["when input is taken"] = [shown[0].findChild(QAction, name) for name in names]
        real_release(gate)

    monkeypatch.setattr(session_module.InputGate, "release", release)

    def joined() -> bool:
        shown = _windows()
        return bool(shown) and "when input is taken" in seen and None not in [
            shown[0].findChild(QAction, name) for name in names
        ]

    def then() -> None:  # no menu opened: the features join by themselves
        [window] = _windows()
        seen["file menu"] = [a.text() for a in window.file_menu.actions() if a.text()]
        window.close()

    _poll(joined, then)
    assert _run(db_path, lambda: None) == 0
    assert seen["before paint"] == [None] * len(names)
    assert seen["worklist before paint"] is None  # built when first shown
    assert seen["when input is taken"] == [None] * len(names)  # the window did not wait for them
    file_menu = seen["file menu"]
    assert isinstance(file_menu, list)
    assert file_menu[0] == "&New patient" and file_menu[-1] == "&Quit"  # the features go between


@pytest.mark.qt_log_ignore(  # the offscreen platform cannot raise a window or give a menu the keyboard
    "This plugin does not support propagateSizeHints", "This plugin does not support raise",
    "This plugin does not support grabbing the keyboard",
)
def test_a_menu_opened_or_f1_pressed_before_the_features_join_finds_them(
    qtbot: QtBot, store: Store, bank: QuestionBank
) -> None:
    window = MainWindow(store, bank)  # no session: nothing adds the features until they are wanted
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.findChild(QAction, "exportProfileAction") is None
    window.file_menu.popup(window.mapToGlobal(window.rect().center()))
    qtbot.waitUntil(window.file_menu.isVisible)
    texts = [a.text() for a in window.file_menu.actions() if a.text()]
    assert "&Export patient to a file…" in texts and texts[-1] == "&Quit"
    export = window.findChild(QAction, "exportProfileAction")
    assert export is not None and export.isEnabled() is (window.profile_id is not None)
    window.file_menu.hide()

    second = MainWindow(store, bank)
    qtbot.addWidget(second)
    second.show()
    qtbot.waitExposed(second)
    second.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is second)
    qtbot.keyClick(second.profile_list.search, Qt.Key.Key_F1)
    guide = second.features.help_actions.dialogs.get("guide")
    assert guide is not None and guide.isVisible()
    guide.close()
    qtbot.keyClick(second.profile_list.search, Qt.Key.Key_F1)  # now Help → Guide's own key: not two
    qtbot.waitUntil(guide.isVisible)


def test_a_new_patient_reaches_steps_built_before_and_after(
    store: Store, make_window: Callable[[], MainWindow]
) -> None:
    first = store.create_profile("Margaret Lee")
    second = store.create_profile("Tomasz Nowak")
    window = make_window()
    window.profile_list.select_profile(first.id)
    window.go_to_step(MainWindow.CLINICS)
    window.profile_list.select_profile(second.id)
    assert window.clinics_step.profile_id == second.id
    window.go_to_step(MainWindow.SHEET)
    assert window.sheet_step.profile_id == second.id


def test_the_first_paint_loads_only_what_the_first_screen_needs(db_path: Path, tmp_path: Path) -> None:
    """In a fresh interpreter, as `stemprep` starts: the modules loaded when the window first paints."""
    with Store.open(db_path) as store:
        store.create_profile("Margaret Lee")
    program = f"""
import gc, json, sys
gc.disable()  # as main.py does while StemPrep starts
from app.cli import main  # first, as main.py does
from PySide6.QtCore import QEvent, QObject, QTimer, QCoreApplication
from PySide6.QtWidgets import QMainWindow

loaded = {{}}
real_show = QMainWindow.show

class Watch(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not loaded:
            loaded["modules"] = sorted(sys.modules)
            loaded["collector on"] = gc.isenabled()
            loaded["source files held"] = len(__import__("linecache").cache)
        return False

def show(self):
    self.installEventFilter(Watch(self))
    real_show(self)

QMainWindow.show = show
code = main(["--db", {str(db_path)!r}, "--exit-after-startup"])
print(json.dumps({{"code": code, "modules": loaded.get("modules", []), "at ready": sorted(sys.modules),
                  "source files held": loaded.get("source files held"), "collector on": loaded.get("collector on")}}))
"""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CACHE_HOME": str(tmp_path / "cache"),
           "PYTHONPATH": str(ROOT)}
    for _ in range(2):  # the first start writes the question bank's cache; the second is a usual start
        result = subprocess.run([sys.executable, "-c", program], cwd=ROOT, env=env, capture_output=True,
                                text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["code"] == 0
    modules = set(found["modules"])
    assert modules, "the window never painted"
    standard = set(sys.stdlib_module_names)
    packages = {name.split(".")[0] for name in modules}
    assert packages & FORBIDDEN_PACKAGES == set()
    interpreter = {p for p in packages if p in ("__main__", "_distutils_hack") or p.startswith(
        ("_sysconfigdata", "__editable__"))}
    assert packages - standard - interpreter - ALLOWED_PACKAGES == set(), "unexpected packages at first paint"
    assert {m for m in modules if m.startswith("PySide6.Qt")} <= ALLOWED_QT
    assert modules & LATER_MODULES == set()
    assert modules & LATER_STANDARD == set()
    # PySide6 reads the source of modules imported after it; the lines are not kept (5 MiB).
    assert found["source files held"] == 0
    # The garbage collector, paused while StemPrep starts, is back on before the window shows.
    assert found["collector on"] is True
    # Nor, when the window takes input, what the menus' dialogs need, or the standard modules above.
    assert set(found["at ready"]) & DIALOG_MODULES == set()
    assert set(found["at ready"]) & NOT_AT_START_STANDARD == set()
