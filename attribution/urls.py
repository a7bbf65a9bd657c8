from django.urls import path

from . import views

app_name = "attribution"
urlpatterns = [path("seen/", views.callouts_seen, name="seen")]
