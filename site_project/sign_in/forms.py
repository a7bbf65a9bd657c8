from django import forms


class TokenForm(forms.Form):
    """The six-digit code an authenticator app shows."""

    token = forms.RegexField(
        label="Code from your authenticator app",
        regex=r"^\s*\d{6}\s*$",
        max_length=12,
        error_messages={"invalid": "Enter the six digits your app shows."},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}
        ),
    )

    def clean_token(self):
        return self.cleaned_data["token"].strip()
