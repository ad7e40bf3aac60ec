# ruff: noqa: F811  (pytest fixtures imported from test_letters_support are used as parameters)
"""Letter views: history tab, download, verification page (access checks for owner, other reviewer, outsider)."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audit.models import AuditEvent
from reviews.models import Letter
from reviews.services.determinations import determination_submit


def _letter(case: Any, rec: Any, user: Any, capture: Any) -> Letter:
    with capture(execute=True):
        det = determination_submit(case=case, reviewer=user, recommendation=rec)
    return Letter.objects.get(determination=det)


def test_case_letters_tab_partial_and_page(
    client: Any, approve_case: Any, reviewer: Any, reviewer2: Any, django_capture_on_commit_callbacks: Any
) -> None:
    case, rec = approve_case
    letter = _letter(case, rec, reviewer, django_capture_on_commit_callbacks)
    url = reverse("reviews:case_letters", kwargs={"public_id": case.public_id})
    client.force_login(reviewer)
    partial = client.get(url, HTTP_HX_REQUEST="true")
    assert partial.status_code == 200
    body = partial.content.decode()
    assert "<html" not in body and "v1" in body and "Download PDF" in body and letter.sha256[:12] in body
    page = client.get(url)
    assert page.status_code == 200 and "<html" in page.content.decode()
    client.logout()
    client.force_login(reviewer2)
    assert client.get(url).status_code == 404  # not their case
    client.logout()
    assert client.get(url).status_code == 302  # anonymous -> login


def test_letter_download_is_access_checked_and_audited(
    client: Any,
    approve_case: Any,
    reviewer: Any,
    reviewer2: Any,
    auditor: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    case, rec = approve_case
    letter = _letter(case, rec, reviewer, django_capture_on_commit_callbacks)
    url = reverse("reviews:letter_download", kwargs={"public_id": case.public_id, "version": 1})
    client.force_login(reviewer)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="SEED-0001-letter-v1.pdf"'
    assert response.content == bytes(letter.pdf)
    assert AuditEvent.objects.filter(action="letter.downloaded", actor=reviewer).count() == 1
    assert (
        client.get(reverse("reviews:letter_download", kwargs={"public_id": case.public_id, "version": 9})).status_code
        == 404
    )
    client.logout()
    client.force_login(reviewer2)
    assert client.get(url).status_code == 404
    client.logout()
    client.force_login(auditor)
    assert client.get(url).status_code == 200


def test_letter_verify_page(
    client: Any,
    approve_case: Any,
    reviewer: Any,
    auditor: Any,
    supervisor: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    case, rec = approve_case
    letter = _letter(case, rec, reviewer, django_capture_on_commit_callbacks)
    url = reverse("reviews:letter_verify")
    client.force_login(reviewer)
    assert client.get(url).status_code == 403  # reviewers do not verify
    client.logout()
    client.force_login(auditor)
    assert client.get(url).status_code == 200
    good = client.post(url, {"pdf": SimpleUploadedFile("l.pdf", bytes(letter.pdf), "application/pdf")})
    html = good.content.decode()
    assert good.status_code == 200 and "Signature intact and valid" in html and "Matches SEED-0001 letter v1" in html
    assert "Reviewer Tester" in html
    changed = bytearray(bytes(letter.pdf))
    changed[len(changed) // 2] ^= 0x01
    bad = client.post(url, {"pdf": SimpleUploadedFile("l.pdf", bytes(changed), "application/pdf")})
    assert "Not valid" in bad.content.decode() and "No stored letter has this exact file" in bad.content.decode()
    not_pdf = client.post(url, {"pdf": SimpleUploadedFile("l.txt", b"hello", "text/plain")})
    assert not_pdf.status_code == 400 and "This is not a PDF file." in not_pdf.content.decode()
    assert AuditEvent.objects.filter(action="letter.verified").count() == 2
    client.logout()
    client.force_login(supervisor)
    assert client.get(url).status_code == 200


def test_case_reopen_view_is_for_supervisors_and_needs_a_reason(
    client: Any, approve_case: Any, reviewer: Any, supervisor: Any, django_capture_on_commit_callbacks: Any
) -> None:
    case, rec = approve_case
    _letter(case, rec, reviewer, django_capture_on_commit_callbacks)
    url = reverse("reviews:case_reopen", kwargs={"public_id": case.public_id})
    tab = reverse("reviews:case_letters", kwargs={"public_id": case.public_id})

    client.force_login(reviewer)
    assert "Reopen case" not in client.get(tab, HTTP_HX_REQUEST="true").content.decode()
    assert client.post(url, {"reason": "x"}).status_code == 403  # the assigned reviewer cannot reopen
    case.refresh_from_db()
    assert case.status == "determined"

    client.force_login(supervisor)
    assert "Reopen case" in client.get(tab, HTTP_HX_REQUEST="true").content.decode()
    response = client.post(url, {"reason": "  "}, follow=True)
    body = response.content.decode()
    assert "Reopening a case needs a reason." in body
    assert "reason: " not in body  # was: the internal field name leaked into the message
    case.refresh_from_db()
    assert case.status == "determined"

    response = client.post(url, {"reason": "Provider sent the missing progress note"})
    assert response.status_code == 302 and response["Location"].endswith("?tab=letters")
    case.refresh_from_db()
    assert case.status == "reopened"
    assert AuditEvent.objects.filter(action="case.reopened", object_id=str(case.public_id)).exists()


def test_verifying_a_superseded_letter_names_the_superseding_version(
    client: Any, approve_case: Any, reviewer: Any, supervisor: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """Was: v1 verified as plainly 'valid' after v2 replaced it."""
    from reviews.services.determinations import determination_reopen

    case, rec = approve_case
    v1 = _letter(case, rec, reviewer, django_capture_on_commit_callbacks)
    case.refresh_from_db()
    determination_reopen(case=case, actor=supervisor, reason="Corrected provider address")
    case.refresh_from_db()
    v2 = _letter(case, rec, reviewer, django_capture_on_commit_callbacks)
    assert v2.version == 2
    client.force_login(supervisor)
    url = reverse("reviews:letter_verify")
    html = client.post(url, {"pdf": SimpleUploadedFile("l.pdf", bytes(v1.pdf), "application/pdf")}).content.decode()
    assert "Matches SEED-0001 letter v1" in html and "superseded by v2" in html and "Superseded</strong> by v2" in html
    current = client.post(url, {"pdf": SimpleUploadedFile("l.pdf", bytes(v2.pdf), "application/pdf")})
    assert "Superseded" not in current.content.decode()
