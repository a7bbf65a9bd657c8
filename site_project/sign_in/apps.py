from django.apps import AppConfig


class SignInConfig(AppConfig):
    """How people sign in: login throttling helpers for django-axes and
    django-ratelimit, staff two-factor sign-in (TOTP, django-otp), and the
    `setup_roles` command that gives staff their roles (site_project/roles.py;
    site_project itself is not an app, so this one registers the command)."""

    name = "site_project.sign_in"
    label = "sign_in"
    verbose_name = "Sign-in"
    default_auto_field = "django.db.models.AutoField"
