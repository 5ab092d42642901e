"""The stress project of the benchmarks: a synthetic catalog with 5,000 assessable items, every
one answered with a note, plus actions and risks. Built through the public API."""
from __future__ import annotations

import random
from datetime import date
from pathlib import Path

from isodesk.app.session import ProjectSession
from isodesk.catalog.loader import load_catalog
from isodesk.domain.model import Answer, ProjectInfo
from isodesk.domain.scales import FindingType, Result

ROOT = Path(__file__).resolve().parents[2]


def write_stress_catalog(folder: Path, items: int = 5000) -> Path:
    """``stress-1`` with 10 chapters × 25 sections × N/250 sub-clauses."""
    per_section = max(1, items // 250)
    lines = ['[catalog]', 'id = "stress-1"', 'format = 1', 'standard = "STRESS"', 'edition = "1"',
             'title = { nl = "Stresstest", en = "Stress test" }', '']
    for c in range(1, 11):
        lines += ['[[item]]', f'ref = "{c}"', f'title = {{ nl = "Hoofdstuk {c}", en = "Chapter {c}" }}', '']
        for s in range(1, 26):
            lines += ['[[item]]', f'ref = "{c}.{s}"',
                      f'title = {{ nl = "Paragraaf {c}.{s}", en = "Section {c}.{s}" }}', '']
            for n in range(1, per_section + 1):
                ref = f"{c}.{s}.{n}"
                lines += [
                    '[[item]]', f'ref = "{ref}"',
                    f'title = {{ nl = "Eis {ref} over beheersing", en = "Requirement {ref} on control" }}',
                    f'summary = {{ nl = "De organisatie toont aan dat eis {ref} is ingericht en werkt.", '
                    f'en = "The organization shows that requirement {ref} is in place and works." }}',
                    'questions.nl = ["Hoe is dit geregeld?", "Laat eens een registratie zien?"]',
                    'questions.en = ["How is this arranged?", "Can you show a record?"]',
                    'evidence.nl = ["Procedure", "Registraties"]',
                    'evidence.en = ["Procedure", "Records"]', '']
    path = folder / "stress-1.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


NOTE = ("Tijdens het interview bleek dat de werkwijze bekend is bij de medewerkers, maar de "
        "vastlegging is onvolledig en de laatste evaluatie dateert van vorig jaar. ")


def write_stress_project(path: Path, items: int = 5000) -> Path:
    catalog = load_catalog(write_stress_catalog(path.parent, items))
    session = ProjectSession.create(path, ProjectInfo(client="Stress B.V.", language="nl"), [catalog])
    rng = random.Random(5000)
    results = [Result.CONFORM, Result.PARTIAL, Result.NONCONFORM, Result.NA]
    answers = []
    for i, req in enumerate(session.assessable()):
        result = rng.choice(results)
        answers.append(Answer(req.key, result, None if result is Result.NA else rng.randint(0, 5),
                              f"{NOTE}Bevinding {i}.", f"Document {i}", "Kwaliteitsmanager",
                              date(2026, 11, 1), rng.choice([None, FindingType.MINOR, FindingType.OFI])))
    session.replace_answers(answers, "stress answers")
    keys = [r.key for r in session.assessable()]
    for i in range(100):
        session.add_action(f"Actie {i}", owner="Eigenaar", keys=keys[i * 7: i * 7 + 3])
    for i in range(50):
        session.add_risk(f"Risico {i}", likelihood=1 + i % 5, impact=1 + (i * 3) % 5, keys=keys[i: i + 2])
    session.close()
    return path
