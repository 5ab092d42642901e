"""The report's building blocks the GUI reuses or a reader relies on: gap priorities, the chapter
chart Drawing, and text that must print literally."""
from __future__ import annotations

import pytest

from isodesk.domain.model import Answer
from isodesk.domain.scales import FindingType, Priority, Result
from isodesk.domain.scoring import score


@pytest.mark.parametrize("result, finding_type, risk, expected", [
    (Result.NONCONFORM, None, 0, Priority.HIGH),
    (Result.NONCONFORM, FindingType.MAJOR, 0, Priority.HIGH),
    (Result.NONCONFORM, FindingType.MINOR, 0, Priority.MEDIUM),  # the assessor's judgement
    (Result.NONCONFORM, FindingType.MINOR, 16, Priority.HIGH),  # ... unless a high risk hangs on it
    (Result.PARTIAL, FindingType.MAJOR, 0, Priority.HIGH),
    (Result.PARTIAL, FindingType.MINOR, 0, Priority.MEDIUM),
    (Result.PARTIAL, FindingType.MINOR, 15, Priority.HIGH),
    (Result.PARTIAL, None, 0, Priority.MEDIUM),
    (Result.PARTIAL, FindingType.OBSERVATION, 0, Priority.LOW),
    (Result.PARTIAL, FindingType.OFI, 7, Priority.LOW),
    (Result.PARTIAL, FindingType.OFI, 8, Priority.MEDIUM),  # a medium risk lifts a suggestion
    (Result.CONFORM, FindingType.MAJOR, 25, None),
    (Result.NA, None, 0, None),
    (Result.OPEN, None, 0, None),
])
def test_gap_priority_weighs_result_finding_type_and_linked_risks(result, finding_type, risk,
                                                                  expected):
    from isodesk.report.gaps import gap_priority

    assert gap_priority(Answer("x:1", result, finding_type=finding_type), risk) == expected


def _strings(drawing) -> list[str]:
    from reportlab.graphics.shapes import String

    found = []

    def walk(node):
        for child in getattr(node, "contents", []):
            if isinstance(child, String):
                found.append(child.text)
            walk(child)

    walk(drawing)
    return found


def test_chapter_chart_marks_unjudged_chapters_and_renders_to_svg():
    from reportlab.graphics import renderSVG

    from isodesk.report.charts import chapter_chart

    scores = {
        "4": score([Answer("a", Result.CONFORM, 3), Answer("b", Result.PARTIAL, 2)]),
        "5": score([Answer("c")]),  # nobody judged chapter 5
        "6": score([Answer("d", Result.NONCONFORM, 1)]),
        "A.5": score([Answer("e", Result.CONFORM, 4)]),
    }
    titles = {"4": "Context of the organization", "5": "Leadership", "6": "Planning",
              "A.5": "Organizational controls with a title far too long to fit beside the bars"}
    drawing = chapter_chart(scores, titles, "en", width=480)
    assert drawing.width == 480 and drawing.height > 100
    texts = _strings(drawing)
    assert "75%" in texts and "0%" in texts and "100%" in texts
    # the bar says so, and the radar's open circle is explained under it
    assert texts.count("not yet assessed") == 2
    # a long title wraps over lines instead of being cut
    assert not any("…" in t for t in texts)
    assert "Organizational controls with a title far too long to fit beside the bars" in \
        " ".join(t for t in texts if t not in ("A.5",))
    assert "Maturity per chapter (0–5)" in texts
    svg = renderSVG.drawToString(drawing)
    assert "not yet assessed" in svg and "Leadership" in svg


def test_chart_without_any_maturity_says_so():
    from isodesk.report.charts import chapter_chart

    scores = {c: score([Answer(c)]) for c in ("4", "5", "6", "7")}
    texts = _strings(chapter_chart(scores, {}, "nl"))
    assert "Nog geen volwassenheid gegeven" in texts
    assert texts.count("niet beoordeeld") == 4


def test_markup_escapes_user_text_and_replaces_missing_glyphs():
    from isodesk.report.escape import fill, markup

    assert markup('<img src="x.png"/> & <b>') == '&lt;img src="x.png"/&gt; &amp; &lt;b&gt;'
    assert markup("twee\nregels") == "twee<br/>regels"
    assert markup("ĳ € é ß") == "ĳ € é ß"
    assert markup("bel\x07 \U0001F600 \ud800") == "bel\ufffd \ufffd \ufffd"
    assert fill("<b>{name}</b>", name="<i>") == "<b>&lt;i&gt;</b>"


def test_long_words_are_broken_to_fit_their_column():
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from isodesk.report import fonts
    from isodesk.report.tables import wrap_lines

    fonts.register()
    lines = wrap_lines("kort " + "x" * 300 + " einde\ntweede alinea", 100)
    assert lines[0] == "kort" and lines[-1] == "tweede alinea"
    pieces = lines[1:-2]  # the long word's pieces, each ending in a hyphen
    assert len(pieces) > 3 and all(p.endswith("-") for p in pieces)
    assert "".join(p[:-1] for p in pieces) + lines[-2] == "x" * 300 + " einde"
    assert all(stringWidth(line, fonts.REGULAR, 7.8) <= 100 for line in lines)


def test_row_table_pages_keep_every_line_once_and_fit_their_page():
    from isodesk.report import fonts
    from isodesk.report.tables import Column, Row, RowTable

    fonts.register()
    columns = [Column("Ref", 40), Column("Finding", 200)]
    rows = [Row(["group"], group=True)]
    rows += [Row([f"{i}", f"short finding {i}"]) for i in range(30)]
    rows.append(Row(["long", "\n".join(f"line {n}" for n in range(100))]))  # taller than a page
    rows += [Row(["group 2"], group=True)] + [Row([f"b{i}", "x"]) for i in range(20)]
    page = 300.0
    current, pieces = RowTable(columns, rows), []
    while True:
        if current.wrap(240, page)[1] <= page:
            pieces.append(current._table(current._items(current.progress_rows)))
            break
        first, *rest = current.split(240, page)
        assert first.wrap(240, page)[1] <= page
        pieces.append(first)
        current = rest[-1]
    assert len(pieces) > 5
    for piece in pieces:
        assert piece.texts[0].cells == [["Ref"], ["Finding"]]  # the header on every page
        assert not piece.texts[-1].group  # no sub-heading left alone at the foot of a page
    finding_lines = [line for piece in pieces for row in piece.texts[1:] if not row.group
                     for line in row.cells[1]]
    expected = [f"short finding {i}" for i in range(30)] + [f"line {n}" for n in range(100)]
    assert finding_lines == expected + ["x"] * 20
    assert sum(piece.progress_rows for piece in pieces) == len(rows)


def test_standard_chart_of_an_open_project(demo_path):
    from isodesk.app.session import ProjectSession
    from isodesk.report.charts import standard_chart

    session = ProjectSession.open(demo_path, read_only=True)
    texts = _strings(standard_chart(session, "iso27001-2022", "en"))
    session.close()
    assert "Context of the organization" in texts and "Physical controls" in texts
    assert "A.8" in texts  # Annex A themes are chapters too
    assert any(t.endswith("%") for t in texts)


def test_two_chapters_show_maturity_as_bars_instead_of_a_radar():
    from isodesk.report.charts import chapter_chart

    scores = {"1": score([Answer("a", Result.CONFORM, 4)]), "2": score([Answer("b")])}
    texts = _strings(chapter_chart(scores, {"1": "Een", "2": "Twee"}, "nl"))
    assert "4,0" in texts and "–" in texts  # chapter 2 has no maturity


def test_the_last_row_of_a_table_never_goes_to_a_page_alone():
    from reportlab.platypus import PageBreak

    from isodesk.report import fonts
    from isodesk.report.tables import Column, Row, RowTable

    fonts.register()
    table = RowTable([Column("Ref", 40), Column("Finding", 200)],
                     [Row([str(i), f"finding {i}"]) for i in range(10)])
    row = table._body.ends[0]
    room = table._body.header_height + 9 * row + 1  # nine of the ten rows fit
    first, *rest = table.split(240, room)
    assert len(first.texts) - 1 == 8  # the header and eight rows; two rows go on together
    assert isinstance(rest[0], PageBreak)  # the page ends although the ninth row would fit
    assert rest[-1].progress_rows == 2
