from django.urls import path

from . import views

app_name = "criteria"
urlpatterns = [
    path("", views.book, name="book"),
    path("diff/", views.diff, name="diff"),
    path("guidelines/", views.guidelines, name="guidelines"),
]
