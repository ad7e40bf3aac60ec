from django.apps import AppConfig


class CriteriaConfig(AppConfig):
    name = "criteria"
    verbose_name = "Clinical criteria"

    def ready(self) -> None:
        from guidelines.models import register_citation_lookups

        from . import signals
        from .selectors import recommendations_cited_by_locked_versions, sources_cited_by_locked_versions

        signals.connect()
        register_citation_lookups(
            sources=sources_cited_by_locked_versions, recommendations=recommendations_cited_by_locked_versions
        )
