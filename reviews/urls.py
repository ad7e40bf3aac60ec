from .views import case, decision, letters, recommendation, record, referral, review, session

app_name = "reviews"
urlpatterns = [
    *case.urlpatterns,
    *record.urlpatterns,
    *review.urlpatterns,
    *recommendation.urlpatterns,
    *decision.urlpatterns,
    *referral.urlpatterns,
    *letters.urlpatterns,
    *session.urlpatterns,
]
