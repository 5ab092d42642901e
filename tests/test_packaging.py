"""The wheel a consultant's IT department would install: built from this checkout, installed into a
clean virtual environment outside it, and used from there — demo, report, Excel round trip and the
window — with the catalogs, translations, fonts and icons it carries, not the checkout's.

The wheel (and the sdist it is built from) is made once per test session; the clean environment
takes isodesk's dependencies from the configured package index (pip's cache makes that ~5 s).
"""
from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from isodesk import __version__
from tests.conftest import ROOT

pytestmark = pytest.mark.slow

DATA = [
    "norm_catalogs/iso9001-2015.toml", "norm_catalogs/iso27001-2022.toml",
    "norm_catalogs/iso14001-2015.toml", "norm_catalogs/iso45001-2018.toml",
    "norm_catalogs/harmonized-structure.toml",
    "resources/translations/nl.po", "resources/translations/nl.mo",
    "resources/fonts/DejaVuSans.ttf", "resources/fonts/DejaVuSans-Bold.ttf",
    "resources/icons/isodesk.svg",
]


@pytest.fixture(scope="session")
def dists(tmp_path_factory) -> Path:
    """sdist and wheel, the wheel built from the unpacked sdist (as `python -m build` does)."""
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out),
                           str(ROOT)], capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return out


@pytest.fixture(scope="session")
def wheel(dists) -> Path:
    return dists / f"isodesk-{__version__}-py3-none-any.whl"


@pytest.fixture(scope="session")
def venv(tmp_path_factory, wheel) -> Path:
    """A clean virtual environment (no access to this checkout or the test venv) with the wheel."""
    env = tmp_path_factory.mktemp("clean") / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env)], check=True)
    python = env / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    done = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q",
                           str(wheel)], capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return env


@pytest.fixture
def user(tmp_path, venv):
    """Runs a program of the clean environment in an empty folder outside the checkout."""
    work = tmp_path / "work"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(ISODESK_HOME=str(tmp_path / "home"), QT_QPA_PLATFORM="offscreen")
    env["PATH"] = str(venv / "bin") + os.pathsep + env.get("PATH", "")

    def run(*args: str, extra_env: dict | None = None) -> subprocess.CompletedProcess:
        done = subprocess.run(list(args), cwd=work, env={**env, **(extra_env or {})},
                              capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode == 0, f"{args}: {done.stderr}"
        return done

    run.work = work
    return run


def test_compiled_translations_say_what_the_po_says():
    import gettext
    import io

    from isodesk.support.i18n import compile_mo, parse_po

    entries = parse_po((ROOT / "resources" / "translations" / "nl.po").read_text(encoding="utf-8"))
    compiled = gettext.GNUTranslations(io.BytesIO(compile_mo(entries)))
    assert {source: compiled.gettext(source) for source in entries} == entries


def test_wheel_and_sdist_carry_the_data(dists, wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [name for name in DATA if f"isodesk/_bundled/{name}" not in names]
    assert missing == []
    with tarfile.open(dists / f"isodesk-{__version__}.tar.gz") as sdist:
        in_sdist = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    assert [name for name in DATA if not name.endswith(".mo") and name not in in_sdist] == []


def test_installed_isodesk_uses_its_own_data(user, venv):
    code = ("import isodesk; from isodesk.support.paths import bundled; "
            "from isodesk.support.i18n import tr; "
            "print(isodesk.__file__); print(bundled('resources')); print(tr('&File', 'nl'))")
    module, resources, dutch = user("python", "-c", code).stdout.splitlines()
    assert Path(module).is_relative_to(venv) and Path(resources).is_relative_to(venv)
    assert (Path(resources) / "translations" / "nl.mo").is_file()
    assert dutch == "&Bestand"
    assert "iso27001-2022" in user("isodesk", "catalogs").stdout


def test_demo_report_export_import_from_the_wheel(user):
    user("isodesk", "demo", "demo.isodesk", "--lang", "nl")
    user("isodesk", "report", "demo.isodesk", "rapport.pdf", "--lang", "nl")
    from pypdf import PdfReader

    pdf = PdfReader(user.work / "rapport.pdf")
    assert "nulmetingsrapport" in pdf.pages[0].extract_text().lower()  # the Dutch report
    fonts = {str(font.get("/BaseFont")) for page in pdf.pages[:3]
             for font in page["/Resources"]["/Font"].values()}
    assert any("DejaVuSans" in font for font in fonts), fonts  # the bundled font, ĳ and all

    user("isodesk", "export", "demo.isodesk", "klant.xlsx")
    workbook = user.work / "klant.xlsx"
    _write_finding(workbook, "iso9001-2015:7.2", "Competentiematrix ingevuld door de klant.")
    assert "Applied 1 change(s)." in user("isodesk", "import", "demo.isodesk", str(workbook)).stdout
    again = user("isodesk", "import", "demo.isodesk", str(workbook), "--dry-run").stdout
    assert "0 change(s)" in again


def test_window_opens_from_the_wheel(user):
    user("isodesk", "demo", "demo.isodesk")
    shown = user("isodesk", "demo.isodesk", extra_env={"ISODESK_QUIT_WHEN_SHOWN": "1"})
    assert shown.stdout.strip().endswith("— demo.isodesk — isodesk"), shown.stdout


def _write_finding(path: Path, key: str, text: str) -> None:
    """As the client would: type a finding into the row of ``key`` on the ISO 9001 sheet."""
    book = load_workbook(path)
    sheet = book["ISO 9001"]
    headers = {cell.value: cell.column for cell in sheet[1]}
    column = headers.get("Bevindingen") or headers["Findings"]
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == key)
    sheet.cell(row, column).value = text
    book.save(path)


# ------------------------------------------------------- installer files (checked, not run here)
INSTALLER = ROOT / "installer"


def test_a_project_file_matches_the_registered_linux_file_type(small_project):
    """File managers recognise a project by the magic in installer/linux/isodesk-mime.xml."""
    import xml.etree.ElementTree as ET

    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    mime = ET.parse(INSTALLER / "linux" / "isodesk-mime.xml").getroot().find("m:mime-type", ns)
    header = mime.find("m:magic/m:match", ns)
    app_id = header.find("m:match", ns)
    data = small_project.read_bytes()
    expected_header = header.get("value").encode().replace(b"\\000", b"\0")
    offset = int(header.get("offset"))
    assert data[offset:offset + len(expected_header)] == expected_header
    assert app_id.get("type") == "big32"
    offset = int(app_id.get("offset"))
    assert int.from_bytes(data[offset:offset + 4], "big") == int(app_id.get("value"), 16)
    assert mime.find("m:glob", ns).get("pattern") == "*.isodesk"
    desktop = (INSTALLER / "linux" / "isodesk.desktop").read_text(encoding="utf-8")
    assert f"MimeType={mime.get('type')};" in desktop.splitlines()


def test_windows_installer_agrees_with_the_spec_and_the_readme():
    import re

    iss = (INSTALLER / "isodesk.iss").read_text(encoding="utf-8")
    setup = dict(line.split("=", 1) for line in iss.split("[Setup]")[1].split("\n[")[0].splitlines()
                 if "=" in line and not line.startswith(";"))
    # One AppId for ever (upgrades, uninstall); IT departments find the installation by it.
    app_id = re.fullmatch(r"\{\{([0-9A-F]{8}(?:-[0-9A-F]{4}){3}-[0-9A-F]{12})\}", setup["AppId"])
    assert app_id, setup["AppId"]
    assert f"{{{app_id[1]}}}_is1" in (ROOT / "README.md").read_text(encoding="utf-8")
    # The version is read from the isodesk.exe the spec stamps with isodesk.__version__, at the
    # place build-windows.ps1 has PyInstaller put it; no version is written into the script.
    assert setup["AppVersion"] == "{#AppVersion}"
    assert '#define AppVersion GetStringFileInfo(AppExe, "ProductVersion")' in iss
    assert '"..\\build\\windows\\dist\\isodesk"' in iss and '"\\isodesk.exe"' in iss
    assert '"--distpath", "build\\windows\\dist"' in (INSTALLER / "build-windows.ps1").read_text()
    spec = (INSTALLER / "isodesk.spec").read_text(encoding="utf-8")
    assert 'vi.StringStruct("ProductVersion", __version__)' in spec
    assert 'name="isodesk"' in spec  # COLLECT's folder: dist\isodesk
    assert __version__ not in iss
    # Per user without administrator rights unless chosen; the file type; both languages.
    assert setup["PrivilegesRequired"] == "lowest"
    assert setup["PrivilegesRequiredOverridesAllowed"] == "dialog commandline"
    assert setup["ChangesAssociations"] == "yes"
    assert 'Root: HKA; Subkey: "Software\\Classes\\.isodesk"' in iss
    assert re.search(r'^Name: "nl"; MessagesFile: "compiler:Languages\\Dutch.isl"$', iss, re.MULTILINE)
    assert re.search(r'^Name: "en"; MessagesFile: "compiler:Default.isl"$', iss, re.MULTILINE)
    # The uninstaller deletes nothing it did not install; setup downloads nothing.
    sections = re.findall(r"^\[(\w+)\]", iss, re.MULTILINE)
    assert "UninstallDelete" not in sections and "Code" not in sections and "http" not in iss
