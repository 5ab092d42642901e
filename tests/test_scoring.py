import pytest

from isodesk.domain.model import Answer, Requirement
from isodesk.domain.scales import Result, parse_maturity
from isodesk.domain.scoring import score, score_by_chapter


def _a(result, maturity=None):
    return Answer("k", Result(result), maturity)


def test_compliance_formula_excludes_na_and_open():
    s = score([_a("conform", 4), _a("partial", 2), _a("nonconform", 0), _a("na", 5), _a("open")])
    assert s.compliance == pytest.approx(100 * 1.5 / 3)
    assert s.maturity == pytest.approx(2.0)  # n.a. maturity ignored
    assert s.items == 5 and s.assessed == 4 and s.progress == 80.0


def test_nothing_judged_gives_none():
    s = score([_a("na"), _a("open")])
    assert s.compliance is None and s.maturity is None


def test_by_chapter():
    reqs = [Requirement(f"c:{ref}", "c", ref, None, 1, i, True, "clause", {"nl": "", "en": ""})
            for i, ref in enumerate(["4.1", "4.2", "5.1", "A.5.1"])]
    answers = {"c:4.1": Answer("c:4.1", Result.CONFORM), "c:5.1": Answer("c:5.1", Result.NONCONFORM)}
    by = score_by_chapter(reqs, answers)
    assert list(by) == ["4", "5", "A.5"]
    assert by["4"].compliance == 100.0 and by["4"].counts[Result.OPEN] == 1
    assert by["5"].compliance == 0.0


@pytest.mark.parametrize("value, expected", [
    (3, 3), (0, 0), (2.0, 2), ("4", 4), ("3 - Defined", 3), ("5. Optimaliserend", 5),
    ("Gedefinieerd", 3), ("", None), (None, None)])
def test_parse_maturity(value, expected):
    assert parse_maturity(value) == expected


@pytest.mark.parametrize("value", [6, -1, 2.5, "hoog", True])
def test_parse_maturity_rejects(value):
    with pytest.raises(ValueError):
        parse_maturity(value)


def test_result_labels_in_both_languages():
    assert Result.parse("Voldoet deels") is Result.PARTIAL
    assert Result.parse("partially conform") is Result.PARTIAL
    assert Result.parse("NIET VAN TOEPASSING") is Result.NA
    assert Result.parse("misschien") is None
