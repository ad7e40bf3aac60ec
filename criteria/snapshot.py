"""Build the engine's CriteriaSnapshot from a version: a fixed number of queries, deterministic order."""

from __future__ import annotations

from django.db.models import Prefetch

from guidelines.models import Recommendation

from .engine import types as t
from .models import CriteriaVersion


def _citations_prefetch(path: str) -> Prefetch:
    return Prefetch(path, queryset=Recommendation.objects.select_related("source").order_by("citation_id"))


def build_snapshot(version: CriteriaVersion) -> t.CriteriaSnapshot:
    """The version as plain frozen dataclasses (11 queries whatever its size)."""
    v = (
        CriteriaVersion.objects.select_related("criteria_set")
        .prefetch_related(
            "services",
            _citations_prefetch("services__citations"),
            "benchmarks",
            _citations_prefetch("benchmarks__citations"),
            "red_flags",
            _citations_prefetch("red_flags__citations"),
            "outcome_measures",
            _citations_prefetch("outcome_measures__citations"),
            "documentation_requirements",
            "rule_citations",
            _citations_prefetch("rule_citations__citations"),
        )
        .get(pk=version.pk)
    )
    used: dict[str, Recommendation] = {}

    def cite(item: object) -> tuple[str, ...]:
        recs = list(item.citations.all())  # type: ignore[attr-defined]
        for rec in recs:
            used[rec.citation_id] = rec
        return tuple(sorted(rec.citation_id for rec in recs))

    services = tuple(
        t.ServiceEntry(code=s.code, descriptor=s.descriptor, timed=s.timed, status=s.status, citations=cite(s))
        for s in sorted(v.services.all(), key=lambda s: s.code)
    )
    benchmarks = tuple(
        t.VisitBenchmark(
            icd_scope=b.scope_list,
            visits=b.visits,
            label=b.label,
            percentile=b.percentile,
            period_days=b.period_days,
            source=b.source,
            licence=b.licence,
            verification=b.verification,
            citations=cite(b),
        )
        for b in sorted(v.benchmarks.all(), key=lambda b: b.key)
    )
    red_flags = tuple(
        t.RedFlag(key=r.key, label=r.label, citations=cite(r)) for r in sorted(v.red_flags.all(), key=lambda r: r.key)
    )
    measures = tuple(
        t.OutcomeMeasure(
            name=m.name,
            full_name=m.full_name,
            aliases=m.alias_list,
            scale=m.scale,
            mcid=float(m.mcid),
            higher_is_better=m.higher_is_better,
            citations=cite(m),
        )
        for m in sorted(v.outcome_measures.all(), key=lambda m: m.name)
    )
    docs = tuple(d.text for d in sorted(v.documentation_requirements.all(), key=lambda d: (d.order, d.key)))
    rule_citations = tuple((rc.rule_id, cite(rc)) for rc in sorted(v.rule_citations.all(), key=lambda rc: rc.rule_id))
    citations = tuple(
        t.CitationRef(
            id=rec.citation_id,
            statement=rec.statement,
            strength=rec.strength,
            source_title=rec.source.title,
            source_citation=rec.source.citation_text,
            verification=rec.verification,
        )
        for _, rec in sorted(used.items())
    )
    return t.CriteriaSnapshot(
        set_key=v.criteria_set.key,
        version_id=v.pk,
        version_label=v.label,
        effective_from=v.effective_from,  # type: ignore[arg-type]
        effective_to=v.effective_to,
        services=services,
        benchmarks=benchmarks,
        red_flags=red_flags,
        outcome_measures=measures,
        documentation_requirements=docs,
        policy=t.PolicyParams(
            episode_gap_days=v.episode_gap_days,
            lookback_months=v.lookback_months,
            alternative_dx_months=v.alternative_dx_months,
            older_adult_age=v.older_adult_age,
            plan_advisory_ratio=float(v.plan_advisory_ratio),
            denial_credential=v.denial_credential,
        ),
        rule_citations=rule_citations,
        citations=citations,
    )
