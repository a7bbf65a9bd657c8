"""Image uploads, in Wagtail's admin and Oscar's dashboard, decoded whole once
within a pixel limit: a pixel bomb or a damaged file is a form error, not a
worker's memory or a 500 when the image is shown."""

import warnings

from django import forms
from django.conf import settings
from PIL import Image, ImageSequence
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

# What Pillow raises for a file it cannot decode to the end.
DAMAGED_IMAGE_ERRORS = (OSError, SyntaxError, EOFError, ValueError)


def check_whole_image(upload):
    """Raise ValidationError unless ``upload`` is within the pixel limit and
    decodes whole: every frame, which finds truncated files verify() passes."""
    limit = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    try:
        with warnings.catch_warnings():
            # Pillow only warns below twice its own limit; refuse, do not warn.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            upload.seek(0)
            with Image.open(upload) as image:
                frames = getattr(image, "n_frames", 1)
                if image.width * image.height * frames > limit:
                    size = f"{image.width:,} x {image.height:,} pixels"
                    if frames > 1:
                        size += f" in {frames} frames"
                    raise forms.ValidationError(
                        "This image is %(size)s; the largest allowed is %(limit)s "
                        "pixels in all. Resize it and upload it again.",
                        code="file_too_many_pixels",
                        params={"size": size, "limit": f"{limit:,}"},
                    )
                image.verify()
            upload.seek(0)
            with Image.open(upload) as image:
                for frame in ImageSequence.Iterator(image):
                    frame.load()
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise forms.ValidationError(
            "This image has far too many pixels; the largest allowed is "
            "%(limit)s pixels. Resize it and upload it again.",
            code="file_too_many_pixels",
            params={"limit": f"{limit:,}"},
        ) from None
    except DAMAGED_IMAGE_ERRORS as error:
        raise forms.ValidationError(
            "This image file is incomplete or damaged (%(reason)s). Open it in "
            "an image editor, save it again and upload the new file.",
            code="damaged_image",
            params={"reason": error},
        ) from None
    finally:
        upload.seek(0)


class WholeImageField(WagtailImageField):
    """Wagtail's image field with the size and the whole image checked first:
    Wagtail decodes a whole GIF to read its size, before its pixel check."""

    def to_python(self, data):
        if hasattr(data, "seek"):
            self.check_image_file_size(data)
            check_whole_image(data)
        return super().to_python(data)


class ImageForm(BaseImageForm):
    """WAGTAILIMAGES_IMAGE_FORM_BASE: Wagtail's form with a WholeImageField."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            field = self.fields["file"]
            self.fields["file"] = WholeImageField(
                label=field.label, required=field.required, widget=field.widget
            )
