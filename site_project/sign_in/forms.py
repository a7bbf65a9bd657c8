from django import forms


class TokenForm(forms.Form):
    """The six-digit code an authenticator app shows."""

    token = forms.RegexField(
        label="Code from your authenticator app",
        regex=r"^\d{6}$",
        strip=True,
        max_length=12,
        error_messages={"invalid": "Enter the six digits your app shows."},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}
        ),
    )
