"""The four steps of preparing a consultation, each built by a factory when first needed.

The window shows the step the user will see first and builds the others on their first
visit, so their modules (and the Sheet step's PDF viewer) load only then.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from app.domain.question_bank import QuestionBank
from app.gui.profile_form import ProfileStep
from app.gui.step import StepPage
from db.store import Store

#: Builds one step over the open Store and the question bank, inside its parent from the start.
StepFactory = Callable[[Store, QuestionBank, QWidget], StepPage]


def _profile_step(store: Store, bank: QuestionBank, parent: QWidget) -> StepPage:
    return ProfileStep(store, bank, parent)


def _clinics_step(store: Store, bank: QuestionBank, parent: QWidget) -> StepPage:
    from app.gui.clinics import ClinicsStep

    return ClinicsStep(store, bank, parent)


def _questions_step(store: Store, bank: QuestionBank, parent: QWidget) -> StepPage:
    from app.gui.questions import QuestionsStep

    return QuestionsStep(store, bank, parent)


def _sheet_step(store: Store, bank: QuestionBank, parent: QWidget) -> StepPage:
    from app.gui.sheet import SheetStep  # with Qt's PDF and printing modules

    return SheetStep(store, bank, parent)


#: The four steps in order; each module is imported when its step is first needed.
STEP_FACTORIES: tuple[StepFactory, ...] = (_profile_step, _clinics_step, _questions_step, _sheet_step)
