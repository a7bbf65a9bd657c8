from django.contrib.auth import get_user_model
from oscar.apps.customer import auth_backends
from oscar.apps.customer.utils import normalise_email


class EmailBackend(auth_backends.EmailBackend):
    """Oscar's email login, as slow for an unknown address as for a known one.

    Oscar's backend hashes the password only when a user has the address, so
    a wrong password for a real account took twice as long as for an unknown
    one, which told an attacker which addresses have accounts. Like Django's
    ModelBackend, hash the password once for an unknown address too.
    """

    def authenticate(self, request, email=None, password=None, **kwargs):
        user = super().authenticate(request, email=email, password=password, **kwargs)
        address = normalise_email(email or kwargs.get("username") or "")
        if user is None and password is not None and "@" in address:
            users = get_user_model().objects.filter(email__iexact=address)
            if not users.exists():
                get_user_model()().set_password(password)
        return user
