"""config/wsgi.py warms each worker: the lazily loaded tables are loaded before the first request."""

from __future__ import annotations

from config.warmup import warm_up
from reviews import case_format


def test_warm_up_loads_the_icd_tables_and_the_schema(monkeypatch):
    case_format._icd.cache_clear()
    case_format._validator.cache_clear()
    warm_up()
    assert case_format._icd.cache_info().currsize == 1
    assert case_format._validator.cache_info().currsize == 1


def test_warm_up_can_be_skipped(monkeypatch):
    monkeypatch.setenv("UR_WARM_UP", "0")
    case_format._icd.cache_clear()
    assert warm_up() == 0.0
    assert case_format._icd.cache_info().currsize == 0
