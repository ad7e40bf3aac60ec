from .views import case, decision, letters, pend, recommendation, record, referral, review, session

app_name = "reviews"
urlpatterns = [
    *case.urlpatterns,
    *record.urlpatterns,
    *review.urlpatterns,
    *recommendation.urlpatterns,
    *decision.urlpatterns,
    *referral.urlpatterns,
    *pend.urlpatterns,
    *letters.urlpatterns,
    *session.urlpatterns,
]
