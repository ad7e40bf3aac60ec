"""Library text a published criteria version cites never changes in place (model layer and admin)."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from criteria.loader import LIBRARY_FILE, criteria_admin_group_setup, starter_load
from criteria.models import CriteriaVersion, PublishedVersionImmutable, RuleCitation
from criteria.services import version_clone, version_publish
from criteria.snapshot import build_snapshot
from guidelines.models import CitedByPublishedCriteria, GuidelineSource, Recommendation
from guidelines.services import library_load

CITED = "acr-oa-2019/manual-therapy"  # cited by the published starter criteria
CITED_SOURCE = "acr-oa-2019"


@pytest.fixture
def starter(db: None) -> CriteriaVersion:
    return starter_load()["published"]


@pytest.fixture
def fresh(db: None) -> Recommendation:
    """A recommendation of a new source that no criteria version cites."""
    source = GuidelineSource.objects.create(key="test-src", title="A test guideline", authors="Doe J", year=2020)
    return Recommendation.objects.create(source=source, key="fresh", statement="Original wording.", strength="Weak")


@pytest.fixture
def ca_client(client, starter, criteria_admin):
    criteria_admin_group_setup()
    criteria_admin.refresh_from_db()
    client.force_login(criteria_admin)
    return client


def _cite_from_draft(starter: CriteriaVersion, rec: Recommendation) -> CriteriaVersion:
    draft = version_clone(version=starter, actor=None)
    RuleCitation.objects.filter(version=draft).order_by("rule_id").first().citations.add(rec)
    return draft


# ---------------------------------------------------------------- model layer: recommendation


@pytest.mark.parametrize(("field", "value"), [("statement", "New wording."), ("strength", "Strong"),
                                              ("verification", "V")])  # fmt: skip
def test_cited_recommendation_save_is_refused_naming_the_field(starter, field, value):
    rec = Recommendation.objects.get(citation_id=CITED)
    before = getattr(rec, field)
    setattr(rec, field, value)
    with pytest.raises(CitedByPublishedCriteria) as exc:
        rec.save()
    message = str(exc.value)
    assert f"its {field} cannot change" in message and CITED in message
    assert "new recommendation with a new key" in message and "new draft criteria version" in message
    assert isinstance(exc.value, PublishedVersionImmutable)  # one exception family for published content
    assert getattr(Recommendation.objects.get(pk=rec.pk), field) == before


def test_cited_recommendation_fields_nothing_published_reads_stay_editable(starter):
    rec = Recommendation.objects.get(citation_id=CITED)
    snapshot_before = build_snapshot(starter)
    rec.population = "Adults with hip or knee osteoarthritis"
    rec.conditions = "M16.*, M17.*"
    rec.services = "97140"
    rec.save()
    rec.refresh_from_db()
    assert rec.services == "97140"
    assert build_snapshot(starter) == snapshot_before
    rec.save()  # saving unchanged cited text is fine


def test_cited_recommendation_queryset_update_and_bulk_update_are_refused(starter):
    rec = Recommendation.objects.get(citation_id=CITED)
    with pytest.raises(CitedByPublishedCriteria, match="its statement cannot change"):
        Recommendation.objects.filter(source__key=CITED_SOURCE).update(statement="Bulk rewrite.")
    with pytest.raises(CitedByPublishedCriteria, match="its key cannot change"):
        Recommendation.objects.filter(pk=rec.pk).update(key="other")
    assert Recommendation.objects.filter(pk=rec.pk).update(population="Any adult") == 1
    rec.refresh_from_db()
    original = rec.strength
    rec.strength = "Strong"
    with pytest.raises(CitedByPublishedCriteria, match="its strength cannot change"):
        Recommendation.objects.bulk_update([rec], ["strength"])
    assert Recommendation.objects.get(pk=rec.pk).strength == original
    rec.strength = original
    assert Recommendation.objects.bulk_update([rec], ["strength", "population"]) == 1  # unchanged: allowed


def test_uncited_and_draft_only_cited_recommendations_stay_editable(starter, fresh):
    fresh.statement = "Edited before anyone cites it."
    fresh.save()
    draft = _cite_from_draft(starter, fresh)
    fresh.statement = "Edited while only a draft cites it."
    fresh.strength = "Moderate"
    fresh.save()
    assert Recommendation.objects.filter(pk=fresh.pk).update(verification="P") == 1
    fresh.refresh_from_db()
    fresh.verification = "V"
    Recommendation.objects.bulk_update([fresh], ["verification"])
    fresh.source.title = "A renamed test guideline"
    fresh.source.save()
    GuidelineSource.objects.filter(pk=fresh.source_id).update(year=2021)
    # once the draft is published, the same edits are refused
    version_publish(version=draft, actor=None, change_summary="Cites the test guideline.",
                    effective_from=starter.effective_from.replace(year=2030))  # fmt: skip
    fresh.refresh_from_db()
    fresh.statement = "Edited after publication."
    with pytest.raises(CitedByPublishedCriteria, match="statement"):
        fresh.save()
    source = GuidelineSource.objects.get(pk=fresh.source_id)
    source.title = "Renamed after publication"
    with pytest.raises(CitedByPublishedCriteria, match="its title cannot change"):
        source.save()
    # the retired starter still cites CITED: retired versions stay frozen too
    starter.refresh_from_db()
    assert starter.status == "retired"
    with pytest.raises(CitedByPublishedCriteria):
        Recommendation.objects.filter(citation_id=CITED).update(statement="x")


# ---------------------------------------------------------------- model layer: source


@pytest.mark.parametrize(("field", "value"), [("title", "Another title"), ("authors", "Someone"), ("year", 1999),
                                              ("publisher", "Elsewhere"), ("doi", "10.1/x"), ("url", "https://x.org/"),
                                              ("licence", "licensed")])  # fmt: skip
def test_cited_source_citation_fields_are_refused(starter, field, value):
    source = GuidelineSource.objects.get(key=CITED_SOURCE)
    citation_before = source.citation_text
    setattr(source, field, value)
    with pytest.raises(CitedByPublishedCriteria) as exc:
        source.save()
    message = str(exc.value)
    assert f"its {field} cannot change" in message and CITED_SOURCE in message
    assert "new recommendation with a new key" in message and "new draft criteria version" in message
    with pytest.raises(CitedByPublishedCriteria, match=f"its {field} cannot change"):
        GuidelineSource.objects.filter(key=CITED_SOURCE).update(**{field: value})
    with pytest.raises(CitedByPublishedCriteria, match=f"its {field} cannot change"):
        GuidelineSource.objects.bulk_update([source], [field])
    assert GuidelineSource.objects.get(key=CITED_SOURCE).citation_text == citation_before


def test_cited_source_fields_nothing_published_reads_stay_editable(starter):
    source = GuidelineSource.objects.get(key=CITED_SOURCE)
    snapshot_before = build_snapshot(starter)
    source.notes = "Internal note."
    source.kind = GuidelineSource.Kind.CONSENSUS
    source.verification = "V"
    source.save()
    assert GuidelineSource.objects.filter(pk=source.pk).update(notes="Another note.") == 1
    assert build_snapshot(starter) == snapshot_before


def test_library_reload_is_a_no_op_for_cited_rows(starter):
    data = json.loads(LIBRARY_FILE.read_text())
    for src in data:
        if src["key"] == CITED_SOURCE:
            src["title"] = "A different title in the file"
            for rec in src["recommendations"]:
                rec["statement"] = "A different statement in the file"
    before = {r.pk: (r.statement, r.source.title) for r in Recommendation.objects.select_related("source")}
    assert library_load(data=data) == (0, 0)
    assert {r.pk: (r.statement, r.source.title) for r in Recommendation.objects.select_related("source")} == before
    assert starter_load()["published"] is None  # load_criteria re-run


# ---------------------------------------------------------------- admin


def test_admin_recommendation_shows_cited_text_read_only_and_saves_the_rest(ca_client):
    rec = Recommendation.objects.get(citation_id=CITED)
    url = reverse("admin:guidelines_recommendation_change", args=[rec.pk])
    resp = ca_client.get(url)
    body = resp.content.decode()
    assert resp.status_code == 200
    assert 'name="statement"' not in body and 'name="strength"' not in body and 'name="verification"' not in body
    assert 'name="population"' in body and "cite it from a new draft criteria version" in body
    resp = ca_client.post(url, {"source": rec.source_id, "key": rec.key, "statement": "Hacked wording.",
                                "strength": "Strong", "verification": "V", "population": "Adults"})  # fmt: skip
    assert resp.status_code == 302
    after = Recommendation.objects.get(pk=rec.pk)
    assert (after.statement, after.strength, after.verification) == (rec.statement, rec.strength, rec.verification)
    assert after.population == "Adults"


def test_admin_uncited_recommendation_text_is_editable(ca_client, fresh):
    url = reverse("admin:guidelines_recommendation_change", args=[fresh.pk])
    assert 'name="statement"' in ca_client.get(url).content.decode()
    resp = ca_client.post(url, {"source": fresh.source_id, "key": fresh.key, "statement": "Better wording.",
                                "strength": "", "verification": "U"})  # fmt: skip
    assert resp.status_code == 302
    assert Recommendation.objects.get(pk=fresh.pk).statement == "Better wording."


def _source_post_data(resp, source):
    """The posted source change form as a browser sends it (disabled inputs are not sent)."""
    adminform = resp.context["adminform"].form
    data = {k: v for k, v in adminform.initial.items() if v is not None and k in adminform.fields}
    fs = resp.context["inline_admin_formsets"][0].formset
    data[f"{fs.prefix}-TOTAL_FORMS"] = fs.total_form_count()
    data[f"{fs.prefix}-INITIAL_FORMS"] = fs.initial_form_count()
    for i, f in enumerate(fs.forms):
        for name, field in f.fields.items():
            value = f.initial.get(name, field.initial)
            if value is not None and not field.disabled:
                data[f"{fs.prefix}-{i}-{name}"] = getattr(value, "pk", value)
        data[f"{fs.prefix}-{i}-source"] = source.pk
    return data, fs


def test_admin_cited_source_is_read_only_and_its_inline_keeps_cited_text(ca_client):
    source = GuidelineSource.objects.get(key=CITED_SOURCE)
    url = reverse("admin:guidelines_guidelinesource_change", args=[source.pk])
    resp = ca_client.get(url)
    body = resp.content.decode()
    assert resp.status_code == 200
    assert 'name="title"' not in body and 'name="doi"' not in body and 'name="notes"' in body
    assert "fields that make up its citation are read-only" in body
    data, fs = _source_post_data(resp, source)
    i = next(i for i, f in enumerate(fs.forms) if f.instance.citation_id == CITED)
    assert fs.forms[i].fields["statement"].disabled
    data["title"] = "Posted anyway"
    data["notes"] = "Reviewed 2025."
    data[f"{fs.prefix}-{i}-statement"] = "Posted anyway"  # a tampered POST: ignored, no 500
    data[f"{fs.prefix}-{i}-population"] = "Older adults"
    resp = ca_client.post(url, data)
    assert resp.status_code == 302, resp.context["errors"] if resp.context else resp
    source.refresh_from_db()
    rec = Recommendation.objects.get(citation_id=CITED)
    assert source.title != "Posted anyway" and source.notes == "Reviewed 2025."
    assert rec.statement != "Posted anyway" and rec.population == "Older adults"


def test_admin_uncited_source_stays_editable(ca_client, fresh):
    url = reverse("admin:guidelines_guidelinesource_change", args=[fresh.source_id])
    resp = ca_client.get(url)
    assert 'name="title"' in resp.content.decode()
    data, fs = _source_post_data(resp, fresh.source)
    assert not fs.forms[0].fields["statement"].disabled
    data["title"] = "Retitled"
    data[f"{fs.prefix}-0-statement"] = "Rewritten."
    resp = ca_client.post(url, data)
    assert resp.status_code == 302, resp.context["errors"] if resp.context else resp
    fresh.refresh_from_db()
    assert fresh.source.title == "Retitled" and fresh.statement == "Rewritten."
