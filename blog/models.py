"""The site's pages, HomePage (/) > ArticleIndexPage > ArticlePage, and snippets."""

import calendar
import datetime
import functools
import logging
import math
from operator import itemgetter

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.templatetags.static import static
from django.utils import timezone
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
    ReferenceBlock,
    cited_numbers,
    heading_anchor,
)
from .callout_blocks import CalloutBlock, callout_block_types, callout_cards
from .editorial_checks import article_problems

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

    def person_data(self, url=None):
        """schema.org Person for the author."""
        person = {"@type": "Person", "name": self.name}
        if self.role:
            person["jobTitle"] = self.role
        if url:
            person["url"] = url
        return person


class Reviewer(models.Model):
    """A clinician who checks articles for medical accuracy (a snippet)."""

    name = models.CharField(max_length=120)
    credentials = models.CharField(
        "profession and credentials",
        max_length=200,
        blank=True,
        help_text="e.g. 'Chartered physiotherapist, MCSP'",
    )
    registration_body = models.CharField(
        max_length=120,
        blank=True,
        help_text="e.g. 'Health and Care Professions Council'",
    )
    registration_number = models.CharField(max_length=40, blank=True)
    bio = models.TextField("short bio", blank=True, max_length=600)
    photo = models.ForeignKey(
        get_image_model_string(),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    profile_url = models.URLField(
        "profile URL",
        blank=True,
        help_text="A public page about the reviewer, e.g. their register entry.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def registration(self):
        """'Body, number', or whichever of the two is known."""
        return ", ".join(
            part for part in (self.registration_body, self.registration_number) if part
        )

    def person_data(self, url=None):
        """schema.org Person with the reviewer's credentials."""
        person = {"@type": "Person", "name": self.name}
        if self.credentials:
            person["jobTitle"] = self.credentials
            person["hasCredential"] = {
                "@type": "EducationalOccupationalCredential",
                "name": self.credentials,
            }
        if self.registration_body:
            person["memberOf"] = {
                "@type": "Organization",
                "name": self.registration_body,
            }
        if self.profile_url:
            person["sameAs"] = [self.profile_url]
        if url:
            person["url"] = url
        return person


def reviewer_for_byline(byline):
    """The reviewer a byline such as 'Dr Jo Bloggs, GP' names: found by the
    name before the first comma, else created with the rest as credentials."""
    name, _, credentials = byline.partition(",")
    name = name.strip()[:120]
    if not name:
        return None
    return Reviewer.objects.filter(name__iexact=name).first() or (
        Reviewer.objects.create(name=name, credentials=credentials.strip()[:200])
    )


def default_review_interval():
    return settings.BLOG_REVIEW_INTERVAL_MONTHS


def add_months(date, months):
    """`date` moved by whole months, on the last day of a shorter month."""
    month = date.month - 1 + months
    year, month = date.year + month // 12, month % 12 + 1
    return date.replace(
        year=year, month=month, day=min(date.day, calendar.monthrange(year, month)[1])
    )


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
    reserved_child_slugs = frozenset({"feed", "authors", "reviewers"})

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
        # which a purge of the path covers; people pages list the articles.
        return [
            "/",
            "/feed/",
            *(f"/authors/{pk}/" for pk in Author.objects.values_list("pk", flat=True)),
            *(
                f"/reviewers/{pk}/"
                for pk in Reviewer.objects.values_list("pk", flat=True)
            ),
        ]

    def person_url(self, person, request=None, full=False):
        """The URL (``full``: with the site's root) of an author's or
        reviewer's page under this index."""
        route = "reviewer" if isinstance(person, Reviewer) else "author"
        own = self.get_full_url(request) if full else self.get_url(request)
        return own + self.reverse_subpage(route, args=[person.pk])

    @path("authors/<int:pk>/", name="author")
    def author_route(self, request, pk):
        author = get_object_or_404(Author.objects.select_related("photo"), pk=pk)
        return self.person_page(request, author, "author", "Articles by")

    @path("reviewers/<int:pk>/", name="reviewer")
    def reviewer_route(self, request, pk):
        reviewer = get_object_or_404(Reviewer.objects.select_related("photo"), pk=pk)
        return self.person_page(request, reviewer, "reviewer", "Articles reviewed by")

    def person_page(self, request, person, field, heading):
        """A ProfilePage: the person and the live articles they wrote or
        reviewed, newest first."""
        articles = (
            self.live_articles()
            .filter(**{field: person})
            .prefetch_related(HERO_RENDITIONS)
        )
        context = seo_context(self, request)
        url = context["canonical_url"] + self.reverse_subpage(field, args=[person.pk])
        context.update(
            person=person,
            person_kind=field,
            articles_heading=f"{heading} {person.name}",
            articles=articles,
            canonical_url=url,
            breadcrumbs=[*context["breadcrumbs"], self],
        )
        context["structured_data"] = [
            {
                "@context": "https://schema.org",
                "@type": "ProfilePage",
                "url": url,
                "mainEntity": person.person_data(url),
            }
        ]
        return self.render(
            request,
            template="blog/person_page.html",
            context_overrides=context,
        )

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
    """Articles come with their hero image, author and reviewer (with photos): Wagtail
    loads a routed page through its default manager, and every list of
    articles shows them."""

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("hero_image", "author__photo", "reviewer__photo")
        )


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
    reviewer = models.ForeignKey(
        Reviewer,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
        verbose_name="medically reviewed by",
    )
    last_reviewed = models.DateField(
        null=True,
        blank=True,
        help_text="The date the reviewer last checked the whole article.",
    )
    review_interval_months = models.PositiveSmallIntegerField(
        default=default_review_interval,
        validators=[MinValueValidator(1), MaxValueValidator(36)],
        help_text="The next review is due this many months after the last.",
    )
    body = StreamField(ArticleBodyBlock(ARTICLE_BODY_BLOCKS), blank=True)
    references = StreamField(
        [("reference", ReferenceBlock())],
        blank=True,
        help_text="Numbered in this order; cite one in the text with the "
        "reference marker.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("standfirst"),
        MultiFieldPanel(
            [*HeroImageMixin.hero_panels, FieldPanel("hero_caption")],
            heading="Hero image",
        ),
        FieldPanel("body"),
        FieldPanel("references"),
    ]
    about_panels = [
        MultiFieldPanel(
            [FieldPanel("author"), FieldPanel("date_published")],
            heading="Byline",
        ),
        MultiFieldPanel(
            [
                FieldPanel("reviewer"),
                FieldPanel("last_reviewed"),
                FieldPanel("review_interval_months"),
            ],
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
        index.RelatedFields("reviewer", [index.SearchField("name")]),
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
    def has_product_callouts(self):
        """Whether the body has a product, grid or category callout."""
        child_blocks = self.body.stream_block.child_blocks
        return any(
            isinstance(child_blocks.get(raw["type"]), CalloutBlock)
            for raw in self.body.raw_data
        )

    @functools.cached_property
    def cited_reference_numbers(self):
        """The reference numbers the body's text cites."""
        return cited_numbers(list(self.body.raw_data))

    @property
    def review_due(self):
        """The date the next medical review is due: an interval after the
        last review, or after publication if never reviewed."""
        reviewed = self.last_reviewed or self.date_published
        return add_months(reviewed, self.review_interval_months)

    def review_is_overdue(self, today=None):
        return self.review_due < (today or timezone.localdate())

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
        index_page = crumbs[-1].specific if crumbs else None
        if isinstance(index_page, ArticleIndexPage):
            for role in ("author", "reviewer"):
                if person := getattr(self, role):
                    context[f"{role}_url"] = index_page.person_url(person, request)
                    context[f"{role}_full_url"] = index_page.person_url(
                        person, request, full=True
                    )
        if self.has_product_callouts:
            context["product_disclosure"] = settings.BLOG_PRODUCT_DISCLOSURE
        if getattr(request, "is_preview", False):
            context["editor_checks"] = article_problems(self)
        context["structured_data"] = self.structured_data(context)
        return context

    def structured_data(self, context):
        """schema.org MedicalWebPage (with the Article properties) and
        BreadcrumbList: what search engines show."""
        if self.author:
            author = self.author.person_data(context.get("author_full_url"))
        else:
            author = {"@type": "Organization", "name": context["site_name"]}
        article = {
            "@context": "https://schema.org",
            "@type": ["MedicalWebPage", "Article"],
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
        if self.reviewer:
            article["reviewedBy"] = self.reviewer.person_data(
                context.get("reviewer_full_url")
            )
        if self.last_reviewed:
            article["lastReviewed"] = self.last_reviewed.isoformat()
        if self.references:
            article["citation"] = [
                reference.block.citation_data(reference.value)
                for reference in self.references
            ]
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
