"""The report a consultant signs (issue 14, points 1–4 and 9): their own words, document control,
one truth between the SoA, the gap list and the action plan, honest wording on thin data, and a
demo that tells one story. Checked in the PDF and in the Word file."""
from __future__ import annotations

import io
import re

import pytest

from isodesk.app.session import ProjectSession, create_project
from isodesk.domain.scales import Implementation, Result
from isodesk.report.builder import build_report, compose
from isodesk.report.document import Progress
from tests.conftest import run_isodesk
from tests.report_text import docx_text, model_paragraphs, pdf_pages, section, squash

CONCLUSION = "Onze eigen conclusie: de basis is er, de sturing ontbreekt nog."
ADVICE = "Begin met de directiebeoordeling & het auditprogramma."
REMARK = "Hoofdstuk 9 is het zwakst: <geen> audits."


@pytest.fixture
def demo(demo_path):
    session = ProjectSession.open(demo_path)
    yield session
    session.close()


def _both(session, folder, name="rapport", language=None):
    """The PDF pages and the Word text of one snapshot."""
    build_report(session.snapshot(), folder / f"{name}.pdf", language=language)
    build_report(session.snapshot(), folder / f"{name}.docx", language=language)
    return pdf_pages(folder / f"{name}.pdf"), docx_text(folder / f"{name}.docx")


# ------------------------------------------------------------- 1. the consultant's words
def test_consultants_fields_set_on_the_command_line_appear_in_pdf_and_word(demo_path, tmp_path):
    path = str(demo_path)
    assert run_isodesk("set", path, "conclusion", "-", stdin=CONCLUSION).returncode == 0
    assert run_isodesk("set", path, "advice.iso9001-2015", ADVICE).returncode == 0
    assert run_isodesk("set", path, "remark.iso9001-2015:9", REMARK).returncode == 0
    assert run_isodesk("set", path, "strengths", "Sterk: het back-upbeheer.").returncode == 0
    roadmap = "1-2 Opstarten: doelen en auditprogramma\n3-8 Invoeren\n"
    r = run_isodesk("set", path, "roadmap", "-", stdin=roadmap)
    assert r.returncode == 0 and "1-2 Opstarten: doelen en auditprogramma" in r.stdout
    bad = run_isodesk("set", path, "remark.iso9001-2015:11", "x")
    assert bad.returncode == 1 and "is not a chapter of iso9001-2015" in bad.stderr
    assert run_isodesk("set", path, "advice.iso9999", "x").returncode == 1
    assert run_isodesk("set", path, "roadmap", "soon: later").returncode == 1

    session = ProjectSession.open(demo_path, read_only=True)
    pages, word = _both(session, tmp_path)
    session.close()
    summary = squash(section(pages, "1 Managementsamenvatting", "2 Scope en werkwijze"))
    assert squash(CONCLUSION) in summary
    assert squash("Sterk: het back-upbeheer.") in summary
    assert squash("Opstarten") in summary and squash("maand 3–8") in summary
    assert squash(ADVICE) in summary  # in the summary ...
    chapter = squash(section(pages, "3 ISO 9001:2015", "4 ISO/IEC 27001:2022"))
    assert squash(ADVICE) in chapter and squash(REMARK) in chapter  # ... and in its chapter
    # the consultant's conclusion replaces the generated verdict
    assert "binnen bereik" not in summary and "Er ligt een goede basis" not in summary
    for text in (CONCLUSION, ADVICE, REMARK, "Opstarten"):
        assert text in word


def test_consultants_words_are_editable_paragraphs_in_word(demo, tmp_path):
    import docx

    demo.set_info(conclusion=f"{CONCLUSION}\n\nTweede alinea.")
    build_report(demo.snapshot(), tmp_path / "r.docx")
    document = docx.Document(str(tmp_path / "r.docx"))
    own = [p for p in document.paragraphs if p.style.name == "Consultant text"]
    assert [p.text for p in own][:2] == [CONCLUSION, "Tweede alinea."]


def _one_standard(tmp_path, registry, results: dict[str, str], name="een.isodesk"):
    session = create_project(tmp_path / name, "Klant B.V.", ["iso9001-2015"], registry)
    keys = [r.key for r in session.assessable()]
    for key in keys:
        session.set_answer(key, result=results.get(key, "conform"), maturity=3)
    return session


def test_verdict_weighs_open_mandatory_clauses_not_only_the_percentage(tmp_path, registry):
    session = _one_standard(tmp_path, registry, {"iso9001-2015:9.2.2": "nonconform"})
    ctx_text = " ".join(model_paragraphs(compose(session.snapshot(), "nl", Progress(None, None),
                                                 None)))
    assert "98%" in ctx_text  # 64 of 65 conform: far above the "within reach" threshold ...
    assert "binnen bereik" not in ctx_text  # ... but a mandatory clause is not met
    assert "Er voldoet nog één verplichte eis uit de hoofdstukken 4 tot en met 10 niet" in ctx_text
    assert "9.2.2 [Auditprogramma]" in ctx_text and "certificatie niet haalbaar" in ctx_text
    session.set_answer("iso9001-2015:9.2.2", result="conform")
    ctx_text = " ".join(model_paragraphs(compose(session.snapshot(), "en", Progress(None, None),
                                                 None)))
    assert "certification is within reach" in ctx_text
    session.close()


# --------------------------------------------------------------- 2. document control
def test_a_draft_says_concept_on_every_page_and_a_final_report_does_not(demo, tmp_path):
    import docx

    demo.set_info(status="draft", version="0.3", reviewer="K. Mertens",
                  distribution=("Directie", "KAM-coördinator"))
    pages, word = _both(demo, tmp_path, "concept")
    assert all("CONCEPT" in squash(page) for page in pages)
    document = docx.Document(str(tmp_path / "concept.docx"))
    for section_ in document.sections:
        assert "CONCEPT" in [p.text for p in section_.header.paragraphs]
    control = section(pages, "Documentbeheer", "1 Managementsamenvatting")
    for text in ("Versie 0.3", "Status Concept", "Gecontroleerd door K. Mertens", "Directie",
                 "KAM-coördinator", "Kompas Kwaliteitsadvies"):
        assert text in control, text
        assert text.split()[-1] in word
    build_report(demo.snapshot(), tmp_path / "en.pdf", language="en")
    assert all("DRAFT" in squash(page) for page in pdf_pages(tmp_path / "en.pdf"))

    demo.set_info(status="final")
    pages, _ = _both(demo, tmp_path, "final")
    assert not any("CONCEPT" in squash(page) for page in pages)
    assert "Status Definitief" in "".join(pages)
    assert not any("CONCEPT" in p.text for s in docx.Document(str(tmp_path / "final.docx")).sections
                   for p in s.header.paragraphs)


def _big_logo() -> bytes:
    from PIL import Image

    image = Image.effect_noise((4000, 1600), 80).convert("RGB")  # noise: hard to compress
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def test_a_huge_logo_is_kept_small_in_the_project_and_the_report(demo_path, tmp_path):
    logo = tmp_path / "logo.png"
    logo.write_bytes(_big_logo())
    assert logo.stat().st_size > 3_000_000
    assert run_isodesk("set", str(demo_path), "consultancy.logo", str(logo)).returncode == 0
    session = ProjectSession.open(demo_path, read_only=True)
    stored = session.asset("logo")
    from PIL import Image

    assert max(Image.open(io.BytesIO(stored)).size) <= 720 and len(stored) < 1_000_000
    build_report(session.snapshot(), tmp_path / "r.pdf", logo=stored)
    build_report(session.snapshot(), tmp_path / "big.pdf", logo=logo.read_bytes())
    session.close()
    import pypdf

    assert len(pypdf.PdfReader(tmp_path / "r.pdf").pages[0].images) == 1
    # even a logo handed over at full size is scaled down to what the cover prints
    assert (tmp_path / "big.pdf").stat().st_size < 1_500_000
    assert run_isodesk("set", str(demo_path), "consultancy.logo", str(tmp_path)).returncode == 1


def test_title_and_confidentiality_follow_the_report_language(demo, tmp_path):
    build_report(demo.snapshot(), tmp_path / "en.pdf", language="en")
    cover = pdf_pages(tmp_path / "en.pdf")[0]
    assert "Baseline assessment ISO 9001, ISO/IEC 27001" in " ".join(cover.split())
    assert "Confidential — for Van den Heuvel Installatietechniek B.V. only" in cover
    assert "Nulmeting" not in cover and "Vertrouwelijk" not in cover


# ------------------------------------------------------------------------ 3. one truth
def test_soa_gap_list_and_action_plan_tell_the_same_story(demo, tmp_path):
    report = compose(demo.snapshot(), "nl", Progress(None, None), None)
    data = demo.snapshot()
    for req in data.controls():  # implementation status follows the control's own result
        answer, line = data.answer(req.key), data.soa(req.key)
        if answer.result is Result.NONCONFORM:
            assert line.status is Implementation.NOT_IMPLEMENTED
        if answer.result is Result.CONFORM:
            assert line.status is Implementation.IMPLEMENTED
    from isodesk.report.model import Table

    gap_tables = [b for b in report.blocks if isinstance(b, Table)
                  and [c.title for c in b.columns][-1] == "Actie"]
    assert len(gap_tables) == 4
    rows = [row for table in gap_tables for row in table.rows]
    with_action = [r for r in rows if r.cells[-1] != "nog geen actie"]
    assert with_action and all(re.fullmatch(r"A-\d+(, A-\d+)*", r.cells[-1]) for r in with_action)
    # the 9001 audit finding is solved by action A-2 "Auditprogramma 2027 opstellen"
    audit = next(r for r in rows if r.cells[1] == "9.2.2")
    audit_action = next(a for a in demo.actions.values() if "Auditprogramma" in a.title)
    assert audit.cells[-1] == audit_action.label

    text = " ".join(model_paragraphs(report))
    covered = len(with_action)
    assert (f"Van de {len(rows)} tekortkomingen hebben er {covered} een actie in het plan van "
            f"aanpak; voor {len(rows) - covered} is nog geen actie vastgelegd.") in text
    assert "om de tekortkomingen op te lossen" not in text

    pages, word = _both(demo, tmp_path)
    assert "nog geen actie" in "".join(pages) and "nog geen actie" in word
    assert squash(f"voor {len(rows) - covered} is nog geen actie vastgelegd") in squash(
        "".join(pages))


# -------------------------------------------------------------------------- 4. thin data
def test_few_assessed_items_make_the_figures_provisional(tmp_path, registry):
    session = create_project(tmp_path / "dun.isodesk", "Klant B.V.", ["iso9001-2015"], registry)
    for key in [r.key for r in session.assessable()][:5]:
        session.set_answer(key, result="conform", maturity=4)
    pages, word = _both(session, tmp_path)
    session.close()
    summary = section(pages, "1 Managementsamenvatting", "2 Scope en werkwijze")
    assert "pas 5 van de 65 eisen zijn beoordeeld" in summary
    assert "voorlopig" in summary and "100% (voorlopig)" in summary
    assert "binnen bereik" not in summary
    assert "Voor ISO 9001:2015 voldoet de organisatie" in summary  # one standard ...
    assert "Over alle normen samen" not in summary  # ... is not "all standards together"
    assert "voorlopig" in word


def test_an_empty_project_in_word_is_short_too(small_project, tmp_path):
    session = ProjectSession.open(small_project, read_only=True)
    build_report(session.snapshot(), tmp_path / "leeg.docx", language="en")
    session.close()
    text = docx_text(tmp_path / "leeg.docx")
    assert "No requirement has been assessed yet" in text
    assert "Full checklist" not in text and "Gap list" not in text


# --------------------------------------------------------------------------- 9. the demo
def test_the_demo_tells_one_consistent_story(demo):
    data = demo.snapshot()
    clauses = [r for r in data.assessable() if r.kind == "clause"]
    assert not [r.key for r in clauses if data.answer(r.key).result is Result.NA]
    review = [data.answer(r.key).result for r in clauses if r.ref.split(".")[:2] == ["9", "3"]]
    audits = [data.answer(r.key).result for r in clauses if r.ref.split(".")[:2] == ["9", "2"]]
    assert len(review) >= 8 and set(review) == {Result.NONCONFORM}  # not done, everywhere
    assert len(audits) >= 8 and set(audits) == {Result.NONCONFORM}
    findings = {a.findings for a in data.answers.values() if a.findings and not a.linked_to}
    assert len(findings) > 30
    justifications = {data.soa(r.key).justification for r in data.controls()} - {""}
    assert len(justifications) >= 6
    info = data.info
    assert info.conclusion and info.strengths and info.roadmap and info.status == "final"
    assert {n.key for n in info.advice} == {c.id for c in data.catalogs}
    # the consultant's conclusion says what the figures say: mandatory clauses are open
    assert "certificatie niet haalbaar" in info.conclusion


def test_new_projects_take_the_consultancy_from_the_settings_and_keep_it(tmp_path, registry):
    from PIL import Image

    from isodesk.app.settings import Settings

    logo = tmp_path / "kompas.png"
    Image.new("RGB", (2400, 800), (42, 127, 158)).save(logo)
    settings = Settings(consultancy="Kompas Kwaliteitsadvies",
                        consultancy_contact="040 123 45 67", logo_path=str(logo))
    settings.save()
    session = create_project(tmp_path / "nieuw.isodesk", "Klant", ["iso9001-2015"], registry)
    assert session.info.consultancy == "Kompas Kwaliteitsadvies"
    assert session.asset("logo") is not None
    session.close()
    logo.unlink()  # a colleague's machine: neither the settings' logo nor its name are there
    Settings().save()
    out = tmp_path / "r.pdf"
    assert run_isodesk("report", str(tmp_path / "nieuw.isodesk"), str(out)).returncode == 0
    import pypdf

    assert "Kompas Kwaliteitsadvies" in pdf_pages(out)[0]
    assert len(pypdf.PdfReader(out).pages[0].images) == 1
