"""Template tags for article pages: structured data, heading ids, and what
their cached fragments vary on."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString

from blog.blocks import heading_anchor
from blog.callout_blocks import CalloutBlock
from blog.purge import content_generation

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


@register.simple_tag(name="content_generation")
def content_generation_tag():
    """{% content_generation as generation %}: a token that changes whenever
    a page, snippet, image or document does (blog.purge)."""
    return content_generation()


class BodyRun:
    """Consecutive blocks of a StreamField: one callout, or the blocks
    between two callouts, which are turned into values only when used."""

    def __init__(self, stream, indices, is_callout):
        self.stream = stream
        self.indices = indices
        self.is_callout = is_callout

    def __iter__(self):
        return (self.stream[index] for index in self.indices)


@register.simple_tag
def body_runs(stream):
    """{% body_runs page.body as runs %}: the body split at its callouts, so
    the blocks between them (the same for every visitor until the page or
    what it shows changes) can be cached while the callouts stay live."""
    child_blocks = stream.stream_block.child_blocks
    runs = []
    for index, raw in enumerate(stream.raw_data):
        is_callout = isinstance(child_blocks.get(raw["type"]), CalloutBlock)
        if is_callout or not runs or runs[-1].is_callout:
            runs.append(BodyRun(stream, [index], is_callout))
        else:
            runs[-1].indices.append(index)
    return runs
