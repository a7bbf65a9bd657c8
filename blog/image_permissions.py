"""Who may delete an image in Wagtail's admin.

Wagtail's image policy treats "delete" as "change" and lets whoever uploaded
an image change it, so an editor could delete images although the Editors
role (site_project/roles.py) leaves out ``delete_image``. This policy keeps
Wagtail's rules for every other action and grants "delete" only through
``wagtailimages.delete_image`` on the image's collection (or an ancestor), or
to superusers. ``BlogConfig.ready()`` registers it for the image model, so the
image views, the bulk delete and the API all ask it.
"""

import operator
from functools import reduce

from wagtail.permission_policies.collections import (
    CollectionOwnershipPermissionPolicy,
    CollectionPermissionPolicy,
)

DELETE = "delete"


class ImagePermissionPolicy(CollectionOwnershipPermissionPolicy):
    """Wagtail's ownership policy for images, with "delete" as its own
    collection permission."""

    def __init__(self, model, auth_model=None, owner_field_name="owner"):
        super().__init__(
            model, auth_model=auth_model, owner_field_name=owner_field_name
        )
        self.deletion = CollectionPermissionPolicy(model, auth_model=auth_model)

    def either(self, method, actions, **kwargs):
        """Wagtail's answer to ``method`` for the actions other than delete,
        or'ed with the collection permission's answer for delete."""
        others = [action for action in actions if action != DELETE]
        answers = []
        if others or DELETE not in actions:
            answers.append(getattr(super(), method)(actions=others, **kwargs))
        if DELETE in actions:
            answers.append(getattr(self.deletion, method)(actions=[DELETE], **kwargs))
        return reduce(operator.or_, answers)

    def user_has_permission(self, user, action):
        if action == DELETE:
            return self.deletion.user_has_permission(user, DELETE)
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return self.either("users_with_any_permission", actions).distinct()

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.either(
            "user_has_any_permission_for_instance",
            actions,
            user=user,
            instance=instance,
        )

    def instances_user_has_any_permission_for(self, user, actions):
        return self.either("instances_user_has_any_permission_for", actions, user=user)

    def users_with_any_permission_for_instance(self, actions, instance):
        return self.either(
            "users_with_any_permission_for_instance", actions, instance=instance
        ).distinct()

    def collections_user_has_any_permission_for(self, user, actions):
        return self.either(
            "collections_user_has_any_permission_for", actions, user=user
        )
