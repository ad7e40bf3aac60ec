from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from criteria.loader import criteria_admin_group_setup
from criteria.models import CriteriaVersion, VisitBenchmark
from criteria.selectors import version_in_effect
from criteria.services import version_clone


def test_book_renders_for_reviewer(client, starter, reviewer):
    client.force_login(reviewer)
    resp = client.get(reverse("criteria:book"))
    assert resp.status_code == 200
    body = resp.content.decode()
    assert "Outpatient physical therapy v1" in body
    assert "97110" in body and "Experimental / investigational" in body
    assert "licensed — example value, replaceable" in body
    assert "acr-oa-2019/manual-therapy" in body and "Conditional recommendation against" in body
    assert "Credential required to sign a denial" in body
    resp = client.get(reverse("criteria:book"), {"on": "2023-06-01"})
    assert "No published criteria are in effect" in resp.content.decode()
    assert client.get(reverse("criteria:book"), {"on": "garbage"}).status_code == 404
    assert client.get(reverse("criteria:book"), {"version": starter.pk}).status_code == 200


def test_pages_need_login(client, starter):
    for name in ("criteria:book", "criteria:diff", "oversight:criteria_usage", "criteria:guidelines"):
        resp = client.get(reverse(name))
        assert resp.status_code == 302 and "/login/" in resp["Location"]


def test_guideline_library_page(client, starter, reviewer):
    client.force_login(reviewer)
    body = client.get(reverse("criteria:guidelines")).content.decode()
    assert "ihiprn-2020/r1-exercise-reporting" in body and "licensed" in body


@pytest.fixture
def admin_client_ca(client, starter, criteria_admin):
    criteria_admin_group_setup()
    criteria_admin.refresh_from_db()
    assert criteria_admin.is_staff
    client.force_login(criteria_admin)
    return client


def test_admin_clone_edit_publish_and_diff(admin_client_ca, starter, criteria_admin):
    client = admin_client_ca
    changelist = reverse("admin:criteria_criteriaversion_changelist")
    assert client.get(changelist).status_code == 200
    # published version: read-only in the admin
    change_url = reverse("admin:criteria_criteriaversion_change", args=[starter.pk])
    resp = client.get(change_url)
    assert resp.status_code == 200 and b"Save" not in resp.content.split(b'id="content"')[1][:200]
    assert client.post(change_url, {"episode_gap_days": 1}).status_code == 403
    # clone to draft
    resp = client.post(changelist, {"action": "clone_to_draft", "_selected_action": [starter.pk]}, follow=True)
    assert resp.status_code == 200
    draft = CriteriaVersion.objects.get(status="draft")
    assert draft.cloned_from == starter
    assert client.get(reverse("admin:criteria_criteriaversion_change", args=[draft.pk])).status_code == 200
    # change the M25.55x benchmark in the draft (the admin inline save path is covered by audit in save_formset)
    bench = VisitBenchmark.objects.get(version=draft, key="hip-pain")
    bench.visits = 16
    bench.save()
    # publish action -> intermediate page -> publish
    resp = client.post(changelist, {"action": "publish_selected", "_selected_action": [draft.pk]})
    publish_url = reverse("admin:criteria_criteriaversion_publish", args=[draft.pk])
    assert resp.status_code == 302 and resp["Location"] == publish_url
    resp = client.get(publish_url)
    assert resp.status_code == 200 and b"Change summary" in resp.content
    resp = client.post(publish_url, {"change_summary": "", "effective_from": "2025-09-01"})
    assert resp.status_code == 200 and b"This field is required" in resp.content
    resp = client.post(publish_url, {"change_summary": "x", "effective_from": "2023-01-01"})
    assert b"Must be after 2024-01-01" in resp.content
    resp = client.post(publish_url, {"change_summary": "Hip pain benchmark 14 -> 16", "effective_from": "2025-09-01"})
    assert resp.status_code == 302
    draft.refresh_from_db()
    starter.refresh_from_db()
    assert draft.status == "published" and draft.approved_by == criteria_admin
    assert starter.status == "retired" and starter.effective_to == dt.date(2025, 8, 31)
    # the diff shows the change; a case dated before the change still gets the old version
    resp = client.get(reverse("criteria:diff"), {"a": starter.pk, "b": draft.pk})
    body = resp.content.decode()
    assert "hip-pain" in body and "visits" in body and "<strong>16</strong>" in body
    assert version_in_effect(on=dt.date(2025, 8, 27)) == starter
    assert version_in_effect(on=dt.date(2025, 9, 15)) == draft
    assert AuditEvent.objects.filter(action="criteria.published", actor=criteria_admin).exists()


def test_admin_inline_edit_of_draft_is_audited(admin_client_ca, starter, criteria_admin):
    draft = version_clone(version=starter, actor=criteria_admin)
    url = reverse("admin:criteria_criteriaversion_change", args=[draft.pk])
    resp = admin_client_ca.get(url)
    form = resp.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k in form.fields}
    data["criteria_set"] = draft.criteria_set_id
    for formset in resp.context["inline_admin_formsets"]:
        fs = formset.formset
        prefix = fs.prefix
        data[f"{prefix}-TOTAL_FORMS"] = fs.total_form_count()
        data[f"{prefix}-INITIAL_FORMS"] = fs.initial_form_count()
        for i, f in enumerate(fs.forms):
            for name, field in f.fields.items():
                value = f.initial.get(name, field.initial)
                if name == "citations":
                    data[f"{prefix}-{i}-{name}"] = [getattr(c, "pk", c) for c in (value or [])]
                elif isinstance(value, bool):
                    if value:
                        data[f"{prefix}-{i}-{name}"] = "on"
                elif value is not None:
                    data[f"{prefix}-{i}-{name}"] = getattr(value, "pk", value)
            data[f"{prefix}-{i}-id"] = f.instance.pk
            data[f"{prefix}-{i}-version"] = draft.pk
            if fs.model is VisitBenchmark and f.instance.key == "hip-pain":
                data[f"{prefix}-{i}-visits"] = 16
    resp = admin_client_ca.post(url, data)
    assert resp.status_code == 302, resp.context["errors"] if resp.context else resp
    assert VisitBenchmark.objects.get(version=draft, key="hip-pain").visits == 16
    event = AuditEvent.objects.filter(action="criteria.item_changed").latest("sequence")
    assert event.summary["version_id"] == draft.pk and event.summary["fields"] == ["visits"]


def test_admin_criteria_set_edits_are_audited(admin_client_ca):
    from criteria.models import CriteriaSet

    resp = admin_client_ca.post(reverse("admin:criteria_criteriaset_add"), {"key": "pt-other", "name": "Other"})
    assert resp.status_code == 302
    cset = CriteriaSet.objects.get(key="pt-other")
    event = AuditEvent.objects.get(action="criteria.set_created", object_id=str(cset.pk))
    assert event.summary["key"] == "pt-other"
    url = reverse("admin:criteria_criteriaset_change", args=[cset.pk])
    assert admin_client_ca.post(url, {"key": "pt-other", "name": "Renamed"}).status_code == 302
    event = AuditEvent.objects.get(action="criteria.set_changed", object_id=str(cset.pk))
    assert event.summary == {"key": "pt-other", "fields": ["name"]}
