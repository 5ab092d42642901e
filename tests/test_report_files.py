"""The report as files (issue 14, points 7 and 8): a PDF with its language, an outline that opens,
linked contents, every font embedded and its metadata; a Word file with real headings, a
contents field, repeating table headers, the charts as pictures, that LibreOffice opens."""
from __future__ import annotations

import shutil
import subprocess

import pypdf
import pytest

from isodesk.app.session import ProjectSession
from isodesk.report.builder import build_report
from tests.report_text import docx_text, pdf_pages


@pytest.fixture(scope="module")
def demo_files(tmp_path_factory, registry):
    from isodesk.app.demo import write_demo

    folder = tmp_path_factory.mktemp("files")
    write_demo(folder / "demo.isodesk", registry)
    session = ProjectSession.open(folder / "demo.isodesk", read_only=True)
    build_report(session.snapshot(), folder / "demo.pdf")
    build_report(session.snapshot(), folder / "demo.docx")
    yield session, folder
    session.close()


def test_pdf_has_language_outline_links_embedded_fonts_and_metadata(demo_files):
    session, folder = demo_files
    reader = pypdf.PdfReader(folder / "demo.pdf")
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "nl"
    assert root["/PageMode"] == "/UseOutlines"  # the bookmarks panel opens with the file
    links = [a.get_object() for a in reader.pages[1].get("/Annots", [])
             if a.get_object()["/Subtype"] == "/Link"]
    assert len(links) > 20  # every contents entry jumps to its heading
    fonts = {}
    for page in reader.pages:
        for name, font in page["/Resources"]["/Font"].items():
            fonts[font.get_object()["/BaseFont"]] = font.get_object()
    assert fonts and not any("Helvetica" in name for name in fonts)
    for name, font in fonts.items():
        descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font \
            else font
        descriptor = descendant["/FontDescriptor"].get_object()
        assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), name
    meta = reader.metadata
    assert meta.title == session.info.title
    assert meta.author == "Anouk IJzerman, Joost Verbruggen"
    assert "Van den Heuvel" in meta.subject and "ISO 9001:2015" in meta["/Keywords"]
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]


def test_word_report_has_headings_contents_field_repeating_headers_and_charts(demo_files):
    import docx
    from docx.oxml.ns import qn

    session, folder = demo_files
    document = docx.Document(str(folder / "demo.docx"))
    styles = [p.style.name for p in document.paragraphs]
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert "1 Managementsamenvatting" in headings and "3 ISO 9001:2015" in headings
    assert styles.count("Heading 2") > 10
    xml = document.element.xml
    assert 'TOC \\o "1-2"' in xml
    tables = document.tables
    assert len(tables) > 30
    repeating = [t for t in tables if t.rows[0]._tr.find(qn("w:trPr")) is not None
                 and t.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None]
    assert len(repeating) > 20
    gap_lists = [t for t in tables if [c.text for c in t.rows[0].cells][-1] == "Actie"]
    assert len(gap_lists) == len(session.catalogs)
    assert gap_lists[0].rows[0].cells[0].text == "Prioriteit"
    charts = document.inline_shapes
    assert len(charts) >= len(session.catalogs) + 2  # a chart per standard, heat map, roadmap
    assert document.core_properties.title == session.info.title
    assert document.core_properties.language == "nl-NL"
    text = docx_text(folder / "demo.docx")
    for gap in ("Er is geen auditprogramma en in 2025 zijn geen interne audits uitgevoerd.",
                "Geen patchbeleid voor servers"):
        assert gap in text


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_writer_opens_the_word_report(demo_files, tmp_path):
    _, folder = demo_files
    profile = tmp_path / "profile"
    result = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
         "pdf", "--outdir", str(tmp_path), str(folder / "demo.docx")],
        capture_output=True, text=True, timeout=240)
    converted = tmp_path / "demo.pdf"
    assert result.returncode == 0 and converted.exists(), result.stderr
    pages = pdf_pages(converted)
    assert len(pages) > 20
    text = "".join(pages)
    for heading in ("Managementsamenvatting", "Gaplijst", "Verklaring van toepasselijkheid",
                    "Plan van aanpak"):
        assert heading in text
    assert "Pagina 2 van" in pages[1]
