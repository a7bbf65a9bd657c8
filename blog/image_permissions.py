"""Who may delete an image in Wagtail's admin.

Wagtail's image policy (``CollectionOwnershipPermissionPolicy``) treats
"delete" as "change", and lets whoever uploaded an image change it: an editor
with ``change_image`` or ``add_image`` could therefore delete any image, or
their own, although the Editors role (site_project/roles.py) leaves out
``delete_image``. This policy keeps Wagtail's rules for every other action
and grants "delete" only through ``wagtailimages.delete_image`` held on the
image's collection (or an ancestor), or to superusers. It is registered for
the image model in ``BlogConfig.ready()``, so the image views, the bulk
delete and the API all ask it.
"""

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

    def user_has_permission(self, user, action):
        if action == DELETE:
            return self.deletion.user_has_permission(user, DELETE)
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        others = [action for action in actions if action != DELETE]
        users = self.deletion.users_with_any_permission([DELETE])
        if DELETE not in actions:
            return super().users_with_any_permission(others)
        if others:
            users = users | super().users_with_any_permission(others)
        return users.distinct()

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if DELETE in actions and self.deletion.user_has_permission_for_instance(
            user, DELETE, instance
        ):
            return True
        others = [action for action in actions if action != DELETE]
        return bool(others) and super().user_has_any_permission_for_instance(
            user, others, instance
        )

    def instances_user_has_any_permission_for(self, user, actions):
        others = [action for action in actions if action != DELETE]
        if DELETE not in actions:
            return super().instances_user_has_any_permission_for(user, others)
        instances = self.deletion.instances_user_has_any_permission_for(user, [DELETE])
        if others:
            instances = instances | super().instances_user_has_any_permission_for(
                user, others
            )
        return instances

    def users_with_any_permission_for_instance(self, actions, instance):
        others = [action for action in actions if action != DELETE]
        if DELETE not in actions:
            return super().users_with_any_permission_for_instance(others, instance)
        users = self.deletion.users_with_any_permission_for_instance([DELETE], instance)
        if others:
            users = users | super().users_with_any_permission_for_instance(
                others, instance
            )
        return users.distinct()

    def collections_user_has_any_permission_for(self, user, actions):
        others = [action for action in actions if action != DELETE]
        if DELETE not in actions:
            return super().collections_user_has_any_permission_for(user, others)
        collections = self.deletion.collections_user_has_any_permission_for(
            user, [DELETE]
        )
        if others:
            collections = collections | super().collections_user_has_any_permission_for(
                user, others
            )
        return collections
