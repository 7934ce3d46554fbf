"""The menus' features, added to the window once it takes input.

Exporting and importing a patient's file, printing sheets by the dozen, backups, the
agency's details, the language, exchange rates and Help each live in their own module
with their dialogs; the heaviest dialogs load what they need when first opened (the
batch dialog, with the sheet's content and the batch printer, behind `batch_action`).
None of it is needed to show the window or to take input, so the session adds them at
the event loop's first pause after the first paint (`MainWindow.add_menu_features`);
opening File, Settings or Help, or pressing F1, adds them at once, and a window without
a session (a test, a script) gets them at first use. The order here is the order of the
menus' entries.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.gui.batch_action import BatchActions, install_batch_action
from app.gui.exchange_rates import add_rates_action
from app.gui.facilitator_dialog import AgencyDetailsAction, install_facilitator_action
from app.gui.help import HelpActions
from app.gui.preferences import add_language_action
from app.gui.profile_file_dialogs import ProfileFileActions, install_profile_file_actions
from app.gui.recovery import RecoveryActions, install_recovery_actions

if TYPE_CHECKING:
    from app.domain.question_bank import QuestionBank
    from app.gui.main_window import MainWindow
    from db.store import Store


class MenuFeatures:
    """Everything the File, Settings and Help menus offer beyond the window's own entries."""

    def __init__(self, window: MainWindow, store: Store, bank: QuestionBank) -> None:
        add_language_action(window.settings_menu, store, window, on_problem=window.banner.show_message)
        add_rates_action(
            window.settings_menu, store, window,
            on_changed=lambda: window.clinics_step.refresh_comparison(), on_problem=window.banner.show_message,
        )
        self.help_actions = HelpActions(window.help_menu, store, window)
        self.agency_details: AgencyDetailsAction = install_facilitator_action(window, store)
        self.profile_files: ProfileFileActions = install_profile_file_actions(window, store, bank)
        self.batch_sheets: BatchActions = install_batch_action(window, store, bank)
        self.recovery: RecoveryActions = install_recovery_actions(window, store)
        self.recovery.restore_requested.connect(window.restore_requested)
