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
import gc
import posixpath
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
from defusedxml.ElementTree import fromstring
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
        raise DataError("{name} does not exist.", name=name) from None
    except IsADirectoryError:
        raise DataError("{name} is a folder, not an Excel workbook.", name=name) from None
    except OSError as e:
        raise DataError("{name} cannot be read: {reason}.", name=name,
                        reason=e.strerror or str(e)) from None
    if head.startswith(OLE_MAGIC):
        if _contains(path, ENCRYPTED_STREAM):
            raise DataError("{name} is protected with a password; remove the password in Excel "
                            "and try again.", name=name)
        raise DataError("{name} is an old Excel 97–2003 workbook (.xls); save it as .xlsx "
                        "(Excel Workbook) and try again.", name=name)
    if not head.startswith(ZIP_MAGIC):
        raise DataError("{name} is not an Excel workbook (.xlsx).", name=name)
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            if "mimetype" in names and archive.read("mimetype").startswith(ODS_MIMETYPE):
                raise DataError("{name} is an OpenDocument spreadsheet (.ods); save it as .xlsx "
                                "(Excel 2007-365) and try again.", name=name)
    except zipfile.BadZipFile:
        raise DataError("{name} is damaged: it is not a complete zip file, so not a workbook "
                        "isodesk can read.", name=name) from None
    if "[Content_Types].xml" not in names:
        raise DataError("{name} is a zip file but not an Excel workbook (.xlsx).", name=name)
    if sum(info.file_size for info in infos) > MAX_TOTAL_BYTES:
        raise DataError("{name} is too large to import: it unpacks to more than {mb} MB.",
                        name=name, mb=MAX_TOTAL_BYTES // 2**20)
    for info in infos:
        limit = (MAX_SHARED_STRINGS_BYTES if info.filename.endswith("sharedStrings.xml")
                 else MAX_MEMBER_BYTES)
        if info.file_size > limit:
            raise DataError("{name} is too large to import: its part {part} unpacks to more "
                            "than {mb} MB.", name=name, part=info.filename, mb=limit // 2**20)


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
            raise DataError("{name} contains XML entity definitions (possibly an 'XML bomb'); "
                            "isodesk does not read such files.", name=name) from None
        raise DataError("{name} is damaged or not a workbook isodesk can read ({error}).",
                        name=name, error=type(e).__name__) from None
    except OSError as e:
        raise DataError("{name} cannot be read: {reason}.", name=name,
                        reason=e.strerror or str(e)) from None


def _caused_by(error: BaseException, kind: type) -> bool:
    """Whether ``error`` or an exception it was raised from is a ``kind``."""
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, kind):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def cell_comments(path: Path) -> dict[str, list[str]]:
    """Sheet title → the cells that carry a comment (a note), in a workbook that passed
    ``check_workbook_file``. openpyxl's read-only mode skips comments, so their parts are read
    here; the importer only needs to know where they are, to say they are not imported."""
    found: dict[str, list[str]] = {}
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())

        def targets(rels: str, folder: str) -> dict[str, tuple[str, str]]:
            if rels not in names:
                return {}
            return {r.get("Id"): (r.get("Type", ""), _part(folder, r.get("Target", "")))
                    for r in fromstring(archive.read(rels)).iter(f"{_RELS}Relationship")}

        sheets = targets("xl/_rels/workbook.xml.rels", "xl")
        for sheet in fromstring(archive.read("xl/workbook.xml")).iter(f"{_MAIN}sheet"):
            part = sheets.get(sheet.get(_REL_ID), ("", ""))[1]
            folder, name = posixpath.split(part)
            rels = targets(f"{folder}/_rels/{name}.rels", folder)
            for kind, target in rels.values():
                if kind.endswith("/comments") and target in names:
                    cells = [c.get("ref") for c in
                             fromstring(archive.read(target)).iter(f"{_MAIN}comment")]
                    if cells:
                        found[sheet.get("name")] = cells
    return found


def _part(folder: str, target: str) -> str:
    """A relationship's target as a zip member name (targets are relative or from the root)."""
    if target.startswith("/"):
        return target[1:]
    return posixpath.normpath(posixpath.join(folder, target))


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Reading or writing a workbook makes a few hundred thousand objects and frees almost
    none until the end; meanwhile the cyclic garbage collector walks them again and again for
    nothing (a third of an export's time). It runs again, on everything, afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# ----------------------------------------------------------------------------------- writing
def _lock_files(path: Path) -> list[Path]:
    """Lock files Excel (~$name) and LibreOffice (.~lock.name#) keep beside an open document."""
    name = path.name
    return [path.with_name(f"~${name}"), path.with_name(f"~${name[2:]}"),
            path.with_name(f".~lock.{name}#")]


def check_destination(out: Path) -> None:
    name = out.name
    if out.suffix.lower() != ".xlsx":
        raise ProjectFileError("Give the workbook a name ending in .xlsx, not {name}.", name=name)
    if not out.parent.is_dir():
        raise ProjectFileError("The folder {folder} does not exist.", folder=out.parent)
    if out.is_dir():
        raise ProjectFileError("{name} is a folder; choose a file name for the workbook.",
                               name=name)
    if out.exists():
        if stat.S_IMODE(out.stat().st_mode) & 0o222 == 0:
            raise ProjectFileError("{name} is read-only; choose another name or make it "
                                   "writable, then export again.", name=name)
        if any(lock.exists() for lock in _lock_files(out)):
            raise ProjectFileError("{name} is open in Excel or LibreOffice; close it there, "
                                   "then export again.", name=name)


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
