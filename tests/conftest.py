"""Shared fixtures. Every test runs with ISODESK_HOME in a temp folder, so no test touches a real
user profile, and Qt runs offscreen (tools/test.sh sets it; set here too for direct pytest)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# as isodesk/excel/__init__.py does, for test modules that import openpyxl before isodesk.excel
os.environ.setdefault("OPENPYXL_LXML", "False")

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def isodesk_home(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("ISODESK_HOME", str(home))
    return home


@pytest.fixture(scope="session")
def registry():
    from isodesk.catalog import CatalogRegistry

    return CatalogRegistry(ROOT / "norm_catalogs")


@pytest.fixture(scope="session")
def _demo_master(tmp_path_factory, registry):
    from isodesk.app.demo import write_demo

    path = tmp_path_factory.mktemp("demo") / "demo.isodesk"
    write_demo(path, registry)
    return path


@pytest.fixture
def demo_path(tmp_path, _demo_master) -> Path:
    """A fresh copy of the demo project for this test."""
    path = tmp_path / "demo.isodesk"
    shutil.copyfile(_demo_master, path)
    return path


@pytest.fixture
def small_project(tmp_path, registry):
    from isodesk.app.session import create_project

    path = tmp_path / "small.isodesk"
    create_project(path, "Klant B.V.", ["iso14001-2015"], registry).close()
    return path


def run_isodesk(*args: str, cwd: Path | None = None, env: dict | None = None,
                timeout: float = 60, stdin: str | None = None) -> subprocess.CompletedProcess:
    """Run the CLI in a separate process, as a user would."""
    full_env = dict(os.environ, LC_ALL="C.UTF-8")  # English messages unless a test asks
    full_env.update(env or {})
    full_env["PYTHONPATH"] = str(ROOT) + os.pathsep + full_env.get("PYTHONPATH", "")
    return subprocess.run([sys.executable, "-m", "isodesk", *args], capture_output=True,
                          text=True, cwd=cwd, env=full_env, timeout=timeout, input=stdin)


def snapshot_of(path: Path):
    """The project in a file as it is now, opened read-only (no lock left behind)."""
    from isodesk.app.session import ProjectSession

    session = ProjectSession.open(path, read_only=True)
    try:
        return session.snapshot()
    finally:
        session.close()
