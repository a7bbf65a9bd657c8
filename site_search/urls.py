"""URLs of the site search, included at /search/ in site_project/urls.py."""

from django.urls import path

from . import views

app_name = "site_search"

urlpatterns = [
    path("", views.search_view, name="results"),
    path("suggest/", views.suggest_view, name="suggest"),
]
