from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("criteria/", include("criteria.urls")),
    path("oversight/", include("oversight.urls")),
    path("audit/", include("audit.urls")),
    path("fhir/", include("pas.urls")),
    path("pas/", include("pas.views_ui")),
    path("appeals/", include("appeals.urls")),
    path("", include("intake.urls")),
    path("", include("reviews.urls")),
]

if settings.UR_BENCH_ENDPOINTS:  # bench/load.py only; refused in production (config/settings.py)
    from config.bench_views import empty

    urlpatterns.insert(0, path("bench/empty/", empty, name="bench_empty"))
