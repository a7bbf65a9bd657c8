from django.apps import AppConfig


class BlogConfig(AppConfig):
    """Wagtail pages, snippets and content blocks: the content side."""

    name = "blog"
    label = "blog"
    default_auto_field = "django.db.models.AutoField"

    def ready(self):
        from wagtail.images import get_image_model
        from wagtail.permissions import register_permission_policy

        from .image_permissions import ImagePermissionPolicy
        from .purge import connect_signal_handlers

        connect_signal_handlers()

        # exact_class: chosen over the policy wagtail.images registers for the
        # same model in its own ready(), whichever app is ready first.
        register_permission_policy(
            get_image_model(),
            ImagePermissionPolicy(
                get_image_model(),
                auth_model="wagtailimages.Image",
                owner_field_name="uploaded_by_user",
            ),
            exact_class=True,
        )
