from django.apps import AppConfig


class PasConfig(AppConfig):
    name = "pas"
    verbose_name = "Prior authorization API (Da Vinci PAS)"

    def ready(self) -> None:
        # pas sits above reviews: it listens to reviews' hooks, reviews never imports pas.
        from reviews import signals
        from reviews.panels import register_case_panel

        from . import selectors, services

        register_case_panel(selectors.case_origin_panel)

        signals.determination_recorded.connect(services.on_determination_recorded, dispatch_uid="pas-determination")
        signals.letter_stored.connect(services.on_letter_stored, dispatch_uid="pas-letter")
        signals.case_pended.connect(services.on_case_pended, dispatch_uid="pas-pended")

        from relay.sweeper import register_pending_work

        register_pending_work("notification", services.undelivered_notifications)
