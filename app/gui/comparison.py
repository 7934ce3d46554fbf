"""Clinics side by side on their answers, not on price alone.

A table model with the clinics as columns and, as rows, what each clinic offers
(treatment, cells, price, claimed credentials) followed by the essential questions.
Each cell says what the clinic answered, or "not asked", "skipped", and carries a
red-flag mark in words and colour when the answer is a warning sign.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QFont, QFontMetrics

from app.domain.formatting import format_price, format_rate, shortened
from app.domain.quotes import ExchangeRates, converted, currency_code
from app.domain.red_flags import RaisedFlag
from app.domain.sheet_content import ClinicAnswers, QuestionSheet, SheetQuestion
from app.export import labels
from app.gui.checklist import answer_summary, status_label
from app.gui.i18n import other_language, ui_language
from app.gui.marks import FLAG_MARK, flag_colours, severity_label, worst_severity
from db.records import Clinic

_Index = QModelIndex | QPersistentModelIndex

#: Longest answer text shown in a cell; the whole answer is in the tooltip.
CELL_TEXT_LIMIT = 160
#: The facts about each clinic that head the comparison, before the questions.
COMPARED_FACTS = ("treatment", "cell_source", "price", "claimed_credentials")
#: Longest clinic name in a column header (headers do not wrap); the whole name is in the tooltip.
HEADER_NAME_LIMIT = 30


@dataclass(frozen=True, slots=True)
class ComparisonRow:
    """A row: a fact about the clinic (`fact` is a Clinic field) or an essential question."""

    title: str
    title_second: str = ""  # the same title in the other language, shown under it
    fact: str | None = None
    question: SheetQuestion | None = None


@dataclass(frozen=True, slots=True)
class ComparisonCell:
    text: str
    tooltip: str
    state: str  # "fact", "answered", "asked", "not-asked", "skipped"
    severity: str | None = None
    worried: bool = False


class ComparisonModel(QAbstractTableModel):
    """Clinics as columns; what they offer and their answers to the essential questions as rows."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ComparisonRow] = []
        self._clinics: list[ClinicAnswers] = []
        self._cells: dict[tuple[int, int], ComparisonCell] = {}
        self._placeholder_brush: QBrush | None = None
        self._rates = ExchangeRates()
        self._header_fit: tuple[QFontMetrics, tuple[int, ...]] | None = None

    def set_rates(self, rates: ExchangeRates) -> None:
        """The exchange rates the user entered; prices are converted with them at the next `set_sheet`."""
        self._rates = rates

    def set_placeholder_brush(self, brush: QBrush) -> None:
        """The palette colour of "not asked" (the view's palette, so dark themes stay readable)."""
        self._placeholder_brush = brush

    def fit_headers(self, metrics: QFontMetrics, widths: tuple[int, ...]) -> None:
        """Shorten each line of the clinics' column titles with "…" to its column's width (in pixels)."""
        if self._header_fit == (metrics, widths):
            return
        self._header_fit = (metrics, widths)
        if self._clinics:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 1, len(self._clinics))

    def set_sheet(self, sheet: QuestionSheet | None) -> None:
        self.beginResetModel()
        self._clinics = list(sheet.clinics) if sheet else []
        lang = ui_language()
        self._rows = self._fact_rows() + [
            ComparisonRow(
                title=f"{question.number}. {question.text.get(lang)}",
                title_second=question.text.get(other_language(lang)),
                question=question,
            )
            for question in (sheet.essential_questions if sheet else ())
        ]
        self._cells = {
            (row, column): self._make_cell(self._rows[row], self._clinics[column])
            for row in range(len(self._rows))
            for column in range(len(self._clinics))
        }
        self.endResetModel()

    def row(self, row: int) -> ComparisonRow:
        return self._rows[row]

    def cell(self, row: int, column: int) -> ComparisonCell | None:
        """The cell of a clinic column (column 0 is the row titles)."""
        return self._cells.get((row, column - 1))

    # ------------------------------------------------------------ Qt's model API

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 1 + len(self._clinics)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if section == 0:
            return self.tr("Question") if role == Qt.ItemDataRole.DisplayRole else None
        if not 1 <= section <= len(self._clinics):
            return None
        clinic = self._clinics[section - 1].clinic
        if role == Qt.ItemDataRole.DisplayRole:
            lines = [shortened(clinic.name, HEADER_NAME_LIMIT), *([clinic.city] if clinic.city else [])]
            if self._header_fit is not None and section < len(self._header_fit[1]):
                metrics, widths = self._header_fit
                lines = [metrics.elidedText(line, Qt.TextElideMode.ElideRight, widths[section]) for line in lines]
            return "\n".join(lines)
        if role == Qt.ItemDataRole.ToolTipRole:
            return clinic.name + (f" ({clinic.city})" if clinic.city else "")
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if index.column() == 0:
            return self._title_data(row, role)
        cell = self.cell(index.row(), index.column())
        if cell is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.text
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return cell.tooltip
        if role == Qt.ItemDataRole.ForegroundRole:
            if cell.severity:
                return QBrush(flag_colours(cell.severity)[0])
            if cell.state in ("not-asked", "skipped", "asked"):
                return self._placeholder_brush
        if role == Qt.ItemDataRole.BackgroundRole and cell.severity:
            return QBrush(flag_colours(cell.severity)[1])
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            if cell.state in ("not-asked", "skipped", "asked"):
                font.setItalic(True)
            if cell.severity:
                font.setBold(True)
            return font
        return None

    # ------------------------------------------------------------ cells

    def _title_data(self, row: ComparisonRow, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return row.title if not row.title_second else f"{row.title}\n{row.title_second}"
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return row.title
        if role == Qt.ItemDataRole.FontRole and row.fact:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _fact_rows(self) -> list[ComparisonRow]:
        """What each clinic offers, labelled in the printed sheet's words (English and Korean)."""
        korean_first = ui_language() == "ko"
        rows = []
        for field, label in labels.CLINIC_FIELDS.items():
            if field in COMPARED_FACTS:
                first, second = (label.ko, label.en) if korean_first else (label.en, label.ko)
                rows.append(ComparisonRow(first, second, fact=field))
        return rows

    def _make_cell(self, row: ComparisonRow, clinic: ClinicAnswers) -> ComparisonCell:
        if row.fact is not None:
            text = self._fact_text(clinic.clinic, row.fact)
            if not text:
                return ComparisonCell(self.tr("not given"), self.tr("The clinic has not said."), "not-asked")
            fact_flags = _fact_flags(clinic, row.fact)
            severity = worst_severity(fact_flags)
            if not severity:
                return ComparisonCell(text, text, "fact")
            tooltip = "\n".join(
                [text, *(f"{severity_label(f.rule.severity)}: {f.rule.title.get(ui_language())}" for f in fact_flags)]
            )
            return ComparisonCell(f"{FLAG_MARK} {severity_label(severity)}\n{text}", tooltip, "fact", severity)
        question = row.question
        assert question is not None
        answer = clinic.answer(question.id)
        flags = clinic.flags_for(question.id)
        severity = worst_severity(flags)
        worried = bool(answer and answer.flagged)
        summary = answer_summary(question, answer)
        status = answer.status if answer else "to-ask"
        if summary:
            state, text = "answered", summary
        elif status == "skipped":
            state, text = "skipped", self.tr("skipped")
        elif status == "asked":
            state, text = "asked", self.tr("asked, answer not noted")
        else:
            state, text = "not-asked", self.tr("not asked")
        tooltip_lines = [question.text.get(ui_language()), f"{status_label(status)}: {summary or text}"]
        text = shortened(text, CELL_TEXT_LIMIT)
        if severity:
            text = f"{FLAG_MARK} {severity_label(severity)}\n{text}"
            tooltip_lines += [f"{severity_label(f.rule.severity)}: {f.rule.title.get(ui_language())}" for f in flags]
        if worried:
            text += "\n" + self.tr("(worries me)")
            tooltip_lines.append(self.tr("You marked this answer as worrying."))
        return ComparisonCell(text, "\n".join(tooltip_lines), state, severity, worried)

    def _fact_text(self, clinic: Clinic, fact: str) -> str:
        if fact == "price":
            return self._price_text(clinic)
        return str(getattr(clinic, fact) or "").strip()

    def _price_text(self, clinic: Clinic) -> str:
        """The price in its own currency and, with a rate the user entered, in theirs, saying which rate."""
        if clinic.price is None:
            return ""
        code = currency_code(clinic.currency)
        if not code:
            return self.tr("{price} (currency not given)").format(price=format_price(clinic.price))
        text = f"{format_price(clinic.price)} {code}"
        price = converted(clinic.price, code, self._rates)
        if price is not None and price.rate is not None:
            text += "\n" + self.tr("≈ {amount} {home} (1 {home} = {rate} {currency} on {day})").format(
                amount=format_price(round(price.amount)), home=price.currency,
                rate=format_rate(price.rate.per_unit), currency=code, day=price.rate.day,
            )
        return text


def _fact_flags(clinic: ClinicAnswers, field: str) -> list[RaisedFlag]:
    """Flags a fact about the clinic (e.g. the credentials it claims) raised.

    A rule that needs all its tests, or that no answer raised, held on the clinic's
    facts; a rule raised by "any" of several tests may have held on an answer instead,
    and is then shown on that answer's row only.
    """
    return [
        flag
        for flag in clinic.flags
        if any(test.clinic_field == field for test in flag.rule.when)
        and (flag.rule.match == "all" or not flag.question_ids)
    ]
