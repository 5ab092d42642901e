"""Evidence on an answer: attach, remove, caption, read when shown, open, export to a folder.

Each change is an edit like any other: one undo step, an entry in the history, merged with a
colleague's copy, carried into copies and follow-ups (which copy the whole file). The bytes go
into the file before the edit that needs them (storage/attachments.py keeps them until the
project is closed, so Undo of a removal brings the photo back). What is shown, reported or
exported is read when needed, never when the project opens.

The CLI and the GUI call these; files are checked and photos scaled by ``evidence_files``.
"""
from __future__ import annotations

import contextlib
import os
import uuid
from dataclasses import replace
from pathlib import Path
from typing import Callable, Iterator, Sequence

from isodesk.app.evidence_files import DEFAULT_LONG_SIDE, Prepared, check_long_side
from isodesk.app.session import ProjectSession
from isodesk.app.settings import Settings
from isodesk.domain.edits import Change, Edit
from isodesk.domain.errors import Cancelled, DataError
from isodesk.domain.model import Attachment
from isodesk.domain.snapshot import ProjectData
from isodesk.storage import attachments as stored
from isodesk.support.atomic import atomic_write, own_folder, write_error
from isodesk.support.i18n import tr

Content = Callable[[Attachment], "bytes | None"]
# What Windows, macOS and Linux all accept in a file name (an export is often zipped and mailed).
_NOT_IN_NAMES = str.maketrans({c: "-" for c in '<>:"/\\|?*'})


def long_side() -> int:
    """The long side photos are scaled to: the user's setting, or the default."""
    try:
        return check_long_side(Settings.load().photo_long_side)
    except DataError:
        return DEFAULT_LONG_SIDE


def _where(session: ProjectSession, key: str) -> str:
    req = session.requirement(key)
    return tr("{ref} ({standard})").format(ref=req.ref,
                                           standard=session.catalog(req.catalog_id).standard)


def attach(session: ProjectSession, key: str, files: Sequence[Prepared], caption: str = "") -> Edit:
    """Attach ``files`` (checked by ``evidence_files``) to the answer of ``key`` as one edit;
    ``caption`` for each of them."""
    req = session.requirement(key)
    if not req.assessable:
        raise DataError("{key} is a heading; attach evidence to its sub-clauses instead.", key=key)
    if not files:
        raise DataError("Choose at least one file to attach.")
    position = max((a.position for a in session.attachments.values() if a.key == key), default=-1)
    records = []
    for offset, file in enumerate(files, start=1):
        stored.put_content(session.store, file.sha256, file.data, file.thumbnail)
        records.append(Attachment(str(uuid.uuid4()), key, file.name, file.media_type,
                                  len(file.data), caption.strip(), file.sha256, position + offset))
    label = (tr("attach {name} to {where}").format(name=files[0].name, where=_where(session, key))
             if len(files) == 1 else
             tr("attach {n} files to {where}").format(n=len(files), where=_where(session, key)))
    return session.execute(Edit(label, tuple(Change(None, r) for r in records)))


def find(session: ProjectSession, key: str, ident: str) -> Attachment:
    """The attachment of ``key`` whose id is ``ident`` or starts with it (the CLI takes a
    prefix as ``git`` does)."""
    session.requirement(key)
    ident = ident.strip().lower()
    found = [a for a in session.attachments.values() if a.key == key and a.id.startswith(ident)]
    if ident and len(found) == 1:
        return found[0]
    if len(found) > 1:
        raise DataError("{id} fits several attachments of {key}; give more of the id.",
                        id=ident, key=key)
    raise DataError("{key} has no attachment {id} (isodesk show lists them).", key=key, id=ident)


def detach(session: ProjectSession, attachment_id: str) -> Edit:
    before = session.attachments[attachment_id]
    return session.execute(Edit(tr("remove {name} from {where}").format(
        name=before.name, where=_where(session, before.key)), (Change(before, None),)))


def set_caption(session: ProjectSession, attachment_id: str, caption: str) -> Edit:
    before = session.attachments[attachment_id]
    after = replace(before, caption=" ".join(caption.split()))
    return session.execute(Edit(tr("caption of {name}").format(name=before.name),
                                (Change(before, after),)))


def content(session: ProjectSession, attachment: Attachment) -> bytes:
    """The bytes of ``attachment``, read from the file now."""
    data = stored.content(session.store, attachment.sha256)
    if data is None:
        raise DataError("The file {name} is no longer in the project; attach it again.",
                        name=attachment.name)
    return data


def thumbnail(session: ProjectSession, attachment: Attachment) -> bytes | None:
    """The small JPEG of a photo (None for a document)."""
    return stored.thumbnail(session.store, attachment.sha256)


def open_original(session: ProjectSession, attachment: Attachment) -> Path:
    """``attachment`` written out for the system's viewer: in a folder of this process inside
    isodesk's temp folder beside the project (a client's photo never goes to the system temp
    folder), removed when isodesk ends."""
    data = content(session, attachment)
    try:
        folder = own_folder(session.path.parent, "view") / attachment.id
        folder.mkdir(mode=0o700, exist_ok=True)
        path = folder / file_name(attachment.name)
        if not path.exists() or path.stat().st_size != len(data):
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as f:
                f.write(data)
    except OSError as e:
        raise write_error(Path(attachment.name), e) from None
    return path


def file_name(name: str) -> str:
    """``name`` as a file name every system accepts."""
    cleaned = "".join(c if c.isprintable() else "-" for c in name.translate(_NOT_IN_NAMES))
    return cleaned.strip(" .") or "evidence"


@contextlib.contextmanager
def reading_content(path: Path) -> Iterator[Content]:
    """``content(attachment)`` for a report or an export: the bytes read on a connection of
    its own, made in the thread that reads (a worker), and closed afterwards."""
    reader = stored.ContentReader(path)
    try:
        yield lambda attachment: reader(attachment.sha256)
    finally:
        reader.close()


def bring_content(session: ProjectSession, other: Path, records: Sequence[Attachment]) -> None:
    """Copy the bytes of ``records`` that this project lacks from the project file ``other``
    (a merge brings a colleague's photos)."""
    stored.copy_content(session.store, Path(other), (a.sha256 for a in records))


# ------------------------------------------------------------------------------ export
def export_names(data: ProjectData) -> list[tuple[Attachment, str]]:
    """Every attachment with the file name it is exported under, in checklist order: the
    standard, the clause, its number on the answer and its own name, e.g.
    "ISO 9001-2015 7.1.5.2 (1) brandblusser.jpg"."""
    out = []
    for req in data.requirements:
        for number, attachment in enumerate(data.attachments_of(req.key), start=1):
            standard = data.catalog(req.catalog_id).name
            out.append((attachment, file_name(f"{standard} {req.ref} ({number}) {attachment.name}")))
    return out


def export_evidence(data: ProjectData, content_of: Content, folder: Path,
                    progress: Callable[[int, int], None] | None = None,
                    cancel: Callable[[], bool] | None = None) -> list[Path]:
    """Write every attachment of ``data`` into ``folder`` (made when missing), each file
    complete or not at all. A folder that already holds one of the names is refused before
    anything is written: nothing there is overwritten."""
    folder = Path(folder)
    names = export_names(data)
    if not names:
        raise DataError("This project has no attachments to export.")
    try:
        folder.mkdir(exist_ok=True)
    except FileNotFoundError:
        raise DataError("The folder {folder} does not exist.", folder=folder.parent) from None
    except OSError as e:
        raise write_error(folder, e) from None
    taken = next((name for _a, name in names if (folder / name).exists()), None)
    if taken:
        raise DataError("{folder} already holds {name}; choose an empty folder for the evidence.",
                        folder=folder.name, name=taken)
    written = []
    for done, (attachment, name) in enumerate(names):
        if cancel and cancel():
            raise Cancelled("The export was cancelled; {n} file(s) were written.", n=done)
        data_bytes = content_of(attachment)
        if data_bytes is None:
            raise DataError("The file {name} cannot be read from the project.",
                            name=attachment.name)
        with atomic_write(folder / name) as tmp:  # OSError: a one-sentence ProjectFileError
            tmp.write_bytes(data_bytes)
        written.append(folder / name)
        if progress:
            progress(done + 1, len(names))
    return written
