"""The demo's search vocabulary: synonyms a shopper of this shop would
expect, and one editors' pick. Found by their text before anything is
created, so loading twice changes nothing."""

from django.conf import settings
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from site_project.search_terms.models import Synonym, split_terms

SYNONYMS = (
    "traction, decompression",
    "foam roller, roller",
    "sore, pain, ache, aching",
    "hot, heat, warm",
    "cold, ice",
    "resistance band, exercise band, band",
    "yoga mat, exercise mat",
    "gym ball, swiss ball, stability ball, exercise ball",
    "massage gun, percussion massager",
)

# An editors' pick: a search for "traction" leads with the article that says
# what traction at home can and cannot do, then the shop's lead product.
PROMOTED_QUERY = "traction"
PROMOTED_ARTICLE = "spinal-decompression-what-it-can-and-cannot-do"
PROMOTED_PRODUCT = "inversion-table"


def load_search_terms(articles, products):
    existing = {tuple(s.term_list()) for s in Synonym.objects.all()}
    for terms in SYNONYMS:
        if tuple(split_terms(terms)) not in existing:
            Synonym.objects.create(terms=", ".join(split_terms(terms)))
    query = Query.get(PROMOTED_QUERY)
    if query.editors_picks.exists():
        return
    article = next(a for a in articles if a.slug == PROMOTED_ARTICLE)
    product = products[PROMOTED_PRODUCT]
    SearchPromotion.objects.create(
        query=query,
        page=article,
        sort_order=0,
        description="What traction at home can do, and when to see a doctor first.",
    )
    SearchPromotion.objects.create(
        query=query,
        external_link_url=settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        + product.get_absolute_url(),
        external_link_text=product.title,
        sort_order=1,
    )
