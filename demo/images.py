"""Illustrations for the demo, drawn with Pillow at load time.

Flat shapes on a calm background, one palette per product category and one
motif per product or article figure. Drawing is deterministic: the same
arguments always give the same PNG bytes (cached per process), so reloading
the demo finds nothing new to store. Everything is drawn at twice the size
and scaled down, which smooths the edges.
"""

import functools
import io
import math

from PIL import Image, ImageDraw, ImageFont

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


def _font(size):
    return ImageFont.load_default(size=size * SCALE)


def _png(image, size):
    image = image.resize(size, Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _wrap(draw, text, font, max_width):
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=font) <= max_width or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def _s(*values):
    """Scale design coordinates to the supersampled canvas."""
    return [round(v * SCALE) for v in values]


# ------------------------------------------------------------ product motifs
def _roller(d, cx, cy, r, p):
    d.rounded_rectangle(
        _s(cx - r, cy - r * 0.45, cx + r, cy + r * 0.45),
        radius=r * 0.45 * SCALE,
        fill=p[2],
    )
    for i in range(-3, 4):
        x = cx + i * r * 0.25
        d.line(_s(x, cy - r * 0.4, x, cy + r * 0.4), fill=p[1], width=5 * SCALE)
    d.ellipse(_s(cx + r * 0.7, cy - r * 0.45, cx + r * 1.15, cy + r * 0.45), fill=p[3])


def _balls(d, cx, cy, r, p):
    d.ellipse(_s(cx - r, cy - r * 0.5, cx - r * 0.1, cy + r * 0.4), fill=p[2])
    d.ellipse(_s(cx - r * 0.55, cy - r * 0.5, cx + r * 0.25, cy + r * 0.4), fill=p[2])
    d.ellipse(_s(cx + r * 0.35, cy - r * 0.2, cx + r, cy + r * 0.45), fill=p[3])
    for a in range(0, 360, 30):
        x = cx + r * 0.675 + math.cos(math.radians(a)) * r * 0.36
        y = cy + r * 0.125 + math.sin(math.radians(a)) * r * 0.36
        d.ellipse(_s(x - 5, y - 5, x + 5, y + 5), fill=p[3])


def _massager(d, cx, cy, r, p):
    d.rounded_rectangle(
        _s(cx - r * 0.8, cy - r * 0.6, cx + r * 0.5, cy - r * 0.1),
        radius=r * 0.25 * SCALE,
        fill=p[2],
    )
    d.rounded_rectangle(
        _s(cx - r * 0.2, cy - r * 0.2, cx + r * 0.1, cy + r * 0.9),
        radius=r * 0.15 * SCALE,
        fill=p[2],
    )
    d.ellipse(_s(cx + r * 0.4, cy - r * 0.6, cx + r * 0.9, cy - r * 0.1), fill=p[3])


def _cane(d, cx, cy, r, p):
    d.arc(
        _s(cx - r * 0.9, cy - r, cx + r * 0.1, cy),
        180,
        360,
        fill=p[2],
        width=round(r * 0.16 * SCALE),
    )
    d.line(
        _s(cx + r * 0.05, cy - r * 0.5, cx + r * 0.05, cy + r),
        fill=p[2],
        width=round(r * 0.16 * SCALE),
    )
    for x, y in (
        (cx - r * 0.9, cy - r * 0.5),
        (cx + r * 0.05, cy + r * 0.4),
        (cx - r * 0.4, cy - r),
    ):
        d.ellipse(_s(x - r * 0.12, y - r * 0.12, x + r * 0.12, y + r * 0.12), fill=p[3])


def _dots(d, cx, cy, r, p):
    d.rounded_rectangle(
        _s(cx - r, cy - r * 0.65, cx + r, cy + r * 0.65), radius=18 * SCALE, fill=p[2]
    )
    for row in range(5):
        for col in range(8):
            x = cx - r * 0.85 + col * r * 0.243
            y = cy - r * 0.5 + row * r * 0.25
            d.ellipse(_s(x - 9, y - 9, x + 9, y + 9), fill=p[3])


def _mat(d, cx, cy, r, p):
    d.rectangle(_s(cx - r, cy + r * 0.1, cx + r * 0.3, cy + r * 0.45), fill=p[2])
    d.ellipse(_s(cx + r * 0.05, cy - r * 0.5, cx + r, cy + r * 0.45), fill=p[2])
    for k in (0.33, 0.2, 0.08):
        d.ellipse(
            _s(
                cx + r * 0.525 - r * k,
                cy - r * 0.025 - r * k,
                cx + r * 0.525 + r * k,
                cy - r * 0.025 + r * k,
            ),
            outline=p[1],
            width=6 * SCALE,
        )
    d.line(_s(cx - r, cy + r * 0.5, cx + r, cy + r * 0.5), fill=p[4], width=4 * SCALE)


def _band(d, cx, cy, r, p):
    for i, colour in enumerate((p[2], p[3], p[4])):
        off = (i - 1) * r * 0.45
        d.ellipse(
            _s(cx - r * 0.55 + off, cy - r * 0.35, cx + r * 0.55 + off, cy + r * 0.35),
            outline=colour,
            width=round(r * 0.1 * SCALE),
        )


def _tube(d, cx, cy, r, p):
    d.arc(
        _s(cx - r, cy - r * 0.8, cx + r, cy + r),
        200,
        340,
        fill=p[2],
        width=round(r * 0.07 * SCALE),
    )
    for x in (cx - r * 0.95, cx + r * 0.75):
        d.rounded_rectangle(
            _s(x, cy - r * 0.1, x + r * 0.2, cy + r * 0.5), radius=8 * SCALE, fill=p[3]
        )


def _ball(d, cx, cy, r, p):
    d.ellipse(_s(cx - r * 0.85, cy - r * 0.85, cx + r * 0.85, cy + r * 0.85), fill=p[2])
    d.ellipse(_s(cx - r * 0.5, cy - r * 0.6, cx - r * 0.15, cy - r * 0.25), fill=p[1])
    d.arc(
        _s(cx - r * 0.85, cy - r * 0.3, cx + r * 0.85, cy + r * 0.3),
        0,
        180,
        fill=p[3],
        width=5 * SCALE,
    )


def _board(d, cx, cy, r, p):
    d.pieslice(
        _s(cx - r * 0.4, cy - r * 0.1, cx + r * 0.4, cy + r * 0.7), 180, 360, fill=p[3]
    )
    d.rounded_rectangle(
        _s(cx - r, cy - r * 0.25, cx + r, cy + r * 0.1), radius=14 * SCALE, fill=p[2]
    )


def _sliders(d, cx, cy, r, p):
    for off, colour in ((-0.45, p[2]), (0.45, p[3])):
        d.ellipse(
            _s(
                cx + off * r - r * 0.45,
                cy - r * 0.25,
                cx + off * r + r * 0.45,
                cy + r * 0.25,
            ),
            fill=colour,
        )
        d.ellipse(
            _s(
                cx + off * r - r * 0.3,
                cy - r * 0.15,
                cx + off * r + r * 0.3,
                cy + r * 0.12,
            ),
            outline=p[1],
            width=4 * SCALE,
        )


def _table(d, cx, cy, r, p):
    w = round(r * 0.09 * SCALE)
    d.line(_s(cx - r * 0.7, cy + r, cx, cy - r * 0.2), fill=p[4], width=w)
    d.line(_s(cx + r * 0.7, cy + r, cx, cy - r * 0.2), fill=p[4], width=w)
    d.line(
        _s(cx - r, cy + r * 0.35, cx + r * 0.9, cy - r * 0.75),
        fill=p[2],
        width=round(r * 0.22 * SCALE),
    )
    d.ellipse(_s(cx - r * 1.05, cy + r * 0.2, cx - r * 0.8, cy + r * 0.45), fill=p[3])


def _belt(d, cx, cy, r, p):
    d.rounded_rectangle(
        _s(cx - r, cy - r * 0.4, cx + r, cy + r * 0.4), radius=20 * SCALE, fill=p[2]
    )
    for i in range(7):
        x = cx - r * 0.8 + i * r * 0.267
        d.rounded_rectangle(
            _s(x - r * 0.08, cy - r * 0.32, x + r * 0.08, cy + r * 0.32),
            radius=10 * SCALE,
            fill=p[1],
        )
    d.ellipse(_s(cx + r * 0.7, cy + r * 0.45, cx + r, cy + r * 0.75), fill=p[3])


def _arch(d, cx, cy, r, p):
    d.chord(_s(cx - r, cy - r * 0.6, cx + r, cy + r * 1.0), 180, 360, fill=p[2])
    d.chord(
        _s(cx - r * 0.7, cy - r * 0.25, cx + r * 0.7, cy + r * 0.85),
        180,
        360,
        fill=p[0],
    )
    d.rounded_rectangle(
        _s(cx - r * 0.12, cy - r * 0.62, cx + r * 0.12, cy), radius=8 * SCALE, fill=p[3]
    )


def _collar(d, cx, cy, r, p):
    for i, colour in enumerate((p[2], p[3], p[2])):
        y = cy - r * 0.5 + i * r * 0.35
        d.ellipse(_s(cx - r * 0.8, y, cx + r * 0.8, y + r * 0.4), fill=colour)
    d.ellipse(_s(cx - r * 0.35, cy - r * 0.5, cx + r * 0.35, cy - r * 0.2), fill=p[0])


def _pad(d, cx, cy, r, p):
    d.rounded_rectangle(
        _s(cx - r, cy - r * 0.4, cx + r, cy + r * 0.4), radius=40 * SCALE, fill=p[2]
    )
    for i in range(3):
        x = cx - r * 0.4 + i * r * 0.4
        points = [(x + math.sin(t / 3) * 12, cy - r * 0.9 + t * 4) for t in range(20)]
        d.line([v * SCALE for pt in points for v in pt], fill=p[3], width=5 * SCALE)


def _pack(d, cx, cy, r, p):
    d.rounded_rectangle(
        _s(cx - r * 0.9, cy - r * 0.6, cx + r * 0.9, cy + r * 0.6),
        radius=30 * SCALE,
        fill=p[3],
    )
    for a in range(0, 180, 60):
        dx = math.cos(math.radians(a)) * r * 0.4
        dy = math.sin(math.radians(a)) * r * 0.4
        d.line(_s(cx - dx, cy - dy, cx + dx, cy + dy), fill="#ffffff", width=6 * SCALE)


def _wrap_strap(d, cx, cy, r, p):
    d.rounded_rectangle(
        _s(cx - r, cy - r * 0.15, cx + r, cy + r * 0.15), radius=12 * SCALE, fill=p[4]
    )
    d.rounded_rectangle(
        _s(cx - r * 0.45, cy - r * 0.45, cx + r * 0.45, cy + r * 0.45),
        radius=24 * SCALE,
        fill=p[2],
    )
    d.rounded_rectangle(
        _s(cx - r * 0.3, cy - r * 0.3, cx, cy + r * 0.3), radius=10 * SCALE, fill=p[3]
    )


def _yoke(d, cx, cy, r, p):
    d.pieslice(_s(cx - r, cy - r * 0.7, cx + r, cy + r * 1.1), 180, 360, fill=p[2])
    d.pieslice(
        _s(cx - r * 0.4, cy - r * 0.35, cx + r * 0.4, cy + r * 0.45),
        180,
        360,
        fill=p[0],
    )
    for i in range(4):
        x = cx - r * 0.75 + i * r * 0.5
        d.ellipse(_s(x - 6, cy - r * 0.15 - 6, x + 6, cy - r * 0.15 + 6), fill=p[3])


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
    "wheat-bag": "pad",
    "gel-cold-pack": "pack",
    "hot-cold-wrap": "wrap",
    "neck-shoulder-wrap": "yoke",
}


@functools.cache
def draw_product_image(title, category, motif=None, size=800):
    """A square product picture: motif on a panel, the title underneath."""
    palette = PALETTES[category]
    motif = motif or CATEGORY_MOTIFS[category]
    image = Image.new("RGB", (size * SCALE, size * SCALE), palette[0])
    draw = ImageDraw.Draw(image)
    margin = size * 0.06
    draw.rounded_rectangle(
        _s(margin, margin, size - margin, size * 0.74),
        radius=round(size * 0.04 * SCALE),
        fill=palette[1],
    )
    PRODUCT_MOTIFS[motif](draw, size / 2, size * 0.41, size * 0.26, palette)
    font = _font(round(size * 0.052))
    lines = _wrap(draw, title, font, (size - 2 * margin) * SCALE)[:2]
    y = size * 0.79
    for line in lines:
        width = draw.textlength(line, font=font) / SCALE
        draw.text(_s((size - width) / 2, y), line, font=font, fill=palette[4])
        y += size * 0.068
    return _png(image, (size, size))


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
