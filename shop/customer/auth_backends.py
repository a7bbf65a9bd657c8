from django.contrib.auth import get_user_model
from oscar.apps.customer import auth_backends
from oscar.apps.customer.utils import normalise_email


class EmailBackend(auth_backends.EmailBackend):
    """Oscar's email login, hashing the password for an unknown address too
    (as Django's ModelBackend does), so timing tells no one which addresses
    have accounts."""

    def authenticate(self, request, email=None, password=None, **kwargs):
        user = super().authenticate(request, email=email, password=password, **kwargs)
        address = normalise_email(email or kwargs.get("username") or "")
        if user is None and password is not None and "@" in address:
            users = get_user_model().objects.filter(email__iexact=address)
            if not users.exists():
                get_user_model()().set_password(password)
        return user
