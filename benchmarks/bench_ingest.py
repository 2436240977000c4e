"""Ingest benchmark: real news pages from trafilatura's evaluation set through `ingest`.

trafilatura's `tests/evaldata.json` lists, for each saved page, snippets the main
text must contain ("with") and boilerplate it must not ("without"). A page's text
is right when every "with" snippet is in the seed's article lines and no "without"
one is. Dates are checked where the URL carries one (/2020/02/19/, 2020-02-19); titles
and the other dates are for the eye (--show). Time is the whole `ingest` per page.

The pages stay out of the repository: bring trafilatura's repository onto the
machine and copy `tests/eval/` and `tests/evaldata.json` into .cache/trafilatura/.

    .venv/bin/python benchmarks/bench_ingest.py [--cache .cache/trafilatura] [--show N]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from pathlib import Path

# news outlets among the evaluation set's pages (blogs, shops and institutions left out)
NEWS = re.compile(
    r"lastampa|elpais|latimes|timesofisrael|japantimes|cbsnews|pagesix|welt\.de|computerbild"
    r"|zeit\.de|bbc\.com|tagesschau|tagesspiegel|nytimes|politico|nymag|dailymail|independent"
    r"|standard\.co\.uk|corkbeo|msn\.com|infobae|correiobraziliense|campograndenews"
    r"|caymancompass|biobiochile|elmostrador|publimetro|kaieteurnews|larepublica"
    r"|badische-zeitung|hildesheimer-presse|theintercept|kxan|gothamist|observer\.com"
    r"|bostonherald|abc7news|phillyvoice|wsvn|twincities|metrotimes|citylimits|miamitodaynews"
    r"|roughdraftatlanta|telegraph\.co\.uk|cnn\.com|t3n\.de|winfuture|kbs\.co\.kr|nhk\.or\.jp"
    r"|economist|theatlantic|axios|pcmag|tomshardware|osthessen-news|nnz-online"
    r"|kyffhaeuser-nachrichten|nh24|breakingbelizenews|stluciatimes|haitiantimes|nationnews"
    r"|elnuevoherald|elheraldo|spiegel\.de|sueddeutsche|faz\.net|theguardian|reuters"
    r"|heise\.de|dw\.com|vancouversun|salon\.com|mercurynews|scmp\.com|rnz\.de"
)
URL_DATE = re.compile(r"/(20\d\d)[/-](\d\d)[/-](\d\d)(?:/|-|$)")


def pages(cache: Path) -> list[tuple[str, Path, dict]]:
    """(url, saved page, expectations) for each news page of the evaluation set."""
    expected = json.loads((cache / "evaldata.json").read_text(encoding="utf-8"))
    found = []
    for url, spec in expected.items():
        path = cache / "eval" / spec["file"]
        if NEWS.search(url) and path.is_file():
            found.append((url, path, spec))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=Path(".cache/trafilatura"))
    parser.add_argument("--show", type=int, default=0, help="print N pages' title and date")
    args = parser.parse_args()
    if not (args.cache / "evaldata.json").is_file():
        print(f"bench_ingest: no {args.cache}/evaldata.json; see the docstring. Skipped.")
        return 0
    from tidynews import TidynewsError, ingest

    todo = pages(args.cache)
    right = {"text": 0, "date": 0}
    dated = refused = 0
    snippets = {"with": [0, 0], "without": [0, 0]}  # [as expected, all]
    seconds = 0.0
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for n, (url, path, spec) in enumerate(todo):
            out = Path(folder) / str(n)
            started = time.perf_counter()
            try:
                result = ingest([path], out)
            except TidynewsError as exc:  # a refused page
                seconds += time.perf_counter() - started
                refused += 1
                rows.append((url, "REFUSED", str(exc)[:120], ""))
                continue
            seconds += time.perf_counter() - started
            (seed_id,) = result.written
            sidecar = json.loads((out / f"{seed_id}.json").read_text(encoding="utf-8"))
            lines = (out / f"{seed_id}.txt").read_text(encoding="utf-8").splitlines()
            article = " ".join(lines[: sidecar["n_article_paragraphs"]])
            found = [_norm(s) in _norm(article) for s in spec.get("with", [])]
            kept_out = [_norm(s) not in _norm(article) for s in spec.get("without", [])]
            for key, checks in (("with", found), ("without", kept_out)):
                snippets[key][0] += sum(checks)
                snippets[key][1] += len(checks)
            ok = all(found) and all(kept_out)
            right["text"] += ok
            match = URL_DATE.search(url)
            if match:
                dated += 1
                right["date"] += sidecar.get("published") == "-".join(match.groups())
            rows.append(
                (url, "ok" if ok else "TEXT", sidecar.get("title"), sidecar.get("published"))
            )
    total = len(todo)
    print(f"ingest on {total} news pages of trafilatura's evaluation set:")
    done = total - refused
    print(f"  refused: {refused} (login or subscription walls, short texts)")
    print(f"  article text right: {right['text']}/{done} ingested ({right['text'] / done:.0%})")
    print(
        f"  snippets: {snippets['with'][0]}/{snippets['with'][1]} of the text found, "
        f"{snippets['without'][0]}/{snippets['without'][1]} of the boilerplate left out"
    )
    print(f"  date right (URL dated): {right['date']}/{dated}")
    print(f"  time: {seconds / total * 1000:.0f} ms per page (ingest, one page per call)")
    for url, verdict, title, published in rows[: args.show]:
        print(f"{verdict:7} {published or '-':10} {title!s:.70} <{url}>")
    return 0


def _norm(text: str) -> str:
    return " ".join(text.split())


if __name__ == "__main__":
    sys.exit(main())
