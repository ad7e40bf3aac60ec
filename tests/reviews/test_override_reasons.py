"""Coded override reasons: the reviewer picks a code of the case's criteria version; the letter prints the
code's wording; the optional internal note never reaches the letter; the published list never changes.

Was: the override reason was free text, printed in the letter verbatim ("Reviewer's clinical judgment: ...")
while the form said it was "kept for audit"; there were no codes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from criteria.models import CriteriaSet, CriteriaVersion, OverrideReason, PublishedVersionImmutable
from criteria.services import criteria_export, criteria_import, version_clone, version_publish
from reviews.models import Determination, Letter
from reviews.services.determinations import determination_submit
from reviews.services.letter_preview import letter_preview
from tests.reviews.letters_support import pdf_text
from tests.support import login

NOTE = "INTERNAL-ONLY: spoke with Dr Patel's office, the daughter says she skips the home program"
WORDING = (
    "Your reviewer found that your records show a new injury or a change in your condition, so these visits are needed."
)


def _override(case: Any, rec: Any, reviewer: Any, capture: Any, **kwargs: Any) -> Determination:
    with capture(execute=True):
        return determination_submit(case=case, reviewer=reviewer, recommendation=rec, accept=False, **kwargs)


def test_the_letter_prints_the_coded_wording_and_never_the_internal_note(
    deny_case: Any, reviewer: Any, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    case, rec = deny_case
    # The preview first: the same letter, unsigned.
    preview = letter_preview(
        case=case,
        reviewer=reviewer,
        recommendation=rec,
        accept=False,
        decision="approve",
        override_code="new-injury-documented",
        override_note=NOTE,
    )
    preview_text = pdf_text(preview.pdf, tmp_path)
    assert WORDING in preview_text and "INTERNAL-ONLY" not in preview_text and "Patel" not in preview_text

    det = _override(
        case,
        rec,
        reviewer,
        django_capture_on_commit_callbacks,
        decision="approve",
        override_code="new-injury-documented",
        override_note=NOTE,
    )
    assert (det.override_code, det.override_note, det.override_wording) == ("new-injury-documented", NOTE, WORDING)
    pdf = bytes(Letter.objects.get(determination=det).pdf)
    text = pdf_text(pdf, tmp_path)
    assert "Decision: APPROVED" in text
    assert text.count(WORDING) == 2  # the provider's reasons and the member's page
    for piece in ("INTERNAL-ONLY", "Patel", "daughter", "skips the home program"):
        assert piece not in text
    assert b"INTERNAL-ONLY" not in pdf  # nor anywhere in the file (the embedded determination.json included)


def test_a_code_not_in_the_cases_criteria_version_is_refused_naming_the_field(
    approve_case: Any, reviewer: Any, criteria_admin: Any, django_capture_on_commit_callbacks: Any
) -> None:
    case, rec = approve_case
    other = CriteriaVersion.objects.create(criteria_set=CriteriaSet.objects.create(key="other", name="Other"), number=1)
    OverrideReason.objects.create(
        version=other, code="other-plan-only", label="Another plan's reason", letter_wording="Not ours."
    )
    cases = {
        "other-plan-only": "'other-plan-only' is not an override reason of Outpatient physical therapy v1",
        "made-up": "'made-up' is not an override reason of",
        "": "Choose the reason for the override from the list.",
        "new-injury-documented": "explains a approve decision, not a deny",  # a code for another decision
    }
    for code, message in cases.items():
        with pytest.raises(ValidationError) as exc:
            determination_submit(
                case=case, reviewer=reviewer, recommendation=rec, accept=False, decision="deny", override_code=code
            )
        assert list(exc.value.message_dict) == ["override_code"]
        assert message in exc.value.message_dict["override_code"][0]
    # Through the decision tab: the message sits next to the field, nothing is saved or previewed.
    response = login(reviewer).post(
        reverse("reviews:decision_override", args=[case.public_id]),
        {"decision": "deny", "override_code": "other-plan-only"},
        HTTP_HX_REQUEST="1",
    )
    form = response.context["override_form"]
    assert "is not an override reason of" in " ".join(form.errors["override_code"])
    assert 'id="letter-preview"' not in response.content.decode()
    assert Determination.objects.count() == 0


def test_the_published_list_never_changes_and_a_clone_copies_it(starter: CriteriaVersion, criteria_admin: Any) -> None:
    reasons = list(OverrideReason.objects.filter(version=starter))
    assert {r.code for r in reasons} >= {"new-injury-documented", "fewer-visits-enough", "records-do-not-support"}
    first = reasons[0]
    first.letter_wording = "Changed in place."
    with pytest.raises(PublishedVersionImmutable):
        first.save()
    with pytest.raises(PublishedVersionImmutable):
        first.delete()
    with pytest.raises(PublishedVersionImmutable):
        OverrideReason.objects.filter(version=starter).update(letter_wording="Changed in place.")
    with pytest.raises(PublishedVersionImmutable):
        OverrideReason.objects.filter(version=starter).delete()
    with pytest.raises(PublishedVersionImmutable):
        OverrideReason.objects.create(version=starter, code="sneaked-in", label="x", letter_wording="x")
    with pytest.raises(PublishedVersionImmutable):
        OverrideReason.objects.bulk_create(
            [OverrideReason(version=starter, code="bulk", label="x", letter_wording="x")]
        )
    stored = sorted(OverrideReason.objects.filter(version=starter).values_list("code", "letter_wording"))
    assert stored == sorted((r.code, r.letter_wording) for r in OverrideReason.objects.filter(version=starter))
    assert "Changed in place." not in {w for _, w in stored} and len(stored) == len(reasons)

    # Editing means a new draft: the clone carries the list, the draft's copy is editable, publishing locks it.
    draft = version_clone(version=starter, actor=criteria_admin)
    copied = OverrideReason.objects.get(version=draft, code=first.code)
    assert copied.pk != first.pk and copied.letter_wording == OverrideReason.objects.get(pk=first.pk).letter_wording
    copied.letter_wording = "Your reviewer found that a new reason applies."
    copied.save()
    OverrideReason.objects.create(version=draft, code="new-code", label="New", letter_wording="New wording.")
    assert OverrideReason.objects.get(pk=first.pk).letter_wording != copied.letter_wording  # published untouched
    version_publish(version=draft, actor=criteria_admin, change_summary="Reasons", effective_from=dt.date(2025, 6, 1))
    copied.letter_wording = "Again."
    with pytest.raises(PublishedVersionImmutable):
        copied.save()


def test_override_reasons_travel_with_export_and_import(starter: CriteriaVersion, criteria_admin: Any) -> None:
    data = criteria_export(starter)
    codes = [row["code"] for row in data["override_reasons"]]
    assert "records-do-not-support" in codes and data["counts"]["override_reasons"] == len(codes)
    row = next(r for r in data["override_reasons"] if r["code"] == "fewer-visits-enough")
    assert row["decisions"] == ["partial"] and row["letter_wording"].startswith("Your reviewer found")
    copy = criteria_import(data={**data, "set": {**data["set"], "key": "pt-copy"}}, actor=criteria_admin)
    assert sorted(OverrideReason.objects.filter(version=copy).values_list("code", flat=True)) == sorted(codes)
    bad = {**data, "override_reasons": [{**row, "decisions": ["maybe"], "letter_wording": " "}]}
    with pytest.raises(ValidationError) as exc:
        criteria_import(data=bad, actor=criteria_admin)
    assert set(exc.value.message_dict) == {"override_reasons[0].decisions", "override_reasons[0].letter_wording"}
    # A file exported before the section existed still imports (no reasons).
    old = {k: v for k, v in data.items() if k != "override_reasons"}
    assert not OverrideReason.objects.filter(version=criteria_import(data=old, actor=criteria_admin)).exists()


def test_the_admin_edits_the_list_on_a_draft_only(client: Any, starter: CriteriaVersion, criteria_admin: Any) -> None:
    from criteria.loader import criteria_admin_group_setup

    criteria_admin_group_setup()
    criteria_admin.refresh_from_db()
    client.force_login(criteria_admin)
    published = client.get(reverse("admin:criteria_criteriaversion_change", args=[starter.pk])).content.decode()
    assert "Records show measurable progress" in published  # shown ...
    assert 'name="override_reasons-0-letter_wording"' not in published  # ... read-only
    draft = version_clone(version=starter, actor=criteria_admin)
    editable = client.get(reverse("admin:criteria_criteriaversion_change", args=[draft.pk])).content.decode()
    assert 'name="override_reasons-0-letter_wording"' in editable
