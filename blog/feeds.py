"""The RSS feed of articles at /articles/feed/."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import escape


class ReviewedArticlesFeed(Rss201rev2Feed):
    """RSS 2.0 with each article's medical reviewer as a Dublin Core
    contributor."""

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:dc": "http://purl.org/dc/elements/1.1/",
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("reviewer"):
            handler.addQuickElement("dc:contributor", item["reviewer"])


class ArticleFeed(Feed):
    """The newest live articles under one article index, with absolute URLs."""

    feed_type = ReviewedArticlesFeed
    item_count = 20

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        site_name = self.index_page.get_site().site_name or "Backbone"
        return f"{site_name}: {self.index_page.title}"

    def link(self):
        return self.index_page.get_full_url(self.request)

    def feed_url(self):
        return self.link() + "feed/"

    def description(self):
        return "New articles about back pain, core strength and recovery."

    def items(self):
        return (
            self.index_page.live_articles()
            .select_related("author", "reviewer")
            .prefetch_related("topics")[: self.item_count]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Feed readers render <description> as HTML; the standfirst is text.
        return escape(item.standfirst or item.search_description)

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.publication_datetime

    def item_updateddate(self, item):
        return item.modified_datetime

    def item_author_name(self, item):
        return item.author.name if item.author else None

    def item_extra_kwargs(self, item):
        return {"reviewer": item.reviewer.name if item.reviewer else None}

    def item_categories(self, item):
        return [topic.name for topic in item.topics.all()]
