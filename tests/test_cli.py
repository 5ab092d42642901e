"""The command line: round trips, exit codes, one-line errors, JSON shapes."""
import json

import pytest

from tests.conftest import run_isodesk


def test_version():
    r = run_isodesk("--version")
    assert r.returncode == 0
    assert r.stdout.startswith("isodesk ")


def test_new_answer_info_round_trip(tmp_path):
    path = tmp_path / "p.isodesk"
    r = run_isodesk("new", str(path), "--client", "Bakkerij Ĳzerman", "--norm", "iso9001-2015",
                    "--norm", "iso27001-2022", "--lang", "nl", "--assessor", "A. de Boer")
    assert r.returncode == 0, r.stderr
    r = run_isodesk("answer", str(path), "iso9001-2015:7.1.5.2", "--result", "partial",
                    "--maturity", "2", "--note", "Kalibratie <ontbreekt> & ß", "--evidence", "Lijst")
    assert r.returncode == 0, r.stderr
    run_isodesk("answer", str(path), "iso27001-2022:A.5.1", "--result", "conform", "--maturity", "4")
    run_isodesk("answer", str(path), "iso9001-2015:4.1", "--result", "na")
    r = run_isodesk("info", str(path), "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["client"] == "Bakkerij Ĳzerman"
    by_id = {s["id"]: s for s in data["standards"]}
    s9001 = by_id["iso9001-2015"]
    assert s9001["counts"]["partial"] == 1 and s9001["counts"]["na"] == 1
    assert s9001["counts"]["open"] == s9001["items"] - 2
    assert s9001["compliance"] == 50.0 and s9001["maturity"] == 2.0
    assert by_id["iso27001-2022"]["compliance"] == 100.0
    assert by_id["iso27001-2022"]["maturity"] == 4.0
    text = run_isodesk("info", str(path)).stdout
    assert "ISO 9001:2015" in text and "50.0%" in text


@pytest.mark.parametrize("args, code", [
    (["answer", "{p}", "iso9001-2015:99.9", "--result", "conform"], 1),
    (["answer", "{p}", "iso9001-2015:7.1", "--result", "conform"], 1),  # a heading
    (["answer", "{p}", "iso9001-2015:4.1", "--result", "misschien"], 2),
    (["answer", "{p}", "iso9001-2015:4.1", "--maturity", "7"], 2),
    (["answer", "{p}", "iso9001-2015:4.1"], 2),
    (["info"], 2),
    (["bogus-command-file.isodesk", "--nonsense"], 2),
    (["new", "{p}", "--client", "X", "--norm", "iso9999-2000"], 1),  # exists already / unknown
    (["info", "{missing}"], 1),
])
def test_errors_are_one_line_without_traceback(tmp_path, args, code):
    path = tmp_path / "p.isodesk"
    assert run_isodesk("new", str(path), "--client", "X", "--norm", "iso9001-2015").returncode == 0
    before = path.read_bytes()
    args = [a.format(p=path, missing=tmp_path / "nope.isodesk") for a in args]
    r = run_isodesk(*args)
    assert r.returncode == code
    assert "Traceback" not in r.stderr
    if code == 1:
        assert len(r.stderr.strip().splitlines()) == 1
        assert r.stderr.startswith("isodesk: ")
    assert path.read_bytes() == before


def test_catalogs_json_lists_the_four_standards():
    r = run_isodesk("catalogs", "--json")
    assert r.returncode == 0, r.stderr
    ids = {c["id"] for c in json.loads(r.stdout)}
    assert {"iso9001-2015", "iso27001-2022", "iso14001-2015", "iso45001-2018"} <= ids


def test_catalog_show_json_fields():
    r = run_isodesk("catalog", "show", "iso27001-2022", "--json")
    assert r.returncode == 0, r.stderr
    items = {i["key"]: i for i in json.loads(r.stdout)["items"]}
    control = items["iso27001-2022:A.5.1"]
    for field in ("key", "ref", "parent", "level", "assessable", "kind", "title", "summary",
                  "questions", "evidence", "hs", "theme"):
        assert field in control
    assert control["kind"] == "control" and control["theme"] == "organizational"
    assert control["parent"] == "A.5" and control["assessable"] is True
    clause = items["iso27001-2022:9.3.2"]
    assert clause["kind"] == "clause" and clause["hs"] == "9.3.2" and clause["level"] == 3
    assert len(clause["questions"]["nl"]) >= 2 and clause["title"]["en"]


def test_catalog_show_unknown_id_exit_1():
    r = run_isodesk("catalog", "show", "nope-2000")
    assert r.returncode == 1 and "nope-2000" in r.stderr


def test_check_ok_and_damaged(tmp_path, demo_path):
    r = run_isodesk("check", str(demo_path))
    assert r.returncode == 0 and r.stdout.startswith("OK")
    bad = tmp_path / "bad.isodesk"
    bad.write_text("hello")
    r = run_isodesk("check", str(bad))
    assert r.returncode == 1 and r.stderr.startswith("FAILED")


def test_demo_uses_all_four_standards(tmp_path):
    path = tmp_path / "d.isodesk"
    assert run_isodesk("demo", str(path)).returncode == 0
    data = json.loads(run_isodesk("info", str(path), "--json").stdout)
    assert [s["id"] for s in data["standards"]] == [
        "iso9001-2015", "iso27001-2022", "iso14001-2015", "iso45001-2018"]
    assert data["actions"] > 5 and data["risks"] > 3
    assert all(s["counts"]["conform"] and s["counts"]["partial"] for s in data["standards"])
    r = run_isodesk("demo", str(path))
    assert r.returncode == 1 and "already exists" in r.stderr
