"""Illustrations for the demo, drawn with Pillow at load time.

One palette per product category and one motif per product or article
figure: article figures are flat shapes on a calm background (PNG), products
are drawn as studio photographs, shaded and with a shadow (JPEG). Drawing is
deterministic: the same arguments always give the same bytes (cached per
process), so reloading the demo finds nothing new to store. Everything is
drawn at twice the size and scaled down, which smooths the edges.
"""

import functools
import io
import math

from PIL import Image, ImageChops, ImageColor, ImageDraw, ImageFilter

SCALE = 2

# background, panel, main shape, accent, ink
PALETTES = {
    "spinal-decompression": ("#e8eef5", "#d3dfec", "#3f6e9a", "#f0a35e", "#1f3347"),
    "massage-tools": ("#f3ebe6", "#e8d8cf", "#a4573e", "#e9c46a", "#3b2219"),
    "core-training": ("#e7f1ec", "#d0e5da", "#2f7d5b", "#f4a259", "#17382a"),
    "heat-and-cold": ("#f6ede4", "#ecdccb", "#d1603d", "#4d9de0", "#3a2418"),
    "article": ("#eef1f4", "#dde4ea", "#2f5d7c", "#e07a5f", "#1d2b36"),
}

CATEGORY_MOTIFS = {
    "spinal-decompression": "arch",
    "massage-tools": "roller",
    "core-training": "mat",
    "heat-and-cold": "pad",
}


def _png(image, size):
    image = image.resize(size, Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _jpeg(image):
    """The supersampled canvas at its size, as a JPEG."""
    image = image.reduce(SCALE)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=88, optimize=True)
    return buffer.getvalue()


def _s(*values):
    """Scale design coordinates to the supersampled canvas."""
    return [round(v * SCALE) for v in values]


# ------------------------------------------------------- product photographs
# A product is drawn as a studio photograph: parts (silhouettes) filled with
# a colour shaded from a light at the upper left, with a soft highlight and
# darker edges, standing on a seamless paper backdrop on which the parts
# together cast one soft shadow. No text: the page names the product.


def _rgb(colour):
    return ImageColor.getrgb(colour)


def _mix(colour, other, amount):
    return tuple(
        round(a + (b - a) * amount) for a, b in zip(colour, other, strict=True)
    )


WHITE, BLACK = (255, 255, 255), (0, 0, 0)
# The side of the square on which smooth gradients are drawn before scaling.
SMOOTH = 128


@functools.cache
def _diagonal_gradient():
    """0 at the upper left to 255 at the lower right."""
    vertical = Image.linear_gradient("L")
    return Image.blend(vertical, vertical.rotate(90), 0.5)


class Studio:
    """Collects a product's parts in design units (a ``size`` square) and
    renders them, with their shadow, on the backdrop."""

    def __init__(self, size, palette):
        self.size = size
        self.canvas = size * SCALE
        self.palette = palette
        self.parts = []
        # Every part's silhouette at once, for the shadow.
        self.silhouette = Image.new("L", (self.canvas, self.canvas), 0)
        self.union = ImageDraw.Draw(self.silhouette)

    def _part(self, colour, gloss, draw):
        mask = Image.new("L", (self.canvas, self.canvas), 0)
        draw(ImageDraw.Draw(mask))
        draw(self.union)
        self.parts.append((mask, _rgb(colour), gloss))

    def ellipse(self, box, colour, gloss=0.55):
        self._part(colour, gloss, lambda d: d.ellipse(_s(*box), fill=255))

    def rounded(self, box, radius, colour, gloss=0.3):
        self._part(
            colour,
            gloss,
            lambda d: d.rounded_rectangle(_s(*box), radius=radius * SCALE, fill=255),
        )

    def polygon(self, points, colour, gloss=0.3):
        flat = _s(*(v for point in points for v in point))
        self._part(colour, gloss, lambda d: d.polygon(flat, fill=255))

    def line(self, points, width, colour, gloss=0.35):
        flat = _s(*(v for point in points for v in point))

        def draw(d):
            d.line(flat, fill=255, width=round(width * SCALE), joint="curve")
            for x, y in points:  # round ends
                d.ellipse(
                    _s(x - width / 2, y - width / 2, x + width / 2, y + width / 2),
                    fill=255,
                )

        self._part(colour, gloss, draw)

    def ring(self, box, width, colour, gloss=0.4):
        self._part(
            colour,
            gloss,
            lambda d: d.ellipse(_s(*box), outline=255, width=round(width * SCALE)),
        )

    def arc(self, box, start, end, width, colour, gloss=0.35):
        self._part(
            colour,
            gloss,
            lambda d: d.arc(_s(*box), start, end, fill=255, width=round(width * SCALE)),
        )

    def backdrop(self):
        """Seamless paper: lighter behind, a floor that falls into shade and
        light that falls off towards the corners (smooth, so drawn small)."""
        back = _mix(_rgb(self.palette[0]), WHITE, 0.45)
        floor = _mix(_rgb(self.palette[0]), _rgb(self.palette[4]), 0.1)
        ramp = Image.linear_gradient("L").resize((SMOOTH, SMOOTH))
        image = Image.composite(
            Image.new("RGB", ramp.size, floor), Image.new("RGB", ramp.size, back), ramp
        )
        vignette = Image.radial_gradient("L").resize((SMOOTH, SMOOTH))
        vignette = vignette.point(lambda v: max(0, v - 150) * 0.45)
        shade = Image.new("RGB", image.size, _mix(floor, BLACK, 0.2))
        image = Image.composite(shade, image, vignette)
        return image.resize((self.canvas, self.canvas), Image.Resampling.BILINEAR)

    def shadow(self, image):
        """One soft shadow of all the parts on the floor below them, and a
        darker one where they touch it (soft, so worked out at a quarter of
        the size)."""
        union = self.silhouette.reduce(4)
        small = union.size[0]
        left, top, right, bottom = union.getbbox()
        height = max(1, round((bottom - top) * 0.22))
        cast = union.crop((left, top, right, bottom)).resize((right - left, height))
        floor = Image.new("L", union.size, 0)
        floor.paste(cast, (left + (right - left) // 14, bottom - height * 2 // 3))
        floor = floor.filter(ImageFilter.GaussianBlur(small * 0.025))
        contact = Image.new("L", union.size, 0)
        ImageDraw.Draw(contact).ellipse(
            (
                left + (right - left) * 0.08,
                bottom - small * 0.018,
                right - (right - left) * 0.05,
                bottom + small * 0.012,
            ),
            fill=255,
        )
        contact = contact.filter(ImageFilter.GaussianBlur(small * 0.01))
        alpha = ImageChops.lighter(
            floor.point(lambda v: v * 0.42), contact.point(lambda v: v * 0.5)
        ).resize(image.size, Image.Resampling.BILINEAR)
        ink = Image.new("RGB", image.size, _mix(_rgb(self.palette[4]), BLACK, 0.3))
        return Image.composite(ink, image, alpha)

    def paint(self, image, mask, colour, gloss):
        """One part, shaded: lit side lighter, far side and rim darker, a
        soft highlight towards the light."""
        box = mask.getbbox()
        if box is None:
            return image
        pad = round(self.canvas * 0.02)
        box = (
            max(0, box[0] - pad),
            max(0, box[1] - pad),
            min(self.canvas, box[2] + pad),
            min(self.canvas, box[3] + pad),
        )
        part = mask.crop(box)
        size = part.size
        lit, dark = _mix(colour, WHITE, 0.22), _mix(colour, BLACK, 0.32)
        fill = Image.composite(
            Image.new("RGB", size, dark),
            Image.new("RGB", size, lit),
            _diagonal_gradient().resize(size),
        )
        # Blurs are soft: worked out at a quarter of the size.
        small = part.reduce(4)
        soft = small.filter(ImageFilter.GaussianBlur(max(1, min(small.size) * 0.08)))
        soft = soft.resize(size, Image.Resampling.BILINEAR)
        rim = ImageChops.subtract(part, soft).point(lambda v: min(255, v * 2))
        fill = Image.composite(
            Image.new("RGB", size, _mix(colour, BLACK, 0.45)), fill, rim
        )
        if gloss:
            glow = Image.new("L", small.size, 0)
            w, h = small.size
            ImageDraw.Draw(glow).ellipse(
                (w * 0.16, h * 0.1, w * 0.5, h * 0.38), fill=round(255 * gloss)
            )
            glow = glow.filter(ImageFilter.GaussianBlur(min(small.size) * 0.09))
            glow = ImageChops.multiply(
                glow.resize(size, Image.Resampling.BILINEAR), part
            )
            fill = Image.composite(Image.new("RGB", size, WHITE), fill, glow)
        image.paste(fill, box, part)
        return image

    def render(self):
        image = self.shadow(self.backdrop())
        for mask, colour, gloss in self.parts:
            image = self.paint(image, mask, colour, gloss)
        return image


# Each product kind in design units: centre (cx, cy), scale r, palette p
# (background, panel, main, accent, ink).
def _roller(s, cx, cy, r, p):
    s.rounded((cx - r, cy - r * 0.32, cx + r * 0.8, cy + r * 0.32), r * 0.32, p[2])
    for i in range(5):
        x = cx - r * 0.7 + i * r * 0.32
        s.rounded(
            (x, cy - r * 0.3, x + r * 0.05, cy + r * 0.3),
            r * 0.03,
            _shade(p[2], 0.25),
            0,
        )
    s.ellipse(
        (cx + r * 0.55, cy - r * 0.32, cx + r * 1.0, cy + r * 0.32),
        _tint(p[2], 0.25),
        0.2,
    )
    s.ellipse(
        (cx + r * 0.7, cy - r * 0.1, cx + r * 0.85, cy + r * 0.1), _shade(p[2], 0.4), 0
    )


def _balls(s, cx, cy, r, p):
    s.ellipse((cx - r * 0.95, cy - r * 0.15, cx - r * 0.2, cy + r * 0.6), p[2])
    s.ellipse((cx - r * 0.35, cy - r * 0.25, cx + r * 0.35, cy + r * 0.45), p[4])
    s.ellipse((cx + r * 0.2, cy - r * 0.1, cx + r * 0.95, cy + r * 0.65), p[3])
    for a in range(0, 360, 40):
        x = cx + r * 0.575 + math.cos(math.radians(a)) * r * 0.3
        y = cy + r * 0.275 + math.sin(math.radians(a)) * r * 0.3
        s.ellipse(
            (x - r * 0.06, y - r * 0.06, x + r * 0.06, y + r * 0.06),
            _tint(p[3], 0.2),
            0.3,
        )


def _massager(s, cx, cy, r, p):
    s.polygon(
        [
            (cx - r * 0.2, cy - r * 0.1),
            (cx + r * 0.15, cy - r * 0.1),
            (cx + r * 0.05, cy + r * 0.9),
            (cx - r * 0.25, cy + r * 0.9),
        ],
        p[4],
    )
    s.rounded(
        (cx - r * 0.85, cy - r * 0.55, cx + r * 0.45, cy - r * 0.02), r * 0.26, p[2]
    )
    s.rounded(
        (cx + r * 0.35, cy - r * 0.42, cx + r * 0.6, cy - r * 0.15),
        r * 0.06,
        _shade(p[4], 0.1),
        0.2,
    )
    s.ellipse((cx + r * 0.55, cy - r * 0.55, cx + r * 0.95, cy - r * 0.02), p[3])


def _cane(s, cx, cy, r, p):
    s.arc(
        (cx - r * 0.9, cy - r * 0.95, cx + r * 0.1, cy + r * 0.05),
        180,
        360,
        r * 0.14,
        p[2],
    )
    s.line(
        [(cx + r * 0.03, cy - r * 0.45), (cx + r * 0.03, cy + r * 0.95)], r * 0.14, p[2]
    )
    s.line(
        [(cx + r * 0.03, cy + r * 0.1), (cx + r * 0.45, cy + r * 0.1)], r * 0.1, p[2]
    )
    for x, y in (
        (cx - r * 0.83, cy - r * 0.42),
        (cx + r * 0.5, cy + r * 0.1),
        (cx - r * 0.4, cy - r * 0.92),
    ):
        s.ellipse((x - r * 0.12, y - r * 0.12, x + r * 0.12, y + r * 0.12), p[3])


def _dots(s, cx, cy, r, p):
    s.polygon(
        [
            (cx - r * 0.75, cy - r * 0.35),
            (cx + r * 0.75, cy - r * 0.35),
            (cx + r * 1.05, cy + r * 0.55),
            (cx - r * 1.05, cy + r * 0.55),
        ],
        p[2],
        0.15,
    )
    for row in range(5):
        t = row / 4
        y = cy - r * 0.27 + t * r * 0.72
        half = r * (0.68 + t * 0.28)
        size = r * (0.045 + t * 0.02)
        for col in range(7):
            x = cx - half + col * half * 2 / 6
            s.ellipse((x - size, y - size * 0.7, x + size, y + size * 0.7), p[3], 0.4)


def _mat(s, cx, cy, r, p):
    s.polygon(
        [
            (cx - r * 0.2, cy - r * 0.05),
            (cx + r * 0.9, cy - r * 0.05),
            (cx + r * 1.05, cy + r * 0.55),
            (cx - r * 0.05, cy + r * 0.55),
        ],
        p[2],
        0.1,
    )
    s.ellipse((cx - r * 1.0, cy - r * 0.45, cx - r * 0.05, cy + r * 0.55), p[2], 0.35)
    for k in (0.3, 0.18, 0.07):
        s.ring(
            (
                cx - r * 0.525 - r * k,
                cy + r * 0.05 - r * k,
                cx - r * 0.525 + r * k,
                cy + r * 0.05 + r * k,
            ),
            r * 0.03,
            _shade(p[2], 0.35),
            0,
        )


def _band(s, cx, cy, r, p):
    for i, colour in enumerate((p[4], p[2], p[3])):
        y = cy - r * 0.35 + i * r * 0.28
        s.ring(
            (cx - r * 0.8 + i * r * 0.1, y, cx + r * 0.8 + i * r * 0.1, y + r * 0.5),
            r * 0.09,
            colour,
        )


def _tube(s, cx, cy, r, p):
    s.arc(
        (cx - r * 0.95, cy - r * 0.9, cx + r * 0.95, cy + r * 0.9),
        195,
        345,
        r * 0.07,
        p[2],
    )
    for x in (cx - r * 1.0, cx + r * 0.78):
        s.rounded((x, cy - r * 0.25, x + r * 0.22, cy + r * 0.5), r * 0.1, p[4])
    s.rounded(
        (cx - r * 0.12, cy - r * 0.98, cx + r * 0.12, cy - r * 0.78), r * 0.05, p[3]
    )


def _ball(s, cx, cy, r, p):
    s.ellipse((cx - r * 0.85, cy - r * 0.85, cx + r * 0.85, cy + r * 0.85), p[2], 0.8)
    s.arc(
        (cx - r * 0.84, cy - r * 0.25, cx + r * 0.84, cy + r * 0.35),
        10,
        170,
        r * 0.03,
        _shade(p[2], 0.25),
        0,
    )


def _board(s, cx, cy, r, p):
    s.ellipse((cx - r * 0.35, cy + r * 0.05, cx + r * 0.35, cy + r * 0.6), p[4], 0.3)
    s.ellipse((cx - r, cy - r * 0.25, cx + r, cy + r * 0.25), _shade(p[2], 0.25), 0)
    s.ellipse((cx - r, cy - r * 0.33, cx + r, cy + r * 0.17), p[2], 0.4)
    s.ellipse(
        (cx - r * 0.8, cy - r * 0.26, cx + r * 0.8, cy + r * 0.1), _tint(p[2], 0.12), 0
    )


def _sliders(s, cx, cy, r, p):
    for off, colour in ((-0.48, p[2]), (0.48, p[3])):
        x = cx + off * r
        s.ellipse(
            (x - r * 0.45, cy - r * 0.1, x + r * 0.45, cy + r * 0.28),
            _shade(colour, 0.3),
            0,
        )
        s.ellipse(
            (x - r * 0.45, cy - r * 0.17, x + r * 0.45, cy + r * 0.2), colour, 0.5
        )


def _table(s, cx, cy, r, p):
    steel = p[4]
    s.line(
        [
            (cx - r * 0.75, cy + r * 0.95),
            (cx, cy - r * 0.15),
            (cx + r * 0.75, cy + r * 0.95),
        ],
        r * 0.07,
        steel,
    )
    s.line(
        [(cx - r * 0.9, cy + r * 0.95), (cx - r * 0.55, cy + r * 0.95)], r * 0.06, steel
    )
    s.line(
        [(cx + r * 0.55, cy + r * 0.95), (cx + r * 0.9, cy + r * 0.95)], r * 0.06, steel
    )
    s.polygon(
        [
            (cx - r * 1.0, cy + r * 0.28),
            (cx + r * 0.82, cy - r * 0.82),
            (cx + r * 0.95, cy - r * 0.6),
            (cx - r * 0.87, cy + r * 0.5),
        ],
        p[2],
    )
    s.ellipse((cx - r * 1.08, cy + r * 0.35, cx - r * 0.82, cy + r * 0.6), p[3])
    s.ellipse((cx - r * 0.98, cy + r * 0.5, cx - r * 0.72, cy + r * 0.75), p[3])


def _belt(s, cx, cy, r, p):
    s.rounded((cx - r, cy - r * 0.35, cx + r, cy + r * 0.35), r * 0.12, p[4], 0.2)
    for i in range(7):
        x = cx - r * 0.85 + i * r * 0.285
        s.rounded(
            (x - r * 0.11, cy - r * 0.42, x + r * 0.11, cy + r * 0.42),
            r * 0.1,
            p[2],
            0.5,
        )
    s.rounded(
        (cx + r * 0.75, cy + r * 0.45, cx + r * 1.0, cy + r * 0.75), r * 0.1, p[3]
    )


def _arch(s, cx, cy, r, p):
    s.polygon(
        [(cx - r, cy + r * 0.55)]
        + [
            (
                cx - r * math.cos(math.radians(a)),
                cy + r * 0.55 - r * 0.75 * math.sin(math.radians(a)),
            )
            for a in range(0, 181, 15)
        ]
        + [
            (
                cx + r * 0.72 * math.cos(math.radians(a)),
                cy + r * 0.55 - r * 0.5 * math.sin(math.radians(a)),
            )
            for a in range(0, 181, 15)
        ],
        p[2],
        0.45,
    )
    for a in (50, 75, 105, 130):
        x = cx - r * 0.86 * math.cos(math.radians(a))
        y = cy + r * 0.55 - r * 0.64 * math.sin(math.radians(a))
        s.ellipse((x - r * 0.07, y - r * 0.07, x + r * 0.07, y + r * 0.07), p[3], 0.4)


def _collar(s, cx, cy, r, p):
    for i, colour in enumerate((p[2], p[3], p[2])):
        y = cy - r * 0.55 + i * r * 0.32
        s.ring((cx - r * 0.75, y, cx + r * 0.75, y + r * 0.55), r * 0.16, colour)


def _pad(s, cx, cy, r, p):
    s.rounded(
        (cx - r * 0.95, cy - r * 0.5, cx + r * 0.85, cy + r * 0.45),
        r * 0.25,
        p[2],
        0.35,
    )
    for i in range(1, 4):
        x = cx - r * 0.95 + i * r * 0.45
        s.line(
            [(x, cy - r * 0.42), (x, cy + r * 0.37)], r * 0.02, _shade(p[2], 0.25), 0
        )
    s.line(
        [
            (cx + r * 0.85, cy + r * 0.1),
            (cx + r * 1.0, cy + r * 0.5),
            (cx + r * 0.75, cy + r * 0.75),
        ],
        r * 0.03,
        p[4],
        0,
    )
    s.rounded(
        (cx + r * 0.45, cy + r * 0.62, cx + r * 0.8, cy + r * 0.85), r * 0.06, p[4]
    )


def _bag(s, cx, cy, r, p):
    s.rounded(
        (cx - r * 0.95, cy - r * 0.35, cx + r * 0.95, cy + r * 0.5), r * 0.35, p[1], 0.3
    )
    for i in range(1, 5):
        x = cx - r * 0.95 + i * r * 0.38
        s.line(
            [(x, cy - r * 0.28), (x, cy + r * 0.43)], r * 0.025, _shade(p[1], 0.3), 0
        )
    s.rounded(
        (cx - r * 0.95, cy - r * 0.05, cx + r * 0.95, cy + r * 0.12),
        r * 0.05,
        p[2],
        0.2,
    )


def _pack(s, cx, cy, r, p):
    s.rounded(
        (cx - r * 0.9, cy - r * 0.55, cx + r * 0.9, cy + r * 0.55),
        r * 0.2,
        _shade(p[3], 0.1),
        0,
    )
    s.rounded(
        (cx - r * 0.8, cy - r * 0.45, cx + r * 0.8, cy + r * 0.45), r * 0.25, p[3], 0.9
    )
    for i in range(3):
        x = cx - r * 0.45 + i * r * 0.45
        s.ellipse(
            (x - r * 0.1, cy - r * 0.05, x + r * 0.1, cy + r * 0.15),
            _tint(p[3], 0.35),
            0.3,
        )


def _wrap_strap(s, cx, cy, r, p):
    s.rounded(
        (cx - r * 1.05, cy - r * 0.12, cx + r * 1.05, cy + r * 0.12), r * 0.1, p[4], 0.2
    )
    s.rounded(
        (cx - r * 0.5, cy - r * 0.42, cx + r * 0.5, cy + r * 0.42), r * 0.18, p[2], 0.5
    )
    s.rounded(
        (cx + r * 0.85, cy - r * 0.16, cx + r * 1.0, cy + r * 0.16), r * 0.04, p[3], 0.3
    )


def _yoke(s, cx, cy, r, p):
    outer = [
        (
            cx + r * math.cos(math.radians(a)),
            cy + r * 0.3 - r * 0.8 * math.sin(math.radians(a)),
        )
        for a in range(0, 181, 10)
    ]
    inner = [
        (
            cx - r * 0.45 * math.cos(math.radians(a)),
            cy + r * 0.3 - r * 0.4 * math.sin(math.radians(a)),
        )
        for a in range(0, 181, 10)
    ]
    s.polygon(
        [
            (cx + r, cy + r * 0.55),
            *outer,
            (cx - r, cy + r * 0.55),
            (cx - r * 0.45, cy + r * 0.55),
            *inner,
            (cx + r * 0.45, cy + r * 0.55),
        ],
        p[2],
        0.4,
    )
    for i in range(5):
        a = math.radians(20 + i * 35)
        x, y = cx + r * 0.72 * math.cos(a), cy + r * 0.3 - r * 0.6 * math.sin(a)
        s.ellipse(
            (x - r * 0.04, y - r * 0.04, x + r * 0.04, y + r * 0.04),
            _shade(p[2], 0.3),
            0,
        )


def _tint(colour, amount):
    return "#{:02x}{:02x}{:02x}".format(*_mix(_rgb(colour), WHITE, amount))


def _shade(colour, amount):
    return "#{:02x}{:02x}{:02x}".format(*_mix(_rgb(colour), BLACK, amount))


PRODUCT_MOTIFS = {
    "roller": _roller,
    "balls": _balls,
    "massager": _massager,
    "cane": _cane,
    "dots": _dots,
    "mat": _mat,
    "band": _band,
    "tube": _tube,
    "ball": _ball,
    "board": _board,
    "sliders": _sliders,
    "table": _table,
    "belt": _belt,
    "arch": _arch,
    "collar": _collar,
    "pad": _pad,
    "pack": _pack,
    "bag": _bag,
    "wrap": _wrap_strap,
    "yoke": _yoke,
}


# Which motif draws each demo product; anything else gets its category's.
PRODUCT_KEY_MOTIFS = {
    "inversion-table": "table",
    "decompression-belt": "belt",
    "back-stretcher": "arch",
    "neck-traction-collar": "collar",
    "foam-roller": "roller",
    "massage-balls": "balls",
    "percussion-massager": "massager",
    "trigger-point-cane": "cane",
    "acupressure-mat": "dots",
    "exercise-mat": "mat",
    "loop-bands": "band",
    "door-anchor-band": "tube",
    "stability-ball": "ball",
    "balance-board": "board",
    "core-sliders": "sliders",
    "heat-pad": "pad",
    "wheat-bag": "bag",
    "gel-cold-pack": "pack",
    "hot-cold-wrap": "wrap",
    "neck-shoulder-wrap": "yoke",
}


@functools.cache
def draw_product_image(category, motif=None, size=800):
    """A square product photograph (JPEG): the motif lit from the upper
    left, with its shadow, on a backdrop in the category's colours."""
    palette = PALETTES[category]
    studio = Studio(size, palette)
    PRODUCT_MOTIFS[motif or CATEGORY_MOTIFS[category]](
        studio, size / 2, size * 0.5, size * 0.37, palette
    )
    return _jpeg(studio.render())


# ------------------------------------------------------------ article motifs
def _vertebrae(d, x, top, count, gap, width, p, spread=0.0):
    for i in range(count):
        y = top + i * (gap + spread)
        d.rounded_rectangle(
            _s(x - width / 2, y, x + width / 2, y + gap * 0.72),
            radius=10 * SCALE,
            fill=p[2],
        )
        if i < count - 1:
            d.ellipse(
                _s(
                    x - width * 0.32,
                    y + gap * 0.72 + spread * 0.1,
                    x + width * 0.32,
                    y + gap + spread * 0.9,
                ),
                fill=p[3],
            )


def _figure(d, cx, cy, h, p, pose="stand"):
    """A simple rounded-line person: head, trunk, arms and legs."""
    w = round(h * 0.06 * SCALE)
    head = h * 0.09
    neck = (cx, cy - h * 0.32)
    hip = (cx, cy + h * 0.1)
    if pose == "sit":
        hip = (cx - h * 0.05, cy + h * 0.12)
        neck = (cx + h * 0.06, cy - h * 0.3)
        knee = (cx + h * 0.25, cy + h * 0.12)
        legs = [(hip, knee), (knee, (knee[0], cy + h * 0.45))]
        arms = [(neck, (cx + h * 0.32, cy - h * 0.05))]
    elif pose == "one-leg":
        legs = [
            (hip, (cx - h * 0.05, cy + h * 0.5)),
            (hip, (cx + h * 0.2, cy + h * 0.25)),
            ((cx + h * 0.2, cy + h * 0.25), (cx + h * 0.1, cy + h * 0.42)),
        ]
        arms = [
            (neck, (cx - h * 0.3, cy - h * 0.2)),
            (neck, (cx + h * 0.3, cy - h * 0.2)),
        ]
    elif pose == "bird-dog":
        neck = (cx - h * 0.3, cy - h * 0.05)
        hip = (cx + h * 0.2, cy - h * 0.05)
        legs = [(hip, (hip[0], cy + h * 0.3)), (hip, (cx + h * 0.65, cy - h * 0.1))]
        arms = [(neck, (neck[0], cy + h * 0.3)), (neck, (cx - h * 0.75, cy - h * 0.15))]
    elif pose == "lying":
        neck = (cx - h * 0.35, cy + h * 0.3)
        hip = (cx + h * 0.15, cy + h * 0.3)
        knee = (cx + h * 0.3, cy)
        legs = [(hip, knee), (knee, (cx + h * 0.55, cy))]
        arms = [
            (neck, (neck[0] + h * 0.05, cy - h * 0.2)),
            (neck, (neck[0] - h * 0.3, cy + h * 0.2)),
        ]
    else:
        legs = [
            (hip, (cx - h * 0.1, cy + h * 0.5)),
            (hip, (cx + h * 0.1, cy + h * 0.5)),
        ]
        arms = [
            (neck, (cx - h * 0.15, cy + h * 0.05)),
            (neck, (cx + h * 0.15, cy + h * 0.05)),
        ]
    for a, b in [(neck, hip), *legs, *arms]:
        d.line(_s(*a, *b), fill=p[4], width=w, joint="curve")
        for x, y in (a, b):
            d.ellipse(
                _s(x - h * 0.03, y - h * 0.03, x + h * 0.03, y + h * 0.03), fill=p[4]
            )
    hx = neck[0] + (neck[0] - hip[0]) * 0.35
    hy = neck[1] + (neck[1] - hip[1]) * 0.35
    d.ellipse(_s(hx - head, hy - head, hx + head, hy + head), fill=p[4])
    return neck, hip


def _art_core(d, W, H, p):
    _figure(d, W * 0.5, H * 0.5, H * 0.8, p)
    d.ellipse(
        _s(W * 0.5 - 120, H * 0.5 - 50, W * 0.5 + 120, H * 0.5 + 70),
        outline=p[3],
        width=14 * SCALE,
    )


def _art_layers(d, W, H, p):
    for i, colour in enumerate((p[2], p[3], p[1], p[4])):
        y = H * 0.2 + i * H * 0.16
        d.rounded_rectangle(
            _s(W * 0.15 + i * 40, y, W * 0.85 - i * 40, y + H * 0.12),
            radius=30 * SCALE,
            fill=colour,
        )


def _art_desk(d, W, H, p):
    d.rectangle(_s(W * 0.45, H * 0.55, W * 0.85, H * 0.6), fill=p[2])
    d.rectangle(_s(W * 0.8, H * 0.6, W * 0.82, H * 0.9), fill=p[2])
    d.rounded_rectangle(
        _s(W * 0.6, H * 0.25, W * 0.8, H * 0.5), radius=12 * SCALE, fill=p[4]
    )
    d.rectangle(_s(W * 0.69, H * 0.5, W * 0.71, H * 0.55), fill=p[4])
    d.rectangle(_s(W * 0.28, H * 0.62, W * 0.42, H * 0.66), fill=p[3])
    _figure(d, W * 0.38, H * 0.5, H * 0.7, p, pose="sit")


def _art_pelvis(d, W, H, p):
    cx, cy = W * 0.5, H * 0.5
    d.chord(_s(cx - 260, cy - 200, cx + 260, cy + 200), 0, 180, fill=p[2])
    d.ellipse(_s(cx - 110, cy - 40, cx + 110, cy + 150), fill=p[0])
    _vertebrae(d, cx, H * 0.08, 4, 55, 120, p)
    d.line(_s(cx + 280, cy - 120, cx + 200, cy + 40), fill=p[3], width=14 * SCALE)
    d.polygon(_s(cx + 185, cy + 60, cx + 180, cy + 10, cx + 225, cy + 30), fill=p[3])


def _art_spine(d, W, H, p):
    _vertebrae(d, W * 0.35, H * 0.1, 8, 90, 140, p)
    for i in range(3):
        x = W * 0.58 + i * 110
        d.line(_s(x, H * 0.8, x, H * 0.25), fill=p[3], width=14 * SCALE)
        d.polygon(_s(x - 30, H * 0.27, x + 30, H * 0.27, x, H * 0.18), fill=p[3])


def _art_shoulders(d, W, H, p):
    cx, cy = W * 0.5, H * 0.55
    d.pieslice(_s(cx - 330, cy - 120, cx + 330, cy + 500), 180, 360, fill=p[2])
    d.ellipse(_s(cx - 40, cy - 330, cx + 160, cy - 110), fill=p[4])
    d.rectangle(_s(cx - 30, cy - 150, cx + 60, cy), fill=p[4])
    for side in (-1, 1):
        x = cx + side * 230
        d.line(_s(x, cy - 40, x, cy - 200), fill=p[3], width=12 * SCALE)
        d.polygon(_s(x - 26, cy - 190, x + 26, cy - 190, x, cy - 240), fill=p[3])


def _art_exercise(d, W, H, p):
    d.rounded_rectangle(
        _s(W * 0.15, H * 0.78, W * 0.85, H * 0.84), radius=10 * SCALE, fill=p[3]
    )
    _figure(d, W * 0.5, H * 0.45, H * 0.75, p, pose="lying")


def _art_bird_dog(d, W, H, p):
    d.rounded_rectangle(
        _s(W * 0.15, H * 0.78, W * 0.85, H * 0.84), radius=10 * SCALE, fill=p[3]
    )
    _figure(d, W * 0.5, H * 0.55, H * 0.75, p, pose="bird-dog")


def _art_balance(d, W, H, p):
    d.pieslice(_s(W * 0.5 - 90, H * 0.86, W * 0.5 + 90, H * 1.06), 180, 360, fill=p[3])
    d.rounded_rectangle(
        _s(W * 0.5 - 200, H * 0.86, W * 0.5 + 200, H * 0.9), radius=8 * SCALE, fill=p[2]
    )
    _figure(d, W * 0.5, H * 0.45, H * 0.8, p, pose="one-leg")


def _art_posture(d, W, H, p):
    for i, shift in enumerate((0, 40, -40)):
        cx = W * (0.25 + i * 0.25)
        _figure(d, cx, H * 0.48, H * 0.75, p)
        d.arc(
            _s(cx - 60 + shift, H * 0.2, cx + 60 + shift, H * 0.6),
            250,
            110,
            fill=p[3],
            width=8 * SCALE,
        )


def _art_decompression(d, W, H, p):
    _vertebrae(d, W * 0.5, H * 0.08, 6, 80, 220, p, spread=30)


def _art_traction(d, W, H, p):
    _vertebrae(d, W * 0.5, H * 0.12, 5, 80, 180, p, spread=15)
    for y, direction in ((H * 0.08, -1), (H * 0.92, 1)):
        d.line(
            _s(W * 0.5, y, W * 0.5, y + direction * -60), fill=p[3], width=12 * SCALE
        )
        d.polygon(
            _s(W * 0.5 - 30, y, W * 0.5 + 30, y, W * 0.5, y + direction * 40), fill=p[3]
        )


def _art_heat_cold(d, W, H, p):
    for colour, offset in (("#e07a5f", -0.12), ("#4d9de0", 0.12)):
        points = []
        for t in range(0, 101):
            x = W * 0.1 + t * W * 0.008
            y = H * (0.5 + offset) + math.sin(t / 8 + offset * 20) * 60
            points.extend(_s(x, y))
        d.line(points, fill=colour, width=36 * SCALE, joint="curve")


def _art_thermometer(d, W, H, p):
    cx = W * 0.5
    d.rounded_rectangle(
        _s(cx - 50, H * 0.1, cx + 50, H * 0.75),
        radius=50 * SCALE,
        fill=p[1],
        outline=p[4],
        width=6 * SCALE,
    )
    d.rectangle(_s(cx - 22, H * 0.3, cx, H * 0.75), fill="#e07a5f")
    d.rectangle(_s(cx, H * 0.45, cx + 22, H * 0.75), fill="#4d9de0")
    d.ellipse(_s(cx - 90, H * 0.68, cx + 90, H * 0.68 + 180), fill=p[4])
    d.pieslice(
        _s(cx - 70, H * 0.68 + 20, cx + 70, H * 0.68 + 160), 90, 270, fill="#e07a5f"
    )
    d.pieslice(
        _s(cx - 70, H * 0.68 + 20, cx + 70, H * 0.68 + 160), 270, 90, fill="#4d9de0"
    )


ARTICLE_MOTIFS = {
    "core": _art_core,
    "layers": _art_layers,
    "desk": _art_desk,
    "pelvis": _art_pelvis,
    "spine": _art_spine,
    "shoulders": _art_shoulders,
    "exercise": _art_exercise,
    "bird-dog": _art_bird_dog,
    "balance": _art_balance,
    "posture": _art_posture,
    "decompression": _art_decompression,
    "traction": _art_traction,
    "heat-cold": _art_heat_cold,
    "thermometer": _art_thermometer,
}


@functools.cache
def draw_article_image(motif, size=(1600, 900)):
    """A wide illustration for an article hero or an inline figure."""
    width, height = size
    palette = PALETTES["article"]
    image = Image.new("RGB", (width * SCALE, height * SCALE), palette[0])
    draw = ImageDraw.Draw(image)
    draw.ellipse(
        _s(-width * 0.1, height * 0.35, width * 0.45, height * 1.3), fill=palette[1]
    )
    draw.ellipse(
        _s(width * 0.7, -height * 0.3, width * 1.15, height * 0.5), fill=palette[1]
    )
    ARTICLE_MOTIFS[motif](draw, width, height, palette)
    return _png(image, size)
