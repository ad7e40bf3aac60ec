"""Intake in the browser: a case from the form (with its record), a ur-case/1 upload, access, all-or-nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from audit.models import AuditEvent
from intake.validators import icd10_search, npi_is_valid
from reviews.models import Case, ClinicalDocument
from tests.reviews.factories import make_case
from tests.reviews.record_support import make_pdf
from tests.support import make_user

SEED = Path(__file__).resolve().parents[2] / "reviews/fixtures/cases/seed-approve-hip-traumatic.json"


@pytest.fixture
def intake_user(roles):
    return make_user("intake1", "intake_coordinator")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _form(**over):
    data = {
        "reference": "IN-TEST-1",
        "review_type": "prospective",
        "urgency": "standard",
        "received_at": "2025-09-02T09:30",
        "member_id": "M-900001",
        "given_name": "Dana",
        "family_name": "Whitfield",
        "birth_date": "1978-04-11",
        "sex": "female",
        "plan": "Commercial PPO",
        "provider_name": "Riverbend Physical Therapy",
        "provider_npi": "1234567893",
        "provider_specialty": "physical therapy",
        "diagnosis_1": "M17.11",
        "services": ["97110", "97140"],
        "visits": "8",
        "frequency_per_week": "2",
        "duration_weeks": "4",
        "start_date": "2025-09-03",
        "end_date": "2025-09-30",
        "assign_to": "auto",
    }
    data.update(over)
    return data


def test_npi_check_digit():
    assert npi_is_valid("1234567893")  # the CMS example
    assert not npi_is_valid("1234567890")
    assert not npi_is_valid("12345")


def test_icd10_search_by_code_and_words():
    by_code = icd10_search("M17.1")
    assert by_code and by_code[0]["code"].startswith("M17.1")  # type: ignore[attr-defined]
    words = icd10_search("primary osteoarthritis right knee")
    assert any(r["code"] == "M17.11" and r["billable"] for r in words)
    assert any(not r["billable"] for r in icd10_search("M17"))


def test_intake_creates_a_case_with_its_record_and_auto_assigns(intake_user, reviewer, reviewer2, starter, media):
    make_case(reference="BUSY-1", assigned_reviewer=reviewer)  # reviewer has open work; reviewer2 has none
    pdf = SimpleUploadedFile("fax.pdf", make_pdf(["Evaluation 2025-08-05. Pain 6/10 right knee."]), "application/pdf")
    r = _client(intake_user).post(reverse("intake:new_case"), {**_form(), "record": pdf})
    assert r.status_code == 302, r.content.decode()[:2000]
    case = Case.objects.get(reference="IN-TEST-1")
    assert case.assigned_reviewer == reviewer2
    assert case.received_at.isoformat().startswith("2025-09-02")
    assert ClinicalDocument.objects.filter(case=case).count() == 1
    assigned = AuditEvent.objects.filter(action="case.assigned", object_id=str(case.public_id)).get()
    assert assigned.summary["auto"] is True


@pytest.mark.parametrize(
    ("over", "field", "words"),
    [
        ({"provider_npi": "1234567890"}, "provider_npi", "check digit"),
        ({"diagnosis_1": "M17"}, "diagnosis_1", "non-billable"),
        ({"end_date": "2025-08-01"}, None, "end_date"),
    ],
)
def test_bad_input_gets_a_message_at_its_field_and_nothing_is_saved(intake_user, starter, media, over, field, words):
    r = _client(intake_user).post(reverse("intake:new_case"), _form(**over))
    assert r.status_code == 400
    form = r.context["form"]
    errors = " ".join(form.errors.get(field, [])) if field else json.dumps(form.errors)
    assert words in errors
    assert not Case.objects.filter(reference="IN-TEST-1").exists()


def test_a_refused_record_rolls_the_whole_case_back(intake_user, reviewer, starter, media):
    bad = SimpleUploadedFile("fax.pdf", b"this is not a record", "application/pdf")
    r = _client(intake_user).post(reverse("intake:new_case"), {**_form(), "record": bad})
    assert r.status_code == 400
    assert "not a PDF or a TIFF" in " ".join(r.context["form"].errors["record"])
    assert not Case.objects.filter(reference="IN-TEST-1").exists()
    assert not AuditEvent.objects.filter(action="case.imported").exists()


def test_case_file_upload_gives_the_cli_messages(intake_user, starter, media):
    data = json.loads(SEED.read_text())
    data["reference"] = "IN-FILE-1"
    data["diagnoses"][0]["code"] = "M25.5"
    f = SimpleUploadedFile("case.json", json.dumps(data).encode(), "application/json")
    r = _client(intake_user).post(reverse("intake:upload_case_file"), {"case_file": f})
    assert r.status_code == 400
    assert any(e.startswith("diagnoses[0].code:") for e in r.context["file_form"].errors["case_file"])
    assert not Case.objects.filter(reference="IN-FILE-1").exists()
    data["diagnoses"][0]["code"] = "M25.552"
    f = SimpleUploadedFile("case.json", json.dumps(data).encode(), "application/json")
    r = _client(intake_user).post(reverse("intake:upload_case_file"), {"case_file": f})
    assert r.status_code == 302 and Case.objects.filter(reference="IN-FILE-1").exists()


@pytest.mark.parametrize(("who", "status"), [("reviewer", 403), ("auditor", 403), ("supervisor", 200), ("intake", 200)])
def test_access_by_role(who, status, reviewer, auditor, supervisor, intake_user, starter):
    user = {"reviewer": reviewer, "auditor": auditor, "supervisor": supervisor, "intake": intake_user}[who]
    assert _client(user).get(reverse("intake:new_case")).status_code == status
    assert Client().get(reverse("intake:new_case")).status_code == 302
