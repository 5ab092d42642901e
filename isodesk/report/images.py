"""Images the report prints, reduced to what the page needs.

A logo straight from a design agency is often 4000 px wide: embedded as it is, it makes the
report megabytes large while the cover prints it 6 cm wide. ``fit_image`` scales an image down
to a pixel box (the print size at 300 dpi) and re-encodes it as PNG, keeping transparency.
"""
from __future__ import annotations

from io import BytesIO

# The cover's logo box is 6 × 2.4 cm: at 300 dpi that is 709 × 283 px.
LOGO_PIXELS = (720, 288)


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
