"""My questions, in the Questions step: picking questions to ask, their order, and dismissing red flags.

The patient picks the questions to bring to the consultation ("Add to my questions") and puts them in
the order to ask them; the step goes through that list ("My questions (N)") or the whole
checklist ("All questions"). Picks belong to the patient and are the same at every clinic;
answers and dismissed red flags belong to one clinic. This part of `QuestionsStep` holds
what changes the pick and the dismissals, and is saved at once, not through the autosave.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Slot

from app.domain.formatting import shortened
from app.domain.picks import moved, with_pick, without_pick
from app.domain.red_flags import RaisedFlag, flags_by_question
from app.gui.checklist import custom_id, is_asked
from app.gui.dialogs import ConfirmDialog, CustomQuestionDialog
from app.gui.flags_panel import DismissFlagDialog, counting
from app.gui.i18n import said, ui_language
from app.gui.question_list import ALL_QUESTIONS, MY_QUESTIONS
from db.errors import StorageError

if TYPE_CHECKING:
    from app.gui.questions import QuestionsStep

    _Base = QuestionsStep
else:
    _Base = object


class MyQuestionsMixin(_Base):
    """Picking, ordering and the two views; dismissing and restoring red flags (mixed into QuestionsStep)."""

    @property
    def current_is_picked(self) -> bool:
        question = self.current_question
        return question is not None and question.id in self._picks

    @property
    def view(self) -> str:
        return self._view

    @property
    def my_questions(self) -> list[str]:
        """The ids of my questions, in the order I will ask them."""
        return [question_id for question_id in self._picks if question_id in self._sheet_ids()]

    def show_question_id(self, question_id: str) -> None:
        """Show a question by its id, in the list of all questions if it is not on mine."""
        if question_id not in [q.id for q in self._questions]:
            self.set_view(ALL_QUESTIONS)
        ids = [q.id for q in self._questions]
        if question_id in ids:
            self.show_question(ids.index(question_id))

    def set_view(self, view: str) -> None:
        """Go through my questions (MY_QUESTIONS) or the whole checklist (ALL_QUESTIONS)."""
        if view not in (MY_QUESTIONS, ALL_QUESTIONS):
            return
        self.autosave.flush()
        current = self.current_question.id if self.current_question else None
        self._view = view
        self._show_list(select=current)

    def set_picked(self, picked: bool) -> None:
        """Ask this question (put it on my list, after the one before it on screen), or not."""
        question = self.current_question
        if question is None or self.profile_id is None:
            return
        if not picked:
            self._save_picks(without_pick(self._picks, question.id))
            return
        # In the whole checklist, it goes after the nearest question above it that is on my list.
        before = [q.id for q in self._questions[: self._index] if q.id in self._picks]
        at = self._picks.index(before[-1]) + 1 if before else 0
        self._save_picks(with_pick(self._picks, question.id, at=at))

    def move_current(self, steps: int) -> None:
        """Move the current question `steps` places on my list (negative: earlier)."""
        question = self.current_question
        if question is None or question.id not in self._picks:
            return
        mine = self.my_questions
        place = mine.index(question.id)
        target = max(0, min(place + steps, len(mine) - 1))
        if target == place:
            return
        # Moving past the neighbour on screen; ids no longer in the checklist keep their places.
        neighbour = mine[target]
        steps_in_store = self._picks.index(neighbour) - self._picks.index(question.id)
        self._save_picks(moved(self._picks, question.id, steps_in_store))

    def _save_picks(self, picks: list[str]) -> None:
        if self.profile_id is None:
            return
        try:
            self._store.set_question_picks(self.profile_id, picks)
        except StorageError as error:
            self.problem.emit(said(error))
            self._show_pick()
            return
        self._picks = list(picks)
        self.saved.emit()
        self.profile_touched.emit()
        if self._view == MY_QUESTIONS:
            self._show_list(select=self.current_question.id if self.current_question else None)
        else:
            self.list_model.set_picks(self._picks)
            self.list_pane.show_view(self._view, len(self.my_questions))
            self._show_pick()
            self._update_progress()

    def dismiss_flag(self, rule_id: str) -> None:
        """Mark a red flag at this clinic as not a concern, with the patient's note."""
        flag = next((f for f in self._flags if f.rule.id == rule_id), None)
        if flag is None or self._clinic is None:
            return
        note = DismissFlagDialog.ask(self, flag.rule.title.get(ui_language()))
        if not note:
            return
        try:
            self._store.dismiss_flag(self._clinic.id, rule_id, note)
            self._dismissals = self._store.flag_dismissals(self._clinic.id)
        except StorageError as error:
            self.problem.emit(said(error))
            return
        self._flags_changed()

    def restore_flag(self, rule_id: str) -> None:
        """Take back "not a concern": the red flag counts again."""
        if self._clinic is None:
            return
        try:
            self._store.restore_flag(self._clinic.id, rule_id)
            self._dismissals = self._store.flag_dismissals(self._clinic.id)
        except StorageError as error:
            self.problem.emit(said(error))
            return
        self._flags_changed()

    def _flags_changed(self) -> None:
        self.saved.emit()
        self.profile_touched.emit()
        self._set_flags(self._flags)
        self.list_model.set_state(self._answers, self._flags_by_question)
        self._show_question_flags()

    def _show_pick(self) -> None:
        picked = self.current_is_picked
        self.ask_button.setChecked(picked)
        mine = self.my_questions
        question = self.current_question
        place = mine.index(question.id) if question is not None and question.id in mine else -1
        self.move_up_button.setEnabled(place > 0)
        self.move_down_button.setEnabled(0 <= place < len(mine) - 1)

    def _update_progress(self) -> None:
        """How far through my questions: asked (or answered), and skipped."""
        by_id = {q.id: q for q in self._sheet.questions} if self._sheet else {}
        mine = [by_id[question_id] for question_id in self.my_questions]
        asked = sum(1 for q in mine if is_asked(self._answers.get(q.id)))
        skipped = sum(1 for q in mine if (a := self._answers.get(q.id)) and a.status == "skipped")
        text = self.tr("{asked} of {total} asked").format(asked=asked, total=len(mine))
        if skipped:
            text += self.tr(" · {skipped} skipped").format(skipped=skipped)
        self.progress.setText(text)
        self.progress.setToolTip(self.tr("Counted over my questions, at this clinic"))

    @Slot()
    def add_custom_question(self) -> None:
        if self.profile_id is None:
            return
        asked = CustomQuestionDialog.ask(self)
        if asked is None:
            return
        english, korean = asked
        try:
            custom = self._store.add_custom_question(self.profile_id, english, text_ko=korean)
        except StorageError as error:
            self.problem.emit(said(error))
            return
        # The patient's own question goes on their list where they are: after the question on screen.
        mine = self.my_questions
        current = self.current_question
        if current is not None and current.id in mine:
            at = self._picks.index(current.id) + 1
        else:
            earlier = [q.id for q in self._questions[: self._index] if q.id in mine]
            at = self._picks.index(earlier[-1]) + 1 if earlier else len(self._picks)
        try:
            self._store.set_question_picks(self.profile_id, with_pick(self._picks, custom.question_id, at=at))
        except StorageError as error:
            self.problem.emit(said(error))
        self._reload(select=custom.question_id)

    @Slot()
    def delete_custom_question(self) -> None:
        question = self.current_question
        question_id = custom_id(question) if question else None
        if question is None or question_id is None:
            return
        text = self.tr(
            "Delete your question “{question}” and the answers recorded for it at every clinic?"
        ).format(question=shortened(question.text.get("en"), 120))
        if not ConfirmDialog.ask(self, text, action=self.tr("Delete")):
            return
        self.autosave.discard()
        try:
            self._store.delete_custom_question(question_id)
        except StorageError as error:
            self.problem.emit(said(error))
            return
        self._index = max(self._index - 1, 0)
        self._reload()

    def _set_flags(self, flags: list[RaisedFlag]) -> None:
        self._flags = flags
        self._flags_by_question = flags_by_question(counting(flags, self._dismissals))
        self._show_clinic_flags()

    def _show_question_flags(self) -> None:
        self.flags_panel.show_flags(self.flags_for_current(), self._dismissals)

    def _show_clinic_flags(self) -> None:
        numbers = {q.id: q.number for q in self._sheet.questions} if self._sheet else {}
        numbers |= {q.id: self.list_model.number(i) for i, q in enumerate(self._questions)}
        self.clinic_flags_panel.show_flags(
            self._flags, self._dismissals, numbers, self._clinic.name if self._clinic else None
        )
