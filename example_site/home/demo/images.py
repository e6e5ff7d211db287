"""Demo photos drawn with Pillow and demo documents from assets/: never downloaded."""

from io import BytesIO
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

ASSETS = Path(__file__).parent / "assets"

PALETTES = [
    ((11, 79, 138), (226, 236, 245)),
    ((138, 28, 28), (248, 232, 232)),
    ((31, 107, 58), (228, 243, 232)),
    ((90, 60, 140), (238, 232, 248)),
]


def draw_photo(seed: int, size=(1200, 800)) -> bytes:
    """A simple abstract picture: a sky gradient, hills and a sun, varied by seed."""
    dark, light = PALETTES[seed % len(PALETTES)]
    width, height = size
    picture = PILImage.new("RGB", size, light)
    draw = ImageDraw.Draw(picture)
    for y in range(height // 2):
        ratio = y / (height / 2)
        colour = tuple(int(light[i] * (1 - ratio) + 255 * ratio) for i in range(3))
        draw.line([(0, y), (width, y)], fill=colour)
    sun_x = 200 + (seed * 237) % (width - 400)
    draw.ellipse([sun_x, 80, sun_x + 160, 240], fill=(255, 200, 80))
    for band in range(3):
        top = height // 2 + band * 90 - (seed * 31 + band * 53) % 60
        shade = tuple(max(0, c - band * 25) for c in dark)
        draw.polygon(
            [
                (0, height),
                (0, top + 80),
                (width // 3, top),
                (2 * width // 3, top + 60),
                (width, top - 20),
                (width, height),
            ],
            fill=shade,
        )
    buffer = BytesIO()
    picture.save(buffer, format="JPEG", quality=80)
    return buffer.getvalue()


def demo_image(title: str, seed: int):
    """The demo image with this title, created once."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    file = ImageFile(BytesIO(draw_photo(seed)), name=f"demo-{seed}.jpg")
    return Image.objects.create(title=title, file=file)


def demo_document(title: str, file_name: str, data: bytes | None = None):
    """The demo document with this title, created once; its file from assets/ unless given."""
    Document = get_document_model()
    existing = Document.objects.filter(title=title).first()
    if existing:
        return existing
    data = data if data is not None else (ASSETS / file_name).read_bytes()
    return Document.objects.create(title=title, file=ContentFile(data, name=file_name))
