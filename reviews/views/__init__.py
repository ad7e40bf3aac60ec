"""Views, one module per area. Each module exposes `urlpatterns`, collected in reviews/urls.py."""
