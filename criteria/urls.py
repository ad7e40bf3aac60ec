from django.urls import path

app_name = "criteria"
urlpatterns: list[path] = []
