from django.db import models


class ImportedArticle(models.Model):
    """Which page a source became, so importing it again updates that page's
    draft instead of making a second page."""

    source = models.CharField(max_length=500, unique=True)
    page = models.ForeignKey(
        "blog.ArticlePage", on_delete=models.CASCADE, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return self.source
