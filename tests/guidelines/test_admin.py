from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.models import AuditEvent
from criteria.loader import criteria_admin_group_setup, starter_load
from guidelines.models import GuidelineSource, Recommendation

CITED = "acr-oa-2019/manual-therapy"  # cited by the published starter criteria


@pytest.fixture
def ca_client(client, db, criteria_admin):
    starter_load()
    criteria_admin_group_setup()
    criteria_admin.refresh_from_db()
    client.force_login(criteria_admin)
    return client


def _inline_data(resp, source):
    """The posted form of the source change page, as the browser would send it unchanged."""
    form = resp.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k in form.fields}
    fs = resp.context["inline_admin_formsets"][0].formset
    data[f"{fs.prefix}-TOTAL_FORMS"] = fs.total_form_count()
    data[f"{fs.prefix}-INITIAL_FORMS"] = fs.initial_form_count()
    for i, f in enumerate(fs.forms):
        for name, field in f.fields.items():
            value = f.initial.get(name, field.initial)
            if value is not None:
                data[f"{fs.prefix}-{i}-{name}"] = getattr(value, "pk", value)
        data[f"{fs.prefix}-{i}-source"] = source.pk
    return data, fs


def test_citation_id_cannot_change_in_place(db):
    starter_load()
    rec = Recommendation.objects.get(citation_id=CITED)
    rec.key = "renamed"
    with pytest.raises(ValidationError, match="never changes"):
        rec.save()
    rec.refresh_from_db()
    rec.population = "Adults with hip or knee osteoarthritis"  # fields nothing published reads stay editable
    rec.save()  # (its statement is frozen while published criteria cite it: tests/guidelines/test_cited_immutable.py)
    assert Recommendation.objects.get(pk=rec.pk).citation_id == CITED


def test_admin_refuses_renaming_a_recommendation(ca_client):
    rec = Recommendation.objects.get(citation_id=CITED)
    url = reverse("admin:guidelines_recommendation_change", args=[rec.pk])
    resp = ca_client.post(url, {"source": rec.source_id, "key": "renamed", "statement": rec.statement,
                                "verification": rec.verification})  # fmt: skip
    assert resp.status_code == 200 and "never changes" in resp.content.decode()
    assert Recommendation.objects.get(pk=rec.pk).citation_id == CITED


def test_admin_refuses_deleting_a_cited_recommendation_without_500(ca_client):
    rec = Recommendation.objects.get(citation_id=CITED)
    url = reverse("admin:guidelines_recommendation_delete", args=[rec.pk])
    assert ca_client.get(url).status_code == 403
    assert ca_client.post(url, {"post": "yes"}).status_code == 403
    assert Recommendation.objects.filter(pk=rec.pk).exists()
    changelist = reverse("admin:guidelines_recommendation_changelist")
    assert "delete_selected" not in ca_client.get(changelist).content.decode()  # no bulk delete


def test_source_inline_delete_of_cited_recommendation_is_a_form_error(ca_client):
    source = GuidelineSource.objects.get(key="acr-oa-2019")
    url = reverse("admin:guidelines_guidelinesource_change", args=[source.pk])
    data, fs = _inline_data(ca_client.get(url), source)
    i = next(i for i, f in enumerate(fs.forms) if f.instance.citation_id == CITED)
    data[f"{fs.prefix}-{i}-DELETE"] = "on"
    resp = ca_client.post(url, data)
    assert resp.status_code == 200 and "cannot be deleted" in resp.content.decode()
    assert Recommendation.objects.filter(citation_id=CITED).exists()


def test_source_inline_add_and_delete_are_audited(ca_client):
    source = GuidelineSource.objects.get(key="acr-oa-2019")
    url = reverse("admin:guidelines_guidelinesource_change", args=[source.pk])
    data, fs = _inline_data(ca_client.get(url), source)
    n = fs.total_form_count()
    data[f"{fs.prefix}-TOTAL_FORMS"] = n + 1
    data.update({f"{fs.prefix}-{n}-key": "new-one", f"{fs.prefix}-{n}-statement": "A new statement.",
                 f"{fs.prefix}-{n}-verification": "U", f"{fs.prefix}-{n}-source": source.pk})  # fmt: skip
    resp = ca_client.post(url, data)
    assert resp.status_code == 302, resp.context["errors"] if resp.context else resp
    new = Recommendation.objects.get(citation_id="acr-oa-2019/new-one")
    created = AuditEvent.objects.filter(action="guidelines.recommendation_created", object_id=str(new.pk))
    assert created.count() == 1
    assert not AuditEvent.objects.filter(action="guidelines.recommendation_changed", object_id=str(new.pk)).exists()
    # now delete the uncited one
    data, fs = _inline_data(ca_client.get(url), source)
    i = next(i for i, f in enumerate(fs.forms) if f.instance.pk == new.pk)
    data[f"{fs.prefix}-{i}-DELETE"] = "on"
    resp = ca_client.post(url, data)
    assert resp.status_code == 302, resp.context["errors"] if resp.context else resp
    assert not Recommendation.objects.filter(pk=new.pk).exists()
    deleted = AuditEvent.objects.get(action="guidelines.recommendation_deleted", object_id=str(new.pk))
    assert deleted.summary == {"citation_id": "acr-oa-2019/new-one"}
