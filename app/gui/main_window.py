"""The main window: the patient list, the four steps in order, and the problem banner.

A patient is led through Profile → Clinics → Questions → Sheet with Next and Back;
a facilitator jumps between steps with the step bar (or Ctrl+1…4) and between
patients with the list on the left. The window owns which patient is open and makes
sure every pending edit is written before that changes: on a step change, a patient
switch, and on close. If an edit cannot be written, the user stays where their text
is, and closing asks before anything is lost.

The window paints first and builds the rest when it is needed: each step is made by
its factory (`STEP_FACTORIES`) the first time it is shown or asked for, so the
Questions and Sheet steps, and Qt's PDF modules with the Sheet, cost nothing until
the patient gets there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QWidget,
)

from app.domain.demo import create_demo
from app.domain.formatting import shortened
from app.domain.question_bank import QuestionBank
from app.gui import layouts
from app.gui.banner import Banner
from app.gui.dialogs import ConfirmDialog
from app.gui.i18n import said, ui_language
from app.gui.marks import CHECKED_BUTTON_STYLE
from app.gui.patients_dock import (
    DRAWER_WIDTH,
    PATIENT_LIST_SETTING,
    ROOMY_WINDOW_WIDTH,
    PatientsDock,
)
from app.gui.profile_form import ProfileStep
from app.gui.profile_list import ProfileList
from app.gui.step import StepPage
from app.gui.steps import STEP_FACTORIES
from app.gui.text_size import (
    TEXT_SIZES,
    TextSizeMenu,
    current_text_size,
    scale_font,
)
from app.gui.welcome import WelcomePage
from db.errors import StorageError
from db.records import ProfileId
from db.store import Store

if TYPE_CHECKING:
    from app.gui.clinics import ClinicsStep
    from app.gui.menu_features import MenuFeatures
    from app.gui.questions import QuestionsStep
    from app.gui.sheet import SheetStep
    from app.gui.worklist import WorklistPage

#: The patient open when the window last closed, so a patient finds their own file again.
LAST_PROFILE_SETTING = "gui.profile_id"

#: Longest patient name in the title and the line under the steps (the form has it all).
NAME_LIMIT = 80

#: How long "Saved" stays in the status bar.
SAVED_MESSAGE_MS = 2500

#: View → All patients in a table.
WORKLIST_KEY = "Ctrl+Shift+L"
#: Help → Guide: the platform's key for help (F1).
GUIDE_KEY = QKeySequence.StandardKey.HelpContents

#: Room a menu gets beyond what Qt reckons, in average character widths (see `room_for_widest_entry`).
MENU_SLACK_CHARACTERS = 2


def room_for_widest_entry(menu: QMenu) -> None:
    """Make `menu` a little wider than Qt reckons its widest entry needs.

    Qt sizes a menu a few pixels narrower than an entry in Korean, or in Korean and
    Latin letters, takes to draw (measured: 2-6 px at Normal size, 9-12 px at Extra large),
    and the widest entry is then drawn cut in the middle ("여러 환자의 질… 인쇄",
    "StemPr…정보"); two characters' width more keeps every entry whole at every size.
    """
    menu.setMinimumWidth(0)
    slack = MENU_SLACK_CHARACTERS * menu.fontMetrics().averageCharWidth()
    menu.setMinimumWidth(menu.sizeHint().width() + slack)


class MainWindow(QMainWindow):
    """StemPrep's window over one open Store."""

    PROFILE, CLINICS, QUESTIONS, SHEET = range(4)
    #: Steps whose work needs the window's width: the patient list steps aside for them by itself.
    NEEDS_ROOM = (QUESTIONS, SHEET)

    #: File → Restore a backup… chose this backup; the session closes the window and restores it.
    restore_requested = Signal(object)

    def __init__(self, store: Store, bank: QuestionBank, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._bank = bank
        store.condition_names = bank.condition_names()  # what the patient list's search finds
        self._profile_id: ProfileId | None = None
        self._step = self.PROFILE
        try:
            self._list_choice = store.setting(PATIENT_LIST_SETTING, "")  # "open", "closed", or not said yet
        except StorageError:
            self._list_choice = ""
        # Qt adds the application's display name ("… — StemPrep") to every title itself.
        self.setWindowTitle("")
        self.resize(1360, 860)
        self.setMinimumSize(980, 640)

        self._built: list[StepPage | None] = [None] * len(STEP_FACTORIES)
        self.step_titles = [self.tr("Profile"), self.tr("Clinics"), self.tr("Questions"), self.tr("Sheet")]

        self.banner = Banner()
        self.profile_list = ProfileList(store, bank)
        self.profile_list.problem.connect(self.banner.show_message)
        self.profile_list.profile_chosen.connect(self._profile_chosen)
        self.profile_list.new_button.clicked.connect(lambda: self.go_to_step(self.PROFILE, force=True))
        self.profile_list.worklist_button.clicked.connect(self.show_worklist)
        self._worklist: WorklistPage | None = None
        self._features: MenuFeatures | None = None
        dock = PatientsDock(self.tr("Patients"))
        dock.setObjectName("PatientsDock")
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.patients_dock = dock
        dock.setWidget(self.profile_list)
        dock.setMinimumWidth(260)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
        dock.start_beside(self, TEXT_SIZES[current_text_size()])
        dock.toggleViewAction().triggered.connect(self._patient_list_chosen)
        dock.closed_by_user.connect(lambda: self._patient_list_chosen(False))

        self.setCentralWidget(self._build_centre())
        self.statusBar()
        self._build_menus()
        self._build_shortcuts()
        self._open_first_profile()
        self._place_patient_list()

    # ================================================================ building

    def _build_menus(self) -> None:
        """The menu bar with the window's own entries; the menus' features join them after the first paint."""
        bar = self.menuBar()
        self.file_menu = bar.addMenu(self.tr("&File"))
        self.view_menu = bar.addMenu(self.tr("&View"))
        # Alt+S is "Not sure" in the Questions step, so Settings opens with Alt+T.
        self.settings_menu = bar.addMenu(self.tr("Se&ttings"))
        self.help_menu = bar.addMenu(self.tr("&Help"))
        for menu in (self.file_menu, self.settings_menu, self.help_menu):
            menu.aboutToShow.connect(self.add_menu_features)  # first: a menu opened early is whole too
        for menu in (self.file_menu, self.view_menu, self.settings_menu, self.help_menu):
            menu.aboutToShow.connect(lambda menu=menu: room_for_widest_entry(menu))
        # The patient list's buttons have no free Alt+letter; these keys work with the list hidden, too.
        new_patient = QAction(self.tr("&New patient"), self)
        new_patient.setShortcut(QKeySequence.StandardKey.New)
        new_patient.triggered.connect(self.new_patient)
        self.file_menu.addAction(new_patient)
        find_patient = QAction(self.tr("&Find a patient"), self)
        find_patient.setShortcut(QKeySequence.StandardKey.Find)
        find_patient.triggered.connect(self.find_patient)
        self.view_menu.addAction(find_patient)
        worklist = QAction(self.tr("&All patients in a table"), self)
        worklist.setShortcut(QKeySequence(WORKLIST_KEY))
        worklist.triggered.connect(self.show_worklist)
        self.view_menu.addAction(worklist)
        self._quit_action = QAction(self.tr("&Quit"), self)
        self._quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self._quit_action.triggered.connect(self.close)
        self.file_menu.addAction(self._quit_action)
        self.text_size_menu = TextSizeMenu(self.view_menu, self._store, self)

    def add_to_file_menu(self, actions: list[QAction]) -> None:
        """Put `actions` in the File menu above Quit, as their own group (the menus' features use it)."""
        # Separators on both sides; the menu folds two in a row into one.
        self.file_menu.insertSeparator(self._quit_action)
        self.file_menu.insertActions(self._quit_action, actions)
        self.file_menu.insertSeparator(self._quit_action)

    def add_menu_features(self) -> MenuFeatures:
        """Add files, backups, batch printing, settings and Help to the menus (once); they are returned.

        The session adds them at the event loop's first pause after the first paint, not
        before the window takes input (`app.gui.menu_features`); sooner when File, Settings
        or Help opens or F1 is pressed, and at first use in a window without a session.
        """
        if self._features is None:
            from app.gui.menu_features import MenuFeatures
            from app.gui.session import forget_module_sources

            self._features = MenuFeatures(self, self._store, self._bank)
            self._early_guide.setEnabled(False)  # Help → Guide has the key now
            forget_module_sources()  # the features' modules were just imported
        return self._features

    @property
    def features(self) -> MenuFeatures:
        """The menus' features (added now if they were not yet)."""
        return self.add_menu_features()

    @property
    def worklist(self) -> WorklistPage:
        """All patients in a table: built the first time it is shown or asked for."""
        if self._worklist is None:
            from app.gui.worklist import WorklistPage

            page = WorklistPage(self._store, self._bank)
            page.problem.connect(self.banner.show_message)
            page.profile_chosen.connect(self._worklist_chosen)
            page.closed.connect(self._close_worklist)
            self.stack.addWidget(page)
            self._worklist = page
        return self._worklist

    def _build_centre(self) -> QWidget:
        self.step_group = QButtonGroup(self)
        self.step_group.setExclusive(True)
        bar = QHBoxLayout()
        bar.setSpacing(6)
        self.step_buttons: list[QPushButton] = []
        for number, title in enumerate(self.step_titles):
            button = QPushButton(f"{number + 1}  {title}")
            button.setCheckable(True)
            button.setAccessibleName(self.tr("Step {number}: {title}").format(number=number + 1, title=title))
            button.setToolTip(self.tr("Go to step {number} (Ctrl+{number})").format(number=number + 1))
            button.setMinimumHeight(40)
            button.setStyleSheet(CHECKED_BUTTON_STYLE)  # the step you are on stands out
            scale_font(button, 1.1, bold=True)
            self.step_group.addButton(button, number)
            self.step_buttons.append(button)
            bar.addWidget(button, 1)
        self.step_group.idClicked.connect(self.go_to_step)
        # The patient list can be hidden to give the steps room; this brings it back.
        patients = QToolButton()
        patients.setDefaultAction(self.patients_dock.toggleViewAction())
        patients.setText(self.tr("&Patients"))
        patients.setToolTip(self.tr("Show or hide the list of patients"))
        patients.setAccessibleName(self.tr("Show or hide the list of patients"))
        patients.setMinimumHeight(40)
        bar.insertWidget(0, patients)
        self.patient_label = QLabel()
        self.patient_label.setTextFormat(Qt.TextFormat.PlainText)
        self.patient_label.setAccessibleName(self.tr("Patient"))

        self.stack = QStackedWidget()
        self.welcome = WelcomePage()
        self.welcome.start_button.clicked.connect(self.profile_list.create_profile)
        self.welcome.start_button.clicked.connect(lambda: self.go_to_step(self.PROFILE, force=True))
        self.welcome.demo_button.clicked.connect(self.open_demo)
        self.stack.addWidget(self.welcome)  # the steps and the worklist join the stack as they are built

        self.back_button = QPushButton()
        self.back_button.setAccessibleName(self.tr("Back to the previous step"))
        self.back_button.clicked.connect(lambda: self.go_to_step(self._step - 1))
        self.next_button = QPushButton()
        self.next_button.setAccessibleName(self.tr("On to the next step"))
        self.next_button.clicked.connect(lambda: self.go_to_step(self._step + 1))
        self.next_button.setDefault(False)
        self.next_button.setMinimumWidth(180)
        self.back_button.setMinimumWidth(180)
        nav = layouts.row(self.back_button, layouts.STRETCH, self.next_button)
        return layouts.column(bar, self.patient_label, self.banner, (self.stack, 1), nav, margins=(10, 8, 10, 8))

    def _build_shortcuts(self) -> None:
        for number in range(len(STEP_FACTORIES)):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{number + 1}"), self)
            shortcut.activated.connect(lambda n=number: self.go_to_step(n))
        # Help → Guide's key (F1) until the menus' features, which bring that entry and its key, join.
        self._early_guide = QShortcut(QKeySequence(GUIDE_KEY), self)  # one key, as the entry has
        self._early_guide.activated.connect(lambda: self.features.help_actions.show_guide())

    @Slot()
    def new_patient(self) -> None:
        """Add a patient and put the cursor in their name (File → New patient, Ctrl+N)."""
        self.profile_list.create_profile()
        self.go_to_step(self.PROFILE, force=True)

    @Slot()
    def find_patient(self) -> None:
        """Show the patient list with the cursor in its search box (View → Find a patient, Ctrl+F)."""
        self._patient_list_chosen(True)
        self.profile_list.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.profile_list.search.selectAll()

    @Slot()
    def open_demo(self) -> None:
        """Create (or refresh) the demo patient and open it at the first step."""
        if not self.flush_edits():
            return
        try:
            profile = create_demo(self._store)
        except StorageError as error:
            self.banner.show_message(said(error))
            return
        self.profile_list.refresh()
        self.profile_list.select_profile(profile.id)
        self.go_to_step(self.PROFILE)
        self._place_patient_list()
        self.step(self._step).focus_start()

    # ================================================================ steps

    def step(self, number: int) -> StepPage:
        """The step `number` (0 Profile … 3 Sheet), built now if it has not been yet."""
        built = self._built[number]
        if built is None:
            built = STEP_FACTORIES[number](self._store, self._bank, self.stack)
            built.saved.connect(self._saved)
            built.problem.connect(self.banner.show_message)
            built.notice.connect(lambda text: self.statusBar().showMessage(text, 8000))
            built.profile_touched.connect(self._profile_touched)
            built.step_requested.connect(self.go_to_step)
            self.stack.insertWidget(1 + sum(1 for b in self._built[:number] if b is not None), built)
            self._built[number] = built
            built.set_profile(self._profile_id)
        return built

    @property
    def steps(self) -> list[StepPage]:
        """All four steps, building those not built yet (prefer `built_steps` where that will do)."""
        return [self.step(number) for number in range(len(STEP_FACTORIES))]

    @property
    def built_steps(self) -> list[StepPage]:
        """The steps built so far: the only ones that can hold edits or background work."""
        return [step for step in self._built if step is not None]

    @property
    def profile_step(self) -> ProfileStep:
        return cast("ProfileStep", self.step(self.PROFILE))

    @property
    def clinics_step(self) -> ClinicsStep:
        return cast("ClinicsStep", self.step(self.CLINICS))

    @property
    def questions_step(self) -> QuestionsStep:
        return cast("QuestionsStep", self.step(self.QUESTIONS))

    @property
    def sheet_step(self) -> SheetStep:
        return cast("SheetStep", self.step(self.SHEET))

    # ================================================================ navigation

    @property
    def current_step(self) -> int:
        return self._step

    @property
    def profile_id(self) -> ProfileId | None:
        return self._profile_id

    @Slot(int)
    def go_to_step(self, step: int, *, force: bool = False) -> None:
        """Show a step, after writing what the current one has pending."""
        if self._profile_id is None or not 0 <= step < len(STEP_FACTORIES):
            self._update_navigation()
            return
        if step == self._step and not force and self.stack.currentWidget() is self._built[step]:
            self._update_navigation()
            return
        if not self.step(self._step).flush():
            self._update_navigation()  # stay where the unsaved text is
            return
        self._step = step
        shown = self.step(step)
        self.stack.setCurrentWidget(shown)
        self._place_patient_list()
        shown.enter()
        self._update_navigation()
        if step == self.PROFILE and force:
            self.profile_step.focus_name()
        else:
            shown.focus_start()

    def _update_navigation(self) -> None:
        has_profile = self._profile_id is not None
        for number, button in enumerate(self.step_buttons):
            button.setEnabled(has_profile)
            button.setChecked(has_profile and number == self._step)
        if not has_profile:
            self.step_group.setExclusive(False)
            for button in self.step_buttons:
                button.setChecked(False)
            self.step_group.setExclusive(True)
        before, after = self._step - 1, self._step + 1
        self.back_button.setVisible(has_profile and before >= 0)
        self.next_button.setVisible(has_profile and after < len(STEP_FACTORIES))
        if before >= 0:
            self.back_button.setText(self.tr("‹ &Back: {step}").format(step=self.step_titles[before]))
        if after < len(STEP_FACTORIES):
            # Alt+N is "No" in the Questions step, so Next is Alt+X.
            self.next_button.setText(self.tr("Ne&xt: {step} ›").format(step=self.step_titles[after]))

    # ================================================================ patients

    @Slot()
    def show_worklist(self) -> None:
        """Every patient in a full-width table (View → All patients in a table); the list steps aside."""
        if not self.flush_edits():
            return
        self.patients_dock.hide()
        self.stack.setCurrentWidget(self.worklist)
        self.worklist.enter(self._profile_id)
        self.step_group.setExclusive(False)
        for button in self.step_buttons:
            button.setChecked(False)
        self.step_group.setExclusive(True)
        self.back_button.hide()
        self.next_button.hide()

    @Slot()
    def _close_worklist(self) -> None:
        if self._profile_id is None:
            self._open_profile(None)  # no patient yet: the welcome screen
        else:
            self.go_to_step(self._step, force=True)

    @Slot(object)
    def _worklist_chosen(self, profile_id: ProfileId) -> None:
        self.profile_list.select_profile(profile_id, notify=False)
        if profile_id == self._profile_id:
            self.go_to_step(self._step, force=True)
            return
        self._open_profile(profile_id)  # shows the step the user was on, for this patient
        self._place_patient_list()
        self.step(self._step).focus_start()

    def patient_list_wanted(self) -> bool:
        """Whether the user wants the patient list beside the steps (by default: when there is a choice)."""
        if self._list_choice in ("open", "closed"):
            return self._list_choice == "open"
        return self.profile_list.model.total > 1

    def _crowded(self) -> bool:
        """Whether the step on screen needs the room the patient list would take beside it."""
        narrow = self.width() < ROOMY_WINDOW_WIDTH * TEXT_SIZES[current_text_size()]
        return self._step in self.NEEDS_ROOM and narrow and self.stack.currentWidget() is self._built[self._step]

    def _place_patient_list(self) -> None:
        """Show the list if the user wants it, unless the step on screen needs the room it would take."""
        dock = self.patients_dock
        if dock.isFloating():
            dock.hide()
            dock.setFloating(False)  # a drawer goes back beside the steps, for the next time
        dock.setVisible(self.patient_list_wanted() and not self._crowded())

    @Slot(bool)
    def _patient_list_chosen(self, shown: bool) -> None:
        """The user opened or closed the list: remember it; over a crowded step it opens as a drawer."""
        self._list_choice = "open" if shown else "closed"
        try:
            self._store.set_setting(PATIENT_LIST_SETTING, self._list_choice)
        except StorageError:
            pass  # a convenience for next time, not worth a message
        if shown and self._crowded():
            self._open_drawer()
        else:
            self.patients_dock.setVisible(shown)

    def _open_drawer(self) -> None:
        """The list floats over the left of the step, which keeps its width; choosing a patient closes it."""
        self.patients_dock.hide()  # the list's own toggle has just docked it beside the step, moving the step
        self.centralWidget().layout().activate()
        self.patients_dock.open_as_drawer(self.centralWidget(), round(DRAWER_WIDTH * TEXT_SIZES[current_text_size()]))

    @property
    def patient_list_is_drawer(self) -> bool:
        """Whether the list floats over the step (opened by the user on a step that needs the room)."""
        return self.patients_dock.isFloating() and self.patients_dock.isVisible()

    def _open_first_profile(self) -> None:
        remembered = self._store.setting(LAST_PROFILE_SETTING, "")
        profile_id: ProfileId | None = None
        if remembered.isdigit() and self._profile_exists(int(remembered)):
            profile_id = ProfileId(int(remembered))
        elif self.profile_list.model.rowCount():
            profile_id = self.profile_list.model.summary(0).id
        self.profile_list.select_profile(profile_id, notify=False)
        self._open_profile(profile_id)

    def _profile_exists(self, profile_id: int) -> bool:
        try:
            self._store.profile(profile_id)
        except StorageError:
            return False  # deleted since, or unreadable: start on the first patient instead
        return True

    @Slot(object)
    def _profile_chosen(self, profile_id: ProfileId | None) -> None:
        if self.patient_list_is_drawer:
            self.patients_dock.hide()  # a drawer has done its work once a patient is chosen
        if profile_id == self._profile_id:
            return
        if not self.flush_edits():
            self.profile_list.select_profile(self._profile_id, notify=False)
            return
        self._open_profile(profile_id)

    def reload_profile(self) -> None:
        """Show the open patient afresh, after something other than the window changed it (an import)."""
        self.profile_list.refresh()
        self._open_profile(self._profile_id)

    def _open_profile(self, profile_id: ProfileId | None) -> None:
        self._profile_id = profile_id
        for step in self.built_steps:  # the others are told when they are built
            step.set_profile(profile_id)
        if profile_id is None:
            self.stack.setCurrentIndex(0)
            self.patient_label.clear()
            self.setWindowTitle("")
            self.welcome.start_button.setFocus(Qt.FocusReason.OtherFocusReason)  # Enter starts
        else:
            try:
                self._store.set_setting(LAST_PROFILE_SETTING, str(profile_id))
            except StorageError:
                pass  # a convenience for next time, not worth a message
            self._show_patient_name()
            shown = self.step(self._step)
            self.stack.setCurrentWidget(shown)
            shown.enter()
        self._update_navigation()

    def _show_patient_name(self) -> None:
        if self._profile_id is None:
            return
        try:
            profile = self._store.profile(self._profile_id)
        except StorageError as error:
            self.banner.show_message(said(error))
            return
        condition = profile.condition
        try:
            condition = self._bank.condition(profile.condition).title.get(ui_language())
        except KeyError:
            pass
        if not profile.condition_chosen:
            condition = self.tr("condition not chosen yet")
        name = shortened(profile.name, NAME_LIMIT)
        self.patient_label.setText(self.tr("Patient: {name} · {condition}").format(name=name, condition=condition))
        self.setWindowTitle(name)
        self.profile_list.update_profile(profile)

    @Slot()
    def _profile_touched(self) -> None:
        self._show_patient_name()

    # ================================================================ saving

    def flush_edits(self) -> bool:
        """Write every step's pending edits (so a file, a sheet or a backup holds what is on screen)."""
        results = [step.flush() for step in self.built_steps]  # every step, even after a failure
        return all(results)

    @Slot()
    def _saved(self) -> None:
        self.banner.clear()
        self.statusBar().showMessage(self.tr("Saved"), SAVED_MESSAGE_MS)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        if not self.flush_edits():
            question = self.tr(
                "Some changes could not be saved:\n{problem}\n\n"
                "Close StemPrep anyway and lose those changes?"
            ).format(problem=self.banner.message)
            if not ConfirmDialog.ask(self, question, action=self.tr("Close without saving")):
                event.ignore()
                return
            for step in self.built_steps:
                step.discard()
        for step in self.built_steps:
            step.shutdown()
        event.accept()
