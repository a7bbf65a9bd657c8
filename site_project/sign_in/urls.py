from django.urls import path

from . import views

app_name = "sign_in"

urlpatterns = [
    path("setup/", views.TwoFactorSetupView.as_view(), name="two-factor-setup"),
    path("verify/", views.TwoFactorVerifyView.as_view(), name="two-factor-verify"),
]
