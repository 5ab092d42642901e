"""The report of a transition project (ISO 14001:2015 → ISO 14001:2026): the new edition is the
standard, followed by the transition chapter (what changed, readiness per requirement); the
old edition appears only there. Also: the Annex A appendix by 27002 attribute, and linked
clauses where the report names them."""
import pytest

from isodesk.app.session import create_project
from isodesk.app.transition import apply_transition, plan_transition
from isodesk.report.builder import build_report, compose
from isodesk.report.document import Progress
from isodesk.report.model import Heading, Table
from tests.report_text import docx_text, model_paragraphs, pdf_pages, squash

OLD, NEW = "iso14001-2015", "iso14001-2026"


@pytest.fixture
def transition(tmp_path, registry):
    s = create_project(tmp_path / "milieu.isodesk", "Milieu B.V.", ["iso9001-2015", OLD], registry)
    for ref, result, finding in (("4.1", "conform", "Contextanalyse 2025"),
                                 ("6.1.4", "nonconform", "Geen maatregelenplan"),
                                 ("7.2", "partial", "Opleidingsmatrix onvolledig"),
                                 ("10.1", "conform", "Verbeterregister"),
                                 ("10.3", "partial", "Geen trends")):
        s.set_answer(f"{OLD}:{ref}", result=result, maturity=2, findings=finding)
    s.add_action("Maatregelenplan opstellen", keys=[f"{OLD}:6.1.4"])
    apply_transition(s, plan_transition(s, registry, NEW))
    yield s
    s.close()


def _model(session, lang="en"):
    return compose(session.snapshot(), lang, Progress(None, None), None)


def _headings(report):
    return [b for b in report.blocks if isinstance(b, Heading)]


def _rows(report, first_column_title):
    """The rows of the tables whose first column is ``first_column_title``, by their first cell."""
    rows = {}
    for block in report.blocks:
        if isinstance(block, Table) and block.columns[0].title == first_column_title:
            rows.update({r.cells[0]: r.cells for r in block.rows if not r.group})
    return rows


def _table_after(report, heading_title):
    blocks = report.blocks
    start = next(i for i, b in enumerate(blocks)
                 if isinstance(b, Heading) and b.title == heading_title)
    return next(b for b in blocks[start:] if isinstance(b, Table))


def _readiness(report):
    """The readiness table: ref → (in the old edition, result now, readiness)."""
    table = _table_after(report, "Readiness per requirement")
    return {r.cells[0]: r.cells[2:] for r in table.rows if not r.group}


def test_the_new_edition_is_reported_with_its_transition_chapter_after_it(transition):
    report = _model(transition)
    chapters = [h for h in _headings(report) if h.level == 0 and h.number.isdigit()]
    titles = [h.title for h in chapters]
    assert titles[2:5] == ["ISO 9001:2015", "ISO 14001:2026",
                           "Transition from ISO 14001:2015 to ISO 14001:2026"]
    assert "ISO 14001:2015" not in titles and "Risks and action plan" in titles
    text = " ".join(model_paragraphs(report))
    assert "ISO 14001:2015 is therefore not reported as a standard of its own" in text
    # the management summary names the transition with its chapter; the summary's reference to
    # the action plan's chapter is still right with the extra chapter
    risks = next(h for h in chapters if h.title == "Risks and action plan").number
    assert ("Transition to ISO 14001:2026 (chapter 5): 0 of the 35 requirements ready. "
            "Still to do: re-verify 2 carried-over answers, resolve 2 gaps and assess 31 requirements.") in text
    assert f"The action plan in chapter {risks} holds one action" in text
    kpi = _rows(report, "Standard")
    assert "ISO 14001:2026" in kpi and "ISO 14001:2015" not in kpi
    # the action on the old 6.1.4 addresses the gap of 6.1.5, which continues it
    gap = next(r.cells for b in report.blocks if isinstance(b, Table)
               and b.columns[0].title == "Priority" for r in b.rows if r.cells[1] == "6.1.5")
    assert gap[-1] == "A-1"
    assert _rows(report, "#")["A-1"][-1] == "ISO 14001 6.1.5"


def test_the_chapter_lists_what_changed_and_the_readiness_per_requirement(transition):
    report = _model(transition)
    changes = {r.cells[0]: r.cells for r in _table_after(report, "What changes").rows}
    assert changes["6.3"][2] == "New"
    assert changes["6.1.5"][2] == "Renumbered\nwas 6.1.4"
    assert changes["6.1.4 *"][2] == "Changed\nwas 6.1.1"
    assert changes["10.1 *"][2] == "Changed\nwas 10.1 + 10.3"
    assert changes["4.1 *"][2] == "Changed" and "environmental conditions" in changes["4.1 *"][3]
    assert "7.2" not in changes  # unchanged, same number
    readiness = _readiness(report)
    assert readiness["4.1 *"] == ["4.1 Conform", "Conform", "Re-verify"]
    assert readiness["6.1.5"] == ["6.1.4 Not conform", "Not conform", "Gap"]
    assert readiness["10.1 *"] == ["10.1 Conform\n10.3 Partially conform", "Partially conform",
                                   "Re-verify"]
    assert readiness["6.3"] == ["new requirement", "Not assessed", "Not assessed"]
    assert readiness["9.3.1 *"] == ["9.3 Not assessed", "Not assessed", "Not assessed"]

    transition.set_answer(f"{NEW}:4.1", result="conform")  # checked: still conform
    transition.set_answer(f"{NEW}:6.3", result="conform", maturity=3)
    report = _model(transition)
    readiness = _readiness(report)
    assert readiness["4.1 *"][-1] == "Ready" and readiness["6.3"][-1] == "Ready"
    text = " ".join(model_paragraphs(report))
    assert "Ready for ISO 14001:2026: 2 of the 35 requirements" in text


def test_the_chapter_in_pdf_and_word(transition, tmp_path):
    pdf, word = tmp_path / "r.pdf", tmp_path / "r.docx"
    build_report(transition.snapshot(), pdf, language="nl")
    build_report(transition.snapshot(), word, language="nl")
    text = squash("".join(pdf_pages(pdf)))
    for words in ("Transitie van ISO 14001:2015 naar ISO 14001:2026", "Wat er verandert",
                  "Gereedheid per eis", "Hernummerd was 6.1.4", "Opnieuw toetsen"):
        assert squash(words) in text, words
    word_text = docx_text(word)
    assert "Transitie van ISO 14001:2015 naar ISO 14001:2026" in word_text
    assert "Gereedheid per eis" in word_text and "Hernummerd\nwas 6.1.4" in word_text


def test_annex_a_controls_by_attribute(tmp_path, registry):
    s = create_project(tmp_path / "isms.isodesk", "Data B.V.", ["iso27001-2022"], registry)
    try:
        s.set_answer("iso27001-2022:A.8.8", result="conform", maturity=3)  # #Preventive
        s.set_answer("iso27001-2022:A.8.16", result="partial", maturity=2)  # #Detective
        s.set_answer("iso27001-2022:A.7.4", result="na")
        report = _model(s)
    finally:
        s.close()
    appendix = next(h for h in _headings(report) if h.title == "Controls by attribute")
    assert appendix.number == "Appendix B"
    types = _table_after(report, "Control type")
    rows = {r.cells[0]: r.cells[1:] for r in types.rows}
    controls = registry.get("iso27001-2022").assessable
    preventive = sum(1 for r in controls if "#Preventive" in r.attributes.get("control_type", ()))
    # controls, applicable, implemented
    assert rows["#Preventive"][:3] == [str(preventive), "1", "1"]
    assert rows["#Detective"][1:5] == ["1", "0", "1", "0"]
    assert "#Threat and vulnerability management" in {
        r.cells[0] for r in _table_after(report, "Operational capabilities").rows}


def test_the_appendix_names_the_answer_a_linked_clause_follows(demo_path):
    from isodesk.app.session import ProjectSession

    s = ProjectSession.open(demo_path, read_only=True)
    try:
        follower = next(a for a in s.answers.values() if a.linked_to)
        source = s.requirement(follower.linked_to)
        report = _model(s)
    finally:
        s.close()
    ref = s.requirement(follower.key).ref
    cells = [r.cells for b in report.blocks if isinstance(b, Table) for r in b.rows
             if r.cells and r.cells[0] == ref]
    expected = f"Same answer as {s.catalog(source.catalog_id).name} {source.ref}"
    assert any(len(c) > 4 and c[4].startswith(expected) for c in cells)


USER_CATALOG = '''
[catalog]
id = "acme-2024"
format = 1
standard = "ACME"
edition = "2024"
title = { nl = "Eigen norm", en = "Own standard" }
languages = ["nl", "en"]

[[item]]
ref = "3"
title = { nl = "Mensen", en = "People" }

[[item]]
ref = "3.1"
title = { nl = "Opleiding", en = "Training" }
summary = { nl = "Medewerkers zijn opgeleid.", en = "Staff are trained." }
questions.nl = ["Hoe bent u opgeleid?", "Wie houdt dat bij?"]
questions.en = ["How were you trained?", "Who records it?"]
evidence.nl = ["Opleidingsmatrix"]
evidence.en = ["Training matrix"]
links.same = ["iso9001-2015:7.2"]
'''


def test_top_gaps_join_clauses_the_catalogs_link_as_the_same_requirement(tmp_path, isodesk_home):
    """ACME 3.1 is linked to ISO 9001 7.2 in the catalog (not by the shared structure or by
    number): the same finding in both is one line of the top gaps that names the other."""
    from isodesk.catalog import CatalogRegistry
    from tests.conftest import ROOT

    folder = isodesk_home / "catalogs"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "acme-2024.toml").write_text(USER_CATALOG, encoding="utf-8")
    registry = CatalogRegistry(ROOT / "norm_catalogs", folder)
    s = create_project(tmp_path / "eigen.isodesk", "Eigen B.V.", ["iso9001-2015", "acme-2024"],
                       registry, share_answers=False)
    try:
        for key in ("iso9001-2015:7.2", "acme-2024:3.1"):
            s.set_answer(key, result="nonconform", findings="Geen opleidingsplan")
        lines = [p for p in model_paragraphs(_model(s)) if "Geen opleidingsplan" in p]
    finally:
        s.close()
    assert len(lines) == 1 and "(also applies to ACME:2024)" in lines[0], lines


def test_answers_no_clause_of_the_new_edition_continues_are_named(transition):
    """(Not so with the ISO 14001 catalogs, where every 2015 clause is continued: a catalog
    update could drop one.) The chapter names the old answers that went nowhere."""
    from dataclasses import replace

    data = transition.snapshot()
    cut = tuple(r._replace(continues=(), new_in_edition=True) if r.key == f"{NEW}:7.2" else r
                for r in data.requirements)
    report = compose(replace(data, requirements=cut), "en", Progress(None, None), None)
    assert ("Not carried over: no requirement of ISO 14001:2026 continues these assessed "
            "requirements of ISO 14001:2015: 7.2.") in model_paragraphs(report)
