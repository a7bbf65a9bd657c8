"""Image uploads, in Wagtail's admin and Oscar's dashboard: the whole image is
decoded once on upload, within a pixel limit, so a pixel bomb or a damaged
file is a form error instead of a worker's memory or a 500 when it is shown."""

import warnings

from django import forms
from django.conf import settings
from PIL import Image, ImageSequence
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

# What Pillow raises for a file it cannot decode to the end: a truncated or
# corrupt image (OSError, including UnidentifiedImageError), a bad chunk
# (SyntaxError from verify()), a short read (EOFError) or a bad header value.
DAMAGED_IMAGE_ERRORS = (OSError, SyntaxError, EOFError, ValueError)


def check_whole_image(upload):
    """Raise ValidationError unless ``upload`` is a complete image of at most
    WAGTAILIMAGES_MAX_IMAGE_PIXELS pixels (width x height x frames).

    The pixel count is read from the header before anything is decoded; then
    Pillow verifies the file and decodes every frame, which finds truncated
    files that verify() alone passes (a cut-off GIF).
    """
    limit = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    try:
        with warnings.catch_warnings():
            # Pillow only warns below twice its own limit; refuse, do not warn.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            upload.seek(0)
            with Image.open(upload) as image:
                frames = getattr(image, "n_frames", 1)
                pixels = image.width * image.height * frames
                if pixels > limit:
                    raise too_many_pixels(image, frames, limit)
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


def too_many_pixels(image, frames, limit):
    size = f"{image.width:,} x {image.height:,} pixels"
    if frames > 1:
        size += f" in {frames} frames"
    return forms.ValidationError(
        "This image is %(size)s; the largest allowed is %(limit)s pixels in "
        "all. Resize it and upload it again.",
        code="file_too_many_pixels",
        params={"size": size, "limit": f"{limit:,}"},
    )


class WholeImageField(WagtailImageField):
    """Wagtail's image file field with the whole image checked first.

    Wagtail 8 reads a PNG's or JPEG's size from its header, but decodes a GIF
    whole to read its size, before its own pixel check: a truncated GIF was a
    500 and a GIF pixel bomb was decoded in full. So the file's size and then
    check_whole_image come before Wagtail's checks.
    """

    def to_python(self, data):
        if hasattr(data, "seek"):
            self.check_image_file_size(data)
            check_whole_image(data)
        return super().to_python(data)


class ImageForm(BaseImageForm):
    """Wagtail's image form (WAGTAILIMAGES_IMAGE_FORM_BASE) whose file field,
    where it has one, is a WholeImageField."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            field = self.fields["file"]
            self.fields["file"] = WholeImageField(
                label=field.label, required=field.required, widget=field.widget
            )
