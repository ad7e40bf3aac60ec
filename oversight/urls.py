from django.urls import path

from . import views

app_name = "oversight"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("dashboard.csv", views.dashboard_csv, name="dashboard_csv"),
    path("cms-0057f/", views.cms_public, name="cms_public"),
    path("cms-0057f.csv", views.cms_public_csv, name="cms_public_csv"),
    path("quality/", views.quality, name="quality"),
    path("quality/<uuid:public_id>/", views.quality_review, name="quality_review"),
    path("criteria-usage/", views.criteria_usage, name="criteria_usage"),
    path("irr/", views.irr, name="irr"),
    path("irr/gold/", views.irr_gold_mark, name="irr_gold_mark"),
    path("irr/gold/<uuid:public_id>/retire/", views.irr_gold_retire, name="irr_gold_retire"),
    path("irr/assessments/<uuid:public_id>/retest/", views.irr_retest, name="irr_retest"),
    path("irr/mine/", views.irr_work, name="irr_work"),
    path("irr/mine/<uuid:public_id>/<uuid:gold_id>/", views.irr_case, name="irr_case"),
]
