"""The frozen app against ``python -m isodesk`` (issue 13). Run after installer/build-linux.sh:
    python -m pytest tests/benchmarks/bench_frozen.py -s
(ISODESK_FROZEN=path/to/isodesk measures another build.)

- start-up: process start → main window shown with the demo project open, then quit
  (ISODESK_QUIT_WHEN_SHOWN), offscreen, median of interleaved runs; target frozen ≤ 1.2× source;
- size of the app folder (and of the .deb, when out/ has one).
"""
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT

FROZEN = Path(os.environ.get("ISODESK_FROZEN", ROOT / "build" / "linux" / "dist" / "isodesk" / "isodesk"))
RUNS = 11


def _start(command: list[str], env: dict) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, env=env, cwd=env["ISODESK_HOME"], capture_output=True, text=True,
                          timeout=120, check=False)
    elapsed = time.perf_counter() - start
    assert done.returncode == 0 and "demo.isodesk" in done.stdout, done.stderr
    return elapsed


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def test_frozen_startup_against_source(tmp_path):
    if not FROZEN.exists():
        pytest.skip(f"no frozen app at {FROZEN}: run bash installer/build-linux.sh out/linux first")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update(QT_QPA_PLATFORM="offscreen", ISODESK_HOME=str(tmp_path), ISODESK_QUIT_WHEN_SHOWN="1")
    subprocess.run([str(FROZEN), "demo", "demo.isodesk"], env=env, cwd=tmp_path, check=True,
                   capture_output=True)
    frozen_cmd = [str(FROZEN), "demo.isodesk"]
    source_cmd = [sys.executable, "-m", "isodesk", "demo.isodesk"]
    source_env = dict(env, PYTHONPATH=str(ROOT))
    _start(frozen_cmd, env), _start(source_cmd, source_env)  # warm the file cache for both
    frozen_runs, source_runs = [], []
    for _ in range(RUNS):  # interleaved, so a busy moment of the machine hits both alike
        frozen_runs.append(_start(frozen_cmd, env))
        source_runs.append(_start(source_cmd, source_env))
    frozen, source = statistics.median(frozen_runs), statistics.median(source_runs)
    folder = FROZEN.parent
    debs = sorted((ROOT / "out").rglob("isodesk_*.deb"))
    print(f"\nstart-up to window shown (median of {RUNS}): frozen {frozen * 1000:.0f} ms, "
          f"python -m isodesk {source * 1000:.0f} ms, ratio {frozen / source:.2f}x")
    print(f"app folder {folder}: {_size(folder) / 2**20:.0f} MiB"
          + "".join(f"; {deb.name}: {deb.stat().st_size / 2**20:.0f} MiB" for deb in debs))
    assert frozen / source <= 1.2
