"""Small previews of photos and scans for the documents section of a record's page."""

import io
import warnings

from PIL import Image, ImageOps, UnidentifiedImageError

SIZE = 240
# A photo from any camera fits; a tiny file claiming a huge image (a decompression bomb) is
# never decoded. Checked from the header, before a single pixel is read.
MAX_PIXELS = 60_000_000
IMAGE_TYPES = {"image/jpeg", "image/png", "image/webp", "image/gif"}


def is_image(content_type: str) -> bool:
    return content_type in IMAGE_TYPES


def make_thumbnail(data: bytes) -> bytes | None:
    """Return a JPEG at most SIZE pixels wide and high, or None when the image cannot be read."""
    try:
        with warnings.catch_warnings():
            # Pillow only warns below twice its own limit: a warning here is a refusal too.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    return None
                image.draft("RGB", (SIZE * 2, SIZE * 2))
                image = ImageOps.exif_transpose(image)
                image.thumbnail((SIZE, SIZE))
                flat = _on_white(image)
    except (OSError, ValueError, SyntaxError, UnidentifiedImageError, Image.DecompressionBombError):
        return None
    except Image.DecompressionBombWarning:
        return None
    out = io.BytesIO()
    flat.save(out, "JPEG", quality=80, optimize=True)
    return out.getvalue()


def _on_white(image: Image.Image) -> Image.Image:
    """Flatten transparency onto white: JPEG has no alpha, and black would hide a logo."""
    rgba = image.convert("RGBA")
    background = Image.new("RGB", rgba.size, "white")
    background.paste(rgba, mask=rgba.getchannel("A"))
    return background
