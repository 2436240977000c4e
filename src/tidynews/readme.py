"""The README's generated parts: each `<!-- codes:KIND -->` block is the table of
that kind of code in the catalogue (codes.py). `make docs` runs
`python -m tidynews.readme README.md`; tests/test_docs.py fails when they drift.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path

from tidynews.codes import CODES

_BLOCK = "<!-- codes:{kind} -->\n(.*?)<!-- /codes:{kind} -->"


def markdown_table(kind: str) -> str:
    """The README's table of `kind` codes (issue, seed or page), one row per code."""
    if kind in ("seed", "page"):  # always an error: it stops the run (or skips the file)
        lines = [f"| {kind} error | cause | what to do |", "|---|---|---|"]
        lines += [f"| `{c.code}` | {c.meaning} | {c.hint} |" for c in CODES if c.kind == kind]
        return "\n".join(lines) + "\n"
    lines = ["| code | severity | frictionless | meaning | what to do |", "|---|---|---|---|---|"]
    for c in CODES:
        if c.kind == kind:
            same = f"`{c.frictionless}`" if c.frictionless else "(tidynews)"
            lines.append(f"| `{c.code}` | {c.severity} | {same} | {c.meaning} | {c.hint} |")
    return "\n".join(lines) + "\n"


def _generated_block(kind: str) -> Callable[[re.Match[str]], str]:
    """The `re.sub` replacement for a `<!-- codes:KIND -->` block: its generated table."""
    return lambda _m: _BLOCK.format(kind=kind).replace("(.*?)", markdown_table(kind))


def render(text: str) -> str:
    """`text` with each `<!-- codes:KIND -->` block replaced by its generated table."""
    for kind in ("issue", "seed", "page"):
        block = re.compile(_BLOCK.format(kind=kind), re.S)
        text = block.sub(_generated_block(kind), text)
    return text


if __name__ == "__main__":  # python -m tidynews.readme README.md: rewrite its tables
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "README.md")
    path.write_text(render(path.read_text(encoding="utf-8")), encoding="utf-8")
