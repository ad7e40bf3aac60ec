# ruff: noqa: F811  (pytest fixtures imported from test_letters_support are used as parameters)
"""Letters: content from findings, PDF/A rendering, PAdES signing, verification and immutability."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from pypdf import PdfReader

from audit.models import AuditEvent
from reviews.letters import content, pki, signing, verify
from reviews.models import CaseStatus, Letter
from reviews.models.letters import ImmutableLetterError
from reviews.services.determinations import determination_reopen, determination_submit, result_lines
from reviews.services.letters import letter_issue

from .letters_support import pdf_text


def _decide(case: Any, rec: Any, user: Any, capture: Any, **kw: Any) -> Letter:
    with capture(execute=True):
        det = determination_submit(case=case, reviewer=user, recommendation=rec, **kw)
    return Letter.objects.get(determination=det)


def _assert_markers(text: str, ctx: content.LetterContext) -> None:
    for element, markers in content.required_notice_markers(ctx).items():
        for marker in markers:
            assert " ".join(marker.split()) in text, f"notice element {element!r}: {marker!r} missing"


def _assert_references_resolve(text: str, ctx: content.LetterContext) -> None:
    used = {int(n) for group in re.findall(r"\[(\d+(?:, \d+)*)\]", text) for n in group.split(", ")}
    refs = ctx.references
    assert used and used == set(range(1, len(refs) + 1)), "every marker resolves and every reference is cited"
    assert len({r.source_key for r in refs}) == len(refs), "each source is numbered once"
    assert "References" in text


def test_letter_seed_approve_pdf_contains_everything(
    approve_case: Any, reviewer: Any, django_capture_on_commit_callbacks: Any, tmp_path: Path
) -> None:
    case, rec = approve_case
    letter = _decide(case, rec, reviewer, django_capture_on_commit_callbacks)
    text = pdf_text(bytes(letter.pdf), tmp_path)

    assert "Medical Necessity Determination: Physical Therapy for Pain in left hip (M25.552)" in text
    assert "Decision: APPROVED" in text
    for code, words in (("97110", "Therapeutic exercise"), ("97140", "Manual therapy"), ("97164", "re-evaluation")):
        assert code in text and words in text
    assert "6 done + 8 requested = 14 visits, within the plan's 14-visit guideline" in text
    assert "08/27/2025 to 09/23/2025" in text and "08/26/2025" in text
    assert "What the provider can send" not in text and "right to appeal" not in text
    assert re.search(r"Page 1 of \d", text)
    ctx = content.build_letter_context(letter.determination, version=1)
    _assert_markers(text, ctx)
    _assert_references_resolve(text, ctx)
    assert "Kemp JL, Risberg MA, Mosler A" in text and "Table 1 C1" in text
    assert letter.version == 1 and letter.supersedes is None and letter.size == len(bytes(letter.pdf))


def test_letter_seed_deny_pdf_contains_everything(
    deny_case: Any, reviewer: Any, django_capture_on_commit_callbacks: Any, tmp_path: Path
) -> None:
    case, rec = deny_case
    letter = _decide(case, rec, reviewer, django_capture_on_commit_callbacks)
    text = pdf_text(bytes(letter.pdf), tmp_path)

    assert "Decision: DENIED" in text and "Notice of Denial of Medical Coverage (or Payment)" in text
    assert "08/25/2025 to 08/29/2025" in text
    for code in ("97162", "97110", "97140"):
        assert code in text
    assert "18 prior + 3 requested = 21 visits, above the plan's 14-visit guideline" in text
    assert "the plan of care (3x/week for 6 weeks) would total 36" in text
    assert "What the provider can send" in text
    for item in ("why therapy stopped and restarted", "the exercise prescription: load, sets, repetitions and rest"):
        assert item in text
    order = [text.index(t) for t in ("Patient and clinical picture", "Why the request is denied", "References")]
    assert order == sorted(order)
    assert "reconsideration" in text and "65 calendar days" in text  # Medicare Advantage
    ctx = content.build_letter_context(letter.determination, version=1)
    _assert_markers(text, ctx)
    _assert_references_resolve(text, ctx)
    assert "Medicare Benefit Policy Manual" in text and "§220.2" in text


def test_letter_member_section_has_no_codes_or_acronyms(deny_case: Any, approve_case: Any, reviewer: Any) -> None:
    for case, rec in (deny_case, approve_case):
        det = determination_submit(case=case, reviewer=reviewer, recommendation=rec)
        ctx = content.build_letter_context(det)
        member = ctx.member
        plain = " ".join([member.decision, *member.reasons, member.basis])
        assert member.reasons, "the member is told why"
        assert not content.MEMBER_FORBIDDEN.search(plain), plain


def test_letter_pdf_is_pdfa_with_json_attachment_and_valid_signature(
    deny_case: Any, reviewer: Any, django_capture_on_commit_callbacks: Any
) -> None:
    case, rec = deny_case
    letter = _decide(case, rec, reviewer, django_capture_on_commit_callbacks)
    pdf = bytes(letter.pdf)
    assert pdf.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(pdf))
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data()  # type: ignore[index]
    assert b"pdfaid:part" in xmp and b"3" in xmp.split(b"pdfaid:part")[1][:5]  # PDF/A-3
    assert b"pdfaid:conformance" in xmp
    attached = json.loads(reader.attachments["determination.json"][0])
    assert attached["decision"] == "deny" and attached["case_reference"] == "SEED-0002"
    assert attached["signature_meaning"] == "Utilization review determination: deny"
    assert "visits.benchmark_exceeded" in [f["rule"] for f in attached["findings"]]
    assert attached["references"] and attached["provider_can_send"]

    result = verify.verify_pdf(pdf)
    assert result.ok and result.intact and result.valid and result.trusted, result.problems
    assert result.signer == "Reviewer Tester"
    assert result.reason == "Utilization review determination: deny"
    assert result.matches_letter_id == letter.pk
    assert result.signed_at is not None
    # signed_at is fixed before rendering; the signature time after it (a busy machine renders for seconds)
    assert 0 <= (result.signed_at - letter.signed_at).total_seconds() < 60


def test_verify_rejects_one_changed_byte(
    approve_case: Any, reviewer: Any, django_capture_on_commit_callbacks: Any
) -> None:
    case, rec = approve_case
    pdf = bytearray(bytes(_decide(case, rec, reviewer, django_capture_on_commit_callbacks).pdf))
    for position in (len(pdf) // 4, len(pdf) // 2):
        tampered = bytearray(pdf)
        tampered[position] ^= 0x01
        result = verify.verify_pdf(bytes(tampered))
        assert not result.ok
        assert result.matches_letter_id is None
        assert result.problems


def test_verify_rejects_certificate_from_another_authority(
    approve_case: Any, reviewer: Any, django_capture_on_commit_callbacks: Any, settings: Any, tmp_path: Path
) -> None:
    case, rec = approve_case
    genuine = bytes(_decide(case, rec, reviewer, django_capture_on_commit_callbacks).pdf)
    other = pki._new_ca()  # an authority this system never issued
    key, cert = pki.issue_certificate(other, common_name="Reviewer Tester", title="PT, DPT")
    # Strip nothing: sign the same unsigned rendering path with the foreign key.
    from reviews.letters import render

    unsigned = render.html_to_pdf("<p>Forged determination</p>")
    forged = signing.sign_pdf(
        unsigned,
        signer=signing.make_signer(key=key, cert=cert, chain=[other.cert]),
        reason="Utilization review determination: approve",
        name="Reviewer Tester",
    )
    result = verify.verify_pdf(forged)
    assert result.intact and result.valid and not result.trusted and not result.ok
    assert any("certificate authority" in p for p in result.problems)
    assert verify.verify_pdf(genuine).ok


def test_verify_letter_command(
    deny_case: Any, reviewer: Any, django_capture_on_commit_callbacks: Any, tmp_path: Path
) -> None:
    case, rec = deny_case
    pdf = bytes(_decide(case, rec, reviewer, django_capture_on_commit_callbacks).pdf)
    good, bad = tmp_path / "good.pdf", tmp_path / "bad.pdf"
    good.write_bytes(pdf)
    changed = bytearray(pdf)
    changed[len(pdf) // 3] ^= 0x01
    bad.write_bytes(bytes(changed))
    out = io.StringIO()
    call_command("verify_letter", str(good), stdout=out)
    assert (
        "VALID" in out.getvalue() and "Reviewer Tester" in out.getvalue() and "matches stored letter" in out.getvalue()
    )
    with pytest.raises(CommandError, match="changed after it was signed|cannot be read"):
        call_command("verify_letter", str(bad), stdout=io.StringIO())
    with pytest.raises(CommandError, match="No such file"):
        call_command("verify_letter", str(tmp_path / "missing.pdf"), stdout=io.StringIO())


def test_letter_cannot_be_updated_or_deleted(
    approve_case: Any, reviewer: Any, django_capture_on_commit_callbacks: Any
) -> None:
    case, rec = approve_case
    letter = _decide(case, rec, reviewer, django_capture_on_commit_callbacks)
    original = letter.sha256
    letter.pdf = b"%PDF-forged"
    with pytest.raises(ImmutableLetterError):
        letter.save()
    with pytest.raises(ImmutableLetterError):
        letter.delete()
    with pytest.raises(ImmutableLetterError):
        Letter.objects.filter(pk=letter.pk).update(status=Letter.Status.VOIDED)
    with pytest.raises(ImmutableLetterError):
        Letter.objects.filter(pk=letter.pk).delete()
    with pytest.raises(ImmutableLetterError):
        Letter.objects.bulk_update([letter], ["pdf"])
    stored = Letter.objects.get(pk=letter.pk)
    assert stored.sha256 == original and bytes(stored.pdf).startswith(b"%PDF-1")


def test_letter_issue_is_idempotent(approve_case: Any, reviewer: Any, django_capture_on_commit_callbacks: Any) -> None:
    case, rec = approve_case
    letter = _decide(case, rec, reviewer, django_capture_on_commit_callbacks)
    again = letter_issue(determination=letter.determination)
    assert again.pk == letter.pk and Letter.objects.count() == 1
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert actions.count("letter.generated") == 1 and actions.count("determination.signed") == 1


def test_amendment_creates_version_2_superseding_version_1(
    deny_case: Any, reviewer: Any, supervisor: Any, django_capture_on_commit_callbacks: Any, tmp_path: Path
) -> None:
    case, rec = deny_case
    v1 = _decide(case, rec, reviewer, django_capture_on_commit_callbacks)
    v1_sha = v1.sha256
    case.refresh_from_db()
    assert case.status == CaseStatus.DETERMINED
    determination_reopen(case=case, actor=supervisor, reason="Gap explanation received on appeal")
    case.refresh_from_db()
    assert case.status == CaseStatus.REOPENED
    lines = [dict(line, decision="approve", approved_visits=3) for line in result_lines(rec.engine_result)]
    v2 = _decide(
        case,
        rec,
        reviewer,
        django_capture_on_commit_callbacks,
        accept=False,
        decision="approve",
        lines=lines,
        override_code="new-injury-documented",
        override_note="Provider documented a new fall on 08/20/2025 (new injury).",
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.AMENDED
    assert v2.version == 2 and v2.supersedes_id == v1.pk
    assert v2.determination.supersedes_id == v1.determination_id
    v1.refresh_from_db()
    assert v1.sha256 == v1_sha and v1.superseded_by == v2
    assert v1.determination.status == "superseded" and v2.determination.status == "signed"
    text = pdf_text(bytes(v2.pdf), tmp_path)
    assert "letter 2 (amends 1)" in text and v1_sha in text
    assert "Your reviewer found that your records show a new injury or a change in your condition" in text
    assert "Provider documented a new fall" not in text and "Decision: APPROVED" in text
    assert verify.verify_pdf(bytes(v1.pdf)).ok and verify.verify_pdf(bytes(v2.pdf)).ok


def test_signing_identity_key_is_encrypted_at_rest(letters_env: None, reviewer: Any) -> None:
    identity = pki.ensure_signing_identity(user=reviewer)
    assert "ENCRYPTED PRIVATE KEY" in identity.encrypted_private_key_pem
    assert pki.ensure_signing_identity(user=reviewer).pk == identity.pk  # issued once
    assert pki.decrypt_private_key(identity.encrypted_private_key_pem).key_size == pki.KEY_SIZE
    ca = pki.get_ca()
    from cryptography import x509

    cert = x509.load_pem_x509_certificate(identity.certificate_pem.encode())
    assert cert.issuer == ca.cert.subject
    assert b"ENCRYPTED" in (Path(pki.settings.UR_PKI_DIR) / pki.CA_KEY_FILE).read_bytes()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model_path", "noun"),
    [
        ("reviews.models.letters.Letter", "letters"),
        ("reviews.models.letters.InformationRequestLetter", "notices"),
        ("appeals.models.NoticeLetter", "notices"),
    ],
)
def test_every_signed_document_queryset_refuses_bulk_changes(model_path: str, noun: str) -> None:
    """Letters, request-for-information notices and appeal notices share one write-once queryset."""
    from django.utils.module_loading import import_string

    model = import_string(model_path)
    with pytest.raises(ImmutableLetterError, match=f"Signed {noun} cannot be changed"):
        model.objects.all().update(pk=1)
    with pytest.raises(ImmutableLetterError, match=f"Signed {noun} cannot be deleted"):
        model.objects.all().delete()
    with pytest.raises(ImmutableLetterError, match=f"Signed {noun} cannot be changed"):
        model.objects.bulk_update([], ["pk"])
