"""Opening a project with 200 attached photos, against the same project without them (target:
at most 1.2×), and the memory the open takes. Run:
python -m pytest tests/benchmarks/bench_attachments.py -s

The photos go through the real pipeline (checked, scaled to 1600 px, encoded again): 200 of
a few hundred kB each. Opening reads their records only.
"""
import random
import shutil
import statistics
import time
import tracemalloc
from io import BytesIO

from isodesk.app import attachments
from isodesk.app.demo import write_demo
from isodesk.app.evidence_files import prepare_bytes
from isodesk.app.session import ProjectSession
from tests.conftest import ROOT

PHOTOS = 200


def _photo(seed: int) -> bytes:
    """A 1600 × 1200 photo that compresses like one (shapes, sensor noise)."""
    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    size = (1600, 1200)
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    draw = ImageDraw.Draw(image)
    for _ in range(120):
        x, y = rng.randrange(size[0]), rng.randrange(size[1])
        draw.ellipse((x, y, x + rng.randrange(30, 300), y + rng.randrange(30, 300)),
                     fill=tuple(rng.randrange(256) for _ in range(3)))
    noise = Image.frombytes("RGB", size, rng.randbytes(size[0] * size[1] * 3))
    out = BytesIO()
    Image.blend(image, noise, 0.08).save(out, "JPEG", quality=92)
    return out.getvalue()


def _open(path):
    session = ProjectSession.open(path)
    data = session.snapshot()
    session.close()
    return data


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _interleaved(a, b, repeat: int = 31) -> tuple[float, float]:
    """Medians of ``a`` and ``b`` run in turns: on a machine shared with other work, load that
    comes and goes falls on both alike."""
    times_a, times_b = [], []
    for _ in range(repeat):
        times_a.append(_timed(a))
        times_b.append(_timed(b))
    return statistics.median(times_a), statistics.median(times_b)


def _peak(path) -> int:
    tracemalloc.start()
    _open(path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def test_open_with_200_photos_vs_without(tmp_path):
    from isodesk.catalog import CatalogRegistry

    without = tmp_path / "zonder.isodesk"
    write_demo(without, CatalogRegistry(ROOT / "norm_catalogs"))
    with_photos = tmp_path / "met.isodesk"
    shutil.copyfile(without, with_photos)
    session = ProjectSession.open(with_photos)
    keys = [r.key for r in session.assessable()]
    start = time.perf_counter()
    for i in range(PHOTOS):
        attachments.attach(session, keys[i % len(keys)], [prepare_bytes(_photo(i), f"IMG_{i:04d}.jpg")])
    attaching = time.perf_counter() - start
    session.close()

    for path in (without, with_photos):
        _open(path)  # caches warm, imports done
    t_without, t_with = _interleaved(lambda: _open(without), lambda: _open(with_photos))
    size_without, size_with = without.stat().st_size, with_photos.stat().st_size
    peak_without, peak_with = _peak(without), _peak(with_photos)
    print(f"\n{PHOTOS} photos ({(size_with - size_without) / PHOTOS / 1024:.0f} kB each in the "
          f"file, {attaching / PHOTOS * 1000:.0f} ms to attach each): open + snapshot "
          f"{t_with * 1000:.1f} ms against {t_without * 1000:.1f} ms without them, ratio "
          f"{t_with / t_without:.2f}×; Python memory at the open's peak {peak_with / 1e6:.1f} MB "
          f"against {peak_without / 1e6:.1f} MB; files {size_with / 1e6:.0f} MB and "
          f"{size_without / 1e6:.1f} MB")
    assert t_with / t_without <= 1.2
