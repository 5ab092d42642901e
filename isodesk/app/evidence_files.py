"""Files given as evidence: what isodesk keeps, checked and made ready for the project file.

Photos (JPEG, PNG) are scaled down to a long side of ``long_side`` pixels (a setting, 1600 by
default: sharp on a laptop screen and in print, some 300 kB per phone photo instead of 4 MB),
turned upright as the camera's orientation tag says, and encoded again without their metadata:
no location, no camera serial number, no comments; only the moment the photo was taken stays.
Documents (PDF, Word, Excel, PowerPoint, OpenDocument) are kept as they are. Anything else, a
file whose content is not what its name says (told by its first bytes, and for photos by
decoding them), and a file over MAX_BYTES are refused with one sentence before anything is
written. HEIC photos are refused too: the library that reads them ships, in its binary form,
an encoder under the GPL, which isodesk cannot carry.

Qt-free and without the project file, so ``prepare_file`` runs in a worker thread.
"""
from __future__ import annotations

import io
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from isodesk.domain.errors import DataError
from isodesk.support.i18n import N_, language, tr

MAX_BYTES = 20 * 1024 * 1024  # per file, as given: documents are kept as they are
MAX_PIXELS = 100_000_000  # a photo of more is a decompression bomb, not a phone photo
DEFAULT_LONG_SIDE = 1600
LONG_SIDES = (640, 6000)  # what the setting may be
THUMBNAIL_SIDE = 256  # the answer panel shows 96 pixels high: sharp at 200% too
JPEG_QUALITY = 85
# A PNG that is still larger than this after scaling, without transparency, is a photo saved as
# PNG: it is kept as JPEG (a screenshot or a diagram stays PNG, sharp and small).
PNG_PHOTO_BYTES = 1_000_000
# EXIF tags kept from a photo: when it was taken (IFD0 DateTime, Exif IFD DateTimeOriginal).
DATE_TIME, EXIF_IFD, DATE_TIME_ORIGINAL = 0x0132, 0x8769, 0x9003


@dataclass(frozen=True)
class Kind:
    media_type: str
    what: str  # for "not what its name says": "JPEG photo"
    holds: Callable[[bytes], bool]  # does the content look like this kind?
    photo: str | None = None  # Pillow's format name for photos


def _starts(*magic: bytes) -> Callable[[bytes], bool]:
    return lambda data: data.startswith(magic)


def _zip_names(data: bytes) -> list[str]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:  # reads the directory only
            return archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return []


def _office_open_xml(part: str) -> Callable[[bytes], bool]:
    """A Word, Excel or PowerPoint file of 2007 and later: a zip with its main part."""
    def holds(data: bytes) -> bool:
        names = _zip_names(data) if data.startswith(b"PK\x03\x04") else []
        return "[Content_Types].xml" in names and any(n.startswith(part) for n in names)
    return holds


def _open_document(media_type: str) -> Callable[[bytes], bool]:
    """An OpenDocument file: a zip whose first member, ``mimetype``, names its type."""
    def holds(data: bytes) -> bool:
        return data.startswith(b"PK\x03\x04") and data[30:38] == b"mimetype" \
            and data[38:38 + len(media_type)] == media_type.encode()
    return holds


_OLE = _starts(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")  # Word, Excel, PowerPoint 97–2003
_JPEG = Kind("image/jpeg", N_("JPEG photo"), _starts(b"\xff\xd8\xff"), "JPEG")
KINDS: dict[str, Kind] = {
    ".jpg": _JPEG,
    ".jpeg": _JPEG,
    ".png": Kind("image/png", N_("PNG image"), _starts(b"\x89PNG\r\n\x1a\n"), "PNG"),
    ".pdf": Kind("application/pdf", N_("PDF document"), lambda data: b"%PDF-" in data[:1024]),
    ".docx": Kind("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                  N_("Word document"), _office_open_xml("word/")),
    ".xlsx": Kind("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                  N_("Excel workbook"), _office_open_xml("xl/")),
    ".pptx": Kind("application/vnd.openxmlformats-officedocument.presentationml.presentation",
                  N_("PowerPoint presentation"), _office_open_xml("ppt/")),
    ".doc": Kind("application/msword", N_("Word document"), _OLE),
    ".xls": Kind("application/vnd.ms-excel", N_("Excel workbook"), _OLE),
    ".ppt": Kind("application/vnd.ms-powerpoint", N_("PowerPoint presentation"), _OLE),
    ".odt": Kind("application/vnd.oasis.opendocument.text", N_("OpenDocument text"),
                 _open_document("application/vnd.oasis.opendocument.text")),
    ".ods": Kind("application/vnd.oasis.opendocument.spreadsheet", N_("OpenDocument spreadsheet"),
                 _open_document("application/vnd.oasis.opendocument.spreadsheet")),
    ".odp": Kind("application/vnd.oasis.opendocument.presentation",
                 N_("OpenDocument presentation"),
                 _open_document("application/vnd.oasis.opendocument.presentation")),
}
HEIC = (".heic", ".heif")
PHOTO_TYPES = frozenset(k.media_type for k in KINDS.values() if k.photo)
# For the file dialog: every name isodesk keeps.
PATTERNS = tuple(f"*{suffix}" for suffix in KINDS)


@dataclass(frozen=True)
class Prepared:
    """A file ready to be kept: its name as the user knows it, its type, the bytes to store
    and, for a photo, a thumbnail (JPEG)."""

    name: str
    media_type: str
    data: bytes
    thumbnail: bytes | None

    @property
    def sha256(self) -> str:
        import hashlib  # OpenSSL's: loaded when a file is added, not at start-up

        return hashlib.sha256(self.data).hexdigest()


def is_photo(media_type: str) -> bool:
    return media_type in PHOTO_TYPES


def size_text(size: int) -> str:
    """"412 kB", "1,3 MB" (the language's decimal sign)."""
    if size < 1024:
        return tr("{n} bytes").format(n=size)
    value, unit = (size / 1024, "kB") if size < 1024 * 1024 else (size / 1024 / 1024, "MB")
    text = f"{value:.0f}" if value >= 10 else f"{value:.1f}"
    return f"{text.replace('.', ',') if language() == 'nl' else text} {unit}"


def clean_name(name: str) -> str:
    """A file name fit for the project: the last part of a path, bytes that are not UTF-8
    (what a Latin-1 file system hands over) as "?", no control characters, at most 200
    characters with its extension kept."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace").replace("\ufffd", "?")
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C").strip()
    if len(name) > 200:
        stem, dot, suffix = name.rpartition(".")
        name = stem[:190] + dot + suffix[:9] if dot else name[:200]
    return name or tr("evidence")


def check_long_side(value: int) -> int:
    if not isinstance(value, int) or not LONG_SIDES[0] <= value <= LONG_SIDES[1]:
        raise DataError("The photo size must be a number of pixels from {low} to {high}.",
                        low=LONG_SIDES[0], high=LONG_SIDES[1])
    return value


def prepare_file(path: Path, long_side: int = DEFAULT_LONG_SIDE) -> Prepared:
    """``path`` checked and made ready, or DataError with one sentence. The size is checked
    before a byte is read, so a 300 MB video costs nothing."""
    path = Path(path)
    name = clean_name(path.name)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise DataError("{name} is a folder; choose the files in it.", name=name)
        _check_size(name, size)
        with open(path, "rb") as f:
            data = f.read(MAX_BYTES + 1)  # a file that grew since: still refused
    except FileNotFoundError:
        raise DataError("{name} does not exist.", name=name) from None
    except PermissionError:
        raise DataError("{name} cannot be read: permission denied.", name=name) from None
    except OSError as e:
        raise DataError("{name} cannot be read: {reason}.", name=name,
                        reason=e.strerror or e) from None
    return prepare_bytes(data, name, long_side)


def _check_size(name: str, size: int) -> None:
    if size > MAX_BYTES:
        raise DataError("{name} is {size}; isodesk keeps evidence files of at most 20 MB.",
                        name=name, size=size_text(size))
    if size == 0:
        raise DataError("{name} is empty.", name=name)


def prepare_bytes(data: bytes, name: str, long_side: int = DEFAULT_LONG_SIDE) -> Prepared:
    """The bytes of a file called ``name`` (a pasted image, a dropped file) checked and made
    ready, or DataError with one sentence."""
    name = clean_name(name)
    _check_size(name, len(data))
    suffix = Path(name).suffix.lower()
    if suffix in HEIC:
        raise DataError("{name} is a HEIC photo, which isodesk cannot read; save it as JPEG "
                        "(on an iPhone: Settings, Camera, Formats, Most Compatible).", name=name)
    kind = KINDS.get(suffix)
    if kind is None:
        raise DataError("isodesk keeps photos (JPEG, PNG) and documents (PDF, Word, Excel, "
                        "PowerPoint, OpenDocument) as evidence; {name} is none of these.",
                        name=name)
    if not kind.holds(data):
        raise _not_what_it_says(name, kind)
    if kind.photo:
        return _photo(data, name, kind, check_long_side(long_side))
    return Prepared(name, kind.media_type, data, None)


def _not_what_it_says(name: str, kind: Kind) -> DataError:
    return DataError("The content of {name} is not what its name says ({what}); was another "
                     "kind of file renamed?", name=name, what=tr(kind.what))


def _photo(data: bytes, name: str, kind: Kind, long_side: int) -> Prepared:
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # we check below
            image = Image.open(io.BytesIO(data))
        with image:
            if image.format != kind.photo:
                raise _not_what_it_says(name, kind)
            if image.width * image.height > MAX_PIXELS:
                raise DataError("{name} has too many pixels ({width} × {height}) to be a photo.",
                                name=name, width=image.width, height=image.height)
            taken = _taken(image)
            icc = image.info.get("icc_profile")
            scale = long_side / max(image.size)
            if kind.photo == "JPEG" and scale < 1:  # decode at 1/2, 1/4 … of the size: fast
                image.draft("RGB", (round(image.width * scale), round(image.height * scale)))
            image.load()
            upright = ImageOps.exif_transpose(image)
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError,
            SyntaxError):
        raise DataError("{name} is damaged: the image cannot be read.", name=name) from None
    if upright.mode == "P" and "transparency" in upright.info:
        upright = upright.convert("RGBA")  # its transparency is part of the metadata cleared next
    upright.thumbnail((long_side, long_side), Image.Resampling.LANCZOS)
    upright.info = {}  # nothing of the original's metadata travels (comments, XMP, GPS …)
    exif = Image.Exif()
    if taken:
        exif.get_ifd(EXIF_IFD)[DATE_TIME_ORIGINAL] = taken
    stored, media_type = _encode(upright, kind.photo, exif, icc)
    if media_type != kind.media_type:  # a PNG photo kept as JPEG: its name says so too
        name = f"{Path(name).stem}.jpg"
    return Prepared(name, media_type, stored, _thumbnail(upright))


def _taken(image) -> str | None:
    exif = image.getexif()
    value = exif.get_ifd(EXIF_IFD).get(DATE_TIME_ORIGINAL) or exif.get(DATE_TIME)
    return value if isinstance(value, str) and value.strip() else None


def _encode(image, format_name: str, exif, icc) -> tuple[bytes, str]:
    extra = {"exif": exif.tobytes()} | ({"icc_profile": icc} if icc else {})
    if format_name == "PNG":
        out = io.BytesIO()
        image.save(out, "PNG", compress_level=6, **extra)
        if out.tell() <= PNG_PHOTO_BYTES or image.mode in ("RGBA", "LA", "PA"):
            return out.getvalue(), "image/png"
    out = io.BytesIO()
    rgb = image if image.mode in ("RGB", "L") else image.convert("RGB")
    rgb.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, **extra)
    return out.getvalue(), "image/jpeg"


def _thumbnail(image) -> bytes:
    from PIL import Image

    small = image.copy()
    small.thumbnail((THUMBNAIL_SIDE, THUMBNAIL_SIDE), Image.Resampling.LANCZOS)
    if small.mode in ("RGBA", "LA", "PA", "P"):
        small = small.convert("RGBA")
        ground = Image.new("RGB", small.size, "white")
        ground.paste(small, mask=small.getchannel("A"))
        small = ground
    elif small.mode != "RGB":
        small = small.convert("RGB")
    out = io.BytesIO()
    small.save(out, "JPEG", quality=80)
    return out.getvalue()
