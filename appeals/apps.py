from django.apps import AppConfig


class AppealsConfig(AppConfig):
    name = "appeals"
    verbose_name = "Appeals, peer-to-peer and extensions"

    def ready(self) -> None:
        # appeals sits above reviews: it contributes a case-page panel; reviews never imports appeals.
        from reviews.panels import register_case_panel

        from .selectors import case_appeals_panel

        register_case_panel(case_appeals_panel)
