"""ARCHITECTURE.md's layering rules: import-linter's contracts, plus what it cannot express
(the domain uses only the standard library; no network modules anywhere)."""
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


def test_import_linter_contracts_hold():
    """The layer contracts in pyproject.toml ([tool.importlinter]): no layer imports one above
    it, Qt stays in the GUI, SQLAlchemy in storage, exports and reports never reach the file."""
    import subprocess
    import sys

    lint = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(lint), "--no-cache"], capture_output=True, text=True,
                            cwd=PACKAGE.parent, timeout=120)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout
