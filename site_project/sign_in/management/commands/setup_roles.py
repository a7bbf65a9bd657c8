from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from site_project.roles import ROLES, apply_roles, assign_role


class Command(BaseCommand):
    help = (
        "Create or update the groups Editors, Catalogue managers and Customer "
        "service with exactly the permissions in site_project/roles.py. "
        "Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--add-user",
            nargs=2,
            action="append",
            default=[],
            metavar=("EMAIL_OR_USERNAME", "ROLE"),
            help="Also put this user in this role (repeatable).",
        )

    def handle(self, *args, add_user, **options):
        for name, group in apply_roles().items():
            self.stdout.write(
                f"{name}: {group.permissions.count()} permissions, "
                f"{group.page_permissions.count()} page permissions, "
                f"{group.collection_permissions.count()} collection permissions"
            )
        User = get_user_model()
        for identifier, role_name in add_user:
            if role_name not in ROLES:
                raise CommandError(
                    f"Unknown role {role_name!r}; choose from {', '.join(ROLES)}."
                )
            user = User.objects.filter(email__iexact=identifier).first() or (
                User.objects.filter(username=identifier).first()
            )
            if user is None:
                raise CommandError(f"No user with email or username {identifier!r}.")
            assign_role(user, role_name)
            self.stdout.write(f"{identifier} is now in {role_name}.")
