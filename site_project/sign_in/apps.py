from django.apps import AppConfig


class SignInConfig(AppConfig):
    """Login throttling, staff two-factor sign-in and the ``setup_roles``
    command (site_project itself is not an app)."""

    name = "site_project.sign_in"
    label = "sign_in"
    verbose_name = "Sign-in"
