from django.apps import AppConfig


class AppealsConfig(AppConfig):
    name = "appeals"
    verbose_name = "Appeals, peer-to-peer and extensions"

    def ready(self) -> None:
        # appeals sits above reviews: it contributes a case-page panel; reviews never imports appeals.
        from reviews.decision_blocks import register_decision_block
        from reviews.panels import register_case_panel

        from .selectors import appeal_case_decision_block, case_appeals_panel

        register_case_panel(case_appeals_panel)
        register_decision_block(appeal_case_decision_block)
