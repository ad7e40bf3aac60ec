"""Every model registered in the admin has a working changelist (after the demo data is loaded)."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse


@pytest.mark.django_db
def test_admin_changelist_renders_for_every_registered_model(client, settings, tmp_path):
    settings.UR_PKI_DIR = tmp_path / "pki"
    call_command("load_demo", verbosity=0)
    client.force_login(User.objects.create_superuser("root", "root@example.org", "x-long-password-1"))
    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        response = client.get(url)
        assert response.status_code == 200, f"{url} -> {response.status_code}"


# ---------------------------------------------------------------- a case's record in the admin

from django.forms import CheckboxInput, MultiWidget, NullBooleanSelect  # noqa: E402

from audit.models import AuditEvent  # noqa: E402
from reviews.models import CaseStatus, Determination, Diagnosis  # noqa: E402
from tests.reviews.factories import add_recommendation, make_deny_seed_case  # noqa: E402


def _value(widget, value):
    if isinstance(widget, NullBooleanSelect):
        return {True: "true", False: "false"}.get(value, "unknown")
    out = widget.format_value(value)
    if isinstance(out, list):
        return out[0] if out else ""
    return "" if out is None else out


def _form_data(form, data):
    for bf in form:
        widget, value = bf.field.widget, bf.value()
        if isinstance(widget, CheckboxInput):
            if value:
                data[bf.html_name] = "on"
        elif isinstance(widget, MultiWidget):
            parts = widget.decompress(value)
            for i, (sub, part) in enumerate(zip(widget.widgets, parts, strict=True)):
                data[f"{bf.html_name}_{i}"] = _value(sub, part)
        elif not bf.field.disabled:
            data[bf.html_name] = _value(widget, value)
    return data


def change_form_data(response):
    """What the browser would post back from an admin change page, unchanged (inlines included)."""
    data = _form_data(response.context["adminform"].form, {})
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        _form_data(formset.management_form, data)
        for form in formset.forms:
            _form_data(form, data)
    return data


def _url(obj, view="change"):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_{view}", args=[obj.pk])


@pytest.fixture
def root(client, db):
    client.force_login(User.objects.create_superuser("root", "root@example.org", "x-long-password-1"))
    return client


@pytest.fixture
def ready_case(reviewer):
    case = make_deny_seed_case(assigned_reviewer=reviewer, status=CaseStatus.RECOMMENDATION_READY)
    add_recommendation(case, benchmark=14)
    return case


def test_decided_case_record_is_read_only_in_the_admin(root, ready_case, reviewer):
    case = ready_case
    Determination.objects.create(
        case=case,
        recommendation=case.recommendations.get(),
        decision="deny",
        lines=[],
        reviewer=reviewer,
        decided_at=case.received_at,
    )
    type(case).objects.filter(pk=case.pk).update(status=CaseStatus.DETERMINED)
    dx, visit = case.diagnoses.get(), case.visits.first()
    for obj in (case, dx, visit):
        response = root.get(_url(obj))
        assert response.status_code == 200
        html = response.content.decode()
        assert 'name="_save"' not in html, f"{obj._meta.model_name} page still offers Save"
        assert response.context["has_change_permission"] is False
    # Even a hand-made POST is refused, and nothing changes.
    assert root.post(_url(dx), {"case": case.pk, "position": 0, "code": "M25.551", "primary": "on"}).status_code == 403
    assert root.post(_url(visit, "delete"), {"post": "yes"}).status_code == 403
    dx.refresh_from_db()
    assert dx.code == "M25.552" and case.visits.filter(pk=visit.pk).exists()
    # A reopened case carries its determination: still frozen.
    type(case).objects.filter(pk=case.pk).update(status=CaseStatus.REOPENED)
    assert 'name="_save"' not in root.get(_url(case)).content.decode()


def test_diagnosis_admin_checks_the_code_and_makes_the_recommendation_stale(root, ready_case):
    case = ready_case
    dx = case.diagnoses.get()
    data = change_form_data(root.get(_url(dx)))
    response = root.post(_url(dx), {**data, "code": "M25.5"})  # a non-billable header code
    assert response.status_code == 200
    assert "non-billable ICD-10-CM category" in str(response.context["adminform"].form.errors["code"])
    dx.refresh_from_db()
    case.refresh_from_db()
    assert dx.code == "M25.552" and case.status == CaseStatus.RECOMMENDATION_READY

    response = root.post(_url(dx), {**data, "code": "m25551"})
    assert response.status_code == 302
    dx.refresh_from_db()
    case.refresh_from_db()
    assert (dx.code, dx.description) == ("M25.551", "Pain in right hip")
    assert case.status == CaseStatus.IN_REVIEW  # the recommendation was made on the old record
    event = AuditEvent.objects.filter(action="admin.changed").latest("sequence")
    assert event.summary["fields"] == ["code"] and event.summary["status"]["to"] == CaseStatus.IN_REVIEW


def test_visit_admin_and_case_inlines_go_through_the_service(root, ready_case):
    case = ready_case
    visit = case.visits.first()
    data = change_form_data(root.get(_url(visit)))
    assert root.post(_url(visit), {**data, "pain_nprs": "7"}).status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_REVIEW
    visit.refresh_from_db()
    assert visit.pain_nprs == 7

    # The case page's diagnosis inline runs the same code check.
    page = root.get(_url(case))
    data = change_form_data(page)
    prefix = next(i.formset.prefix for i in page.context["inline_admin_formsets"] if i.formset.model is Diagnosis)
    response = root.post(_url(case), {**data, f"{prefix}-0-code": "M25.5"})
    assert response.status_code == 200, "the bad code is shown on the page, not saved"
    assert "non-billable" in response.content.decode()
    assert case.diagnoses.get().code == "M25.552"
    response = root.post(_url(case), {**data, f"{prefix}-0-code": "M16.12"})
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    assert case.diagnoses.get().description.startswith("Unilateral primary osteoarthritis")
