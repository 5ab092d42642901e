"""The report shows the evidence: the gap list and the checklist say what is in the evidence
appendix, and the appendix prints each photo scaled to fit with its caption (PDF and Word) and
names the documents."""
from __future__ import annotations

import io
import re

import pytest

from isodesk.app import attachments
from isodesk.app.evidence_files import prepare_file
from isodesk.app.session import ProjectSession
from tests.conftest import run_isodesk
from tests.photos import pdf, phone_photo
from tests.report_text import pdf_pages, squash

KEY = "iso9001-2015:7.1.5.2"  # partially conform in the demo: on the gap list
CAPTION = "Drukmeter zonder kalibratiesticker"
APPENDIX_NL = re.compile(r"Bijlage [A-Z] Bewijs\b")  # after the checklist and the attributes


@pytest.fixture
def with_evidence(demo_path, tmp_path):
    session = ProjectSession.open(demo_path)
    attachments.attach(session, KEY, [prepare_file(phone_photo(tmp_path / "IMG_2041.jpg"))],
                       caption=CAPTION)
    attachments.attach(session, KEY, [prepare_file(pdf(tmp_path / "kalibratie.pdf"))])
    session.close()
    return demo_path


def test_the_pdf_report_prints_the_photo_with_its_caption(with_evidence, tmp_path):
    from pypdf import PdfReader

    out = tmp_path / "rapport.pdf"
    done = run_isodesk("report", str(with_evidence), str(out))  # the demo reports in Dutch
    assert done.returncode == 0, done.stderr
    pages = pdf_pages(out)
    note = "Bewijsindebijlage:éénfotoenééndocument."
    gap_row = next(p for p in pages if "Middel 7.1.5.2" in p)  # priority, ref: the gap list
    assert note in squash(gap_row)
    assert sum(squash(p).count(note) for p in pages) == 2  # and the checklist
    number = next(i for i, p in enumerate(pages) if APPENDIX_NL.search(p) and CAPTION in p)
    page = pages[number]
    assert "7.1.5.2 Herleidbaarheid van metingen" in page
    assert "Documenten: kalibratie.pdf (1 kB)." in page
    images = PdfReader(out).pages[number].images
    assert len(images) == 1
    from PIL import Image

    with Image.open(io.BytesIO(images[0].data)) as photo:
        assert photo.size == (750, 1000)  # upright, scaled for print (the project keeps 1600 px)
    assert APPENDIX_NL.search(pages[1] + pages[2])  # the appendix is in the contents


def test_the_word_report_holds_the_photo_with_its_caption(with_evidence, tmp_path):
    import docx

    out = tmp_path / "rapport.docx"
    done = run_isodesk("report", str(with_evidence), str(out), "--lang", "en")
    assert done.returncode == 0, done.stderr
    document = docx.Document(str(out))
    pictures = [shape for shape in document.inline_shapes
                if shape._inline.docPr.get("descr") == CAPTION]
    assert len(pictures) == 1 and pictures[0].height > pictures[0].width  # upright
    captions = [p.text for table in document.tables for row in table.rows for cell in row.cells
                for p in cell.paragraphs if p.style.name == "Caption"]
    assert captions == [CAPTION]
    texts = [p.text for p in document.paragraphs]
    assert any(re.fullmatch(r"Appendix [A-Z] Evidence", t) for t in texts)
    assert "Documents: kalibratie.pdf (1 kB)." in texts


def test_a_project_without_attachments_has_no_evidence_appendix(demo_path, tmp_path):
    out = tmp_path / "rapport.pdf"
    assert run_isodesk("report", str(demo_path), str(out)).returncode == 0
    assert not any(APPENDIX_NL.search(p) for p in pdf_pages(out))
