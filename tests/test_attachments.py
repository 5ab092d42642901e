"""Evidence on an answer (photos and documents): attached and removed from the command line,
kept in the project file small, upright and without the photo's location, refused with one
sentence when a file is not what its name says or is too large, never read when a project
opens, and part of undo, history, copy, merge and export like every other record."""
from __future__ import annotations

import hashlib
import io
import json
import os
import sqlite3
import subprocess
import sys
import tracemalloc
from contextlib import closing
from pathlib import Path

import pytest

from isodesk.app import attachments
from isodesk.app.copy import copy_project
from isodesk.app.evidence_files import prepare_bytes, prepare_file
from isodesk.app.merge import apply_merge, plan_merge
from isodesk.app.merge_text import arriving_lines, conflict_lines
from isodesk.app.session import ProjectSession
from isodesk.domain.edits import Change, Edit
from isodesk.domain.model import Attachment
from isodesk.storage import attachments as stored
from isodesk.storage.lock import lock_path
from tests.conftest import ROOT, run_isodesk
from tests.photos import EXIF_IFD, GPS_IFD, ORIENTATION, TAKEN, docx, pdf, phone_photo

KEY = "iso9001-2015:7.1.5.2"  # partially conform in the demo: it is on the gap list
OTHER_KEY = "iso9001-2015:8.5.6"


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _show(path, key=KEY) -> dict:
    done = run_isodesk("show", str(path), key, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _attach(session, key, *paths, caption=""):
    return attachments.attach(session, key, [prepare_file(p) for p in paths], caption=caption)


def test_attach_caption_and_detach_through_the_cli(demo_path, tmp_path):
    photo = phone_photo(tmp_path / "IMG_2041.jpg")
    document = pdf(tmp_path / "kalibratie.pdf", "kalibratieoverzicht 2026")
    done = run_isodesk("attach", str(demo_path), KEY, str(photo), str(document), "--caption",
                       "Drukmeter zonder kalibratiesticker", "--assessor", "Anna")
    assert done.returncode == 0, done.stderr
    assert f"Attached IMG_2041.jpg to {KEY} as " in done.stdout

    shown = _show(demo_path)["attachments"]
    assert [(a["name"], a["media_type"], a["caption"]) for a in shown] == [
        ("IMG_2041.jpg", "image/jpeg", "Drukmeter zonder kalibratiesticker"),
        ("kalibratie.pdf", "application/pdf", "Drukmeter zonder kalibratiesticker")]
    assert shown[1]["bytes"] == document.stat().st_size  # a document is kept as it is
    assert 50_000 < shown[0]["bytes"] < photo.stat().st_size / 5  # a photo scaled down
    photo_id, document_id = shown[0]["id"], shown[1]["id"]

    done = run_isodesk("caption", str(demo_path), KEY, photo_id[:8], "Drukmeter in de werkplaats")
    assert done.returncode == 0, done.stderr
    done = run_isodesk("detach", str(demo_path), KEY, document_id[:8], "--assessor", "Anna")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"Removed kalibratie.pdf from {KEY}."
    item = _show(demo_path)
    assert [(a["id"], a["caption"]) for a in item["attachments"]] == [
        (photo_id, "Drukmeter in de werkplaats")]
    history = [(e["field"], e["before"], e["after"], e["by"]) for e in item["history"]
               if e["field"].startswith("attachment")]
    assert history[0] == ("attachment", "kalibratie.pdf", None, "Anna")
    assert ("attachment.caption", "Drukmeter zonder kalibratiesticker",
            "Drukmeter in de werkplaats") == history[1][:3]
    assert {("attachment", None, "IMG_2041.jpg", "Anna"),
            ("attachment", None, "kalibratie.pdf", "Anna")} <= set(history)
    # The command has ended: the removed document's bytes are no longer in the file.
    assert b"kalibratieoverzicht 2026" not in demo_path.read_bytes()

    done = run_isodesk("detach", str(demo_path), KEY, "ffff")
    assert done.returncode == 1 and done.stderr.count("\n") == 1
    assert "has no attachment ffff" in done.stderr


def test_a_phone_photo_is_kept_small_upright_and_without_its_location(demo_path, tmp_path):
    from PIL import Image

    photo = phone_photo(tmp_path / "IMG_2042.jpg", (4000, 3000), orientation=6)
    assert photo.stat().st_size > 3_000_000
    before = demo_path.stat().st_size
    session = ProjectSession.open(demo_path)
    _attach(session, KEY, photo)
    attachment = next(iter(session.attachments.values()))
    data = attachments.content(session, attachment)
    session.close()

    assert demo_path.stat().st_size - before <= 1024 * 1024
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG" and image.size == (1200, 1600)  # upright, long side 1600
    red = image.getpixel((1200 - 20, 20))  # the sensor's top-left corner is now top right
    assert red[0] > 180 and red[1] < 60 and red[2] < 60
    exif = image.getexif()
    assert not exif.get_ifd(GPS_IFD) and GPS_IFD not in exif  # no location
    assert ORIENTATION not in exif and 0x010F not in exif  # no orientation left, no camera
    assert dict(exif.get_ifd(EXIF_IFD)) == {0x9003: TAKEN}  # only when it was taken
    assert "comment" not in image.info
    assert b"Hoofdkantoor Utrecht" not in demo_path.read_bytes()


@pytest.mark.parametrize("name, content, says", [
    ("foto.jpg", b"Aantekeningen van het interview\n", "is not what its name says (JPEG photo)"),
    ("rapport.pdf", b"Aantekeningen van het interview\n", "is not what its name says (PDF document)"),
    ("notities.txt", b"Aantekeningen\n", "notities.txt is none of these"),
    ("IMG_0001.HEIC", b"\x00\x00\x00\x18ftypheic", "IMG_0001.HEIC is a HEIC photo"),
    ("leeg.png", b"", "leeg.png is empty"),
])
def test_a_file_that_is_not_what_it_says_is_refused_and_the_project_unchanged(
        demo_path, tmp_path, name, content, says):
    bad = tmp_path / name
    bad.write_bytes(content)
    digest = _digest(demo_path)
    done = run_isodesk("attach", str(demo_path), KEY, str(bad))
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and says in done.stderr
    assert _digest(demo_path) == digest
    assert not lock_path(demo_path).exists() and not (tmp_path / ".~isodesk.tmp").exists()


def test_a_300_mb_file_is_refused_without_being_read(demo_path, tmp_path):
    big = tmp_path / "opname.pdf"
    with open(big, "wb") as f:
        f.truncate(300 * 1024 * 1024)  # sparse: nothing is written to the disk
    photo = phone_photo(tmp_path / "IMG_2043.jpg", (800, 600))
    digest = _digest(demo_path)
    done = run_isodesk("attach", str(demo_path), KEY, str(photo), str(big))
    assert done.returncode == 1
    assert done.stderr == ("isodesk: opname.pdf is 300 MB; isodesk keeps evidence files of at "
                           "most 20 MB.\n")
    assert _digest(demo_path) == digest  # the photo that was fine is not attached either


def test_documents_are_kept_as_they_are_and_checked_by_their_content(tmp_path):
    word = docx(tmp_path / "procedure.docx")
    assert prepare_file(word).data == word.read_bytes()
    with pytest.raises(Exception, match="not what its name says .Excel workbook."):
        prepare_bytes(word.read_bytes(), "procedure.xlsx")


def test_undo_brings_a_removed_photo_back_and_closing_forgets_it(demo_path, tmp_path):
    session = ProjectSession.open(demo_path)
    _attach(session, KEY, phone_photo(tmp_path / "IMG_2044.jpg", (2000, 1500)), caption="Logboek")
    attachment = next(iter(session.attachments.values()))
    data = attachments.content(session, attachment)
    attachments.detach(session, attachment.id)
    assert session.attachments == {}
    session.undo()
    assert session.attachments == {attachment.id: attachment}
    assert attachments.content(session, attachment) == data
    assert attachments.thumbnail(session, attachment)[:3] == b"\xff\xd8\xff"
    session.redo()
    session.close()

    raw = demo_path.read_bytes()
    assert data[5000:5064] not in raw and data[-5000:-4936] not in raw  # zeroed, not just unlinked
    with closing(sqlite3.connect(demo_path)) as conn:
        assert conn.execute("SELECT COUNT(*) FROM attachment_content").fetchone() == (0,)
        assert conn.execute("SELECT kind FROM tombstone WHERE id = ?",
                            (attachment.id,)).fetchone() == ("attachment",)
    assert ProjectSession.open(demo_path, read_only=True).attachments == {}


def test_a_large_removal_makes_the_file_small_again(demo_path, tmp_path):
    size = demo_path.stat().st_size
    session = ProjectSession.open(demo_path)
    for i in range(6):  # 6 MB of documents, removed again
        stored.put_content(session.store, f"{i:064x}", os.urandom(1024 * 1024), None)
    session.close()  # nothing refers to them: purged, and the file compacted
    assert demo_path.stat().st_size < size + 512 * 1024


def test_a_copy_carries_the_photos_but_not_one_removed_in_this_session(demo_path, tmp_path):
    session = ProjectSession.open(demo_path)
    _attach(session, KEY, phone_photo(tmp_path / "kept.jpg", (1600, 1200), seed=2))
    _attach(session, OTHER_KEY, phone_photo(tmp_path / "removed.jpg", (1600, 1200), seed=3))
    kept, removed = sorted(session.attachments.values(), key=lambda a: a.name)
    removed_data = attachments.content(session, removed)
    attachments.detach(session, removed.id)
    copy = tmp_path / "jan.isodesk"
    copy_project(session, copy)
    session.undo()  # the original still has it back
    assert removed.id in session.attachments
    session.close()

    assert removed_data[4000:4064] not in copy.read_bytes()
    theirs = ProjectSession.open(copy, read_only=True)
    assert list(theirs.attachments) == [kept.id]
    assert attachments.content(theirs, kept) == attachments.content(
        ProjectSession.open(demo_path, read_only=True), kept)
    theirs.close()


def test_a_follow_up_starts_with_the_baselines_evidence(demo_path, tmp_path):
    from isodesk.app.followup import start_followup

    session = ProjectSession.open(demo_path)
    _attach(session, KEY, phone_photo(tmp_path / "nulmeting.jpg", (1600, 1200)), caption="Meter")
    photo = next(iter(session.attachments.values()))
    data = attachments.content(session, photo)
    later = tmp_path / "hermeting.isodesk"
    start_followup(session, later)
    session.close()
    followup = ProjectSession.open(later, read_only=True)
    assert followup.attachments == {photo.id: photo}
    assert attachments.content(followup, photo) == data
    followup.close()


def test_attachments_merge_with_their_bytes_and_captions_field_by_field(demo_path, tmp_path):
    lead = ProjectSession.open(demo_path, author="Lead")
    _attach(lead, KEY, phone_photo(tmp_path / "lead.jpg", (1600, 1200), seed=4), caption="Meter")
    shared = next(iter(lead.attachments.values()))
    copy = tmp_path / "jan.isodesk"
    copy_project(lead, copy)
    lead.close()

    jan = ProjectSession.open(copy, author="Jan")
    _attach(jan, OTHER_KEY, phone_photo(tmp_path / "jan.jpg", (1600, 1200), seed=5),
            caption="Vrijgave zonder handtekening")
    attachments.set_caption(jan, shared.id, "Meter, door Jan")
    jans = next(a for a in jan.attachments.values() if a.key == OTHER_KEY)
    jans_data = attachments.content(jan, jans)
    jan.close()

    lead = ProjectSession.open(demo_path, author="Lead")
    plan = plan_merge(lead.snapshot(), demo_path, copy)
    assert plan.conflicts == ()
    lines = {(line.item, line.field, line.there) for line in arriving_lines(plan)}
    assert ("ISO 9001:2015 8.5.6 · jan.jpg", "added", "jan.jpg (Vrijgave zonder handtekening)") in lines
    assert ("ISO 9001:2015 7.1.5.2 · lead.jpg", "caption", "Meter, door Jan") in lines
    apply_merge(lead, plan, "mine")
    assert lead.attachments[jans.id] == jans
    assert attachments.content(lead, jans) == jans_data
    assert lead.attachments[shared.id].caption == "Meter, door Jan"
    lead.undo()  # the merge is one step, the colleague's photo included
    assert jans.id not in lead.attachments and lead.attachments[shared.id].caption == "Meter"
    lead.redo()
    attachments.set_caption(lead, shared.id, "Meter, door de lead")
    lead.close()

    jan = ProjectSession.open(copy, author="Jan")
    attachments.set_caption(jan, shared.id, "Meter, nogmaals door Jan")
    jan.close()
    lead = ProjectSession.open(demo_path, author="Lead")
    plan = plan_merge(lead.snapshot(), demo_path, copy)
    assert [(line.item, line.field, line.here, line.there) for line in conflict_lines(plan)] == [
        ("ISO 9001:2015 7.1.5.2 · lead.jpg", "caption", "Meter, door de lead",
         "Meter, nogmaals door Jan")]
    apply_merge(lead, plan, "theirs")
    assert lead.attachments[shared.id].caption == "Meter, nogmaals door Jan"
    lead.close()


def test_evidence_exports_to_a_folder_with_names_that_say_the_clause(demo_path, tmp_path):
    session = ProjectSession.open(demo_path)
    _attach(session, KEY, phone_photo(tmp_path / "meter.jpg", (1600, 1200)),
            pdf(tmp_path / "kalibratie.pdf"))
    _attach(session, "iso27001-2022:A.7.4", phone_photo(tmp_path / "camera.jpg", (800, 600)))
    contents = {a.name: attachments.content(session, a) for a in session.attachments.values()}
    session.close()
    out = tmp_path / "bewijs"
    done = run_isodesk("evidence", str(demo_path), str(out))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"Wrote 3 file(s) to {out}."
    names = sorted(os.listdir(out))
    assert names == ["ISO 9001-2015 7.1.5.2 (1) meter.jpg", "ISO 9001-2015 7.1.5.2 (2) kalibratie.pdf",
                     "ISO-IEC 27001-2022 A.7.4 (1) camera.jpg"]
    assert (out / names[2]).read_bytes() == contents["camera.jpg"]
    done = run_isodesk("evidence", str(demo_path), str(out))  # nothing is overwritten
    assert done.returncode == 1 and "already holds ISO 9001-2015 7.1.5.2 (1) meter.jpg" in done.stderr


def test_the_workbook_names_each_rows_evidence_files_and_their_captions(demo_path, tmp_path):
    from openpyxl import load_workbook

    from isodesk.excel.export import export_workbook
    from isodesk.excel.importer import plan_import

    session = ProjectSession.open(demo_path)
    _attach(session, KEY, phone_photo(tmp_path / "IMG_2041.jpg", (800, 600)),
            caption="Drukmeter zonder kalibratiesticker")
    _attach(session, KEY, pdf(tmp_path / "kalibratie.pdf"))
    out = tmp_path / "klant.xlsx"
    export_workbook(session.snapshot(), out)  # the demo exports in Dutch
    sheet = load_workbook(out)["ISO 9001"]
    headers = [c.value for c in sheet[1]]
    column = headers.index("Bijlagen")
    rows = {row[0].value: row[column].value for row in sheet.iter_rows(min_row=2)}
    assert rows[KEY] == "IMG_2041.jpg — Drukmeter zonder kalibratiesticker\nkalibratie.pdf"
    assert rows[OTHER_KEY] is None
    # A photo taken after the export is no text the client typed: the workbook comes back
    # without changes or warnings about the column.
    _attach(session, OTHER_KEY, phone_photo(tmp_path / "later.jpg", (800, 600)))
    plan = plan_import(session.snapshot(), out)
    session.close()
    assert plan.changes == () and not plan.warnings


def test_opening_a_project_with_200_photos_does_not_read_them(demo_path, tmp_path):
    without = tmp_path / "zonder.isodesk"
    without.write_bytes(demo_path.read_bytes())
    session = ProjectSession.open(demo_path)
    keys = [r.key for r in session.assessable()]
    records = []
    for i in range(200):  # 300 kB each, as a phone photo after scaling: 60 MB in all
        data = os.urandom(300_000)
        sha = hashlib.sha256(data).hexdigest()
        stored.put_content(session.store, sha, data, data[:10_000])
        records.append(Attachment(f"photo-{i:03d}", keys[i % len(keys)], f"IMG_{i:04d}.jpg",
                                  "image/jpeg", len(data), "", sha, i))
    session.execute(Edit("200 photos", tuple(Change(None, r) for r in records)))
    session.close()
    assert demo_path.stat().st_size > 60_000_000

    def peak(path) -> tuple[int, int]:
        tracemalloc.start()
        opened = ProjectSession.open(path, read_only=True)
        data = opened.snapshot()
        _current, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        opened.close()
        return top, len(data.attachments)

    peak(without)  # imports and caches warmed up
    base, none = peak(without)
    loaded, photos = peak(demo_path)
    assert (none, photos) == (0, 200)
    assert loaded - base < 2_000_000  # their records; the 60 MB stay in the file


def test_an_original_opened_for_the_system_viewer_is_gone_when_isodesk_ends(demo_path, tmp_path):
    session = ProjectSession.open(demo_path)
    _attach(session, KEY, phone_photo(tmp_path / "meter.jpg", (800, 600)))
    session.close()
    code = ("import sys; from isodesk.app.session import ProjectSession; "
            "from isodesk.app import attachments; "
            "s = ProjectSession.open(sys.argv[1], read_only=True); "
            "path = attachments.open_original(s, next(iter(s.attachments.values()))); "
            "print(path, oct(path.stat().st_mode & 0o777), oct(path.parent.parent.stat().st_mode & 0o777))")
    done = subprocess.run([sys.executable, "-c", code, str(demo_path)], capture_output=True,
                          text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert done.returncode == 0, done.stderr
    path, mode, folder_mode = done.stdout.split()
    assert Path(path).name == "meter.jpg" and Path(path).parent.parent.parent == tmp_path / ".~isodesk.tmp"
    assert (mode, folder_mode) == ("0o600", "0o700")  # the user's alone
    assert not (tmp_path / ".~isodesk.tmp").exists()
