"""The medical record tab: PDF upload checks, per-page text extraction, page view, search, evidence."""

from __future__ import annotations

import hashlib
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pypdf import PdfWriter

from audit.models import AuditEvent
from reviews.models import ClinicalDocument, ClinicalReview, DocumentPage
from reviews.services.documents import document_extract_text
from reviews.tasks.documents import extract_document_text_task
from tests.reviews.factories import make_case
from tests.support import login

from .record_support import make_pdf, upload

# ---------------------------------------------------------------- services


def test_document_upload_stores_random_name_hash_and_extracts_pages(
    case, reviewer, media, django_capture_on_commit_callbacks
):
    data = make_pdf()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        doc = upload(case, reviewer, data, name="../../etc/Linda Marsh notes.pdf", extract=False)
    assert len(callbacks) == 1  # extraction enqueued on commit
    doc.refresh_from_db()
    assert doc.sha256 == hashlib.sha256(data).hexdigest()
    assert doc.size == len(data)
    assert doc.original_name == "Linda Marsh notes.pdf"
    assert "Linda" not in doc.file.name and doc.file.name.startswith(f"records/{case.public_id}/")
    assert doc.page_count == 3
    assert doc.extraction_status == "done"
    texts = list(doc.pages.values_list("number", "text"))
    assert [n for n, _ in texts] == [1, 2, 3]
    assert "3+/5" in texts[1][1]
    ev = AuditEvent.objects.filter(action="document.uploaded").get()
    assert ev.summary["pages"] == 3 and "Linda" not in str(ev.summary)


def test_document_extract_text_is_idempotent(case, reviewer, media, django_capture_on_commit_callbacks):
    doc = upload(case, reviewer, extract=False)
    assert doc.extraction_status == "pending"
    extract_document_text_task(doc.pk)
    extract_document_text_task(doc.pk)
    assert DocumentPage.objects.filter(document=doc).count() == 3
    assert document_extract_text(document_id=999999) is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"hello, this is not a pdf", "not a PDF"),
        (b"%PDF-1.7\nthis is broken garbage\n%%EOF", "damaged"),
    ],
)
def test_document_upload_rejects_bad_files(case, reviewer, media, data, message):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        upload(case, reviewer, data)
    assert "file" in exc.value.message_dict
    assert message in " ".join(exc.value.message_dict["file"])
    assert ClinicalDocument.objects.count() == 0
    assert not any(media.rglob("*.pdf")) if media.exists() else True


def test_document_upload_size_limit(case, reviewer, media, settings):
    from django.core.exceptions import ValidationError

    settings.UR_MAX_UPLOAD_BYTES = 1000
    with pytest.raises(ValidationError) as exc:
        upload(case, reviewer)
    assert "limit" in exc.value.message_dict["file"][0]
    assert ClinicalDocument.objects.count() == 0


def test_document_upload_rejects_pdf_without_pages(case, reviewer, media):
    from django.core.exceptions import ValidationError

    buf = io.BytesIO()
    PdfWriter().write(buf)
    with pytest.raises(ValidationError) as exc:
        upload(case, reviewer, buf.getvalue())
    assert "no pages" in exc.value.message_dict["file"][0]


# ---------------------------------------------------------------- views: access


@pytest.mark.parametrize("who", ["reviewer", "reviewer2", "supervisor", "auditor", "anonymous"])
def test_case_record_access(who, case, reviewer, reviewer2, supervisor, auditor):
    users = {"reviewer": reviewer, "reviewer2": reviewer2, "supervisor": supervisor, "auditor": auditor}
    client = login(users[who]) if who != "anonymous" else Client()
    url = reverse("reviews:case_record", args=[case.public_id])
    response = client.get(url)
    expected = {"reviewer": 200, "reviewer2": 404, "supervisor": 200, "auditor": 200, "anonymous": 302}[who]
    assert response.status_code == expected
    if expected == 200:
        assert AuditEvent.objects.filter(action="case.viewed", object_id=str(case.public_id)).exists()


@pytest.mark.parametrize("who", ["reviewer", "reviewer2", "supervisor", "auditor", "anonymous"])
def test_document_upload_access(who, case, reviewer, reviewer2, supervisor, auditor, media):
    users = {"reviewer": reviewer, "reviewer2": reviewer2, "supervisor": supervisor, "auditor": auditor}
    client = login(users[who]) if who != "anonymous" else Client()
    url = reverse("reviews:document_upload", args=[case.public_id])
    response = client.post(url, {"file": SimpleUploadedFile("r.pdf", make_pdf(), "application/pdf")})
    expected = {"reviewer": 302, "reviewer2": 404, "supervisor": 302, "auditor": 404, "anonymous": 302}[who]
    assert response.status_code == expected
    assert ClinicalDocument.objects.count() == (1 if who in ("reviewer", "supervisor") else 0)


def test_record_fragment_vs_full_page(case, reviewer, media):
    upload(case, reviewer)
    client = login(reviewer)
    url = reverse("reviews:case_record", args=[case.public_id])
    full = client.get(url).content.decode()
    frag = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" in full and reverse("reviews:case_detail", args=[case.public_id]) in full
    assert "<html" not in frag and 'id="ur-tab-record"' in frag
    assert "record.pdf" in frag


def test_upload_view_shows_field_error_for_non_pdf(case, reviewer, media):
    client = login(reviewer)
    url = reverse("reviews:document_upload", args=[case.public_id])
    response = client.post(
        url, {"file": SimpleUploadedFile("x.pdf", b"GIF89a....", "application/pdf")}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert "not a PDF" in response.content.decode()
    assert ClinicalDocument.objects.count() == 0


# ---------------------------------------------------------------- page view, search, attach


@pytest.mark.parametrize("who", ["reviewer", "reviewer2", "supervisor", "anonymous"])
def test_document_page_view(who, case, reviewer, reviewer2, supervisor, media):
    doc = upload(case, reviewer)
    extract_document_text_task(doc.pk)
    users = {"reviewer": reviewer, "reviewer2": reviewer2, "supervisor": supervisor}
    client = login(users[who]) if who != "anonymous" else Client()
    url = reverse("reviews:document_page", args=[case.public_id, doc.public_id, 2])
    response = client.get(url, {"q": "hoos"}, HTTP_HX_REQUEST="true")
    expected = {"reviewer": 200, "reviewer2": 404, "supervisor": 200, "anonymous": 401}[who]
    assert response.status_code == expected
    if expected == 200:
        html = response.content.decode()
        assert "<mark>HOOS</mark>" in html
        assert reverse("reviews:document_page", args=[case.public_id, doc.public_id, 1]) in html
        assert reverse("reviews:document_page", args=[case.public_id, doc.public_id, 3]) in html


def test_document_page_404s(case, reviewer, media):
    doc = upload(case, reviewer)
    other = make_case(assigned_reviewer=reviewer)
    client = login(reviewer)
    assert client.get(reverse("reviews:document_page", args=[case.public_id, doc.public_id, 9])).status_code == 404
    # A document of one case is not reachable through another case's URL.
    assert client.get(reverse("reviews:document_page", args=[other.public_id, doc.public_id, 1])).status_code == 404


def test_page_text_is_escaped(case, reviewer, media):
    doc = upload(case, reviewer, make_pdf(["&lt;script&gt;alert(1)&lt;/script&gt; hip"]))
    client = login(reviewer)
    html = client.get(
        reverse("reviews:document_page", args=[case.public_id, doc.public_id, 1]), {"q": "hip"}
    ).content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize("who", ["reviewer", "reviewer2", "supervisor", "anonymous"])
def test_record_search(who, case, reviewer, reviewer2, supervisor, media):
    upload(case, reviewer)
    users = {"reviewer": reviewer, "reviewer2": reviewer2, "supervisor": supervisor}
    client = login(users[who]) if who != "anonymous" else Client()
    response = client.get(reverse("reviews:record_search", args=[case.public_id]), {"q": "sets"})
    expected = {"reviewer": 200, "reviewer2": 404, "supervisor": 200, "anonymous": 302}[who]
    assert response.status_code == expected
    if expected == 200:
        html = response.content.decode()
        assert "pg 3" in html and "<mark>sets</mark>" in html
        assert "1 page mention" in html


def test_record_search_too_short_names_field(case, reviewer, media):
    client = login(reviewer)
    html = client.get(reverse("reviews:record_search", args=[case.public_id]), {"q": "x"}).content.decode()
    assert "Search:" in html and "at least 2" in html


@pytest.mark.parametrize("who", ["reviewer", "reviewer2", "supervisor", "auditor", "anonymous"])
def test_attach_evidence(who, case, reviewer, reviewer2, supervisor, auditor, media):
    users = {"reviewer": reviewer, "reviewer2": reviewer2, "supervisor": supervisor, "auditor": auditor}
    client = login(users[who]) if who != "anonymous" else Client()
    url = reverse("reviews:record_search", args=[case.public_id])
    response = client.post(url, {"finding": "objective_impairments", "page": 15}, HTTP_HX_REQUEST="true")
    expected = {"reviewer": 200, "reviewer2": 404, "supervisor": 200, "auditor": 404, "anonymous": 401}[who]
    assert response.status_code == expected
    review = ClinicalReview.objects.filter(case=case).first()
    if expected == 200:
        assert "attached to Objective impairments" in response.content.decode()
        assert {"finding": "objective_impairments", "page": 15} in review.evidence
        # Attaching again adds nothing.
        client.post(url, {"finding": "objective_impairments", "page": 15}, HTTP_HX_REQUEST="true")
        review.refresh_from_db()
        assert review.evidence.count({"finding": "objective_impairments", "page": 15}) == 1
        case.refresh_from_db()
        assert case.status == "in_review"
    else:
        assert review is None


def test_attach_evidence_rejects_bad_finding(case, reviewer):
    client = login(reviewer)
    url = reverse("reviews:record_search", args=[case.public_id])
    response = client.post(url, {"finding": "bogus", "page": 0}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Attach to finding" in html and "Record page" in html
    assert not ClinicalReview.objects.filter(case=case).exists()


def test_evidence_links_to_record_page(case, reviewer, media):
    doc = upload(case, reviewer)
    extract_document_text_task(doc.pk)
    client = login(reviewer)
    client.post(reverse("reviews:record_search", args=[case.public_id]), {"finding": "outcome_measures", "page": 2})
    html = client.get(reverse("reviews:case_record", args=[case.public_id]), HTTP_HX_REQUEST="true").content.decode()
    assert "documented pg 2" in html
    assert reverse("reviews:document_page", args=[case.public_id, doc.public_id, 2]) in html
