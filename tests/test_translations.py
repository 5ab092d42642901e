"""Every user-interface string has a Dutch translation, and placeholders survive translation."""
import re
import sys

from isodesk.support import i18n
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
from update_translations import source_strings  # noqa: E402


def test_every_string_is_translated_to_dutch():
    catalog = i18n.parse_po((ROOT / "resources" / "translations" / "nl.po").read_text(encoding="utf-8"))
    missing = [s for s in source_strings() if s not in catalog]
    assert missing == [], "run tools/update_translations.py and translate: " + repr(missing[:5])


def test_placeholders_match():
    catalog = i18n.parse_po((ROOT / "resources" / "translations" / "nl.po").read_text(encoding="utf-8"))
    for source, dutch in catalog.items():
        assert sorted(re.findall(r"{\w+}", source)) == sorted(re.findall(r"{\w+}", dutch)), source


def test_tr_switches_language():
    i18n.set_language("nl")
    try:
        assert i18n.tr("&File") == "&Bestand"
        assert i18n.format_date(__import__("datetime").date(2026, 11, 9)) == "09-11-2026"
    finally:
        i18n.set_language("en")
    assert i18n.tr("&File") == "&File"


def test_system_language(monkeypatch):
    monkeypatch.setenv("LC_ALL", "nl_BE.UTF-8")
    assert i18n.system_language() == "nl"
    monkeypatch.setenv("LC_ALL", "en_GB.UTF-8")
    assert i18n.system_language() == "en"
