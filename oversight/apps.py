from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "oversight"
    verbose_name = "Supervisor oversight"

    def ready(self) -> None:
        from . import receivers  # noqa: F401  (connects the appeal_decided receiver)
