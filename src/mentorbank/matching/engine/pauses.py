"""Python's cycle collector paused while the engine runs."""

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """A run makes hundreds of thousands of small objects (words, reasons, pairs), none of them in
    cycles, and every collection they set off walks every live object, the cohort's profiles
    included: about a tenth of a 10,000-mentee run. Reference counting still frees everything; the
    collector is back on when the run ends, if it was on."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
