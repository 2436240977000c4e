"""How a `tidynews` process starts and ends: memory settings read by the allocators
as they load, the garbage collector held off while start-up loads what lives to the
end, and an exit that skips the interpreter's teardown.

A build holds millions of small objects (the gazetteer's names, spaCy's vocabulary
and tables). At exit Python frees them one by one: 0.3 s of a one-document build's
2.2 s, spent after the work is done and reported. The command line's exit flushes
what it printed and leaves at once; the library never does this.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

# polars' jemalloc and pyarrow's mimalloc keep freed memory for seconds, so a build's
# peak grew with the corpus (1,000 documents 397 MB, 10,000 542-581 MB); freed at once,
# 10,000 documents extract and write in 300-345 MB, as fast. A user's settings win.
_ALLOCATORS = {"_RJEM_MALLOC_CONF": "dirty_decay_ms:0,muzzy_decay_ms:0"}
_ALLOCATORS["ARROW_DEFAULT_MEMORY_POOL"] = "system"


def return_freed_memory() -> None:
    """Ask polars' and pyarrow's allocators to give freed memory back at once (unless
    the user set them): effective only before either library loads."""
    if "polars" not in sys.modules and "pyarrow" not in sys.modules:  # read as they load
        for name, value in _ALLOCATORS.items():
            os.environ.setdefault(name, value)


_held_off = False
_froze = False


def hold_off_collection() -> None:
    """Stop the cyclic collector while a build starts: importing the libraries, spaCy's
    tables and the gazetteer make objects that all live to the end, which it would
    scan again and again and never free (0.2 s CPU of a one-document build, in 154
    collections). settle_collection() restarts it; only a process tidynews runs
    (the command line, a build worker) calls this."""
    global _held_off
    if gc.isenabled():
        gc.disable()
        _held_off = True


def settle_collection() -> None:
    """Start-up is over (the first document is done): what exists now is frozen,
    never scanned again, and the collector runs for what comes next. Nothing unless
    hold_off_collection() stopped it."""
    global _held_off, _froze
    if _held_off:
        _held_off = False
        _froze = True
        gc.freeze()
        gc.enable()


@contextmanager
def collection_held_off() -> Iterator[None]:
    """hold_off_collection() for a block, and the collector as it was after it, whether
    or not the block settled it (a build that fails before its first document)."""
    global _held_off, _froze
    was_enabled = gc.isenabled()
    hold_off_collection()
    try:
        yield
    finally:
        if _froze:
            gc.unfreeze()
        _held_off = _froze = False
        if was_enabled:
            gc.enable()


def exit_now(code: object) -> NoReturn:
    """Leave the process with `code` as sys.exit would (None is 0, an int itself, any
    other value printed to stderr and 1), without the interpreter's teardown.

    Only for the end of a command: every file the command wrote is closed by then
    (the package is published through context managers), so what is left to do at
    exit is flushing the standard streams, done here, and freeing memory, which the
    operating system does at once."""
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:
        print(code, file=sys.stderr)
        status = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe ("| head") or stream
            status = status or 1
    os._exit(status)
