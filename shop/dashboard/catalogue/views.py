"""Forked dashboard catalogue views."""

from oscar.apps.dashboard.catalogue import views as core_views


class CategoryUpdateView(core_views.CategoryUpdateView):
    """Oscar's category form, which answers a rejected edit with the form
    again instead of a 500."""

    def form_invalid(self, form):
        # Validation wrote the rejected values into the category itself; the
        # page links to the category on the shop, and an emptied name leaves
        # no slug to build that link from. The bound form keeps what was typed.
        self.object.refresh_from_db()
        return super().form_invalid(form)
