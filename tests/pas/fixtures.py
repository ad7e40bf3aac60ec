"""PAS fixtures (a pytest plugin registered by tests/conftest.py, so appeals tests can use them too): a registered client system, a bearer token from the real token endpoint, a PAS case
with a ready recommendation (helpers in tests/pas/support.py)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from reviews.models import Case, CaseStatus, ReviewerProfile
from reviews.services.recommendations import clear_snapshot_cache, recommendation_request
from tests.pas.bundles import pt_request
from tests.pas.support import PasApi, make_api


@pytest.fixture
def api(db: None) -> PasApi:
    return make_api("Northgate EHR")


@pytest.fixture
def other_api(db: None) -> PasApi:
    return make_api("Other Clinic EHR")


@pytest.fixture
def pas_case(api, reviewer, letters_env, django_capture_on_commit_callbacks) -> Case:
    ReviewerProfile.objects.filter(user=reviewer).update(npi="1942788757")
    call_command("load_criteria", stdout=StringIO())
    clear_snapshot_cache()
    with django_capture_on_commit_callbacks(execute=True):
        assert api.submit(pt_request()).status_code == 201
    case = Case.objects.get()
    Case.objects.filter(pk=case.pk).update(assigned_reviewer=reviewer)
    case.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        recommendation_request(case=case, actor=reviewer)
    case.refresh_from_db()
    assert case.status == CaseStatus.RECOMMENDATION_READY
    return case
