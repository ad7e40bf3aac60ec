from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError

from criteria.loader import LIBRARY_FILE
from guidelines.models import GuidelineSource, Recommendation
from guidelines.services import library_export, library_load


def test_library_file_loads_with_stable_citation_ids(db):
    data = json.loads(LIBRARY_FILE.read_text())
    assert library_load(data=data) == (len(data), sum(len(s["recommendations"]) for s in data))
    assert library_load(data=data) == (0, 0)
    rec = Recommendation.objects.get(citation_id="acr-oa-2019/manual-therapy")
    assert rec.source.key == "acr-oa-2019" and rec.verification == "P"
    src = GuidelineSource.objects.get(key="ihiprn-2020")
    assert "doi:10.1136/bjsports-2019-101458" in src.citation_text and "Kemp JL" in src.citation_text
    mcg = GuidelineSource.objects.get(key="mcg-care-guidelines")
    assert mcg.licence == "licensed" and mcg.verification == "U"
    assert [s["key"] for s in library_export()] == sorted(s["key"] for s in data)


def test_library_load_refuses_bad_entries_whole(db):
    bad = [
        {"key": "ok-source", "title": "Fine", "recommendations": [{"key": "a", "statement": "s"}]},
        {
            "key": "Bad Key",
            "title": "",
            "licence": "free",
            "recommendations": [{"key": "a"}, {"key": "a", "statement": "x"}],
        },
    ]
    with pytest.raises(ValidationError) as exc:
        library_load(data=bad)
    errors = exc.value.message_dict
    for field in ("guidelines[1].key", "guidelines[1].title", "guidelines[1].licence",
                  "guidelines[1].recommendations[0].statement", "guidelines[1].recommendations[1].key"):  # fmt: skip
        assert field in errors, errors
    assert not GuidelineSource.objects.exists()
