import re

from django import forms

from shop.order.models import ReturnRequest

LINE_FIELD = re.compile(r"^line_(\d+)$")


class ReturnRequestForm(forms.Form):
    """How many of each line to send back (up to what may still be
    returned), and why. Only lines that may be returned have a field; a
    posted line that is not one of them is an error, not ignored."""

    reason = forms.ChoiceField(
        label="Why are you returning them?",
        choices=[("", "Choose a reason"), *ReturnRequest.REASONS],
        error_messages={
            "required": "Choose a reason.",
            "invalid_choice": "Choose one of the reasons listed.",
        },
    )
    details = forms.CharField(
        label="Anything else we should know (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, returnable, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.returnable = returnable
        for line, most in returnable.items():
            self.fields[f"line_{line.pk}"] = forms.IntegerField(
                label=line.title,
                min_value=0,
                max_value=most,
                initial=0,
                required=False,
                error_messages={
                    "invalid": f"Enter how many of “{line.title}” to return.",
                    "min_value": f"Enter how many of “{line.title}” to return.",
                    "max_value": (f"You can return at most {most} of “{line.title}”."),
                },
            )

    def line_fields(self):
        return [self[f"line_{line.pk}"] for line in self.returnable]

    def clean(self):
        cleaned = super().clean()
        fields = set(self.fields)
        if any(LINE_FIELD.match(name) and name not in fields for name in self.data):
            raise forms.ValidationError(
                "An item chosen is not part of this order or cannot be returned."
            )
        if not self.errors and not self.quantities():
            raise forms.ValidationError("Choose how many of an item to return.")
        return cleaned

    def quantities(self):
        return {
            line: self.cleaned_data.get(f"line_{line.pk}")
            for line in self.returnable
            if self.cleaned_data.get(f"line_{line.pk}")
        }
