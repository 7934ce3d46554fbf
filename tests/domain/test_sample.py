"""Synthetic sample profiles, and search among ten thousand of them."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.domain.sample import SYNTHETIC_NOTE, add_sample_profiles
from db.search import ProfileQuery
from db.store import Store


@pytest.fixture(scope="module")
def ten_thousand(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("scale") / "10k.db"
    with Store.open(path) as store:
        add_sample_profiles(store, 10_000, seed=7)
    return path


def test_samples_are_marked_and_realistic(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        ids = add_sample_profiles(store, 60, seed=1)
        profiles = [store.profile(i) for i in ids]
        assert all(p.synthetic and p.notes == SYNTHETIC_NOTE for p in profiles)
        assert {p.condition for p in profiles} == {"knee-oa", "stroke", "parkinsons", "heart", "skin", "other"}
        assert any(any("\uac00" <= ch <= "\ud7a3" for ch in p.name) for p in profiles)  # Korean names too
        knee = [p for p in profiles if p.condition == "knee-oa"]
        assert all(p.kl_grade is not None for p in knee)
        assert sum(len(store.clinics_for(i)) for i in ids) > 30
        assert store.connection.execute("SELECT count(*) FROM answers").fetchone()[0] > 30


def test_same_seed_same_people(tmp_path: Path) -> None:
    names = []
    for run in range(2):
        with Store.open(tmp_path / f"{run}.db") as store:
            names.append([store.profile(i).name for i in add_sample_profiles(store, 30, seed=3)])
    assert names[0] == names[1]


def test_search_among_ten_thousand(ten_thousand: Path) -> None:
    with Store.open(ten_thousand) as store:
        assert store.profile_count() == 10_000
        knee_total = store.count_profiles(ProfileQuery(condition="knee-oa"))
        assert knee_total > 1000
        assert store.count_profiles(ProfileQuery(text="knee")) == knee_total
        assert store.count_profiles(ProfileQuery(text="무릎")) == knee_total
        page = store.list_profiles(ProfileQuery(text="무릎"), limit=50)
        assert len(page) == 50 and all(p.condition == "knee-oa" for p in page)
        busan = store.list_profiles(ProfileQuery(text="busan"), limit=20)
        assert busan and all("busan" in (p.cities.lower()) for p in busan)
