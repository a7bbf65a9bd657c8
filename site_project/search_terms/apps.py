from django.apps import AppConfig


class SearchTermsConfig(AppConfig):
    name = "site_project.search_terms"
    label = "search_terms"
    verbose_name = "Search terms"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .models import Synonym
        from .query import renew_synonyms

        post_save.connect(renew_synonyms, sender=Synonym)
        post_delete.connect(renew_synonyms, sender=Synonym)
