"""The user's cache folder for data built once per machine (the gazetteer index,
pint's parsed unit definitions): TIDYNEWS_CACHE, else XDG_CACHE_HOME/tidynews, else
~/.cache/tidynews. Everything in it is rebuilt when missing or stale."""

from __future__ import annotations

import os
from pathlib import Path


def cache_root() -> Path:
    return Path(
        os.environ.get("TIDYNEWS_CACHE")
        or os.path.join(
            os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "tidynews"
        )
    )
