"""Dutch typography and the charts (issue 14, points 5 and 6): words hyphenated with a visible
hyphen and never cut without one, titles that stand on their own, no near-empty pages, one word
for one thing, numbers rounded as people round, readable colours, numbers in order, and charts
whose labels are whole, inside the plot and readable."""
from __future__ import annotations

import re
import subprocess

import pypdf
import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from isodesk.app.session import ProjectSession, create_project
from isodesk.report.builder import build_report, compose
from isodesk.report.document import Progress
from isodesk.report.model import Table
from tests.report_text import model_paragraphs, pdf_pages, section, squash

CUT_TITLES = ["Informatiebeveiligingsrisicobehandeling", "Informatiebeveiligingsrisicobeoordeling",
              "Kwaliteitsmanagementsysteem", "Arbeidsomstandighedenbeleid"]


@pytest.fixture(scope="module")
def demo_pdf(tmp_path_factory, registry):
    from isodesk.app.demo import write_demo

    folder = tmp_path_factory.mktemp("typography")
    write_demo(folder / "demo.isodesk", registry)
    session = ProjectSession.open(folder / "demo.isodesk", read_only=True)
    build_report(session.snapshot(), folder / "demo.pdf", language="nl")
    build_report(session.snapshot(), folder / "demo-en.pdf", language="en")
    yield session, folder / "demo.pdf", folder / "demo-en.pdf"
    session.close()


# ----------------------------------------------------------------------- hyphenation
@pytest.mark.parametrize("word, lang", [(w, "nl") for w in CUT_TITLES] + [
    ("Telecommunications", "en"), ("responsibilities", "en")])
def test_a_word_too_wide_for_its_column_breaks_at_a_syllable_with_a_hyphen(word, lang):
    from isodesk.report import fonts
    from isodesk.report.tables import wrap_lines

    fonts.register()
    lines = wrap_lines(word, 45, fonts.REGULAR, 7.8, lang)
    assert len(lines) > 1
    assert all(line.endswith("-") for line in lines[:-1])
    assert "".join(line[:-1] for line in lines[:-1]) + lines[-1] == word
    assert all(stringWidth(line, fonts.REGULAR, 7.8) <= 45 for line in lines)


def test_a_break_at_a_hyphen_or_slash_the_text_has_adds_none():
    from isodesk.report import fonts
    from isodesk.report.tables import wrap_lines

    fonts.register()
    lines = wrap_lines("S:\\Kwaliteit\\Werkinstructies ontwerp-ontwikkelingsproces", 70)
    assert lines[:2] == ["S:\\Kwaliteit\\", "Werkinstructies"]
    assert "".join(lines).count("--") == 0


def _cut_words(text: str, words: list[str]) -> list[str]:
    """Line breaks inside one of ``words`` that have no hyphen before them."""
    cuts = []
    for word in words:
        for i in range(2, len(word) - 1):
            if f"{word[:i]}\n{word[i:]}" in text:
                cuts.append(f"{word[:i]} / {word[i:]}")
    return cuts


def test_no_title_in_the_demo_report_is_cut_without_a_hyphen(demo_pdf):
    session, pdf, pdf_en = demo_pdf
    for path, lang in ((pdf, "nl"), (pdf_en, "en")):
        text = "\n".join(pdf_pages(path))
        words = sorted({w.strip("(),.;:") for r in session.requirements
                        for w in r.title[lang].split() if len(w) > 11})
        assert len(words) > 20
        assert _cut_words(text, words) == []
    assert re.search(r"Informatiebeveiligings-\n?risicobehandeling|Informatiebeveiligingsrisico-\n",
                     "\n".join(pdf_pages(pdf)))


# ------------------------------------------------------------------------------ titles
def test_general_titles_carry_their_parent_and_summary(demo_pdf):
    session, pdf, _ = demo_pdf
    pages = pdf_pages(pdf)
    gap_list = section(pages, "3.3 Gaplijst", "4 ISO/IEC 27001:2022")
    assert "9.3.1 9.3 Directiebeoordeling — Algemeen" in " ".join(gap_list.split())
    summary = session.by_key["iso9001-2015:9.3.1"].summary["nl"].split(". ")[0]
    assert squash(summary) in squash(gap_list)
    top = " ".join(section(pages, "1 Managementsamenvatting", "2 Scope en").split())
    assert "9.3.1 Directiebeoordeling — Algemeen" in top


# ---------------------------------------------------------------------------- pages
def _page_bottoms(pdf) -> list[float]:
    """Per page, how far down (share of the page height) the body text reaches."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                          check=True).stdout.decode()
    bottoms = []
    for page in html.split("<page ")[1:]:
        height = float(re.search(r'height="([\d.]+)"', page).group(1))
        ys = [float(y) for y in re.findall(r'yMax="([\d.]+)"', page)]
        body = [y for y in ys if y < height - 70]  # above the footer
        bottoms.append(max(body, default=0) / height)
    return bottoms


def _section_starts(reader, pages: list[str]) -> set[int]:
    """Pages (0-based) that begin with a heading of the outline: a chapter or an appendix part,
    which start on a new page, so the page before them may be short."""
    titles = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(reader.outline)
    starts = set()
    for index, page in enumerate(pages):
        head = " ".join(page.split("\n")[1:5])  # after the running header line
        if any(title[:24] in head for title in titles):
            starts.add(index)
    return starts


def test_no_near_empty_pages_except_where_a_section_ends(demo_pdf):
    _, pdf, pdf_en = demo_pdf
    for path in (pdf, pdf_en):
        pages = pdf_pages(path)
        starts = _section_starts(pypdf.PdfReader(path), pages)
        assert len(starts) > 10
        bottoms = _page_bottoms(path)
        for index, bottom in enumerate(bottoms[:-1]):
            if index == 0 or index + 1 in starts:
                continue  # the cover, and the last page before a new section, may be short
            assert bottom > 0.6, f"page {index + 1} of {path.name} ends at {bottom:.0%}"


def test_a_heading_keeps_its_first_rows_but_not_its_whole_table(demo, tmp_path):
    # a heading that would fall at a page end moves with a few rows; a long table still
    # starts right under its heading instead of on a new page
    pages = pdf_pages(_built(demo, tmp_path))
    soa_page = next(i for i, p in enumerate(pages) if i > 2 and "Verklaring van toepasselijkheid —"
                    in p)
    assert "A.5.1" in pages[soa_page]


def _built(session, folder, language="nl"):
    out = folder / f"r-{language}.pdf"
    build_report(session.snapshot(), out, language=language)
    return out


@pytest.fixture
def demo(demo_path):
    session = ProjectSession.open(demo_path)
    yield session
    session.close()


# ------------------------------------------------------------------- words and numbers
def test_one_word_for_the_gap_list_and_its_entries(demo_pdf):
    _, pdf, pdf_en = demo_pdf
    dutch = "\n".join(pdf_pages(pdf))
    assert "Gaplijst" in dutch
    assert not re.search(r"\b[Gg]aps?\b", dutch)  # no English "gaps" in the Dutch report
    assert not re.search(r"\b[Tt]ekortkomingenlijst|[Gg]ap-lijst", dutch)
    english = "\n".join(pdf_pages(pdf_en))
    assert "Gap list" in english and not re.search(r"[Ss]hortcoming|[Tt]ekortkoming", english)


def test_no_sentence_starts_with_a_number(demo, tmp_path, registry):
    thin = create_project(tmp_path / "dun.isodesk", "Klant", ["iso9001-2015"], registry,
                          language="en")
    for key in [r.key for r in thin.assessable()][:4]:
        thin.set_answer(key, result="partial")
    for data in (demo.snapshot(), thin.snapshot()):
        for lang in ("nl", "en"):
            for text in model_paragraphs(compose(data, lang, Progress(None, None), None)):
                starts = re.findall(r"(?:^|[.!?]\s+)(\d[\d.,]*\s+\w+)", text)
                assert not [s for s in starts if not re.match(r"\d+(\.\d+)+ ", s)], text
    thin.close()


def test_percentages_round_half_up(tmp_path, registry):
    session = create_project(tmp_path / "half.isodesk", "Klant", ["iso14001-2015"], registry)
    keys = [r.key for r in session.assessable()]
    results = ["conform"] * 4 + ["partial"] * 2 + ["nonconform"] * 2  # (4 + 1) / 8 = 62.5 %
    for key, result in zip(keys, results):
        session.set_answer(key, result=result, maturity=2)
    for key in keys[8:]:
        session.set_answer(key, result="conform", maturity=2)
    from isodesk.report.texts import Texts

    assert Texts("nl").percent(62.5) == "63%" and Texts("en").percent(12.5) == "13%"
    assert Texts("nl").number(2.25) == "2,3" and Texts("en").number(2.65) == "2.7"
    chapter = session.chapter_scores("iso14001-2015")
    half = [c for c, sc in chapter.items() if sc.compliance == 62.5]
    build_report(session.snapshot(), tmp_path / "half.pdf")
    session.close()
    if half:
        assert "63%" in "".join(pdf_pages(tmp_path / "half.pdf"))


def test_every_coloured_cell_and_chart_label_has_enough_contrast(demo):
    from isodesk.report import styles
    from isodesk.report.styles import INK, contrast

    pairs = [*styles.RESULT_COLOURS.values(), *styles.PRIORITY_COLOURS.values(),
             *styles.IMPLEMENTATION_COLOURS.values(), *styles.STATUS_COLOURS.values(),
             *(styles.risk_colours(score) for score in range(1, 26))]
    for value in (None, 10, 60, 90):
        background = styles.compliance_colour(value)
        pairs.append((background, styles.text_colour_on(background)))
    report = compose(demo.snapshot(), "nl", Progress(None, None), None)
    for table in (b for b in report.blocks if isinstance(b, Table)):
        for row in table.rows:
            for background, text in row.colours.values():
                pairs.append((background or styles.WHITE, text or INK))
                pairs.append((background or styles.ZEBRA, text or INK))  # zebra rows
    assert len(pairs) > 100
    weak = {(styles.hex_colour(b), styles.hex_colour(t)) for b, t in pairs
            if contrast(b, t) < 4.5}
    assert weak == set()


def test_actions_and_risks_are_listed_in_number_order(demo, tmp_path):
    pages = pdf_pages(_built(demo, tmp_path))
    text = section(pages, "Risico's en plan van aanpak", "Bijlage A")
    risks = [int(n) for n in re.findall(r"^R-(\d+) ", text, re.M)]
    actions = [int(n) for n in re.findall(r"^A-(\d+) ", text, re.M)]
    assert risks == list(range(1, len(demo.risks) + 1))
    assert actions == list(range(1, len(demo.actions) + 1))


# ------------------------------------------------------------------------------ charts
def _strings(drawing):
    from reportlab.graphics.shapes import String

    found = []

    def walk(node):
        for child in getattr(node, "contents", []):
            if isinstance(child, String):
                found.append(child)
            walk(child)

    walk(drawing)
    return found


def _extent(string) -> tuple[float, float]:
    width = stringWidth(string.text, string.fontName, string.fontSize)
    start = {"start": string.x, "middle": string.x - width / 2, "end": string.x - width}
    left = start[string.textAnchor]
    return left, left + width


def test_chart_labels_are_whole_and_inside_the_drawing(demo):
    from isodesk.report.charts import heat_map, standard_chart, timeline_chart
    from isodesk.report.styles import CONTENT_WIDTH

    data = demo.snapshot()
    drawings = [standard_chart(data, c.id, lang) for c in data.catalogs for lang in ("nl", "en")]
    drawings.append(heat_map(list(data.risks.values())))
    drawings.append(timeline_chart(data.info.roadmap, list(data.actions.values()),
                                   data.info.report_date))
    for drawing in drawings:
        assert drawing.width <= CONTENT_WIDTH
        for string in _strings(drawing):
            left, right = _extent(string)
            assert "…" not in string.text
            assert -0.5 <= left and right <= drawing.width + 0.5, string.text
            assert 0 <= string.y <= drawing.height, string.text
            assert string.fontSize >= 6.5, string.text  # readable, the radar's rings too
    titles = " ".join(s.text for s in _strings(standard_chart(data, "iso45001-2018", "nl")))
    assert "Leiderschap en participatie van werkenden" in titles  # cut today: "…participatie v…"


def test_value_labels_sit_inside_the_plot_and_unassessed_chapters_say_so():
    from isodesk.domain.model import Answer
    from isodesk.domain.scales import Result
    from isodesk.domain.scoring import score
    from isodesk.report.charts import chapter_chart

    scores = {"4": score([Answer("a", Result.CONFORM, 3)]),
              "5": score([Answer("b")]),
              "6": score([Answer("c", Result.NONCONFORM, 1), Answer("d", Result.CONFORM, 2)]),
              "7": score([Answer("e", Result.PARTIAL, 2)])}
    drawing = chapter_chart(scores, {}, "nl", width=480)
    strings = {s.text: s for s in _strings(drawing)}
    track = (0.34 * 480, 0.34 * 480 + 0.30 * 480)
    for label in ("100%", "50%"):
        left, right = _extent(strings[label])
        assert track[0] <= left and right <= track[1]
    assert [s.text for s in _strings(drawing)].count("niet beoordeeld") == 2  # bar and radar


def test_heat_map_places_each_risk_in_its_cell(demo):
    from isodesk.report.charts import heat_map

    risks = sorted(demo.risks.values(), key=lambda r: r.number)
    drawing = heat_map(risks)
    labels = " ".join(s.text for s in _strings(drawing))
    for risk in risks:
        assert risk.label in labels
    from reportlab.graphics.shapes import Rect

    assert len([c for c in drawing.contents if isinstance(c, Rect)]) == 25


def test_roadmap_timeline_shows_phases_and_open_deadlines(demo):
    from isodesk.domain.scales import ActionStatus
    from isodesk.report.charts import timeline_chart

    data = demo.snapshot()
    pending = [a for a in data.actions.values() if a.status is not ActionStatus.DONE]
    texts = [s.text for s in _strings(timeline_chart(data.info.roadmap, pending,
                                                     data.info.report_date))]
    for phase in data.info.roadmap:
        assert any(phase.title.startswith(t.rstrip("-")) for t in texts), phase.title
    assert {a.label for a in pending} <= set(texts)
    assert "mnd 12" in texts
