"""Sample files the demo draws itself: a photo of the visit and a scanned signed list.

No real photo or signed list of the September 2023 visit is on file, so the demo draws plain
stand-ins with Pillow, each saying it is a sample, and attaches them as an upload would be
(through `store_document`), so the report pack shows where such files go. Drawn the same way
each time; attached only when the event has no file of that name yet.
"""

import io
import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

from partnership.documents.services import documents_of, store_document
from partnership.formatting import format_fuzzy

FONT_FOLDER = Path("/usr/share/fonts/truetype/dejavu")
INK = (28, 38, 90)


def _font(size: int, bold: bool = False):
    path = FONT_FOLDER / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    try:
        return ImageFont.truetype(str(path), size)
    except OSError:  # no DejaVu: Pillow's own font, small but legible
        return ImageFont.load_default()


def sample_photo(title: str) -> bytes:
    """A 1200×800 JPEG: a sky, a town hall, a row of people, and the word 'sample'."""
    image = Image.new("RGB", (1200, 800))
    draw = ImageDraw.Draw(image)
    for y in range(800):  # sky fading into the square's paving
        shade = int(170 + 60 * y / 800)
        draw.line(
            [(0, y), (1200, y)],
            fill=(shade - 60, shade - 20, shade) if y < 520 else (150, 140, 130),
        )
    draw.rectangle([380, 180, 820, 520], fill=(196, 120, 90))
    draw.polygon([(360, 180), (600, 70), (840, 180)], fill=(120, 60, 50))
    for x in range(410, 800, 70):
        draw.rectangle([x, 240, x + 40, 300], fill=(235, 225, 200))
        draw.rectangle([x, 360, x + 40, 420], fill=(235, 225, 200))
    draw.rectangle([560, 430, 640, 520], fill=(90, 50, 40))
    for n, x in enumerate(range(180, 1060, 110)):
        colour = ((60 + 40 * n) % 255, (120 + 70 * n) % 255, (200 + 30 * n) % 255)
        draw.ellipse([x, 540, x + 44, 584], fill=(230, 190, 160))
        draw.rounded_rectangle([x - 14, 586, x + 58, 720], radius=20, fill=colour)
    draw.text((40, 730), "SAMPLE PHOTO · " + title, font=_font(30, bold=True), fill="white")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def _signature(draw, x: int, y: int, seed: int) -> None:
    """A scribble that reads as a signature."""
    points = [
        (x + step * 6, y + 14 * math.sin(step * (0.7 + seed * 0.13)) + 6 * math.cos(step * 1.9))
        for step in range(40)
    ]
    draw.line(points, fill=INK, width=3, joint="curve")


def sample_signed_list(
    title: str, when: str, grant: str, names: list[tuple[str, str, str]]
) -> bytes:
    """An A4 page as if scanned (a little grey and askew), saved as PDF, with signatures."""
    page = Image.new("RGB", (1240, 1754), "white")
    draw = ImageDraw.Draw(page)
    draw.text(
        (90, 90), "List of participants / Teilnehmerliste", font=_font(40, bold=True), fill="black"
    )
    draw.text((90, 160), f"{title}, {when}", font=_font(28), fill="black")
    draw.text((90, 205), f"Grant / Zuwendung: {grant}", font=_font(24), fill="black")
    columns = [90, 470, 800, 1150]
    top, row = 290, 90
    header = ["Name", "Organisation", "Signature / Unterschrift"]
    for x, text in zip(columns, header, strict=False):
        draw.text((x + 10, top + 30), text, font=_font(24, bold=True), fill="black")
    rows = max(len(names) + 8, 12)
    for n in range(rows + 2):
        draw.line([(90, top + n * row), (1150, top + n * row)], fill="black", width=2)
    for x in columns:
        draw.line([(x, top), (x, top + (rows + 1) * row)], fill="black", width=2)
    for n, (name, organisation, _city) in enumerate(names, start=1):
        y = top + n * row
        draw.text((100, y + 30), name, font=_font(24), fill="black")
        draw.text((480, y + 30), organisation, font=_font(20), fill="black")
        _signature(draw, 830, y + 40, n)
    draw.text(
        (90, 1660), "SAMPLE made by the demo, not a real signed list", font=_font(22), fill="grey"
    )
    scanned = page.rotate(0.6, fillcolor=(238, 238, 232)).filter(ImageFilter.GaussianBlur(0.6))
    out = io.BytesIO()
    scanned.convert("L").save(out, "PDF", resolution=150)
    return out.getvalue()


def attach_samples(event, grant, participants, public_photo: bool = False) -> None:
    """Attach the sample photo and scanned signed list to `event`, unless already there; the
    photo marked public (for the event's public page) when `public_photo`."""
    present = {document.filename for document in documents_of("event", event.id)}
    if "sample-photo.jpg" not in present:
        store_document(
            "event",
            event.id,
            "sample-photo.jpg",
            sample_photo(event.title),
            kind="photo",
            caption="Sample photo drawn by the demo: no photo of the visit is on file.",
            public=public_photo,
        )
    if "sample-signed-list.pdf" not in present:
        names = [(p.display_name, p.organisation, p.city) for p in participants if p.signed_list]
        scan = sample_signed_list(event.title, format_fuzzy(event.date), str(grant), names)
        store_document(
            "event",
            event.id,
            "sample-signed-list.pdf",
            scan,
            kind="signed list",
            caption="Sample scan of the signed participant list, drawn by the demo.",
        )
