from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [
    path("", views.event_list, name="events"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("export.fhir.json", views.export_fhir, name="export_fhir"),
    path("chain/", views.chain_status, name="chain"),
]
