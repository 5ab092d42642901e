"""A full disk gives one sentence, leaves no partial file, no temp file and no lock, and the same
command works once there is space again. Runs on a small tmpfs, which needs root."""
import errno
import os
import shutil
import subprocess

import pytest

from isodesk.app.session import ProjectSession
from isodesk.domain.errors import ProjectFileError
from tests.conftest import run_isodesk

FILLER = "filler.bin"


class Disk:
    def __init__(self, root):
        self.root = root

    def fill(self, leave: int = 0) -> None:
        """Take all free space, then give back ``leave`` bytes."""
        fd = os.open(self.root / FILLER, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
        try:
            for chunk in (1 << 16, 1 << 12, 1):
                try:
                    while True:
                        os.write(fd, bytes(chunk))
                except OSError as e:
                    assert e.errno == errno.ENOSPC
        finally:
            os.close(fd)
        if leave:
            size = (self.root / FILLER).stat().st_size
            os.truncate(self.root / FILLER, max(0, size - leave))

    def free(self) -> None:
        (self.root / FILLER).unlink()

    def listing(self) -> list[str]:
        return sorted(p.name for p in self.root.iterdir())


@pytest.fixture
def disk(tmp_path):
    if os.geteuid() != 0:
        pytest.skip("needs root to mount a small tmpfs (a full disk cannot be made otherwise)")
    root = tmp_path / "disk"
    root.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", str(root)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield Disk(root)
    finally:
        subprocess.run(["umount", "-l", str(root)], check=False)


def _refused(r, disk: Disk, listing: list[str]) -> None:
    assert r.returncode == 1, r.stdout
    assert len(r.stderr.splitlines()) == 1 and "Traceback" not in r.stderr, r.stderr
    assert "disk is full" in r.stderr, r.stderr
    assert disk.listing() == listing, "no partial file, temp file or lock may be left"


# How much space to leave: none (even the lock cannot be written), or some (the work fails
# half-way, after the lock and the first writes).
LEAVE = [0, 48 * 1024, 400 * 1024]


@pytest.mark.parametrize("leave", LEAVE)
def test_new_and_demo(disk, leave):
    for command in (["new", "{p}", "--client", "Klant", "--norm", "iso9001-2015",
                     "--norm", "iso27001-2022"], ["demo", "{p}"]):
        target = disk.root / "project.isodesk"
        args = [a.format(p=target) for a in command]
        disk.fill(leave)
        _refused(run_isodesk(*args), disk, [FILLER])
        disk.free()
        r = run_isodesk(*args)
        assert r.returncode == 0, r.stderr
        assert run_isodesk("check", str(target)).returncode == 0
        target.unlink()


@pytest.mark.parametrize("leave", [0, 16 * 1024])  # room for the lock, not for the change
def test_answer(disk, leave, small_project):
    project = disk.root / "project.isodesk"
    shutil.copyfile(small_project, project)
    before = project.read_bytes()
    disk.fill(leave)
    long_note = ["--note", "Een lange bevinding die nieuwe pagina's nodig heeft. " * 600]
    r = run_isodesk("answer", str(project), "iso14001-2015:8.2", "--result", "partial", *long_note)
    _refused(r, disk, [FILLER, project.name])
    assert project.read_bytes() == before
    disk.free()
    r = run_isodesk("answer", str(project), "iso14001-2015:8.2", "--result", "partial", *long_note)
    assert r.returncode == 0, r.stderr
    assert run_isodesk("check", str(project)).returncode == 0


@pytest.mark.parametrize("leave", LEAVE[:2])  # the demo's workbook and report are smaller
@pytest.mark.parametrize("command", ["export", "report"])
def test_export_and_report(disk, demo_path, leave, command):
    out = disk.root / ("out.xlsx" if command == "export" else "out.pdf")
    disk.fill(leave)
    _refused(run_isodesk(command, str(demo_path), str(out)), disk, [FILLER])
    disk.free()
    assert run_isodesk(command, str(demo_path), str(out)).returncode == 0
    assert out.stat().st_size > 10_000
    assert disk.listing() == [out.name]


@pytest.mark.parametrize("leave", LEAVE)
def test_save_a_copy(disk, demo_path, leave):
    session = ProjectSession.open(demo_path)
    try:
        disk.fill(leave)
        with pytest.raises(ProjectFileError, match="disk is full"):
            session.save_copy(disk.root / "copy.isodesk")
        assert disk.listing() == [FILLER]
        disk.free()
        session.save_copy(disk.root / "copy.isodesk")
    finally:
        session.close()
    assert run_isodesk("check", str(disk.root / "copy.isodesk")).returncode == 0
