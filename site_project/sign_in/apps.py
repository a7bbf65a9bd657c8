from django.apps import AppConfig


class SignInConfig(AppConfig):
    """How people sign in: login throttling helpers for django-axes and
    django-ratelimit, and staff two-factor sign-in (TOTP, django-otp)."""

    name = "site_project.sign_in"
    label = "sign_in"
    verbose_name = "Sign-in"
    default_auto_field = "django.db.models.AutoField"
