"""Building many long-lived objects at once (a project's records as it opens) without Python's
cycle collector walking the whole heap again and again.

The collector runs every few hundred allocations, and each full pass visits every object the
process holds, in the GUI some hundreds of thousands. Loading creates records that live as long
as the session and no cyclic garbage, so those passes find nothing; on the 5,000-item stress
project they were some 45 % of the open (tests/benchmarks/bench_storage.py). Pausing only
postpones collection: garbage from elsewhere is collected at the next pass after the load.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def collector_paused() -> Iterator[None]:
    if not gc.isenabled():  # paused already (another load in another thread): leave it to that
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
