"""ARCHITECTURE.md's layering rules, checked on the source of every module."""
import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "isodesk"
NETWORK = {"socket", "requests", "httpx", "urllib.request", "http.client", "ftplib", "smtplib",
           "urllib3", "aiohttp"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _modules():
    return [(p, p.relative_to(PACKAGE).parts[0], _imports(p)) for p in PACKAGE.rglob("*.py")]


def test_qt_only_in_gui():
    offenders = [str(p) for p, layer, names in _modules()
                 if layer != "gui" and any(n.split(".")[0] in ("PySide6", "shiboken6") for n in names)]
    assert offenders == []


def test_sqlalchemy_only_in_storage():
    offenders = [str(p) for p, layer, names in _modules()
                 if layer != "storage" and any(n.split(".")[0] == "sqlalchemy" for n in names)]
    assert offenders == []


def test_domain_uses_only_the_standard_library_and_itself():
    import sys

    for path, layer, names in _modules():
        if layer != "domain":
            continue
        for name in names:
            top = name.split(".")[0]
            assert top == "isodesk" and name.startswith("isodesk.domain") or top in sys.stdlib_module_names, (path, name)


def test_no_network_modules():
    offenders = [(str(p), n) for p, _layer, names in _modules() for n in names
                 if n in NETWORK or n.split(".")[0] in NETWORK]
    assert offenders == []


def test_lower_layers_do_not_import_upper_layers():
    order = ["domain", "catalog", "storage", "app", "excel", "report", "gui"]
    allowed = {  # what each layer may import from isodesk
        "domain": {"domain"},
        "catalog": {"domain", "catalog", "app"},  # app.paths only, for the bundled folder
        "storage": {"domain", "storage"},
        "app": {"domain", "catalog", "storage", "app", "excel", "report"},
        "excel": {"domain", "catalog", "app", "excel"},
        "report": {"domain", "app", "report"},
        "gui": set(order) | {"app"},
    }
    for path, layer, names in _modules():
        if layer not in allowed:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "isodesk" and len(parts) > 1 and parts[1] in order:
                assert parts[1] in allowed[layer], (str(path), name)
