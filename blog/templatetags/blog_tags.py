"""Template tags for article pages: structured data and heading ids."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString

from blog.blocks import heading_anchor

register = template.Library()

# The characters that could close the <script> element or start an HTML
# entity, escaped as JSON unicode escapes (the same set as json_script).
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data):
    """Render `data` as a JSON-LD <script>, safe against </script> in text."""
    if not data:
        return ""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    # Safe inside <script>: every <, > and & is a JSON escape after translate().
    escaped = SafeString(payload.translate(JSON_SCRIPT_ESCAPES))  # nosec B703
    return format_html('<script type="application/ld+json">{}</script>', escaped)


@register.simple_tag
def heading_id(value):
    """The id of a heading block: the same one the table of contents links to."""
    return heading_anchor(value)
