from django.contrib.auth.models import Group
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="key")
class StaffSignInSettings(BaseGenericSetting):
    """Which staff groups must sign in with a two-factor code (TOTP); a
    setting, since apply_role() would drop a permission granted here."""

    groups_requiring_two_factor = models.ManyToManyField(
        Group,
        blank=True,
        related_name="two_factor_settings",
        verbose_name="groups that must use two-factor sign-in",
        help_text=(
            "Members of these groups are sent to set up or enter a code from "
            "an authenticator app before any page of /cms/, /shop/dashboard/ "
            "or /django-admin/."
        ),
    )

    panels = [FieldPanel("groups_requiring_two_factor")]

    class Meta:
        verbose_name = "staff sign-in"
