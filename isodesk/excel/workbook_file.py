"""Opening a workbook someone sent us, and writing one without ever leaving half a file.

Reading: the file's first bytes and its zip directory are checked *before* openpyxl parses
anything, so an encrypted workbook, an old .xls, an OpenDocument file or a zip bomb gets one
sentence instead of a traceback or a machine out of memory. openpyxl parses with defusedxml
(installed with isodesk), which refuses entity definitions and so XML bombs.

Writing: the workbook is zipped in memory and then written through ``atomic_write``
(support/atomic.py); the old file stays as it was if anything fails. openpyxl's own save writes
every worksheet to a temp file in the system temp folder first, where a killed export left whole
sheets of findings, and a save that fails half-way (a full disk) leaves those files open, to
fail once more, loudly, when Python exits. Ours builds each sheet in memory.
"""
from __future__ import annotations

import contextlib
import stat
import warnings
import zipfile
import zlib
from datetime import datetime, timezone
from io import BytesIO
from pathlib import Path
from typing import Iterator
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from openpyxl import Workbook, load_workbook
from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.writer.excel import ExcelWriter

from isodesk.domain.errors import DataError, IsodeskError, ProjectFileError
from isodesk.support.atomic import atomic_write

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Compound File: .xls, or an encrypted .xlsx
ZIP_MAGIC = b"PK\x03\x04"
# An encrypted OOXML file is a Compound File holding a stream with this name (MS-OFFCRYPTO).
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
# Unpacked-size limits: far above any real assessment (5,000 items unpack to ~5 MB), low
# enough that a crafted file cannot exhaust memory. Shared strings are held in memory whole.
MAX_MEMBER_BYTES = 512 * 2**20
MAX_SHARED_STRINGS_BYTES = 256 * 2**20
MAX_TOTAL_BYTES = 1024 * 2**20
_SCAN_CHUNK = 2**20
# openpyxl warns about parts of other writers' files it does not keep (extensions, print areas,
# LibreOffice's data validation extensions); the importer needs none of them, and a warning
# printed to a user's terminal would read like an error.
warnings.filterwarnings("ignore", category=UserWarning, module=r"openpyxl\.")


def check_workbook_file(path: Path) -> None:
    """DataError with one sentence unless ``path`` looks like an .xlsx workbook we can read."""
    name = path.name
    try:
        with open(path, "rb") as f:
            head = f.read(8)
    except FileNotFoundError:
        raise DataError(f"{name} does not exist.") from None
    except IsADirectoryError:
        raise DataError(f"{name} is a folder, not an Excel workbook.") from None
    except OSError as e:
        raise DataError(f"{name} cannot be read: {e.strerror or e}.") from None
    if head.startswith(OLE_MAGIC):
        if _contains(path, ENCRYPTED_STREAM):
            raise DataError(f"{name} is protected with a password; remove the password in Excel "
                            "and try again.")
        raise DataError(f"{name} is an old Excel 97–2003 workbook (.xls); save it as .xlsx "
                        "(Excel Workbook) and try again.")
    if not head.startswith(ZIP_MAGIC):
        raise DataError(f"{name} is not an Excel workbook (.xlsx).")
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            if "mimetype" in names and archive.read("mimetype").startswith(ODS_MIMETYPE):
                raise DataError(f"{name} is an OpenDocument spreadsheet (.ods); save it as .xlsx "
                                "(Excel 2007-365) and try again.")
    except zipfile.BadZipFile:
        raise DataError(f"{name} is damaged: it is not a complete zip file, so not a workbook "
                        "isodesk can read.") from None
    if "[Content_Types].xml" not in names:
        raise DataError(f"{name} is a zip file but not an Excel workbook (.xlsx).")
    if sum(info.file_size for info in infos) > MAX_TOTAL_BYTES:
        raise DataError(f"{name} is too large to import: it unpacks to more than "
                        f"{MAX_TOTAL_BYTES // 2**20} MB.")
    for info in infos:
        limit = (MAX_SHARED_STRINGS_BYTES if info.filename.endswith("sharedStrings.xml")
                 else MAX_MEMBER_BYTES)
        if info.file_size > limit:
            raise DataError(f"{name} is too large to import: its part {info.filename} unpacks "
                            f"to more than {limit // 2**20} MB.")


def _contains(path: Path, needle: bytes) -> bool:
    """Whether the file contains ``needle``, read in chunks (memory stays bounded)."""
    tail = b""
    with open(path, "rb") as f:
        while chunk := f.read(_SCAN_CHUNK):
            if needle in tail + chunk:
                return True
            tail = chunk[-len(needle):]
    return False


@contextlib.contextmanager
def reading(path: Path) -> Iterator:
    """Open ``path`` read-only (streaming, formulas as text) after the checks above.

    Parse errors surface lazily while rows are iterated, so everything done inside the
    ``with`` block is covered: damage and XML bombs become one DataError sentence.
    """
    check_workbook_file(path)
    name = path.name
    try:
        with open(path, "rb") as stream:
            workbook = load_workbook(stream, read_only=True, data_only=False, keep_links=False)
            try:
                yield workbook
            finally:
                workbook.close()
    except IsodeskError:
        raise
    except (DefusedXmlException, ParseError, zipfile.BadZipFile, zlib.error,
            InvalidFileException, KeyError, ValueError, TypeError, EOFError) as e:
        if _caused_by(e, DefusedXmlException):  # openpyxl wraps it in a ValueError
            raise DataError(f"{name} contains XML entity definitions (possibly an 'XML bomb'); "
                            "isodesk does not read such files.") from None
        raise DataError(f"{name} is damaged or not a workbook isodesk can read "
                        f"({type(e).__name__}).") from None
    except OSError as e:
        raise DataError(f"{name} cannot be read: {e.strerror or e}.") from None


def _caused_by(error: BaseException, kind: type) -> bool:
    """Whether ``error`` or an exception it was raised from is a ``kind``."""
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, kind):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


# ----------------------------------------------------------------------------------- writing
def _lock_files(path: Path) -> list[Path]:
    """Lock files Excel (~$name) and LibreOffice (.~lock.name#) keep beside an open document."""
    name = path.name
    return [path.with_name(f"~${name}"), path.with_name(f"~${name[2:]}"),
            path.with_name(f".~lock.{name}#")]


def check_destination(out: Path) -> None:
    name = out.name
    if out.suffix.lower() != ".xlsx":
        raise ProjectFileError(f"Give the workbook a name ending in .xlsx, not {name}.")
    if not out.parent.is_dir():
        raise ProjectFileError(f"The folder {out.parent} does not exist.")
    if out.is_dir():
        raise ProjectFileError(f"{name} is a folder; choose a file name for the workbook.")
    if out.exists():
        if stat.S_IMODE(out.stat().st_mode) & 0o222 == 0:
            raise ProjectFileError(f"{name} is read-only; choose another name or make it "
                                   "writable, then export again.")
        if any(lock.exists() for lock in _lock_files(out)):
            raise ProjectFileError(f"{name} is open in Excel or LibreOffice; close it there, "
                                   "then export again.")


class _InMemoryExcelWriter(ExcelWriter):
    """openpyxl's ExcelWriter with each worksheet's XML built in memory instead of in a temp
    file (``ExcelWriter.write_worksheet`` of openpyxl 3.1, for workbooks that are not
    write-only)."""

    def write_worksheet(self, ws):
        ws._drawing = SpreadsheetDrawing()
        ws._drawing.charts = ws._charts
        ws._drawing.images = ws._images
        writer = WorksheetWriter(ws, out=BytesIO())
        writer.write()
        ws._rels = writer._rels
        self._archive.writestr(ws.path[1:], writer.read())
        self.manifest.append(ws)


def write_workbook(out: Path, workbook: Workbook) -> None:
    """Write ``workbook`` to ``out`` so that it appears complete or not at all;
    ProjectFileError with one sentence when it cannot be written."""
    check_destination(out)
    buffer = BytesIO()
    workbook.properties.modified = datetime.now(timezone.utc).replace(tzinfo=None)
    _InMemoryExcelWriter(workbook, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED,
                                                   allowZip64=True)).save()
    with atomic_write(out) as tmp:
        tmp.write_bytes(buffer.getvalue())
