from oscar.apps.dashboard.catalogue import views as core_views


class CategoryUpdateView(core_views.CategoryUpdateView):
    """Oscar's category form, answering a rejected edit with the form again
    instead of a 500."""

    def form_invalid(self, form):
        # Validation wrote the rejected values (an empty name, so no slug for
        # the page's link) into the category; the bound form keeps them.
        self.object.refresh_from_db()
        return super().form_invalid(form)
