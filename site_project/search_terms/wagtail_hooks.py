"""Synonyms in the Wagtail admin, under Settings beside Wagtail's promoted
search results."""

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .models import Synonym


class SynonymViewSet(ModelViewSet):
    model = Synonym
    icon = "search"
    menu_label = "Search synonyms"
    add_to_settings_menu = True
    form_fields = ["terms"]
    list_display = ["terms"]
    search_fields = ["terms"]


@hooks.register("register_admin_viewset")
def register_synonyms():
    return SynonymViewSet("synonyms")
