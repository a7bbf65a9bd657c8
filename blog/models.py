"""The site's Wagtail pages."""

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    """The site's front page at /."""

    intro = RichTextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["blog.ArticleIndexPage"]
    max_count = 1

    template = "blog/home_page.html"


class ArticleIndexPage(Page):
    """The list of articles at /articles/."""

    intro = RichTextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["blog.HomePage"]
    subpage_types = ["blog.ArticlePage"]

    template = "blog/article_index_page.html"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["articles"] = (
            ArticlePage.objects.live()
            .public()
            .child_of(self)
            .order_by("-first_published_at")
        )
        return context


class ArticlePage(Page):
    """A long-form article."""

    standfirst = RichTextField(blank=True, features=[])

    content_panels = Page.content_panels + [FieldPanel("standfirst")]

    parent_page_types = ["blog.ArticleIndexPage"]
    subpage_types = []

    template = "blog/article_page.html"
