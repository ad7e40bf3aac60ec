"""A set's name/key are frozen once it has a published version; drafts are for criteria admins and supervisors."""

from __future__ import annotations

import pytest
from django.urls import reverse

from criteria.loader import criteria_admin_group_setup
from criteria.models import CriteriaSet, CriteriaVersion, PublishedVersionImmutable
from criteria.services import version_clone
from criteria.snapshot import build_snapshot


def test_renaming_a_set_with_a_published_version_is_refused(starter):
    cset = starter.criteria_set
    label = build_snapshot(starter).version_label
    for field, value in (("name", "Renamed therapy"), ("key", "pt-renamed")):
        setattr(cset, field, value)
        with pytest.raises(PublishedVersionImmutable) as exc:
            cset.save()
        assert f"its {field} cannot change" in str(exc.value) and "Create a new criteria set" in str(exc.value)
        with pytest.raises(PublishedVersionImmutable, match=f"its {field} cannot change"):
            CriteriaSet.objects.filter(pk=cset.pk).update(**{field: value})
        with pytest.raises(PublishedVersionImmutable, match=f"its {field} cannot change"):
            CriteriaSet.objects.bulk_update([cset], [field])
        cset.refresh_from_db()
    assert build_snapshot(starter).version_label == label
    cset.description = "Outpatient PT, all lines of business."  # not part of any label: editable
    cset.save()
    assert CriteriaSet.objects.filter(pk=cset.pk).update(description="Changed") == 1
    assert CriteriaSet.objects.bulk_update([cset], ["name", "description"]) == 1  # name unchanged: allowed


def test_a_set_with_only_drafts_can_be_renamed(starter):
    draft_set = CriteriaSet.objects.create(key="pt-pilot", name="Pilot")
    CriteriaVersion.objects.create(criteria_set=draft_set, number=1)
    draft_set.name = "Pilot criteria"
    draft_set.key = "pt-pilot-2"
    draft_set.save()
    assert CriteriaSet.objects.filter(pk=draft_set.pk).update(name="Pilot criteria v2") == 1


@pytest.fixture
def admin_client_ca(client, starter, criteria_admin):
    criteria_admin_group_setup()
    criteria_admin.refresh_from_db()
    client.force_login(criteria_admin)
    return client


def test_admin_shows_a_published_sets_name_read_only_without_500(admin_client_ca, starter):
    cset = starter.criteria_set
    url = reverse("admin:criteria_criteriaset_change", args=[cset.pk])
    body = admin_client_ca.get(url).content.decode()
    assert 'name="name"' not in body and 'name="key"' not in body and 'name="description"' in body
    assert "key and name are read-only" in body
    resp = admin_client_ca.post(url, {"key": "pt-renamed", "name": "Renamed", "description": "New description"})
    assert resp.status_code == 302
    cset.refresh_from_db()
    assert (cset.key, cset.name, cset.description) == ("pt-outpatient", starter.criteria_set.name, "New description")


def test_book_drafts_only_for_criteria_admins_and_supervisors(client, starter, reviewer, supervisor, criteria_admin):
    draft = version_clone(version=starter, actor=None)
    book = reverse("criteria:book")
    client.force_login(reviewer)
    assert client.get(book, {"version": draft.pk}).status_code == 404
    assert client.get(book, {"version": starter.pk}).status_code == 200
    assert client.get(reverse("criteria:diff"), {"a": starter.pk, "b": draft.pk}).status_code == 404
    assert f'?version={draft.pk}"' not in client.get(reverse("criteria:diff")).content.decode()
    for user in (criteria_admin, supervisor):
        client.force_login(user)
        resp = client.get(book, {"version": draft.pk})
        assert resp.status_code == 200 and "Draft" in resp.content.decode()
        assert client.get(reverse("criteria:diff"), {"a": starter.pk, "b": draft.pk}).status_code == 200


def test_book_retired_versions_stay_visible_to_everyone(client, starter, reviewer):
    from criteria.services import version_publish

    draft = version_clone(version=starter, actor=None)
    version_publish(
        version=draft, actor=None, change_summary="v2", effective_from=starter.effective_from.replace(year=2030)
    )
    starter.refresh_from_db()
    assert starter.status == "retired"
    client.force_login(reviewer)
    for version in (starter, draft):
        assert client.get(reverse("criteria:book"), {"version": version.pk}).status_code == 200
