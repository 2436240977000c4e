"""Hostile and broken inputs: each gets a clear error or a documented safe result, and
the published package is never corrupted or half-written."""

import codecs
import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import ARTICLE, COMMENTS, ROOT, write_seeds
from tidynews.dataset.build import build
from tidynews.dataset.load import read_package
from tidynews.dataset.profile import validate
from tidynews.dataset.publish import recover
from tidynews.errors import PackageError, SeedError

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
DERIVED = ("comments", "claims", "figures", "place_mentions")


def snapshot(folder: Path) -> dict[str, str]:
    files = [folder / "datapackage.json", *sorted((folder / "data").glob("*"))]
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in files
        if p.exists()
    }


def big_seed(megabytes: int) -> str:
    """benchmarks/build_memory.py's seed: reporting, then a two-comment thread."""
    sentence = "the convoy moved along the coast road past the old port, " * 7
    paragraph = ("The " + sentence + "officials said. ") * 10 + "\n"
    body = paragraph * (megabytes * 1024 * 1024 // len(paragraph) + 1)
    return body + "I was there myself!\nWere you? So was I!\n"


def spans_hold(out: Path, source: str) -> None:
    """Every derived row's text is exactly the source's characters at [start, end)."""
    package = read_package(out / "datapackage.json")
    for table in ("articles", *DERIVED):
        for row in package.load(table).iter_rows(named=True):
            assert source[row["start"] : row["end"]] == row["text"], (table, row)


# -- seeds -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "seed-empty"),
        (b" \n\t\r\n ", "seed-empty"),
        (b"Rain\x00fell", "seed-binary"),
        (PNG, "seed-binary"),
        ("Olé à Paris, où l’été est chaud.\n".encode("cp1252"), "seed-encoding"),
        ("Café in Zürich.\n".encode("latin-1"), "seed-encoding"),
        (b"<!DOCTYPE html><html><body><p>News</p></body></html>", "seed-html"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "seed-encoding"),  # FF FE, then no UTF-16
    ],
    ids=["empty", "whitespace", "nul", "png", "cp1252", "latin-1", "html", "bad-utf16"],
)
def test_bad_seeds_fail_with_one_line_naming_file_and_code(tmp_path, content, code):
    seeds = write_seeds(tmp_path / "seeds", {"good": ARTICLE})
    build(seeds, tmp_path / "out")
    before = snapshot(tmp_path / "out")
    write_seeds(seeds, {"bad": content})
    with pytest.raises(SeedError) as caught:
        build(seeds, tmp_path / "out")
    message = str(caught.value)
    assert message.startswith("seeds/bad.txt") and f"({code})" in message
    assert "\n" not in message
    assert snapshot(tmp_path / "out") == before


def test_skip_invalid_builds_the_rest_and_lists_what_it_left_out(tmp_path):
    seeds = write_seeds(tmp_path / "seeds", {"good": ARTICLE, "bad": b"", "worse": PNG})
    result = build(seeds, tmp_path / "out", skip_invalid=True)
    assert result.documents == 1
    assert [(name, "(seed-" in reason) for name, reason in result.skipped] == [
        ("seeds/bad.txt", True),
        ("seeds/worse.txt", True),
    ]


@pytest.mark.parametrize(
    "encoded",
    [
        codecs.BOM_UTF16_LE + (ARTICLE + COMMENTS).encode("utf-16-le"),
        codecs.BOM_UTF16_BE + (ARTICLE + COMMENTS).encode("utf-16-be"),
        (ARTICLE + COMMENTS).encode("utf-16-le"),
        (ARTICLE + COMMENTS).encode("utf-16-be"),
    ],
    ids=["le-bom", "be-bom", "le", "be"],
)
def test_utf16_with_or_without_bom_builds(tmp_path, encoded):
    seeds = write_seeds(tmp_path / "seeds", {"bridge": encoded})
    build(seeds, tmp_path / "out")
    articles = read_package(tmp_path / "out" / "datapackage.json").load("articles")
    assert articles["source_encoding"].to_list() == ["utf-16"]
    spans_hold(tmp_path / "out", ARTICLE + COMMENTS)


@pytest.mark.parametrize("newline", ["\r\n", "\r", "mixed"])
def test_any_line_ends_give_the_same_rows_at_exact_offsets(tmp_path, newline):
    lines = (ARTICLE + COMMENTS).splitlines()
    if newline == "mixed":
        text = "".join(line + ("\r\n", "\r", "\n")[i % 3] for i, line in enumerate(lines))
    else:
        text = "".join(line + newline for line in lines)
    seeds = write_seeds(tmp_path / "seeds", {"bridge": text.encode("utf-8")})
    result = build(seeds, tmp_path / "out")
    reference = build(write_seeds(tmp_path / "lf", {"bridge": ARTICLE + COMMENTS}), tmp_path / "r")
    assert result.rows == reference.rows
    spans_hold(tmp_path / "out", text)


def test_a_5_mb_single_line_builds(tmp_path):
    line = "The convoy moved along the coast road past the port, officials said. " * 75_000
    seeds = write_seeds(tmp_path / "seeds", {"long": line})
    result = build(seeds, tmp_path / "out")
    assert len(line) > 5_000_000
    assert result.rows["claims"] == 75_000


def test_a_4_mb_seed_of_many_paragraphs_builds(tmp_path):
    """A large seed builds whole, its comments found after 4 MB of reporting.
    benchmarks/build_memory.py measures a 100 MB seed's time and peak memory."""
    text = big_seed(4)
    seeds = write_seeds(tmp_path / "seeds", {"big": text})
    result = build(seeds, tmp_path / "out")
    assert len(text) > 4 * 1024 * 1024
    assert result.rows["comments"] == 2
    assert validate(tmp_path / "out").valid


def test_a_symlink_out_of_the_seeds_folder_is_refused(tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("Officials said nothing.\n")
    seeds = write_seeds(tmp_path / "seeds", {"inside": ARTICLE})
    (seeds / "link.txt").symlink_to(outside)
    with pytest.raises(SeedError, match=r"seeds/link\.txt: a symlink .* \(seed-symlink\)"):
        build(seeds, tmp_path / "out")
    (seeds / "link.txt").unlink()
    (seeds / "alias.txt").symlink_to(seeds / "inside.txt")  # inside the folder: fine
    assert build(seeds, tmp_path / "out").documents == 2


def test_file_names_with_spaces_and_accents_build(tmp_path):
    seeds = write_seeds(tmp_path / "seeds", {"Bericht über Homs.txt": ARTICLE})
    build(seeds, tmp_path / "out")
    row = read_package(tmp_path / "out" / "datapackage.json").load("articles").row(0, named=True)
    assert (row["article_id"], row["source_file"]) == (
        "Bericht-uber-Homs",
        "seeds/Bericht über Homs.txt",
    )


@pytest.mark.parametrize(
    "names",
    [("Report.txt", "report.txt"), ("my report.txt", "my-report.txt")],
    ids=["case", "punct"],
)
def test_seeds_whose_ids_collide_are_refused(tmp_path, names):
    seeds = write_seeds(tmp_path / "seeds", dict.fromkeys(names, ARTICLE))
    assert len(list(seeds.iterdir())) == 2  # CI's file systems keep case
    with pytest.raises(SeedError, match=r"same article id .* \(seed-collision\)"):
        build(seeds, tmp_path / "out")


# -- text content ------------------------------------------------------------------------


def test_formula_text_is_kept_verbatim_and_flagged_as_a_warning(tmp_path):
    comments = '=HYPERLINK("http://evil.example","click") I saw it!\n+cmd|calc I agree!\n'
    seeds = write_seeds(tmp_path / "seeds", {"f": ARTICLE + comments})
    build(seeds, tmp_path / "out")
    package = read_package(tmp_path / "out" / "datapackage.json")
    texts = package.load("comments")["text"].to_list()
    assert texts == comments.splitlines()
    report = validate(tmp_path / "out")
    assert report.valid
    flagged = {(i.table, i.row) for i in report.issues if i.code == "spreadsheet-formula"}
    assert ("comments", 2) in flagged and ("comments", 3) in flagged
    assert {i.severity for i in report.issues} == {"warning"}


def test_control_right_to_left_and_combining_characters_keep_exact_offsets(tmp_path):
    text = (
        "Officials said\u0007 the road to Homs reopened on June 1.\n"
        "قال مسؤولون إن 40 شاحنة عبرت. The convoy reached Dara\u0301a.\n"
        "I saw 3 trucks myself, honestly!\n"
    )
    seeds = write_seeds(tmp_path / "seeds", {"mixed": text})
    build(seeds, tmp_path / "out")
    assert validate(tmp_path / "out").valid
    spans_hold(tmp_path / "out", text)


# -- packages ----------------------------------------------------------------------------


@pytest.fixture
def built(tmp_path):
    seeds = write_seeds(tmp_path / "seeds", {"bridge": ARTICLE + COMMENTS})
    build(seeds, tmp_path / "pkg")
    return tmp_path / "pkg"


def test_a_truncated_csv_is_reported_by_its_hash(built):
    path = built / "data" / "claims.csv"
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    codes = {(i.table, i.code) for i in validate(built).errors}
    assert ("claims", "hash-count") in codes


@pytest.mark.parametrize(
    "path", ["../../etc/passwd", "/etc/passwd", "https://example.org/x.csv", "data/../../x"]
)
def test_resource_paths_outside_the_package_are_refused_for_validate_and_load(built, path):
    descriptor = json.loads((built / "datapackage.json").read_text())
    descriptor["resources"][0]["path"] = path
    (built / "datapackage.json").write_text(json.dumps(descriptor))
    with pytest.raises(PackageError, match="unsafe-path"):
        validate(built)
    with pytest.raises(PackageError, match="unsafe-path"):
        read_package(built / "datapackage.json").load("articles")


# -- builds ------------------------------------------------------------------------------

KILLER = """
import json, os, pathlib, shutil, signal, sys
import polars as pl
kill_at, ops = int(sys.argv[3]), [0]

def counted(fn):
    def wrapper(*args, **kwargs):
        ops[0] += 1
        if ops[0] == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
        return fn(*args, **kwargs)
    return wrapper

os.replace = counted(os.replace)
shutil.rmtree = counted(shutil.rmtree)
pl.DataFrame.write_csv = counted(pl.DataFrame.write_csv)
pathlib.Path.write_text = counted(pathlib.Path.write_text)
pathlib.Path.unlink = counted(pathlib.Path.unlink)
from tidynews.dataset.load import read_package
from tidynews.dataset.publish import write_package
source = read_package(sys.argv[1])
tables = {name: source.load(name) for name in source.tables}
meta = json.loads(pathlib.Path(sys.argv[1]).read_text())
meta = {k: v for k, v in meta.items() if k not in ("profile", "resources")}
write_package(tables, pathlib.Path(sys.argv[2]), meta)
print(ops[0])
"""


def _publish(source: Path, out: Path, kill_at: int, delay: float | None = None) -> str:
    command = [sys.executable, "-c", KILLER, str(source / "datapackage.json"), str(out)]
    process = subprocess.Popen(
        [*command, str(kill_at)], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    if delay is not None:
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
    stdout, _ = process.communicate(timeout=120)
    return stdout


def test_a_build_killed_at_any_point_leaves_the_old_or_the_new_package(tmp_path):
    old_seeds = write_seeds(tmp_path / "old", {"bridge": ARTICLE})
    new_seeds = write_seeds(tmp_path / "new", {"bridge": ARTICLE + COMMENTS, "b": ARTICLE})
    build(old_seeds, tmp_path / "old_pkg")
    build(new_seeds, tmp_path / "new_pkg")
    reference = tmp_path / "reference"
    build(old_seeds, reference)
    total_ops = int(_publish(tmp_path / "new_pkg", reference, kill_at=0).strip())
    old, new = snapshot(tmp_path / "old_pkg"), snapshot(reference)
    assert old != new

    started = time.perf_counter()
    _publish(tmp_path / "new_pkg", tmp_path / "timing", kill_at=0)
    run_time = time.perf_counter() - started
    rng = random.Random(20261125)
    points = [("op", k, None) for k in range(1, total_ops + 1)]
    points += [("time", 0, rng.uniform(0.3, run_time)) for _ in range(8)]
    outcomes = []
    for kind, kill_at, delay in points:
        out = tmp_path / f"out-{kind}-{kill_at}-{delay}"
        build(old_seeds, out)
        _publish(tmp_path / "new_pkg", out, kill_at, delay)
        journal = (out / ".tidynews-swap.json").exists()
        if not journal:
            assert snapshot(out) in (old, new), (kind, kill_at, delay)
        recover(out)
        state = snapshot(out)
        assert state in (old, new), (kind, kill_at, delay)
        assert validate(out).valid
        outcomes.append("new" if state == new else "old")
    assert len(points) >= 20
    assert "old" in outcomes and "new" in outcomes
    print(
        f"killed at {len(points)} points ({total_ops} file operations, 8 random times):",
        f"{outcomes.count('old')} left the old package, {outcomes.count('new')} the new one",
    )


def test_a_second_build_on_the_same_folder_fails_clearly(tmp_path):
    seeds = write_seeds(tmp_path / "seeds", {"a": ARTICLE})
    out = tmp_path / "out"
    build(seeds, out)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\nfrom tidynews.dataset.publish import build_lock\n"
            "with build_lock(__import__('pathlib').Path(sys.argv[1])):\n"
            "    print('locked', flush=True); time.sleep(30)",
            str(out),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(PackageError, match="another build is running"):
            build(seeds, out)
    finally:
        holder.kill()
        holder.wait()
    assert build(seeds, out).documents == 1  # the lock dies with its process


# -- any text ----------------------------------------------------------------------------

TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=400)


@settings(
    max_examples=60,
    derandomize=True,  # the same examples on every run: CI must not fail by chance
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=TEXT)
def test_any_text_builds_a_valid_package_or_fails_clearly(tmp_path_factory, text):
    root = tmp_path_factory.mktemp("any")
    seeds = write_seeds(root / "seeds", {"doc": text.encode("utf-8")})
    try:
        build(seeds, root / "out")
    except SeedError as exc:
        assert str(exc).startswith("seeds/doc.txt") and "(seed-" in str(exc)
        return
    source = (seeds / "doc.txt").read_bytes().decode("utf-8")
    if source.startswith("\ufeff"):
        source = source[1:]
    assert validate(root / "out").valid
    spans_hold(root / "out", source)
    assert pl.read_csv(root / "out" / "data" / "articles.csv").height == 1
    assert os.path.exists(root / "out" / "datapackage.json")


# Runs the command, passes its output and exit code on, and prints last on stderr the
# peak of its anonymous resident memory (KB), sampled every 10 ms. Anonymous, because
# polars memory-maps the CSV and the kernel keeps those file pages resident (and
# counted in ru_maxrss) while it has RAM to spare, though it can drop them any time.
PEAK_ANON = (
    "import subprocess, sys, time\n"
    "child = subprocess.Popen(sys.argv[1:])\n"
    "peak = 0\n"
    "while child.poll() is None:\n"
    "    try:\n"
    "        status = open(f'/proc/{child.pid}/status').read()\n"
    "        peak = max(peak, int(status.split('RssAnon:')[1].split()[0]))\n"
    "    except (OSError, IndexError):\n"
    "        pass\n"
    "    time.sleep(0.01)\n"
    "print(peak, file=sys.stderr)\n"
    "sys.exit(child.returncode)\n"
)


@pytest.mark.skipif(not Path("/proc/self/status").is_file(), reason="reads /proc (Linux)")
def test_a_1_gb_csv_validates_in_bounded_memory(tmp_path):
    """validate streams a CSV in batches and keeps only its keys: memory stays below
    the file's size, and one bad cell near the end is still found, exactly."""
    rows = 7_500_000
    bad_row = rows - 3  # 0-based data row; frictionless numbers it +2 (header = row 1)
    frame = (
        pl.int_range(rows, eager=True)
        .alias("id")
        .to_frame()
        .select(
            "id",
            text=pl.format("row {} of a large table, with words to fill the line", "id")
            + pl.lit(" and more" * 6),
            value=pl.when(pl.col("id") == bad_row).then(-1.0).otherwise(pl.col("id") / 7),
            flag=pl.col("id") % 2 == 0,
        )
    )
    (tmp_path / "data").mkdir()
    path = tmp_path / "data" / "big.csv"
    frame.write_csv(path)
    del frame
    size = path.stat().st_size
    assert size > 1_000_000_000
    schema = {
        "fields": [
            {"name": "id", "type": "integer", "constraints": {"required": True}},
            {"name": "text", "type": "string"},
            {"name": "value", "type": "number", "constraints": {"minimum": 0}},
            {"name": "flag", "type": "boolean"},
        ],
        "primaryKey": ["id"],
    }
    resource = {"name": "big", "path": "data/big.csv", "bytes": size, "schema": schema}
    descriptor = {"name": "big", "resources": [resource]}
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    tidynews = Path(sys.executable).parent / "tidynews"
    command = [str(tidynews), "validate", "--format", "json", "datapackage.json"]
    done = subprocess.run(
        [sys.executable, "-c", PEAK_ANON, *command], cwd=tmp_path, capture_output=True, text=True
    )
    assert done.returncode == 1, done.stderr
    issues = json.loads(done.stdout)["issues"]
    assert [(i["code"], i["row"], i["field"]) for i in issues] == [
        ("constraint-error", bad_row + 2, "value")
    ]
    peak_mb = int(done.stderr.splitlines()[-1]) / 1024
    # Reading the whole file as text takes 1.6 times its size; streamed, the batches and
    # the keys take less than the file (polars reads ahead of the batches it hands out).
    assert peak_mb < 0.9 * size / 2**20, f"{peak_mb:.0f} MB for a {size / 2**20:.0f} MB file"
