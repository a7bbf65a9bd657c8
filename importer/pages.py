"""Documents become draft article pages: callouts resolved against the shop,
images brought into Wagtail's library, one page per source, updated in place
when the same source comes again."""

import datetime
import io
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils.html import strip_tags
from django.utils.text import Truncator, slugify
from oscar.core.loading import get_model
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form
from wagtail.utils.file import hash_filelike

from blog.blocks import unique_anchor
from blog.models import (
    ArticleIndexPage,
    ArticlePage,
    Author,
    Topic,
    reviewer_for_byline,
)

from .models import ImportedArticle

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")

SUMMARY_MAX_CHARS = 400
UNAVAILABLE_RULES = ("hide", "out_of_stock", "fallback")


@dataclass
class Outcome:
    """What became of one document: the page, its blocks, and the report."""

    document: object
    page: ArticlePage | None = None
    body: list = field(default_factory=list)
    created: bool = False
    suggestions: list = field(default_factory=list)

    @property
    def warnings(self):
        return self.document.warnings


def stream_value(block_type, **values):
    """Raw StreamField data for a block: the block's defaults, then `values`."""
    block = ArticlePage.body.field.stream_block.child_blocks[block_type]
    raw = block.get_prep_value(block.get_default())
    raw.update(values)
    return raw


def find_product(ref):
    """A shop product for a reference by SKU (our UPC), then slug, then title."""
    products = Product.objects.exclude(structure=Product.CHILD)
    for key, lookup in (("sku", "upc"), ("slug", "slug"), ("title", "title__iexact")):
        if ref.get(key):
            product = products.filter(**{lookup: ref[key]}).order_by("pk").first()
            if product is not None:
                return product
    return None


def find_category(ref):
    lookups = Q()
    if ref.get("slug"):
        lookups |= Q(slug=ref["slug"])
    if ref.get("name"):
        lookups |= Q(name__iexact=ref["name"])
    return (
        Category.objects.filter(lookups).order_by("depth", "pk").first()
        if lookups
        else None
    )


def describe(ref):
    parts = [f"{key}={value}" for key, value in ref.items() if value]
    return ", ".join(parts) or "no reference"


def callout_block(callout, document):
    """(block type, raw value) for a callout, or None if nothing resolves."""
    resolved = resolve_callout(callout, document)
    if resolved is None:
        return None
    block_type, value = resolved
    options = callout.get("options", {})
    for key, limit in (("headline", 120), ("note", 500)):
        if options.get(key):
            value[key] = options[key][:limit]
    rule = options.get("if_unavailable")
    if rule in UNAVAILABLE_RULES:
        value["if_unavailable"] = rule
    elif rule:
        document.warn(
            f"if_unavailable={rule!r} is not one of {', '.join(UNAVAILABLE_RULES)}: "
            "the callout hides its product when it cannot be bought."
        )
    if options.get("fallback_sku") and block_type != "category_callout":
        fallback = find_product({"sku": options["fallback_sku"]})
        if fallback is None:
            document.warn(f"Fallback product sku={options['fallback_sku']} not found.")
        else:
            value["fallback_product"] = fallback.pk
    return block_type, value


def resolve_callout(callout, document):
    if callout["kind"] == "category":
        for ref in callout["categories"]:
            category = find_category(ref)
            if category is not None:
                return "category_callout", stream_value(
                    "category_callout", category=category.pk, limit=callout["limit"]
                )
            document.warn(
                "Category callout: no shop category matches "
                f"({describe(ref)}); left out."
            )
        return None
    products = []
    for ref in callout["products"]:
        product = find_product(ref)
        if product is None:
            document.warn(
                f"Product callout: no shop product matches ({describe(ref)}); left out."
            )
        elif product.pk not in products:
            products.append(product.pk)
    if len(products) == 1:
        return "product_callout", stream_value("product_callout", product=products[0])
    if products:
        items = [
            {"type": "item", "value": pk, "id": str(uuid.uuid4())}
            for pk in products[:6]
        ]
        if len(products) > 6:
            document.warn(
                "A product grid shows at most 6 products: the rest were left out."
            )
        return "product_grid", stream_value("product_grid", products=items)
    return None


class ImageImporter:
    """Images into Wagtail's library through its own image form (size, format
    and pixel checks), each file once: a re-import finds it by its hash."""

    def __init__(self, document, base_dir=None, user=None, dry_run=False):
        self.document = document
        self.base_dir = Path(base_dir) if base_dir else None
        self.user = user
        self.dry_run = dry_run
        self.form_class = get_image_form(get_image_model())

    def data(self, ref):
        if ref.data is not None:
            return ref.data
        if ref.src in self.document.images:
            return self.document.images[ref.src]
        if ref.src.startswith(("http://", "https://", "//")):
            self.document.warn(
                "Remote image not fetched (the importer reads local files only): "
                f"{ref.src}"
            )
            return None
        if ref.src.startswith("data:"):
            self.document.warn("An image written into the page as data: was left out.")
            return None
        if self.base_dir is None:
            self.document.warn(
                f"Image {ref.src} was not uploaded with the document: left out."
            )
            return None
        path = (self.base_dir / ref.src).resolve()
        if not path.is_relative_to(self.base_dir.resolve()) or not path.is_file():
            self.document.warn(
                f"Image {ref.src} is not a file beside the document: left out."
            )
            return None
        return path.read_bytes()

    def image(self, ref):
        data = self.data(ref)
        if data is None:
            return None
        existing = (
            get_image_model().objects.filter(file_hash=hash_filelike(io.BytesIO(data)))
        ).first()
        if existing is not None:
            return existing
        name = Path(ref.src.split("?")[0]).name or "image.png"
        title = ref.alt or Path(name).stem.replace("-", " ").replace("_", " ")
        form = self.form_class(
            {"title": title[:255]},
            {"file": SimpleUploadedFile(name, data)},
            user=self.user,
        )
        if "collection" in form.fields:
            form.data = {
                **form.data,
                "collection": form.fields["collection"].queryset.first().pk,
            }
        if not form.is_valid():
            errors = "; ".join(
                error for errors in form.errors.values() for error in errors
            )
            self.document.warn(f"Image {ref.src} left out: {errors}")
            return None
        return None if self.dry_run else form.save()


def body_blocks(document, images):
    """The document's blocks as raw StreamField data, with plain text for the
    report; callouts and images that cannot be resolved are left out."""
    body, anchors = [], set()
    for kind, value in document.blocks:
        if kind == "heading":
            raw = stream_value("heading", text=value["text"], level=value["level"])
            raw["anchor"] = unique_anchor(value["text"], anchors)
            text = value["text"]
        elif kind == "callout":
            resolved = callout_block(document.callouts[value], document)
            if resolved is None:
                continue
            kind, raw = resolved
            text = ""
        elif kind == "image":
            image = images.image(value)
            if image is None and not images.dry_run:
                continue
            raw = stream_value(
                "image",
                image=image.pk if image else None,
                alt_text=value.alt[:250],
                caption=value.caption[:250],
            )
            text = value.caption or value.alt
        elif kind == "paragraph":
            raw = value
            text = plain_text(value)
        elif kind == "pull_quote":
            raw = stream_value(
                "pull_quote",
                quote=value["quote"][:400],
                attribution=value["attribution"][:120],
            )
            text = value["quote"]
        elif kind == "note":
            raw = stream_value("note", **value)
            text = plain_text(value["text"])
        body.append({"type": kind, "value": raw, "id": str(uuid.uuid4()), "text": text})
    return body


def plain_text(html):
    """Rich text as the report shows it: list items and paragraphs a line each."""
    for tag in ("</li>", "</p>", "<br/>"):
        html = html.replace(tag, tag + "\n")
    return "\n".join(
        line.strip() for line in strip_tags(html).splitlines() if line.strip()
    )


def author_for(name):
    if not name:
        return None
    author = Author.objects.filter(name__iexact=name).first()
    return author or Author.objects.create(name=name[:100])


def topics_for(names):
    topics = []
    for name in names:
        topic = Topic.objects.filter(
            Q(name__iexact=name) | Q(slug=slugify(name))
        ).first()
        topics.append(
            topic or Topic.objects.create(name=name[:100], slug=slugify(name)[:50])
        )
    return topics


def default_parent():
    parent = ArticleIndexPage.objects.live().order_by("path").first()
    return parent or ArticleIndexPage.objects.order_by("path").first()


def free_slug(parent, slug, page):
    siblings = ArticlePage.objects.child_of(parent)
    if page is not None and page.pk:
        siblings = siblings.exclude(pk=page.pk)
    reserved = set(ArticleIndexPage.reserved_child_slugs)
    candidate, number = slug, 2
    while candidate in reserved or siblings.filter(slug=candidate).exists():
        candidate, number = f"{slug}-{number}", number + 1
    return candidate


def import_document(
    document, parent=None, user=None, publish=False, dry_run=False, base_dir=None
):
    """Make or update the draft page for `document`; nothing is half-made."""
    images = ImageImporter(document, base_dir=base_dir, user=user, dry_run=dry_run)
    outcome = Outcome(document=document)
    if dry_run:
        outcome.body = body_blocks(document, images)
        return outcome
    parent = parent or default_parent()
    if parent is None:
        document.warn(
            "There is no article index page to put articles under: nothing imported."
        )
        return outcome
    with transaction.atomic():
        record = (
            ImportedArticle.objects.filter(source=document.source)
            .select_related("page")
            .first()
        )
        page = (
            record.page.specific.get_latest_revision_as_object()
            if record and record.page
            else None
        )
        outcome.body = body_blocks(document, images)
        outcome.created = page is None
        if page is None:
            page = ArticlePage(owner=user)
        page.title = document.title[:255]
        page.standfirst = Truncator(
            document.summary or first_paragraph(outcome.body)
        ).chars(SUMMARY_MAX_CHARS)
        page.search_description = page.standfirst
        page.body = [
            {key: block[key] for key in ("type", "value", "id")}
            for block in outcome.body
        ]
        page.author = author_for(document.author) or page.author
        page.date_published = (
            document.date or page.date_published or datetime.date.today()
        )
        if document.reviewed_by:
            page.reviewer = reviewer_for_byline(document.reviewed_by)
        if document.last_reviewed:
            page.last_reviewed = document.last_reviewed
        if document.hero is not None:
            hero = images.image(document.hero)
            if hero is not None:
                page.hero_image = hero
                page.hero_alt = (document.hero.alt or page.hero_alt)[:250]
                page.hero_caption = document.hero.caption[:250]
        page.topics = topics_for(document.topics) or list(page.topics.all())
        if document.tags:
            page.tags.set(document.tags)
        if outcome.created:
            page.slug = free_slug(
                parent, document.slug or slugify(document.title)[:80] or "article", None
            )
            page.live = False
            parent.add_child(instance=page)
            ImportedArticle.objects.update_or_create(
                source=document.source, defaults={"page": page}
            )
        revision = page.save_revision(user=user, log_action=True)
        if publish:
            revision.publish(user=user)
        outcome.page = page
    return outcome


def first_paragraph(body):
    return next((block["text"] for block in body if block["type"] == "paragraph"), "")


def report(outcome):
    """The JSON report of one imported document."""
    return {
        "file": outcome.document.name,
        "title": outcome.document.title,
        "page_id": outcome.page.pk if outcome.page else None,
        "blocks": [
            {"type": block["type"], "text": block["text"]} for block in outcome.body
        ],
        "suggestions": outcome.suggestions,
        "warnings": list(outcome.document.warnings),
    }
