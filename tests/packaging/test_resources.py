"""The one resource accessor finds data/ and resources/ in a frozen bundle and a checkout,
and never mistakes another folder of the same name for ours."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from studyapp import resources

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _fresh_lookup():
    resources._root.cache_clear()
    yield
    resources._root.cache_clear()


def test_in_a_checkout_the_files_come_from_the_repository():
    assert resources.data_file(resources.BUNDLED_PACK) == REPO / "data" / resources.BUNDLED_PACK
    assert resources.resource_file(resources.APP_ICON) == REPO / "resources" / resources.APP_ICON


def test_a_frozen_bundle_reads_its_own_copy_first(tmp_path, monkeypatch):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / resources.PACK_SCHEMA).write_text("{}", "utf-8")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.data_file(resources.PACK_SCHEMA) == tmp_path / "data" / resources.PACK_SCHEMA


def test_a_folder_without_our_files_is_passed_over(tmp_path, monkeypatch):
    (tmp_path / "data").mkdir()  # e.g. some other package's data/ beside ours
    (tmp_path / "resources" / "icons").mkdir(parents=True)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.data_file(resources.PACK_SCHEMA).parent == REPO / "data"
    assert resources.resource_file(resources.APP_ICON) == REPO / "resources" / resources.APP_ICON


def test_a_missing_folder_is_one_sentence_naming_where_it_looked(tmp_path, monkeypatch):
    monkeypatch.setattr(resources, "_candidates", lambda folder: iter([tmp_path / folder]))
    monkeypatch.setattr(resources, "_installed_root", lambda folder: None)
    with pytest.raises(FileNotFoundError, match=r"^StudyApp's data folder is missing \(looked in "):
        resources.data_file(resources.PACK_SCHEMA)
