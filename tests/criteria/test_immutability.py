from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from criteria.models import (
    CriteriaVersion,
    OutcomeMeasure,
    PublishedVersionImmutable,
    RedFlag,
    RuleCitation,
    ServiceItem,
    VisitBenchmark,
    _retirement_allowed,
)
from criteria.services import version_clone
from guidelines.models import Recommendation


def test_published_version_save_and_delete_refused(starter):
    starter.change_summary = "edited in place"
    with pytest.raises(PublishedVersionImmutable):
        starter.save()
    with pytest.raises(PublishedVersionImmutable):
        starter.delete()
    with pytest.raises(PublishedVersionImmutable):
        CriteriaVersion.objects.filter(pk=starter.pk).update(episode_gap_days=90)
    with pytest.raises(PublishedVersionImmutable):
        CriteriaVersion.objects.filter(pk=starter.pk).delete()
    starter.refresh_from_db()
    assert starter.episode_gap_days == 60 and starter.change_summary.startswith("Starter")


def test_ordinary_code_cannot_use_the_retirement_shape(starter):
    # The retire-shaped update is refused outside the publish service's internal context ...
    with pytest.raises(PublishedVersionImmutable):
        CriteriaVersion.objects.filter(pk=starter.pk).update(status="retired", effective_to=dt.date(2025, 1, 1))
    # ... and even inside it, nothing but status -> retired / effective_to may change.
    with _retirement_allowed(), pytest.raises(PublishedVersionImmutable):
        CriteriaVersion.objects.filter(pk=starter.pk).update(status="draft")
    with _retirement_allowed(), pytest.raises(PublishedVersionImmutable):
        CriteriaVersion.objects.filter(pk=starter.pk).update(lookback_months=1)
    starter.refresh_from_db()
    assert starter.status == "published" and starter.effective_to is None


@pytest.mark.parametrize("model", [ServiceItem, VisitBenchmark, RedFlag, OutcomeMeasure, RuleCitation])
def test_published_items_refuse_save_delete_and_bulk_writes(starter, model):
    item = model.objects.filter(version=starter).first()
    with pytest.raises(PublishedVersionImmutable):
        item.save()
    with pytest.raises(PublishedVersionImmutable):
        item.delete()
    with pytest.raises(PublishedVersionImmutable):
        model.objects.filter(version=starter).delete()
    with pytest.raises(PublishedVersionImmutable):
        model.objects.filter(pk=item.pk).update(version=starter)
    with pytest.raises(PublishedVersionImmutable):
        model.objects.all().delete()  # a queryset that merely includes published rows
    assert model.objects.filter(version=starter).exists()


def test_published_benchmark_update_and_bulk_create_refused(starter):
    with pytest.raises(PublishedVersionImmutable):
        VisitBenchmark.objects.filter(version=starter, key="hip-pain").update(visits=20)
    with pytest.raises(PublishedVersionImmutable):
        ServiceItem.objects.bulk_create([ServiceItem(version=starter, code="99999", descriptor="x")])
    bench = VisitBenchmark.objects.get(version=starter, key="hip-pain")
    bench.visits = 20
    with pytest.raises(PublishedVersionImmutable):
        VisitBenchmark.objects.bulk_update([bench], ["visits"])
    with pytest.raises(PublishedVersionImmutable):
        ServiceItem(version=starter, code="99999", descriptor="new").save()
    assert VisitBenchmark.objects.get(version=starter, key="hip-pain").visits == 14


def test_moving_a_draft_item_into_a_published_version_is_refused(starter, criteria_admin):
    draft = version_clone(version=starter, actor=criteria_admin)
    item = ServiceItem.objects.get(version=draft, code="97110")
    item.version = starter
    item.code = "97110X"
    with pytest.raises(PublishedVersionImmutable):
        item.save()


def test_citation_m2m_changes_on_published_rows_refused(starter):
    service = ServiceItem.objects.get(version=starter, code="97110")
    before = sorted(service.citations.values_list("citation_id", flat=True))
    rec = Recommendation.objects.get(citation_id="acr-oa-2019/tens")
    cited = service.citations.first()
    for change in (
        lambda: service.citations.add(rec),
        lambda: service.citations.remove(cited),
        lambda: service.citations.clear(),
        lambda: service.citations.set([rec]),
    ):
        with pytest.raises(PublishedVersionImmutable), transaction.atomic():
            change()
    assert sorted(service.citations.values_list("citation_id", flat=True)) == before
    # a recommendation cited by a published version cannot be deleted (its through rows would go)
    with pytest.raises(PublishedVersionImmutable), transaction.atomic():
        cited.delete()
    with pytest.raises(PublishedVersionImmutable), transaction.atomic():
        Recommendation.objects.filter(pk=cited.pk).delete()
    assert Recommendation.objects.filter(pk=cited.pk).exists()


def test_drafts_are_editable(starter, criteria_admin):
    draft = version_clone(version=starter, actor=criteria_admin)
    draft.episode_gap_days = 90
    draft.save()
    bench = VisitBenchmark.objects.get(version=draft, key="hip-pain")
    bench.visits = 16
    bench.save()
    service = ServiceItem.objects.get(version=draft, code="97110")
    service.citations.clear()
    service.delete()
    assert VisitBenchmark.objects.filter(version=draft).update(verification="U") > 0
    RedFlag.objects.filter(version=draft, key="dvt").delete()
    draft.refresh_from_db()
    assert draft.episode_gap_days == 90
    assert not ServiceItem.objects.filter(version=draft, code="97110").exists()
    assert ServiceItem.objects.filter(version=starter, code="97110").exists()


def test_version_number_unique_per_set(starter):
    with pytest.raises(IntegrityError), transaction.atomic():
        CriteriaVersion.objects.create(criteria_set=starter.criteria_set, number=starter.number)
