from .views import case, decision, letters, recommendation, record, review, session

app_name = "reviews"
urlpatterns = [
    *case.urlpatterns,
    *record.urlpatterns,
    *review.urlpatterns,
    *recommendation.urlpatterns,
    *decision.urlpatterns,
    *letters.urlpatterns,
    *session.urlpatterns,
]
