from django.urls import reverse
from wagtail import hooks


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("sign_in:two-factor-setup"),
        "label": "Two-factor sign-in",
        "help_text": "Set up an authenticator app for signing in to staff pages.",
    }
