"""Purge the pages around a page published, unpublished, moved, deleted or
made private (Wagtail purges the page itself): its parent, the home page, the
pages linking to it, the product pages whose "featured in" names it; and the
pages that show an edited snippet (and an author's or reviewer's own page).
The purges run as tasks."""

import uuid

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django_tasks.signals import task_finished
from taggit.models import Tag
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import Page, PageViewRestriction, ReferenceIndex, Site
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.snippets.models import get_snippet_models
from wagtail.tasks import update_reference_index_task

from shop.catalogue.models import Product
from shop.purge import frontend_cache_configured, pages_choosing, site_url

from .models import ArticleIndexPage, Author, Reviewer


def pages_around(page):
    """The page's parent, the sites' home pages and the pages linking to it."""
    ids = set(Site.objects.values_list("root_page_id", flat=True))
    parent = page.get_parent()
    if parent is not None:
        ids.add(parent.pk)
    ids.update(
        pages_choosing(Page.objects.filter(pk=page.pk)).values_list("pk", flat=True)
    )
    return Page.objects.live().filter(pk__in=ids)


def featured_products(page):
    product_ids = (
        ReferenceIndex.get_references_for_object(page)
        .filter(to_content_type=ContentType.objects.get_for_model(Product))
        .values_list("to_object_id", flat=True)
    )
    return Product.objects.filter(pk__in=[int(pk) for pk in product_ids])


def purge_around(page, *, itself=False, subtree=False):
    if not frontend_cache_configured():
        return
    batch = PurgeBatch()
    if subtree:
        batch.add_pages(page.get_descendants(inclusive=True).live())
    elif itself:
        batch.add_page(page)
    batch.add_pages(pages_around(page))
    batch.add_urls(site_url(p.get_absolute_url()) for p in featured_products(page))
    batch.add_url(site_url("/sitemap.xml"))
    batch.purge()


def page_changed(sender, instance, **kwargs):
    purge_around(instance)


def page_deleted(sender, instance, **kwargs):
    if instance.live:
        purge_around(instance, itself=True)


def page_moved(sender, instance, **kwargs):
    # Wagtail's signal comes after the move: the old URLs are found from
    # the path it reports, for the page and everything below it.
    if not frontend_cache_configured():
        return
    old_prefix = kwargs["url_path_before"]
    new_prefix = kwargs["url_path_after"]
    batch = PurgeBatch()
    for page in instance.get_descendants(inclusive=True).live():
        batch.add_page(page)
        old_path = old_prefix + page.url_path[len(new_prefix) :]
        site = page.get_site()
        if site is not None:
            relative = old_path[len(site.root_page.url_path) - 1 :]
            batch.add_url(site.root_url + relative)
    batch.add_pages(Page.objects.filter(pk=kwargs["parent_page_before"].pk))
    batch.purge()
    purge_around(instance)


def restriction_changed(sender, instance, **kwargs):
    purge_around(instance.page, subtree=True)


def people_page_urls(person):
    """The pages of an author or reviewer under each live article index."""
    if not isinstance(person, Author | Reviewer):
        return []
    return [
        index.person_url(person, full=True) for index in ArticleIndexPage.objects.live()
    ]


def snippet_changed(sender, instance, **kwargs):
    if sender in get_snippet_models() and frontend_cache_configured():
        batch = PurgeBatch()
        batch.add_pages(pages_choosing(type(instance).objects.filter(pk=instance.pk)))
        batch.add_urls(people_page_urls(instance))
        batch.purge()


#: Template fragments that show other pages, snippets, images or documents
#: vary on this token (``{% content_generation %}``): any change of one
#: (or of a site, whose root URL links carry) renews it, so no such
#: fragment outlives what it shows.
GENERATION_KEY = "blog.content_generation"
SHOWN_IN_FRAGMENTS = (
    Page,
    PageViewRestriction,
    Site,
    AbstractImage,
    AbstractDocument,
    Tag,
)


def content_generation():
    return cache.get_or_set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def renew_content_generation():
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def content_changed(sender, instance, **kwargs):
    if isinstance(instance, SHOWN_IN_FRAGMENTS) or sender in get_snippet_models():
        renew_content_generation()
        # Again once committed: a page rendered meanwhile read the old rows.
        transaction.on_commit(renew_content_generation)


def reference_index_updated(sender, task_result, **kwargs):
    """Wagtail updates its ReferenceIndex in a task after a page is saved:
    fragments listing the pages that use an object (a product's "featured in")
    are renewed once it has run."""
    if task_result.task.func == update_reference_index_task.func:
        renew_content_generation()


def connect_signal_handlers():
    task_finished.connect(reference_index_updated, dispatch_uid="purge.references")
    page_published.connect(page_changed, dispatch_uid="purge.page_published")
    page_unpublished.connect(page_changed, dispatch_uid="purge.page_unpublished")
    post_page_move.connect(page_moved, dispatch_uid="purge.page_moved")
    pre_delete.connect(page_deleted, sender=Page, dispatch_uid="purge.page_deleted")
    for signal in (post_save, post_delete):
        signal.connect(
            restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"purge.restriction.{signal}",
        )
    # Snippets are registered after the apps are ready: checked per save.
    post_save.connect(snippet_changed, dispatch_uid="purge.snippet_saved")
    pre_delete.connect(snippet_changed, dispatch_uid="purge.snippet_deleted")
    for signal in (post_save, post_delete):
        signal.connect(content_changed, dispatch_uid=f"purge.content.{signal}")
