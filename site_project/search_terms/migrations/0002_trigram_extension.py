"""PostgreSQL's pg_trgm, which the search backend's fuzzy matching
(``wagtail.search.query.Fuzzy``) needs; other databases skip it."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("search_terms", "0001_initial")]

    operations = [TrigramExtension()]
