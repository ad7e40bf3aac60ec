from django.urls import URLPattern

app_name = "criteria"
urlpatterns: list[URLPattern] = []
