"""schema.org JSON-LD for every side of the site: built as Python data by
the page that knows it (blog pages, shop pages), written out here."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString

SCHEMA_ORG = "https://schema.org"

# The characters that could close the <script> element or start an HTML
# entity, escaped as JSON unicode escapes (the same set as json_script).
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld_script(data):
    """``data`` as a ``<script type="application/ld+json">`` element, safe
    against ``</script>`` in any text. A data block is never executed, so
    the Content-Security-Policy's script-src does not apply to it."""
    if not data:
        return ""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    # Safe inside <script>: every <, > and & is a JSON escape after translate().
    escaped = SafeString(payload.translate(JSON_SCRIPT_ESCAPES))  # nosec B703
    return format_html('<script type="application/ld+json">{}</script>', escaped)


def breadcrumb_list(crumbs):
    """BreadcrumbList of (name, absolute URL) pairs, outermost first."""
    return {
        "@context": SCHEMA_ORG,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(crumbs, start=1)
        ],
    }


def item_list(urls):
    """ItemList of the pages at these absolute URLs, in order."""
    return {
        "@context": SCHEMA_ORG,
        "@type": "ItemList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "url": url}
            for position, url in enumerate(urls, start=1)
        ],
    }
