"""Evidence files as users have them: a phone photo with its camera metadata (location, the
orientation of the sensor, the moment it was taken), a PDF, a Word document."""
from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

TAKEN = "2026:03:02 10:15:00"
LATITUDE = ((52, 1), (5, 1), (1234, 100))  # Utrecht, as a phone writes it
GPS_IFD, EXIF_IFD, ORIENTATION = 0x8825, 0x8769, 0x0112


def phone_photo(path: Path, size=(4000, 3000), orientation: int = 6, seed: int = 1,
                comment: bytes = b"Locatie: Hoofdkantoor Utrecht") -> Path:
    """A JPEG as a phone camera writes it: some 6 MB for 4000 × 3000, shapes and sensor noise
    (so it compresses like a photo, not like a flat test image), a red block in the sensor's
    top-left corner, EXIF with GPS, the orientation tag and the time, and a comment."""
    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    draw = ImageDraw.Draw(image)
    for _ in range(300):
        x, y = rng.randrange(size[0]), rng.randrange(size[1])
        w, h = rng.randrange(40, 600), rng.randrange(40, 600)
        draw.ellipse((x, y, x + w, y + h), fill=tuple(rng.randrange(256) for _ in range(3)))
    noise = Image.frombytes("RGB", size, rng.randbytes(size[0] * size[1] * 3))
    image = Image.blend(image, noise, 0.2)
    ImageDraw.Draw(image).rectangle((0, 0, size[0] // 8, size[1] // 8), fill=(220, 0, 0))
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[0x010F], exif[0x0110] = "Telefoonmaker", "Model X"
    exif.get_ifd(EXIF_IFD)[0x9003] = TAKEN
    gps = exif.get_ifd(GPS_IFD)
    gps[1], gps[2], gps[3], gps[4] = "N", (52.0, 5.0, 12.34), "E", (5.0, 7.0, 1.0)
    image.save(path, "JPEG", quality=92, exif=exif.tobytes(), comment=comment)
    return path


def pdf(path: Path, marker: str = "isodesk test document") -> Path:
    path.write_bytes(b"%PDF-1.4\n% " + marker.encode() + b"\n1 0 obj << >> endobj\n%%EOF\n")
    return path


def docx(path: Path) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    path.write_bytes(buffer.getvalue())
    return path
