from __future__ import annotations

import copy
import datetime as dt
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from audit.models import AuditEvent
from criteria.engine.types import CriteriaSnapshot
from criteria.loader import STARTER_FILE, starter_load
from criteria.models import CriteriaVersion, OutcomeMeasure, ServiceItem, VisitBenchmark
from criteria.selectors import version_in_effect, version_key_in_effect
from criteria.services import criteria_export, criteria_import, version_clone, version_diff, version_publish
from criteria.snapshot import build_snapshot
from guidelines.models import GuidelineSource, Recommendation

RULE_IDS = {
    "criteria.not_covered", "service.experimental", "service.unknown", "clinical.red_flag",
    "visits.within_benchmark", "visits.benchmark_exceeded", "visits.plan_exceeds_benchmark",
    "continuation.progress", "initial.deficits", "extension.outcome_measure_mcid", "episode.gap_unexplained",
    "episode.no_baseline_comparison", "documentation.laterality_mismatch", "documentation.outcome_measures_missing",
    "documentation.objective_strength_missing", "documentation.exercise_parameters_missing",
    "advisory.alternative_diagnosis", "advisory.manual_therapy_population",
}  # fmt: skip


def _bump_hip_pain(version: CriteriaVersion, visits: int) -> None:
    bench = VisitBenchmark.objects.get(version=version, key="hip-pain")
    bench.visits = visits
    bench.save()


def test_load_criteria_idempotent_with_counts(db):
    call_command("load_criteria")
    call_command("load_criteria")
    assert CriteriaVersion.objects.filter(criteria_set__key="pt-outpatient").count() == 1
    version = CriteriaVersion.objects.get(criteria_set__key="pt-outpatient")
    assert version.status == "published" and version.number == 1
    assert version.effective_from == dt.date(2024, 1, 1) and version.effective_to is None
    assert GuidelineSource.objects.count() >= 12
    assert Recommendation.objects.count() >= 40
    assert ServiceItem.objects.filter(version=version).count() >= 25
    codes = set(ServiceItem.objects.filter(version=version).values_list("code", flat=True))
    assert {"97161", "97162", "97163", "97164", "97110", "97112", "97116", "97140", "97530", "97535"} <= codes
    assert {"20560", "20561", "97033", "S8948"} <= codes
    labels = " ".join(VisitBenchmark.objects.filter(version=version).values_list("label", flat=True)).lower()
    for region in ("hip pain", "hip osteoarthritis", "knee pain", "knee osteoarthritis", "low back", "neck",
                   "shoulder", "ankle", "plantar"):  # fmt: skip
        assert region in labels, region
    hip = VisitBenchmark.objects.get(version=version, key="hip-pain")
    assert (hip.visits, hip.percentile, hip.licence, hip.verification) == (14, 75, "licensed", "U")
    assert "M25.55*" in hip.scope_list
    assert OutcomeMeasure.objects.get(version=version, name="iHOT-12").mcid == 13.0
    # licensed benchmarks are never presented as public
    assert not VisitBenchmark.objects.filter(
        version=version, source__in=["MCG Care Guidelines", "ODG"], licence="public"
    )
    assert AuditEvent.objects.filter(action="criteria.published").count() == 1


def test_export_command_prints_published_version_with_counts(starter, capsys):
    call_command("export_criteria")
    data = json.loads(capsys.readouterr().out)
    assert data["version"]["status"] == "published" and data["version"]["number"] == 1
    counts = data["counts"]
    assert counts["guideline_sources"] >= 12 and counts["guideline_recommendations"] >= 40
    assert counts["services"] >= 25 and counts["benchmarks"] >= 8
    call_command("export_criteria", "--version", str(starter.pk), "--no-guidelines")
    assert "guidelines" not in json.loads(capsys.readouterr().out)


def test_clone_deep_copies_items_and_citations(starter, criteria_admin):
    clone = version_clone(version=starter, actor=criteria_admin)
    assert clone.status == "draft" and clone.number == 2 and clone.cloned_from == starter
    a = criteria_export(starter, include_guidelines=False)
    b = criteria_export(clone, include_guidelines=False)
    for key in ("policy", "services", "benchmarks", "red_flags", "outcome_measures", "documentation_requirements",
                "rule_citations"):  # fmt: skip
        assert a[key] == b[key], key
    assert version_diff(starter, clone) == []
    assert AuditEvent.objects.filter(action="criteria.version_cloned", object_id=str(clone.pk)).exists()


def test_publish_requires_summary_and_closes_previous_range(starter, criteria_admin):
    draft = version_clone(version=starter, actor=criteria_admin)
    with pytest.raises(ValidationError) as exc:
        version_publish(version=draft, actor=criteria_admin, change_summary="  ", effective_from=dt.date(2025, 9, 1))
    assert "change_summary" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        version_publish(version=draft, actor=criteria_admin, change_summary="x", effective_from=dt.date(2024, 1, 1))
    assert "effective_from" in exc.value.message_dict
    draft.refresh_from_db()
    starter.refresh_from_db()
    assert draft.status == "draft" and starter.status == "published"

    published = version_publish(
        version=draft,
        actor=criteria_admin,
        change_summary="Hip pain benchmark 14 -> 16",
        effective_from=dt.date(2025, 9, 1),
    )
    starter.refresh_from_db()
    assert published.status == "published" and published.approved_by == criteria_admin and published.approved_at
    assert starter.status == "retired" and starter.effective_to == dt.date(2025, 8, 31)
    assert AuditEvent.objects.filter(action="criteria.published", object_id=str(published.pk)).exists()
    assert AuditEvent.objects.filter(action="criteria.retired", object_id=str(starter.pk)).exists()
    with pytest.raises(ValidationError) as exc:
        version_publish(
            version=published, actor=criteria_admin, change_summary="again", effective_from=dt.date(2026, 1, 1)
        )
    assert "status" in exc.value.message_dict


def test_version_in_effect_by_service_date(starter, criteria_admin):
    draft = version_clone(version=starter, actor=criteria_admin)
    _bump_hip_pain(draft, 16)
    v2 = version_publish(
        version=draft, actor=criteria_admin, change_summary="hip 16", effective_from=dt.date(2025, 9, 1)
    )
    assert version_in_effect(on=dt.date(2023, 12, 31)) is None
    assert version_in_effect(on=dt.date(2024, 1, 1)) == starter
    # the seed approval's service dates (2025-08-27 ...) fall before the change: old version, old benchmark
    old = version_in_effect(on=dt.date(2025, 8, 27))
    assert old == starter
    assert (
        build_snapshot(old).benchmarks[[b.label for b in build_snapshot(old).benchmarks].index("Hip pain")].visits == 14
    )
    assert version_in_effect(on=dt.date(2025, 8, 31)) == starter
    assert version_in_effect(on=dt.date(2025, 9, 1)) == v2
    assert version_in_effect(on=dt.date(2030, 1, 1)) == v2
    assert version_in_effect(on=dt.date(2025, 9, 1), set_key="other") is None
    # the key-only lookup (criteria_snapshot_on's) finds the same version on every date
    for on in (dt.date(2023, 12, 31), dt.date(2024, 1, 1), dt.date(2025, 8, 31), dt.date(2025, 9, 1)):
        found = version_in_effect(on=on)
        assert version_key_in_effect(on=on) == ((found.pk, found.created_at) if found else None)
    assert version_key_in_effect(on=dt.date(2025, 9, 1)) == (v2.pk, v2.created_at)


def test_diff_lists_hip_pain_benchmark_change(starter, criteria_admin):
    draft = version_clone(version=starter, actor=criteria_admin)
    _bump_hip_pain(draft, 16)
    changes = version_diff(starter, draft)
    assert {
        "section": "benchmarks", "key": "hip-pain", "change": "changed", "field": "visits", "old": 14, "new": 16
    } in changes  # fmt: skip
    assert len(changes) == 1
    ServiceItem.objects.filter(version=draft, code="97033").delete()
    draft.episode_gap_days = 90
    draft.save()
    changes = version_diff(starter, draft)
    assert any(c["section"] == "services" and c["key"] == "97033" and c["change"] == "removed" for c in changes)
    assert any(c["section"] == "policy" and c["old"] == 60 and c["new"] == 90 for c in changes)


def test_export_import_round_trip(starter, criteria_admin):
    exported = criteria_export(starter)
    imported = criteria_import(data=copy.deepcopy(exported), actor=criteria_admin)
    assert imported.status == "draft" and imported.number == 2
    again = criteria_export(imported)
    for key in ("format", "set", "policy", "services", "benchmarks", "red_flags", "outcome_measures",
                "documentation_requirements", "rule_citations", "counts", "guidelines"):  # fmt: skip
        assert again[key] == exported[key], key
    assert AuditEvent.objects.filter(action="criteria.version_created", object_id=str(imported.pk)).exists()


def test_starter_file_is_in_export_format(starter):
    starter_data = json.loads(STARTER_FILE.read_text())
    exported = criteria_export(starter, include_guidelines=False)
    for key in (
        "services",
        "benchmarks",
        "red_flags",
        "outcome_measures",
        "documentation_requirements",
        "rule_citations",
    ):
        assert starter_data[key] == exported[key], key


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (lambda d: d.update(format="nope"), "format"),
        (lambda d: d.update(surprise=1), "surprise"),
        (lambda d: d["services"][0].update(status="maybe"), "services[0].status"),
        (lambda d: d["services"][1].update(code="bad code"), "services[1].code"),
        (lambda d: d["services"].append(dict(d["services"][0])), "services[29].code"),
        (lambda d: d["benchmarks"][0].update(visits=0), "benchmarks[0].visits"),
        (lambda d: d["benchmarks"][0].update(icd_scope="M25"), "benchmarks[0].icd_scope"),
        (lambda d: d["benchmarks"][2].update(licence="free"), "benchmarks[2].licence"),
        (lambda d: d["outcome_measures"][0].update(mcid="big"), "outcome_measures[0].mcid"),
        (lambda d: d["red_flags"][0].update(citations=["nope/nothing"]), "red_flags[0].citations"),
        (lambda d: d["policy"].update(denial_credential="nurse"), "policy.denial_credential"),
        (lambda d: d["policy"].update(episode_gap_days=-1), "policy.episode_gap_days"),
        (lambda d: d["rule_citations"][0].update(rule_id="Bad Rule"), "rule_citations[0].rule_id"),
        (lambda d: d["guidelines"][0].update(kind="blog"), "guidelines[0].kind"),
        (lambda d: d["services"][0].update(extra="x"), "services[0].extra"),
    ],
)
def test_invalid_import_names_the_field_and_creates_nothing(starter, criteria_admin, mutate, field):
    data = criteria_export(starter)
    data["guidelines"].append(
        {"key": "brand-new-source", "title": "New", "recommendations": [{"key": "r", "statement": "s"}]}
    )
    mutate(data)
    versions, sources, events = (
        CriteriaVersion.objects.count(),
        GuidelineSource.objects.count(),
        AuditEvent.objects.count(),
    )
    with pytest.raises(ValidationError) as exc:
        criteria_import(data=data, actor=criteria_admin)
    assert field in exc.value.message_dict, exc.value.message_dict
    assert (CriteriaVersion.objects.count(), GuidelineSource.objects.count(), AuditEvent.objects.count()) == (
        versions, sources, events
    )  # fmt: skip


def test_import_command_refuses_invalid_file_with_field_errors(starter, tmp_path):
    from django.core.management.base import CommandError

    data = criteria_export(starter, include_guidelines=False)
    data["benchmarks"][0]["visits"] = "many"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data))
    with pytest.raises(CommandError, match=r"benchmarks\[0\]\.visits"):
        call_command("import_criteria", str(path))
    path.write_text("{not json")
    with pytest.raises(CommandError, match="not valid JSON"):
        call_command("import_criteria", str(path))
    assert CriteriaVersion.objects.count() == 1
    data["benchmarks"][0]["visits"] = 18
    path.write_text(json.dumps(data))
    call_command("import_criteria", str(path))
    assert CriteriaVersion.objects.filter(status="draft").count() == 1


def test_snapshot_is_complete_and_uses_a_fixed_number_of_queries(starter, criteria_admin):
    with CaptureQueriesContext(connection) as small:
        snap = build_snapshot(starter)
    assert isinstance(snap, CriteriaSnapshot)
    assert snap.set_key == "pt-outpatient" and snap.version_id == starter.pk
    assert [s.code for s in snap.services] == sorted(s.code for s in snap.services)
    assert {rid for rid, _ in snap.rule_citations} >= RULE_IDS
    resolved = {c.id for c in snap.citations}
    used = {c for s in snap.services for c in s.citations} | {c for b in snap.benchmarks for c in b.citations}
    used |= {c for r in snap.red_flags for c in r.citations} | {c for m in snap.outcome_measures for c in m.citations}
    used |= {c for _, ids in snap.rule_citations for c in ids}
    assert used == resolved
    assert "acr-oa-2019/manual-therapy" in snap.citations_for_rule("advisory.manual_therapy_population")
    assert "ihiprn-2020/r1-exercise-reporting" in snap.citations_for_rule("documentation.exercise_parameters_missing")
    hip = next(b for b in snap.benchmarks if "M25.55*" in b.icd_scope)
    assert (hip.visits, hip.licence, hip.verification, hip.percentile) == (14, "licensed", "U", 75)
    assert snap.policy.episode_gap_days == 60 and snap.policy.denial_credential == "physical_therapist"
    assert build_snapshot(starter) == snap  # deterministic
    # a bigger version costs the same number of queries
    draft = version_clone(version=starter, actor=criteria_admin)
    for i in range(5):
        item = ServiceItem.objects.create(version=draft, code=f"9{i}999", descriptor="extra")
        item.citations.set(Recommendation.objects.all()[:3])
    with CaptureQueriesContext(connection) as big:
        build_snapshot(draft)
    assert len(big) == len(small) <= 12


def test_library_loader_does_not_overwrite_edits(starter):
    rec = Recommendation.objects.get(citation_id="cdc-opioids-2022/multimodal")
    rec.strength = "edited by admin"
    rec.save()
    starter_load()
    rec.refresh_from_db()
    assert rec.strength == "edited by admin"
