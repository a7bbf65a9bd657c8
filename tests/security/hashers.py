"""A password hasher that counts its work, for the login-timing test."""

from django.contrib.auth.hashers import MD5PasswordHasher


class CountingMD5PasswordHasher(MD5PasswordHasher):
    """MD5 (as the test settings use), counting each hash computed: hashing
    is what makes a login slow, so equal counts mean equal timing."""

    computed = 0

    def encode(self, password, salt):
        type(self).computed += 1
        return super().encode(password, salt)
