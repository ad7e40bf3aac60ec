"""Every path to a signature (accept, override, partial approval per line) shows the exact letter first,
unsigned and watermarked PREVIEW; signing needs the token of the preview of exactly that content.

Was: one click on "Accept and submit for signature" or "Override and submit for signature" signed the
letter; only acceptance had a preview link, and nothing required that it had been seen."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.models import AuditEvent
from reviews.models import Determination, Letter
from reviews.services.determinations import PREVIEW_REQUIRED, PREVIEW_STALE, determination_sign
from reviews.services.letter_preview import letter_preview
from tests.reviews.letters_support import pdf_text
from tests.support import login, preview_token_in

PARTIAL = {
    "decision": "partial",
    "override_code": "fewer-visits-enough",
    "override_note": "Four are enough before the re-evaluation.",
    "line_0_visits": "4",
    "line_1_visits": "4",
    "line_2_visits": "0",
}
DENY = {"decision": "deny", "override_code": "records-do-not-support", "override_note": ""}


def _url(case: Any, action: str) -> str:
    return reverse(f"reviews:decision_{action}", args=[case.public_id])


def _without_preview_marks(text: str) -> str:
    """The letter's words without what differs between preview and signed copy by design."""
    text = text.replace("PREVIEW - NOT SIGNED", " ")
    text = re.sub(r"Signed \(UTC\): \S+ \S+ UTC\.", " ", text)
    # The diagonal watermark comes out of pdftotext one letter at a time, between the letter's words.
    return " ".join(w for w in text.split() if not (len(w) == 1 and w in set("PREVIEW-NOTSIGNED")))


@pytest.mark.parametrize(
    ("action", "post"), [("accept", {}), ("override", DENY), ("override", PARTIAL)], ids=["accept", "deny", "partial"]
)
def test_each_path_previews_the_exact_letter_then_signs(
    action: str,
    post: dict[str, str],
    approve_case: Any,
    reviewer: Any,
    tmp_path: Path,
    django_capture_on_commit_callbacks: Any,
) -> None:
    case, _rec = approve_case
    client = login(reviewer)
    preview = client.post(_url(case, action), post, HTTP_HX_REQUEST="1")
    html = preview.content.decode()
    assert preview.status_code == 200 and 'id="letter-preview"' in html
    assert html.count('src="data:image/png;base64,') >= 2  # the letter's pages, shown in the page
    assert 'id="decision-sign"' in html and "Sign and send this letter" in html
    assert Determination.objects.count() == 0 and Letter.objects.count() == 0  # nothing signed yet
    event = AuditEvent.objects.get(action="letter.previewed")
    assert event.summary["overridden"] == (action == "override")

    # The preview PDF (the download link) is the letter that will be signed, watermarked.
    b64 = re.search(r'href="data:application/pdf;base64,([^"]+)"', html)
    assert b64 is not None
    import base64

    preview_pdf = base64.b64decode(b64.group(1))
    preview_text = pdf_text(preview_pdf, tmp_path)
    assert "PREVIEW - NOT SIGNED" in preview_text

    token = preview_token_in(preview)
    with django_capture_on_commit_callbacks(execute=True):
        signed = client.post(_url(case, action), {**post, "preview_token": token}, HTTP_HX_REQUEST="1")
    assert "submitted for signature" in signed.content.decode()
    det = Determination.objects.get()
    letter = Letter.objects.get(determination=det)
    signed_text = pdf_text(bytes(letter.pdf), tmp_path)
    assert "PREVIEW" not in signed_text
    assert _without_preview_marks(signed_text) == _without_preview_marks(preview_text)
    if post is PARTIAL:
        assert [(ln["decision"], ln["approved_visits"]) for ln in det.lines] == [
            ("partial", 4),
            ("partial", 4),
            ("deny", 0),
        ]
    # A double-clicked confirm is a retry: the first determination, nothing written twice.
    again = client.post(_url(case, action), {**post, "preview_token": token}, HTTP_HX_REQUEST="1")
    assert again.status_code == 200 and Determination.objects.count() == 1
    assert AuditEvent.objects.filter(action="determination.submitted").count() == 1


@pytest.mark.parametrize(
    "changed",
    [
        {"decision": "deny", "override_code": "records-do-not-support"},  # another decision
        {"override_code": "home-program-sufficient"},  # another reason
        {"line_1_visits": "5"},  # another line
        {"override_note": "Edited after the preview."},  # another note
    ],
    ids=["decision", "code", "line", "note"],
)
def test_signing_content_other_than_the_previewed_is_refused(
    changed: dict[str, str], approve_case: Any, reviewer: Any
) -> None:
    case, _rec = approve_case
    client = login(reviewer)
    token = preview_token_in(client.post(_url(case, "override"), PARTIAL, HTTP_HX_REQUEST="1"))
    response = client.post(_url(case, "override"), {**PARTIAL, **changed, "preview_token": token}, HTTP_HX_REQUEST="1")
    assert PREVIEW_STALE in response.content.decode()
    assert Determination.objects.count() == 0


def test_signing_without_a_preview_is_refused(approve_case: Any, reviewer: Any) -> None:
    case, rec = approve_case
    client = login(reviewer)
    for token in ("", "0" * 64):
        response = client.post(_url(case, "accept"), {"preview_token": token}, HTTP_HX_REQUEST="1")
        assert (PREVIEW_REQUIRED if not token else PREVIEW_STALE) in response.content.decode()
    # Another case's (or another reviewer's) preview does not sign this one.
    with pytest.raises(ValidationError) as exc:
        determination_sign(case=case, reviewer=reviewer, recommendation=rec, preview_token="")
    assert exc.value.message_dict == {"preview_token": [PREVIEW_REQUIRED]}
    assert Determination.objects.count() == 0
    # The service's token is what the view hands out.
    token = letter_preview(case=case, reviewer=reviewer, recommendation=rec).token
    det = determination_sign(case=case, reviewer=reviewer, recommendation=rec, preview_token=token)
    assert det.decision == "approve"
    assert AuditEvent.objects.get(action="determination.submitted").summary["previewed"] is True


def test_no_view_records_a_determination_without_the_preview_check() -> None:
    """Views sign through determination_sign (which needs the token), never determination_submit."""
    root = Path(__file__).resolve().parents[2]
    offenders = [
        str(p.relative_to(root))
        for app in ("reviews", "appeals", "intake", "oversight", "pas")
        for p in (root / app).rglob("views*/**/*.py")
        if "determination_submit" in p.read_text()
    ] + [
        str(p.relative_to(root))
        for app in ("reviews", "appeals", "intake", "oversight", "pas")
        for p in (root / app).glob("views*.py")
        if "determination_submit" in p.read_text()
    ]
    assert offenders == []
    assert "determination_sign" in (root / "reviews" / "views" / "decision.py").read_text()
