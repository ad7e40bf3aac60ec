from __future__ import annotations

import pytest

from criteria.loader import starter_load
from criteria.models import CriteriaVersion


@pytest.fixture
def starter(db: None) -> CriteriaVersion:
    """The published starter version 1 of pt-outpatient (effective 2024-01-01)."""
    result = starter_load()
    return result["published"]
