"""A small line chart with Pillow (no plotting library): time against archive size.

Series differ by marker shape and line pattern as well as colour.
"""

import math

from PIL import Image, ImageDraw, ImageFont

SERIES_STYLE = [
    ((11, 79, 138), "circle", None),
    ((138, 28, 28), "square", 8),
    ((31, 107, 58), "triangle", 3),
    ((110, 60, 150), "circle", 14),
    ((150, 90, 0), "square", None),
]
WIDTH, HEIGHT, MARGIN = 900, 520, 80


def _marker(draw, x, y, shape, colour):
    r = 7
    if shape == "circle":
        draw.ellipse([x - r, y - r, x + r, y + r], fill=colour)
    elif shape == "square":
        draw.rectangle([x - r, y - r, x + r, y + r], fill=colour)
    else:
        draw.polygon([(x, y - r - 2), (x - r - 1, y + r), (x + r + 1, y + r)], fill=colour)


def _line(draw, start, end, colour, dash):
    if dash is None:
        draw.line([start, end], fill=colour, width=3)
        return
    (x1, y1), (x2, y2) = start, end
    length = math.dist(start, end)
    steps = max(1, int(length // dash))
    for step in range(0, steps, 2):
        a, b = step / steps, min(1, (step + 1) / steps)
        draw.line(
            [(x1 + (x2 - x1) * a, y1 + (y2 - y1) * a), (x1 + (x2 - x1) * b, y1 + (y2 - y1) * b)],
            fill=colour,
            width=3,
        )


def line_chart(path, title, sizes, series: dict, y_label="ms"):
    """`series`: name -> list of values (one per size). x on a log scale."""
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=16)
    top = max(max(values) for values in series.values()) * 1.15
    left, right, upper, lower = MARGIN, WIDTH - 40, 60, HEIGHT - MARGIN

    def x_of(size):
        span = math.log10(sizes[-1]) - math.log10(sizes[0])
        return left + (math.log10(size) - math.log10(sizes[0])) / span * (right - left)

    def y_of(value):
        return lower - value / top * (lower - upper)

    draw.text((left, 20), title, fill="black", font=font)
    draw.line([(left, upper), (left, lower), (right, lower)], fill="black", width=2)
    for tick in range(6):
        value = top * tick / 5
        draw.line([(left - 5, y_of(value)), (left, y_of(value))], fill="black")
        draw.text((10, y_of(value) - 8), f"{value:.1f}", fill="black", font=font)
    draw.text((10, upper - 30), y_label, fill="black", font=font)
    for size in sizes:
        draw.text((x_of(size) - 20, lower + 10), f"{size:,}", fill="black", font=font)
    draw.text((right - 160, lower + 40), "releases in archive", fill="black", font=font)
    for values, (colour, shape, dash) in zip(series.values(), SERIES_STYLE, strict=False):
        points = [(x_of(size), y_of(value)) for size, value in zip(sizes, values, strict=True)]
        for start, end in zip(points, points[1:], strict=False):
            _line(draw, start, end, colour, dash)
        for x, y in points:
            _marker(draw, x, y, shape, colour)
    for row, ((name, _values), (colour, shape, dash)) in enumerate(
        zip(series.items(), SERIES_STYLE, strict=False)
    ):
        y = upper + 10 + row * 28
        _line(draw, (right - 250, y), (right - 210, y), colour, dash)
        _marker(draw, right - 230, y, shape, colour)
        draw.text((right - 200, y - 9), name, fill="black", font=font)
    image.save(path)
