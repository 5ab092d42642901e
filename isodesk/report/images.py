"""Images the report prints, reduced to what the page needs.

A logo straight from a design agency is often 4000 px wide: embedded as it is, it makes the
report megabytes large while the cover prints it 6 cm wide. ``fit_image`` scales an image down
to a pixel box (the print size at 300 dpi) and re-encodes it as PNG, keeping transparency.
"""
from __future__ import annotations

from io import BytesIO

# The cover's logo box is 6 × 2.4 cm: at 300 dpi that is 709 × 283 px.
LOGO_PIXELS = (720, 288)
# An evidence photo prints at most 8.2 × 7 cm (half the page wide): 1000 px is 300 dpi there.
PHOTO_PIXELS = 1000


def fit_image(data: bytes, box: tuple[int, int] = LOGO_PIXELS) -> bytes | None:
    """``data`` (any format Pillow reads) as PNG no larger than ``box``; None when it is no
    readable image. An image that already fits is returned as it was."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(BytesIO(data)) as image:
            image.load()
            if image.width <= box[0] and image.height <= box[1] and image.format == "PNG":
                return data
            if image.mode not in ("RGB", "RGBA", "L", "LA"):
                image = image.convert("RGBA")
            image.thumbnail(box, Image.Resampling.LANCZOS)
            out = BytesIO()
            image.save(out, "PNG", optimize=True)
            return out.getvalue()
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None


def print_photo(data: bytes, side: int = PHOTO_PIXELS) -> tuple[bytes, int, int] | None:
    """A stored evidence photo (JPEG or PNG) as a JPEG of at most ``side`` pixels for print,
    with its size; None when it is no readable image. The project keeps photos for the screen
    (1600 px): printed as they are, 200 photos would make the report some 60 MB."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(BytesIO(data)) as image:
            if image.format == "JPEG":
                image.draft("RGB", (side, side))  # decoded at half size or less: fast
            image.load()
            if image.mode in ("RGBA", "LA", "PA", "P"):
                rgba = image.convert("RGBA")
                image = Image.new("RGB", rgba.size, "white")
                image.paste(rgba, mask=rgba.getchannel("A"))
            elif image.mode != "RGB":
                image = image.convert("RGB")
            image.thumbnail((side, side), Image.Resampling.LANCZOS)
            out = BytesIO()
            image.save(out, "JPEG", quality=82)
            return out.getvalue(), image.width, image.height
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None
