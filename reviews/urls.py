from django.urls import path

from . import views

app_name = "reviews"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("cases/<uuid:public_id>/", views.case_detail, name="case_detail"),
]
