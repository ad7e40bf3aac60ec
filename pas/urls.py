from django.urls import path, re_path
from oauth2_provider.views import TokenView

from . import views

app_name = "pas"

urlpatterns = [
    path("metadata", views.metadata, name="metadata"),
    path("auth/token", TokenView.as_view(), name="token"),
    path("Claim/$submit", views.claim_submit, name="submit"),
    path("Claim/$inquire", views.claim_inquire, name="inquire"),
    path("ClaimResponse/<str:response_id>", views.claim_response_read, name="claim-response"),
    path("Subscription", views.subscription_create, name="subscriptions"),
    path("Subscription/<str:subscription_id>/$status", views.subscription_status, name="subscription-status"),
    path("Subscription/<str:subscription_id>", views.subscription_detail, name="subscription"),
    re_path(r"^.*$", views.not_found, name="not_found"),
]
