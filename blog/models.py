"""The site's pages, HomePage (/) > ArticleIndexPage > ArticlePage, and snippets."""

import datetime
import functools
import logging
import math
from operator import itemgetter

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.templatetags.static import static
from django.utils.html import strip_tags
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model_string
from wagtail.images.models import SourceImageIOError
from wagtail.models import Orderable, Page, PageManager, Site
from wagtail.query import PageQuerySet
from wagtail.search import index

from site_project import structured_data

from .blocks import (
    ARTICLE_BODY_BLOCKS,
    STANDARD_BODY_BLOCKS,
    ArticleBodyBlock,
    heading_anchor,
)
from .callout_blocks import callout_block_types, callout_cards

logger = logging.getLogger(__name__)

WORDS_PER_MINUTE = 200
# Raw StreamField keys that hold markup or ids, not words a reader reads.
NON_PROSE_KEYS = frozenset({"id", "type", "anchor", "level", "kind", "video", "image"})
DEFAULT_DESCRIPTION = (
    "Practical, medically reviewed articles about back pain and core strength."
)
# Open Graph and Twitter cards want a large JPEG at 1.91:1.
SOCIAL_IMAGE_FILTER = "fill-1200x630|format-jpeg"


def prose_words(raw):
    """Count the words a reader reads in raw StreamField data."""
    if isinstance(raw, str):
        # A space before each tag keeps "</li><li>" from joining two words.
        return len(strip_tags(raw.replace("<", " <")).split())
    if isinstance(raw, dict):
        raw = [value for key, value in raw.items() if key not in NON_PROSE_KEYS]
    return sum(map(prose_words, raw)) if isinstance(raw, list) else 0


def link_count(links, column):
    """How many of ``links`` point at the outer article (0 when none)."""
    counted = (
        links.filter(**{column: OuterRef("pk")})
        .order_by()
        .values(column)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def seo_context(page, request, image=None, image_alt=""):
    """Canonical URL, breadcrumbs, publisher and social image for a page."""
    site = Site.find_for_request(request)

    def absolute_url(url):
        # On the Wagtail site's canonical host, not the request's.
        if url.startswith(("http://", "https://")):
            return url
        return site.root_url + url if site else request.build_absolute_uri(url)

    social_image_url = None
    if image is not None:
        try:
            social_image_url = absolute_url(
                image.get_rendition(SOCIAL_IMAGE_FILTER).url
            )
        except SourceImageIOError:
            # The original file is gone (say, a database restored without
            # its media): share the page without a picture rather than fail.
            logger.warning("Image %s has no original file: no social image", image.pk)
    # Wagtail's routing keeps each parent on the child it loaded: a served
    # page climbs its ancestors without a query.
    breadcrumbs, parent = [], page
    while parent.depth > 2:
        parent = parent.get_parent()
        breadcrumbs.insert(0, parent)
    return {
        "canonical_url": page.get_full_url(request),
        "site_name": (site.site_name if site else "") or "Backbone",
        "breadcrumbs": breadcrumbs,
        "social_image_url": social_image_url,
        "social_image_alt": image_alt,
        "logo_url": absolute_url(static("img/logo.svg")),
        "default_description": DEFAULT_DESCRIPTION,
    }


class Author(models.Model):
    """A person who writes articles (a snippet)."""

    name = models.CharField(max_length=120)
    role = models.CharField(
        max_length=120, blank=True, help_text="e.g. 'Physiotherapist'"
    )
    bio = models.TextField("short bio", blank=True, max_length=600)
    photo = models.ForeignKey(
        get_image_model_string(),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Topic(index.Indexed, models.Model):
    """A subject articles are filed under, e.g. "Lower back" (a snippet)."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(
        max_length=80, unique=True, help_text="Used in /articles/?topic=<slug>"
    )
    description = models.TextField(blank=True, max_length=600)

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class ArticlePageTag(TaggedItemBase):
    """Free-form tags on articles."""

    content_object = ParentalKey(
        "blog.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticleFilterForm(forms.Form):
    """The article index's query string: a topic and a tag, by slug."""

    topic = forms.SlugField(required=False, allow_unicode=True, max_length=80)
    tag = forms.SlugField(required=False, allow_unicode=True, max_length=100)


#: Listed articles load their hero images' renditions in one query.
HERO_RENDITIONS = "hero_image__renditions"


class HeroImageMixin(models.Model):
    """A hero image and its alt text, for HomePage and ArticlePage."""

    hero_image = models.ForeignKey(
        get_image_model_string(),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_alt = models.CharField(
        "hero image alt text",
        max_length=250,
        blank=True,
        help_text="Leave empty if the image is decorative.",
    )

    hero_panels = [FieldPanel("hero_image"), FieldPanel("hero_alt")]

    class Meta:
        abstract = True


def breadcrumb_list(context, page):
    """schema.org BreadcrumbList of a page: its ancestors below the root, then
    the page."""
    request = context["request"]
    return structured_data.breadcrumb_list(
        (crumb.title, crumb.get_full_url(request))
        for crumb in [*context["breadcrumbs"], page]
    )


def publisher(context, **extra):
    """schema.org Organization for the site, with its logo."""
    logo = {"@type": "ImageObject", "url": context["logo_url"]}
    return {
        "@type": "Organization",
        "name": context["site_name"],
        **extra,
        "logo": logo,
    }


class HomePage(HeroImageMixin, Page):  # noqa: DJ008 (Page.__str__)
    """The site's front page at /: a hero, featured articles and products."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])
    featured_products = StreamField(
        callout_block_types(),
        blank=True,
        help_text="Product callouts shown below the featured articles.",
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("intro"), *HeroImageMixin.hero_panels],
            heading="Hero",
        ),
        InlinePanel(
            "featured_articles",
            label="Featured article",
            heading="Featured articles",
            help_text="Shown first; the newest articles fill the remaining places.",
            max_num=6,
        ),
        FieldPanel("featured_products", heading="Featured products"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["blog.ArticleIndexPage", "blog.StandardPage"]
    max_count = 1

    template = "blog/home_page.html"

    # How many article cards the home page shows.
    featured_count = 3

    def get_featured_articles(self):
        """Editor-chosen live articles first, then the newest to fill up."""
        live = ArticlePage.objects.live().public().prefetch_related(HERO_RENDITIONS)
        chosen_ids = [item.article_id for item in self.featured_articles.all()]
        chosen = live.in_bulk([pk for pk in chosen_ids if pk is not None])
        articles = [chosen[pk] for pk in chosen_ids if pk in chosen]
        articles = articles[: self.featured_count]
        newest = live.exclude(pk__in=[a.pk for a in articles]).order_by(
            "-date_published", "-first_published_at"
        )
        return articles + list(newest[: self.featured_count - len(articles)])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["featured_articles"] = self.get_featured_articles()
        context["article_index"] = (
            ArticleIndexPage.objects.live().child_of(self).first()
        )
        context.update(seo_context(self, request, self.hero_image, self.hero_alt))
        context["product_cards"] = callout_cards(self.featured_products, request)
        context["structured_data"] = [
            self.structured_data(context),
            {
                "@context": structured_data.SCHEMA_ORG,
                **publisher(context, url=context["canonical_url"]),
            },
        ]
        return context

    def structured_data(self, context):
        """schema.org WebSite (with the site search) and its publisher; the
        publisher is also the page's Organization."""
        url = context["canonical_url"]
        return {
            "@context": "https://schema.org",
            "@type": "WebSite",
            "name": context["site_name"],
            "url": url,
            "publisher": publisher(context, url=url),
            "potentialAction": {
                "@type": "SearchAction",
                "target": url.rstrip("/") + "/search/?q={search_term_string}",
                "query-input": "required name=search_term_string",
            },
        }


class HomePageFeaturedArticle(Orderable):
    """An article an editor pins to the home page."""

    page = ParentalKey(
        HomePage, on_delete=models.CASCADE, related_name="featured_articles"
    )
    article = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [PageChooserPanel("article", page_type="blog.ArticlePage")]


class ArticleIndexPage(RoutablePageMixin, Page):
    """The list of articles at /articles/, newest first, filterable by topic
    and tag, with the RSS feed at /articles/feed/."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["blog.HomePage"]
    subpage_types = ["blog.ArticlePage"]

    template = "blog/article_index_page.html"

    per_page = 12
    # Slugs that an article may not take because a route of this page owns them.
    reserved_child_slugs = frozenset({"feed"})

    def live_articles(self):
        return (
            ArticlePage.objects.live()
            .public()
            .child_of(self)
            .order_by("-date_published", "-first_published_at", "-pk")
        )

    @path("")
    def index_route(self, request):
        """Articles for the query string's topic and tag slugs (an unknown
        slug matches no article), a page at a time."""
        articles = self.live_articles().prefetch_related(HERO_RENDITIONS)
        form = ArticleFilterForm(request.GET)
        form.is_valid()
        context = {"topics": Topic.objects.all()}
        for name, model, lookup in (
            ("topic", Topic, "topics"),
            ("tag", Tag, "tagged_items__tag"),
        ):
            asked = context[f"filter_{name}_slug"] = request.GET.get(name, "").strip()
            slug = form.cleaned_data.get(name)
            found = model.objects.filter(slug=slug).first() if slug else None
            context[f"active_{name}"] = found
            if asked:
                articles = (
                    articles.filter(**{lookup: found}) if found else articles.none()
                )
        paginator = Paginator(articles, self.per_page)
        # get_page: a bad number gives page 1, one past the end the last page.
        page_obj = paginator.get_page(request.GET.get("page"))
        context.update(seo_context(self, request))
        if page_obj.number > 1:
            context["canonical_url"] += f"?page={page_obj.number}"
        context.update(articles=page_obj, page_obj=page_obj, paginator=paginator)
        return self.render(request, context_overrides=context)

    def get_cached_paths(self):
        # Topic and tag filters and later pages are query strings of "/",
        # which a purge of the path covers.
        return ["/", "/feed/"]

    @path("feed/")
    def feed_route(self, request):
        from .feeds import ArticleFeed

        return ArticleFeed(self)(request)


class ArticlePageQuerySet(PageQuerySet):
    def only(self, *fields):
        # Asking for some columns (treebeard's delete, Wagtail's moves) drops
        # the manager's joins: Django refuses to join through a deferred key.
        return super().only(*fields).select_related(None)


class ArticlePageManager(PageManager.from_queryset(ArticlePageQuerySet)):
    """Articles come with their hero image and author (with photo): Wagtail
    loads a routed page through its default manager, and every list of
    articles shows them."""

    def get_queryset(self):
        return super().get_queryset().select_related("hero_image", "author__photo")


class ArticlePage(HeroImageMixin, Page):  # noqa: DJ008 (Page.__str__)
    """A long-form, medically reviewed article."""

    objects = ArticlePageManager()

    standfirst = models.TextField(
        max_length=400,
        blank=True,
        help_text="One or two sentences under the title; also the default "
        "summary for search engines and the feed.",
    )
    hero_alt = models.CharField(
        "hero image alt text",
        max_length=250,
        blank=True,
        help_text="Describe the image for people who cannot see it.",
    )
    hero_caption = models.CharField(max_length=250, blank=True)
    author = models.ForeignKey(
        Author,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    topics = ParentalManyToManyField(Topic, blank=True, related_name="articles")
    tags = ClusterTaggableManager(through=ArticlePageTag, blank=True)
    date_published = models.DateField(
        "publication date",
        default=datetime.date.today,
        help_text="The date readers see; articles are listed newest first.",
    )
    medically_reviewed_by = models.CharField(
        max_length=120, blank=True, help_text="e.g. 'Dr A. Example, GP'"
    )
    last_reviewed = models.DateField(null=True, blank=True)
    body = StreamField(ArticleBodyBlock(ARTICLE_BODY_BLOCKS), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("standfirst"),
        MultiFieldPanel(
            [*HeroImageMixin.hero_panels, FieldPanel("hero_caption")],
            heading="Hero image",
        ),
        FieldPanel("body"),
    ]
    about_panels = [
        MultiFieldPanel(
            [FieldPanel("author"), FieldPanel("date_published")],
            heading="Byline",
        ),
        MultiFieldPanel(
            [FieldPanel("medically_reviewed_by"), FieldPanel("last_reviewed")],
            heading="Medical review",
        ),
        MultiFieldPanel([FieldPanel("topics"), FieldPanel("tags")], heading="Filing"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Content"),
            ObjectList(about_panels, heading="Byline and topics"),
            ObjectList(Page.promote_panels, heading="Promote"),
            ObjectList(Page.settings_panels, heading="Settings"),
        ]
    )

    search_fields = Page.search_fields + [
        index.SearchField("standfirst", boost=1.5),
        index.SearchField("body"),
        index.SearchField("medically_reviewed_by"),
        index.RelatedFields("author", [index.SearchField("name")]),
        index.RelatedFields(
            "topics", [index.SearchField("name"), index.FilterField("slug")]
        ),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("date_published"),
    ]

    parent_page_types = ["blog.ArticleIndexPage"]
    subpage_types = []

    template = "blog/article_page.html"

    related_limit = 3

    def clean(self):
        super().clean()
        if self.slug in ArticleIndexPage.reserved_child_slugs:
            raise ValidationError(
                {"slug": f"'{self.slug}' is used by the site; choose another slug."}
            )

    @functools.cached_property
    def body_word_count(self):
        return prose_words(list(self.body.raw_data))

    @property
    def reading_time(self):
        """Minutes to read the standfirst and body (at least one)."""
        words = len(self.standfirst.split()) + self.body_word_count
        return max(1, math.ceil(words / WORDS_PER_MINUTE))

    @property
    def table_of_contents(self):
        """(anchor, text) for every h2 heading in the body, in order."""
        return [
            (heading_anchor(block["value"]), block["value"].get("text", ""))
            for block in self.body.raw_data
            if block["type"] == "heading" and block["value"].get("level", "h2") == "h2"
        ]

    @property
    def publication_datetime(self):
        """The publication date at the time the article went live (aware)."""
        first = self.first_published_at
        if first is not None and first.date() == self.date_published:
            return first
        return datetime.datetime.combine(
            self.date_published, datetime.time(), tzinfo=datetime.UTC
        )

    @property
    def modified_datetime(self):
        return self.last_published_at or self.publication_datetime

    def related_articles(self, topic_ids=None, tag_ids=None):
        """Up to three live articles sharing the most topics and tags with this
        one, newest first among equals; the caller may pass the ids it has."""
        if not self.pk:
            return []
        if topic_ids is None:
            topic_ids = list(self.topics.values_list("pk", flat=True))
        if tag_ids is None:
            tag_ids = list(self.tags.values_list("pk", flat=True))
        if not topic_ids and not tag_ids:
            return []
        # Each candidate scored in SQL by its shared topics and tags.
        topic_links = ArticlePage.topics.through.objects.filter(topic_id__in=topic_ids)
        tag_links = ArticlePageTag.objects.filter(tag_id__in=tag_ids)
        return list(
            ArticlePage.objects.live()
            .public()
            .filter(
                models.Q(pk__in=topic_links.values("articlepage_id"))
                | models.Q(pk__in=tag_links.values("content_object_id"))
            )
            .exclude(pk=self.pk)
            .annotate(
                related_score=link_count(topic_links, "articlepage_id")
                + link_count(tag_links, "content_object_id")
            )
            .order_by("-related_score", "-date_published", "-pk")[: self.related_limit]
        )

    def topics_and_tags(self, request=None):
        """(topics, tags) of the article, by name, in one query; a preview
        shows the editor's unsaved choices."""
        if not self.pk or getattr(request, "is_preview", False):
            return list(self.topics.all()), list(self.tags.order_by("name"))
        fields = ("kind", "pk", "name", "slug")
        topics = Topic.objects.filter(articles=self.pk).annotate(kind=Value(0))
        tags = Tag.objects.filter(blog_articlepagetag_items__content_object=self.pk)
        rows = (
            topics.order_by()
            .values_list(*fields)
            .union(
                tags.annotate(kind=Value(1)).order_by().values_list(*fields), all=True
            )
        )
        found = ([], [])
        for kind, pk, name, slug in sorted(rows, key=itemgetter(0, 2)):
            found[kind].append((Topic, Tag)[kind](pk=pk, name=name, slug=slug))
        return found

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(seo_context(self, request, self.hero_image, self.hero_alt))
        context["product_cards"] = callout_cards(self.body, request)
        context["topics"], context["tags"] = self.topics_and_tags(request)
        # Looked up when the template's cached fragment is rendered, not before.
        context["related_articles"] = functools.partial(
            self.related_articles,
            topic_ids=[topic.pk for topic in context["topics"]],
            tag_ids=[tag.pk for tag in context["tags"]],
        )
        context["table_of_contents"] = self.table_of_contents
        crumbs = context["breadcrumbs"]
        context["article_index_url"] = crumbs[-1].url if crumbs else "/articles/"
        context["structured_data"] = self.structured_data(context)
        return context

    def structured_data(self, context):
        """schema.org Article and BreadcrumbList: what search engines show."""
        if self.author:
            author = {"@type": "Person", "name": self.author.name}
            if self.author.role:
                author["jobTitle"] = self.author.role
        else:
            author = {"@type": "Organization", "name": context["site_name"]}
        article = {
            "@context": "https://schema.org",
            "@type": "Article",
            "headline": self.title[:110],
            "description": self.search_description or self.standfirst,
            "author": author,
            "datePublished": self.publication_datetime.isoformat(),
            "dateModified": self.modified_datetime.isoformat(),
            "image": [context["social_image_url"] or context["logo_url"]],
            "publisher": publisher(context),
            "mainEntityOfPage": context["canonical_url"],
            "wordCount": self.body_word_count,
        }
        if context["topics"]:
            article["about"] = [topic.name for topic in context["topics"]]
        return [article, breadcrumb_list(context, self)]


class StandardPage(Page):  # noqa: DJ008 (Page.__str__)
    """A plain page of text: delivery, returns, privacy, terms, contact."""

    intro = models.TextField(
        max_length=400,
        blank=True,
        help_text="One or two sentences under the title; also the default "
        "summary for search engines.",
    )
    body = StreamField(ArticleBodyBlock(STANDARD_BODY_BLOCKS), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    search_fields = Page.search_fields + [
        index.SearchField("intro", boost=1.5),
        index.SearchField("body"),
    ]

    parent_page_types = ["blog.HomePage", "blog.StandardPage"]
    subpage_types = ["blog.StandardPage"]

    template = "blog/standard_page.html"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(seo_context(self, request))
        context["structured_data"] = [breadcrumb_list(context, self)]
        return context
