"""setuptools hook (pyproject.toml, [tool.setuptools.cmdclass]): the wheel carries its data.

Without it a wheel holds only the Python code and fails on its first look for the catalogs.
An editable install (``pip install -e .``) is left alone: it reads the checkout's own folders.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

from setuptools.command.build_py import build_py

# Loaded by file: setuptools imports this module by path, without installer/ on sys.path.
_spec = importlib.util.spec_from_file_location("bundle_data", Path(__file__).with_name("bundle_data.py"))
bundle_data = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bundle_data)


class BuildPy(build_py):
    def run(self):
        super().run()
        if not self.editable_mode:
            bundle_data.write_bundle(Path(self.build_lib) / "isodesk" / "_bundled")
