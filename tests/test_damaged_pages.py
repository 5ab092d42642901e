"""A file with damaged pages is refused on open, by every command, with the sentence of check."""
import random
import sqlite3

import pytest

from isodesk.app.check import check_project
from isodesk.app.session import ProjectSession, create_project
from isodesk.domain.errors import DamagedFileError
from isodesk.storage.integrity import damaged
from isodesk.storage.lock import lock_path
from tests.conftest import run_isodesk

PAGE = 4096


@pytest.fixture(scope="module")
def edited(tmp_path_factory, registry):
    """A project with what real use leaves in a file: long findings on overflow pages,
    deleted answers, actions and risks."""
    path = tmp_path_factory.mktemp("damaged") / "edited.isodesk"
    session = create_project(path, "Klant B.V.", ["iso14001-2015", "iso45001-2018"], registry)
    keys = [r.key for r in session.assessable()]
    session.set_answer(keys[0], result="nonconform", findings="Lange bevinding. " * 900)
    for i, key in enumerate(keys[1:40]):
        session.set_answer(key, result=("conform", "partial", "na")[i % 3], maturity=i % 6,
                           findings=f"Bevinding {i} " * (1 + i % 30), evidence=f"Bewijs {i}")
    for key in keys[5:12]:
        session.set_answer(key, result="open", maturity=None, findings="", evidence="")
    for i in range(8):
        session.add_action(f"Actie {i}", owner="Kwaliteitsmanager", keys=keys[i:i + 2])
        session.add_risk(f"Risico {i}", likelihood=1 + i % 5, keys=keys[i:i + 1])
    session.close()
    return path


def _structure_pages(path) -> dict[int, str]:
    """Page number → kind (internal, leaf, overflow) of every page in use (SQLite's dbstat)."""
    conn = sqlite3.connect(path)
    try:
        return {page: kind for page, kind in conn.execute("SELECT pageno, pagetype FROM dbstat")}
    finally:
        conn.close()


def _corrupt(original: bytes, page: int, kind: str, seed: int) -> bytes:
    data = bytearray(original)
    start = (page - 1) * PAGE + (100 if page == 1 else 0)  # page 1 keeps the file header
    end = page * PAGE
    if kind == "zeros":
        data[start:end] = bytes(end - start)
    else:
        data[start:end] = random.Random(seed).randbytes(end - start)
    return bytes(data)


def _cases(path):
    pages = _structure_pages(path)
    for page, kind in sorted(pages.items()):
        yield page, "random"
        if kind != "overflow":
            # A zeroed overflow page that ends its chain looks intact to SQLite (its content
            # has no checksum); every page with structure does not.
            yield page, "zeros"


def test_every_damaged_page_is_refused_on_every_open(edited, tmp_path):
    original = edited.read_bytes()
    cases = list(_cases(edited))
    assert len(cases) > 60 and {"overflow", "leaf", "internal"} <= set(_structure_pages(edited).values())
    target = tmp_path / "edited.isodesk"
    expected = str(damaged(target))
    for number, (page, kind) in enumerate(cases):
        damaged_bytes = _corrupt(original, page, kind, number)
        target.write_bytes(damaged_bytes)
        for read_only in (True, False):  # info, export, report, import --dry-run / answer, import
            with pytest.raises(DamagedFileError) as info:
                ProjectSession.open(target, read_only=read_only)
            assert str(info.value) == expected, (page, kind, read_only)
        verdict = check_project(target)
        assert not verdict.ok and verdict.sentence == f"FAILED: {expected}", (page, kind)
        assert verdict.details
        assert target.read_bytes() == damaged_bytes, "a refused file must stay as it was"
        assert not lock_path(target).exists()


@pytest.mark.parametrize("page_kind", ["leaf", "internal", "overflow"])
def test_every_command_gives_the_sentence_of_check(edited, tmp_path, page_kind):
    original = edited.read_bytes()
    page = min(p for p, kind in _structure_pages(edited).items() if kind == page_kind and p > 1)
    target = tmp_path / "edited.isodesk"
    target.write_bytes(_corrupt(original, page, "random", page))
    before = target.read_bytes()
    sentence = str(damaged(target))
    r = run_isodesk("check", str(target))
    assert r.returncode == 1 and r.stderr == f"FAILED: {sentence}\n"
    verbose = run_isodesk("check", str(target), "--verbose")
    assert verbose.returncode == 1 and verbose.stderr.startswith(r.stderr)
    assert len(verbose.stderr.splitlines()) > 1  # SQLite's findings, only when asked for
    for command in (["info"], ["info", "--json"], ["export", str(tmp_path / "out.xlsx")],
                    ["report", str(tmp_path / "out.pdf")],
                    ["answer", "iso14001-2015:8.2", "--result", "conform"],
                    ["import", str(tmp_path / "in.xlsx"), "--dry-run"]):
        r = run_isodesk(command[0], str(target), *command[1:])
        assert (r.returncode, r.stderr, r.stdout) == (1, f"isodesk: {sentence}\n", ""), command
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["edited.isodesk"]
