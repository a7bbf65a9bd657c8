"""Oscar's dashboard catalogue forms: cleaned rich text and limits on uploaded
product images."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from oscar.apps.dashboard.catalogue import forms as core_forms
from oscar.apps.dashboard.catalogue.forms import *  # noqa: F403
from wagtail.whitelist import Whitelister

from site_project.image_uploads import check_whole_image


def clean_rich_text(html):
    """Dashboard rich text, which Oscar prints with ``|safe``, through
    Wagtail's whitelister: no scripts, event handlers or ``javascript:``."""
    return Whitelister().clean(html or "")


class RichTextField(forms.CharField):
    def clean(self, value):
        return clean_rich_text(super().clean(value))


class ProductImageForm(core_forms.ProductImageForm):
    """Refuses product images too large, not in SHOP_IMAGE_FORMATS (read
    from the image itself) or failing check_whole_image."""

    def clean_original(self):
        upload = self.cleaned_data.get("original")
        # An unchanged image is a stored FieldFile, without a content_type.
        if upload is None or not hasattr(upload, "content_type"):
            return upload
        limit = settings.SHOP_IMAGE_MAX_UPLOAD_SIZE
        if upload.size > limit:
            raise forms.ValidationError(
                "This image is %(size)s; the largest allowed is %(limit)s. "
                "Save it at a smaller size and upload it again.",
                code="file_too_large",
                params={
                    "size": filesizeformat(upload.size),
                    "limit": filesizeformat(limit),
                },
            )
        # The format Pillow read (forms.ImageField), not the file's name.
        image_format, allowed = upload.image.format, settings.SHOP_IMAGE_FORMATS
        if image_format not in allowed:
            raise forms.ValidationError(
                "%(format)s images are not accepted; upload a %(allowed)s file.",
                code="invalid_image_format",
                params={"format": image_format, "allowed": ", ".join(allowed)},
            )
        check_whole_image(upload)
        return upload


class StockRecordForm(core_forms.StockRecordForm):
    """Oscar's stock record form with the sale's "was" price, kept when a
    form without the field is posted."""

    class Meta(core_forms.StockRecordForm.Meta):
        fields = [*core_forms.StockRecordForm.Meta.fields, "was_price"]

    def clean(self):
        cleaned = super().clean()
        if self.add_prefix("was_price") not in self.data and self.instance.pk:
            cleaned["was_price"] = self.instance.was_price
        price, was_price = cleaned.get("price"), cleaned.get("was_price")
        if was_price is not None and price is not None and was_price <= price:
            self.add_error(
                "was_price",
                "The was price must be higher than the price (it is shown "
                "struck through); leave it empty when there is no sale.",
            )
        return cleaned


class ProductForm(core_forms.ProductForm):
    """Oscar's product form with the rich text cleaned."""

    def clean_description(self):
        return clean_rich_text(self.cleaned_data.get("description"))

    def get_attribute_field(self, attribute):
        field = super().get_attribute_field(attribute)
        if attribute.type == attribute.RICHTEXT:
            return RichTextField(
                label=field.label, required=field.required, widget=field.widget
            )
        return field


class CategoryForm(core_forms.CategoryForm):
    """Oscar's category form with the description cleaned."""

    def clean_description(self):
        return clean_rich_text(self.cleaned_data.get("description"))
