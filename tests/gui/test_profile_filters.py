"""The patient list's search, filters and sort, through the widgets, over a few hundred sample patients."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from gui_helpers import type_text
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.domain.question_bank import QuestionBank
from app.domain.sample import add_sample_profiles
from app.gui.profile_list import (
    SEARCH_DELAY_MS,
    ProfileIdRole,
    ProfileList,
    ProfileListModel,
    SampleMarkDelegate,
    SyntheticRole,
)
from db.records import ProfileSummary
from db.search import ProfileQuery
from db.store import Store

SAMPLES = 300


@pytest.fixture
def listing(qtbot: QtBot, store: Store, bank: QuestionBank) -> Iterator[ProfileList]:
    add_sample_profiles(store, SAMPLES, seed=7, bank=bank)
    # Inside a plain window, as in the dock (a top-level list would change its window's size limits).
    host = QWidget()
    qtbot.addWidget(host)
    host.resize(360, 700)
    widget = ProfileList(store, bank, host)
    widget.resize(360, 700)
    host.show()
    qtbot.waitExposed(host)
    yield widget  # `host` stays alive (and so the list) until the test ends


def _choose(box: QComboBox, data: object) -> None:
    index = box.findData(data)
    assert index >= 0, f"{data!r} is not offered"
    box.setCurrentIndex(index)


def _apply(qtbot: QtBot, listing: ProfileList) -> None:
    """Wait for the debounce to run the query."""
    qtbot.waitUntil(lambda: not listing._search_timer.isActive(), timeout=2000)


def _all_rows(model: ProfileListModel) -> list[ProfileSummary]:
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    return [model.summary(row) for row in range(model.rowCount())]


def _check_model(tester: ModelTester, store: Store, bank: QuestionBank, query: ProfileQuery) -> None:
    """Qt's model checks on a model showing `query` (a model of its own: the tester must be its first listener)."""
    model = ProfileListModel(store, bank)
    model.set_query(query)
    tester.check(model)
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    tester.check(model)


def test_condition_progress_and_travel_filters_show_only_matching_patients(
    qtbot: QtBot, qtmodeltester: ModelTester, listing: ProfileList, store: Store, bank: QuestionBank
) -> None:
    model = listing.model
    assert model.total == SAMPLES

    _choose(listing.condition_filter, "stroke")
    _apply(qtbot, listing)
    rows = _all_rows(model)
    assert 0 < len(rows) < SAMPLES
    assert {r.condition for r in rows} == {"stroke"}
    assert len(rows) == store.count_profiles(ProfileQuery(condition="stroke"))
    assert listing.count_label.text() == f"Found: {len(rows)}"
    _check_model(qtmodeltester, store, bank, listing.query())

    _choose(listing.progress_filter, "not-started")
    _apply(qtbot, listing)
    not_started = _all_rows(model)
    assert not_started and all(r.answered == 0 and r.condition == "stroke" for r in not_started)
    _choose(listing.progress_filter, "in-progress")
    _apply(qtbot, listing)
    started = _all_rows(model)
    assert started and all(r.answered > 0 for r in started)
    assert len(started) + len(not_started) == len(rows)

    listing.clear_filters()
    # A travel month the samples use, among those the filter offers.
    months = [listing.travel_filter.itemData(i) for i in range(1, listing.travel_filter.count())]
    month = next(m for m in months if store.count_profiles(ProfileQuery(travel_month=m)))
    _choose(listing.travel_filter, month)
    _apply(qtbot, listing)
    travelling = _all_rows(model)
    assert travelling and all(r.travel_start <= month <= r.travel_end for r in travelling)
    assert len(travelling) == store.count_profiles(ProfileQuery(travel_month=month))
    _check_model(qtmodeltester, store, bank, listing.query())


def test_sorting_by_name_and_by_travel_month(qtbot: QtBot, listing: ProfileList) -> None:
    _choose(listing.sort_box, "name")
    _apply(qtbot, listing)
    names = [r.name for r in _all_rows(listing.model)]
    assert len(names) == SAMPLES
    assert names == sorted(names, key=str.casefold) and names != [r.name for r in _unsorted(listing)]

    _choose(listing.sort_box, "travel")
    _apply(qtbot, listing)
    windows = [r.travel_start or "" for r in _all_rows(listing.model)]
    filled = [w for w in windows if w]
    assert filled == sorted(filled) and windows[: len(filled)] == filled  # the undated ones last


def _unsorted(listing: ProfileList) -> list[ProfileSummary]:
    _choose(listing.sort_box, "updated")
    listing._apply_query()
    return _all_rows(listing.model)


def test_search_combines_with_a_filter(qtbot: QtBot, listing: ProfileList, store: Store) -> None:
    _choose(listing.condition_filter, "knee-oa")
    type_text(qtbot, listing.search, "seoul")
    _apply(qtbot, listing)
    rows = _all_rows(listing.model)
    assert rows and all(r.condition == "knee-oa" and "Seoul" in r.cities for r in rows)
    assert len(rows) == store.count_profiles(ProfileQuery(text="seoul", condition="knee-oa"))


def test_typing_runs_one_query_after_the_pause_and_keeps_the_chosen_patient(
    qtbot: QtBot, listing: ProfileList, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = listing.model
    chosen = model.summary(3)
    listing.select_profile(chosen.id)
    queries: list[ProfileQuery] = []
    real_set_query = model.set_query
    monkeypatch.setattr(model, "set_query", lambda query: (queries.append(query), real_set_query(query)))
    word = chosen.name.split()[0][:4]

    started = time.monotonic()
    type_text(qtbot, listing.search, word)
    assert queries == []  # nothing while the keys come
    qtbot.waitUntil(lambda: bool(queries), timeout=2000)
    assert time.monotonic() - started < (SEARCH_DELAY_MS + 1000) / 1000
    assert [q.text for q in queries] == [word]  # one query for the whole word
    # Still listed, so still selected.
    assert listing.view.currentIndex().data(ProfileIdRole) == chosen.id
    assert listing.current_profile_id == chosen.id


def test_no_match_says_so_and_show_all_brings_everyone_back(qtbot: QtBot, listing: ProfileList) -> None:
    chosen = listing.model.summary(0).id
    listing.select_profile(chosen)
    type_text(qtbot, listing.search, "nobody-by-this-name")
    _apply(qtbot, listing)
    assert listing.model.total == 0
    assert listing.results.currentIndex() == 1
    assert listing.empty_label.text() == "No patients match."
    assert listing.empty_label.isVisible() and listing.clear_filters_button.isVisible()
    assert listing.current_profile_id == chosen  # the open patient stays open

    qtbot.mouseClick(listing.clear_filters_button, Qt.MouseButton.LeftButton)
    assert listing.search.text() == ""
    assert listing.model.total == SAMPLES and listing.view.isVisible()
    assert listing.view.currentIndex().data(ProfileIdRole) == chosen


def test_sample_patients_carry_a_visible_sample_mark(
    qtbot: QtBot, listing: ProfileList, store: Store
) -> None:
    real = store.create_profile("Margaret Lee", condition="knee-oa")
    listing.refresh()
    model = listing.model
    real_row = model.row_of(real.id)
    assert real_row is not None
    sample_row = next(row for row in range(model.rowCount()) if model.summary(row).synthetic)

    def cell(row: int, role: Qt.ItemDataRole | int) -> object:
        return model.data(model.index(row, ProfileListModel.NAME), role)

    assert cell(real_row, SyntheticRole) is False and cell(sample_row, SyntheticRole) is True
    assert cell(sample_row, Qt.ItemDataRole.DisplayRole) == model.summary(sample_row).name
    assert "sample" in str(cell(sample_row, Qt.ItemDataRole.AccessibleTextRole))
    assert "sample" not in str(cell(real_row, Qt.ItemDataRole.AccessibleTextRole))
    assert "not a real person" in str(cell(sample_row, Qt.ItemDataRole.ToolTipRole))
    assert isinstance(listing.view.itemDelegateForColumn(ProfileListModel.NAME), SampleMarkDelegate)

    # The mark is really drawn: its fill colour appears in the sample's row and not in the real one's.
    def row_has_mark(row: int) -> bool:
        rect = listing.view.visualRect(model.index(row, ProfileListModel.NAME))
        image = listing.view.viewport().grab(rect).toImage()
        return any(
            image.pixelColor(x, image.height() // 2).name() == "#dce8fb" for x in range(image.width())
        )

    listing.view.scrollTo(model.index(sample_row, 0))
    assert row_has_mark(sample_row)
    listing.view.scrollTo(model.index(real_row, 0))
    assert not row_has_mark(real_row)


def test_a_search_with_more_than_the_count_limit_says_so_and_still_pages_through_all(
    qtbot: QtBot, listing: ProfileList, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.gui import profile_list

    monkeypatch.setattr(profile_list, "COUNT_LIMIT", 120)  # 300 sample patients stand in for 100,000
    type_text(qtbot, listing.search, "sa")  # every sample clinic is "(sample)"
    _apply(qtbot, listing)
    everyone = store.count_profiles(ProfileQuery(text="sa"))
    assert everyone > 120 + profile_list.PAGE_SIZE
    assert listing.count_label.text() == "Found: more than 120"
    assert not listing.model.counted_all and listing.model.total > 120
    rows = _all_rows(listing.model)
    assert len(rows) == everyone == len({r.id for r in rows})  # scrolling reaches every match, once

    listing.search.clear()
    type_text(qtbot, listing.search, "sa busan")
    _apply(qtbot, listing)
    assert listing.model.counted_all
    assert listing.count_label.text() == f"Found: {store.count_profiles(ProfileQuery(text='sa busan'))}"
