"""The PDF report: what a reader finds in it, in both languages, with hostile text, empty and
huge projects; and that cancelling or a failed write leaves files as they were."""
from __future__ import annotations

import io
import re
from pathlib import Path

import pypdf
import pytest

from isodesk.app.session import ProjectSession, create_project
from isodesk.domain.errors import Cancelled, DataError, ProjectFileError
from isodesk.report.builder import build_report
from isodesk.report.gaps import collect_gaps
from tests.conftest import run_isodesk
from tests.report_text import pdf_pages, section, squash


@pytest.fixture
def demo(demo_path):
    session = ProjectSession.open(demo_path)
    yield session
    session.close()


@pytest.fixture(scope="module")
def demo_report(tmp_path_factory, registry):
    """The demo project's report in Dutch, built once for the read-only checks."""
    from isodesk.app.demo import write_demo

    folder = tmp_path_factory.mktemp("report")
    write_demo(folder / "demo.isodesk", registry)
    session = ProjectSession.open(folder / "demo.isodesk", read_only=True)
    build_report(session.snapshot(), folder / "demo.pdf", language="nl")
    yield session, folder / "demo.pdf"
    session.close()


def test_demo_report_holds_client_standards_and_every_gap(demo_report):
    session, pdf = demo_report
    pages = pdf_pages(pdf)
    text = squash("".join(pages))
    assert "Van den Heuvel Installatietechniek B.V." in pages[0]
    for cat in session.catalogs:
        assert squash(cat.name) in text
    gaps = [g for cat in session.catalogs
            for g in collect_gaps(session.items_of(cat.id), session.answers)]
    assert len(gaps) > 50
    for gap in gaps:  # the gap list row: ref, then the requirement's title, then the finding
        title = gap.requirement.display_title("nl")  # a title of our own in square brackets
        assert squash(gap.requirement.ref + title) in text, gap.requirement.key
        assert squash(gap.answer.findings) in text, gap.requirement.key
    # the demo's finding with markup characters prints literally
    assert squash("<Let op: map 'oud'>") in text


def test_every_page_after_the_cover_says_page_x_of_y(demo_report):
    _, pdf = demo_report
    pages = pdf_pages(pdf)
    assert len(pages) == len(pypdf.PdfReader(pdf).pages)
    for number, page in enumerate(pages[1:], start=2):
        assert f"Pagina {number} van {len(pages)}" in page


def test_contents_page_numbers_point_at_the_headings(demo_report):
    _, pdf = demo_report
    pages = pdf_pages(pdf)
    contents = pages[1]
    assert "Inhoudsopgave" in contents
    for title in ("Managementsamenvatting", "Plan van aanpak", "Verklaring van toepasselijkheid"):
        entry = re.search(r"\. (\d+)\n(\d+(?:\.\d+)?) " + title, contents)
        assert entry, title
        page, number = int(entry.group(1)), entry.group(2)
        assert f"{number} {title}" in pages[page - 1]
    outline = [item.title for item in pypdf.PdfReader(pdf).outline if not isinstance(item, list)]
    assert "1 Managementsamenvatting" in outline


def test_summary_names_scores_top_gaps_and_quick_wins(demo_report):
    session, pdf = demo_report
    pages = pdf_pages(pdf)
    summary = section(pages, "1 Managementsamenvatting", "2 Scope en werkwijze")
    assert "Van 6 november 2026 tot en met 9 november 2026" in summary
    assert "Anouk IJzerman en Joost Verbruggen" in summary
    overall = re.search(r"voldoet de organisatie voor (\d+)%", summary)
    assert overall and 0 < int(overall.group(1)) < 100
    for action in session.actions.values():
        if action.quick_win:
            assert squash(action.title) in squash(summary)
    # a major nonconformity leads the top gaps: no internal audits, in every standard alike
    assert "Hoog ISO 9001:2015 · 9.2.1" in summary


def test_statement_of_applicability_lists_every_control(demo_report):
    session, pdf = demo_report
    pages = pdf_pages(pdf)
    soa = squash(section(pages, "Verklaring van toepasselijkheid —", "Risico's en plan van aanpak"))
    controls = [r for r in session.assessable("iso27001-2022") if r.kind == "control"]
    assert len(controls) == 93
    for req in controls:
        assert squash(req.ref + req.title["nl"]) in soa, req.ref
    assert squash("Geen eigen softwareontwikkeling.") in soa
    assert "Nee" in soa and "Ja" in soa


def test_long_tables_repeat_their_header_on_every_page(demo_report):
    _, pdf = demo_report
    pages = pdf_pages(pdf)
    first = next(i for i, p in enumerate(pages) if i > 1 and "Bijlage A Volledige checklist" in p)
    last = next(i for i, p in enumerate(pages) if i > first and "Bijlage B" in p)
    appendix = pages[first:last]
    assert len(appendix) > 10
    for page in appendix:
        assert "Nr. Eis Oordeel Volw. Bevinding en bewijs" in page


def test_english_report_through_the_cli(demo_path, tmp_path):
    out = tmp_path / "rapport.pdf"
    r = run_isodesk("report", str(demo_path), str(out), "--lang", "en")
    assert r.returncode == 0, r.stderr
    assert "Wrote" in r.stdout
    pages = pdf_pages(out)
    text = "".join(pages)
    assert "BASELINE ASSESSMENT REPORT" in pages[0] and "9 November 2026" in pages[0]
    assert "Management summary" in text and "Statement of Applicability" in text
    assert f"Page 2 of {len(pages)}" in pages[1]
    assert "Partially conform" in text and "Voldoet deels" not in text
    assert re.search(r"\b2026-\d\d-\d\d\b", text)  # table dates in ISO form


def test_report_language_defaults_to_the_project_language(tmp_path, registry):
    session = create_project(tmp_path / "en.isodesk", "Acme Ltd", ["iso9001-2015"], registry,
                             language="en")
    build_report(session.snapshot(), tmp_path / "en.pdf")
    assert "Management summary" in "".join(pdf_pages(tmp_path / "en.pdf"))
    with pytest.raises(DataError):
        build_report(session.snapshot(), tmp_path / "de.pdf", language="de")
    session.close()


def test_user_text_prints_literally_with_odd_characters(demo, tmp_path):
    hostile = ('<b>vet</b> & <img src="/etc/passwd"/> <font size=40>x</font> '
               'Ĳsselmeer ĳs € 12,50 café Straße')
    demo.set_info(client="Jansen & Zn <i>B.V.</i>")
    demo.set_answer("iso9001-2015:7.2", result="nonconform", maturity=0, finding_type="major",
                    findings=hostile + "\x07 bel 😀")
    demo.set_soa("iso27001-2022:A.5.1", applicable=False, justification="<br/> & ß")
    demo.add_action("Actie <script>", owner="Ĳ & co", quick_win=True)
    out = tmp_path / "odd.pdf"
    build_report(demo.snapshot(), out)
    pages = pdf_pages(out)
    text = squash("".join(pages))
    assert "Jansen & Zn <i>B.V.</i>" in pages[0]
    assert squash(hostile) in text
    # the summary's top gaps are Paragraphs (markup): the finding leads them and prints as typed
    assert squash(hostile) in squash(section(pages, "1 Managementsamenvatting", "2 Scope en"))
    assert squash("\ufffd bel \ufffd") in text  # no glyph: a visible replacement character
    assert squash("<br/> & ß") in text
    assert squash("Actie <script> — Ĳ & co") in text  # the quick win in the summary


def test_empty_project_gives_a_short_report_that_says_so(small_project, tmp_path):
    session = ProjectSession.open(small_project, read_only=True)
    out = tmp_path / "leeg.pdf"
    build_report(session.snapshot(), out)
    session.close()
    pages = pdf_pages(out)
    text = "".join(pages)
    assert "Klant B.V." in pages[0]
    assert "Er is nog geen enkele eis beoordeeld" in text
    assert len(pages) <= 6  # cover, contents, summary, scope and method: no empty chapters
    for absent in ("Bijlage", "Gaplijst", "Naleving per hoofdstuk", "Risicoregister"):
        assert absent not in text


def test_thousands_of_items_finish_with_progress(tmp_path):
    from tests.benchmarks.stress import write_stress_project

    path = write_stress_project(tmp_path / "stress.isodesk", items=2000)
    session = ProjectSession.open(path, read_only=True)
    calls: list[tuple[int, int]] = []
    build_report(session.snapshot(), tmp_path / "stress.pdf", progress=lambda d, t: calls.append((d, t)))
    session.close()
    done = [d for d, _ in calls]
    assert len(calls) > 100
    assert done == sorted(done) and calls[-1][0] == calls[-1][1]
    # progress also moves while pages are laid out, not only while rows are prepared
    assert len({d for d in done if d > calls[-1][1] // 2}) > 50
    reader = pypdf.PdfReader(tmp_path / "stress.pdf")
    assert len(reader.pages) > 150
    last = reader.pages[-1].extract_text()
    assert "Bevinding 1999." in squash(last) or "Bevinding1999." in squash(last)


def test_cancel_writes_nothing(demo, tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    out = folder / "rapport.pdf"
    out.write_bytes(b"old report")
    calls = []

    def cancel():
        return len(calls) > 300

    with pytest.raises(Cancelled):
        build_report(demo.snapshot(), out, progress=lambda d, t: calls.append(d), cancel=cancel)
    assert out.read_bytes() == b"old report"
    assert [p.name for p in folder.iterdir()] == ["rapport.pdf"]  # no temp file left behind
    assert 0 < calls[-1] < 1000


def test_unwritable_target_is_one_clear_error(demo, tmp_path):
    with pytest.raises(ProjectFileError, match="does not exist"):
        build_report(demo.snapshot(), tmp_path / "missing" / "r.pdf")
    target = tmp_path / "a folder.pdf"
    target.mkdir()
    with pytest.raises(ProjectFileError) as error:
        build_report(demo.snapshot(), target)
    assert "\n" not in str(error.value) and "a folder.pdf" in str(error.value)
    assert target.is_dir() and [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (300, 100), (31, 58, 95)).save(buffer, "PNG")
    return buffer.getvalue()


def _cover_images(pdf: Path) -> int:
    return len(pypdf.PdfReader(pdf).pages[0].images)


def test_logo_from_the_project_or_argument_and_broken_logos_are_skipped(demo, tmp_path):
    assert demo.asset("logo")  # the demo consultancy's logo
    demo.set_logo(None)
    build_report(demo.snapshot(), tmp_path / "none.pdf", logo=demo.asset("logo"))
    assert _cover_images(tmp_path / "none.pdf") == 0
    build_report(demo.snapshot(), tmp_path / "arg.pdf", logo=_png())
    assert _cover_images(tmp_path / "arg.pdf") == 1
    demo.set_logo(_png())
    build_report(demo.snapshot(), tmp_path / "asset.pdf", logo=demo.asset("logo"))
    assert _cover_images(tmp_path / "asset.pdf") == 1
    build_report(demo.snapshot(), tmp_path / "without.pdf", logo=b"")  # b"": explicitly no logo
    assert _cover_images(tmp_path / "without.pdf") == 0
    build_report(demo.snapshot(), tmp_path / "broken.pdf", logo=b"not an image at all")
    assert _cover_images(tmp_path / "broken.pdf") == 0
    assert "Van den Heuvel" in pdf_pages(tmp_path / "broken.pdf")[0]


def test_a_finding_longer_than_a_page_flows_over_pages(demo, tmp_path):
    words = [f"woord{i}" for i in range(3000)]
    demo.set_answer("iso9001-2015:8.5.1", result="partial", findings=" ".join(words))
    out = tmp_path / "lang.pdf"
    build_report(demo.snapshot(), out)
    numbers = [int(n) for n in re.findall(r"woord(\d+)", "".join(pdf_pages(out)))]
    # all of it, in order, in the gap list and again in the appendix, over several pages
    assert numbers[:3000] == list(range(3000)) and numbers[-3000:] == list(range(3000))
