"""Letter preview before signing: the exact letter, rendered unsigned and watermarked PREVIEW;
nothing is stored; access-checked and audited."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.urls import reverse
from pypdf import PdfReader

from audit.models import AuditEvent
from reviews.models import Determination, Letter
from tests.reviews.factories import ready_seed_case
from tests.support import login


@pytest.fixture
def deny_case(criteria: None, reviewer: Any, django_capture_on_commit_callbacks: Any) -> Any:
    return ready_seed_case("seed-deny-hip-restart", reviewer, django_capture_on_commit_callbacks)


@pytest.fixture
def approve_case(criteria: None, reviewer: Any, django_capture_on_commit_callbacks: Any) -> Any:
    return ready_seed_case("seed-approve-hip-traumatic", reviewer, django_capture_on_commit_callbacks)


def _text(pdf: bytes) -> str:
    return " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)


def test_preview_is_the_unsigned_letter_watermarked_and_stores_nothing(deny_case, reviewer, reviewer2):
    url = reverse("reviews:decision_preview", args=[deny_case.public_id])
    accept = reverse("reviews:decision_accept", args=[deny_case.public_id])
    panel = login(reviewer).post(accept, {}, HTTP_HX_REQUEST="1")  # accepting shows the preview first
    assert 'id="letter-preview"' in panel.content.decode() and url in panel.content.decode()
    response = login(reviewer).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = response.content
    text = _text(pdf)
    assert "PREVIEW - NOT SIGNED" in text
    assert deny_case.reference in text or deny_case.member.family_name in text
    reader = PdfReader(io.BytesIO(pdf))
    assert not reader.get_fields()  # no signature field: unsigned
    assert Determination.objects.filter(case=deny_case).count() == 0 and Letter.objects.count() == 0
    assert AuditEvent.objects.filter(action="letter.previewed").count() == 2  # the panel, then the PDF
    assert login(reviewer2).get(url).status_code == 404  # not their case
