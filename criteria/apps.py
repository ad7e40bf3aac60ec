from django.apps import AppConfig


class CriteriaConfig(AppConfig):
    name = "criteria"
    verbose_name = "Clinical criteria"

    def ready(self) -> None:
        from . import signals

        signals.connect()
