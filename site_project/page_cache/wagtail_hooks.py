from wagtail import hooks

from .store import mark_cacheable


@hooks.register("before_serve_page")
def store_public_pages(page, request, serve_args, serve_kwargs):
    """Every Wagtail page without view restrictions may be stored for
    anonymous visitors; it depends on its own ``page:<id>`` tag."""
    if getattr(request, "page_cache_candidate", False) and not (
        page.get_view_restrictions().exists()
    ):
        mark_cacheable(request, f"page:{page.pk}")
