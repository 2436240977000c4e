"""Hostile seeds folders, sidecars and output folders (issue: hostile inputs, second
round): each gets one clear line, never a traceback or an invalid package."""

import errno
import os
import signal
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

import tidynews.dataset.publish
from tests.conftest import ARTICLE, write_seeds
from tidynews.cli import cli
from tidynews.dataset.build import _rows_or_reason, build, worker_count
from tidynews.errors import SeedError


@pytest.mark.parametrize(
    ("sidecar", "message"),
    [
        ('{"url": "https://example.org/a\\n"}', "field 'url'"),
        ('{"language": "en\\n"}', "field 'language'"),
        ('{"title": "x", "n": ' + "9" * 5000 + "}", "not a valid UTF-8 JSON sidecar"),
        ("[" * 100_000 + "]" * 100_000, "nested too deep"),
    ],
    ids=["url-newline", "language-newline", "5000-digits", "deep"],
)
def test_a_bad_sidecar_is_a_seed_sidecar_error(tmp_path, sidecar, message):
    seeds = write_seeds(tmp_path / "seeds", {"a": ARTICLE, "a.json": sidecar})
    with pytest.raises(SeedError, match=rf"seeds/a\.json: .*{message}.*\(seed-sidecar\)"):
        build(seeds, tmp_path / "out")


def test_a_sidecar_symlinked_outside_the_seeds_folder_is_refused(tmp_path):
    secret = tmp_path / "secret.json"
    secret.write_text('{"title": "not for publication"}')
    seeds = write_seeds(tmp_path / "seeds", {"a": ARTICLE})
    (seeds / "a.json").symlink_to(secret)
    with pytest.raises(SeedError, match=r"seeds/a\.json: a symlink .*\(seed-symlink\)"):
        build(seeds, tmp_path / "out")


def test_a_seed_name_of_255_bytes_builds(tmp_path):
    name = "a" * 251  # + ".txt" = 255 bytes; its sidecar's name would be too long to exist
    seeds = write_seeds(tmp_path / "seeds", {name: ARTICLE})
    assert build(seeds, tmp_path / "out").documents == 1


def test_a_seed_deleted_after_discovery_is_a_seed_error(tmp_path):
    seeds = write_seeds(tmp_path / "seeds", {"a": ARTICLE})
    (seeds / "a.txt").unlink()
    outcome = _rows_or_reason(seeds / "a.txt")
    assert isinstance(outcome, SeedError)
    assert "seeds/a.txt: cannot be read" in str(outcome) and "(seed-unreadable)" in str(outcome)


def test_entries_a_build_cannot_read_are_listed(tmp_path):
    seeds = write_seeds(tmp_path / "seeds", {"a": ARTICLE, "upper.TXT": ARTICLE})
    (seeds / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (seeds / "loop.txt").symlink_to(seeds / "loop.txt")
    os.mkfifo(seeds / "pipe.txt")
    (seeds / "folder.txt").mkdir()
    unread = dict(build(seeds, tmp_path / "out").unread)
    assert "leads nowhere" in unread["seeds/dangling.txt"]
    assert "leads nowhere" in unread["seeds/loop.txt"]
    assert "not a regular file" in unread["seeds/pipe.txt"]
    assert "a folder" in unread["seeds/folder.txt"]
    assert "rename it to upper.txt" in unread["seeds/upper.TXT"]


def test_an_output_folder_that_refuses_writes_is_one_line_and_keeps_the_package(
    tmp_path, monkeypatch
):
    seeds = write_seeds(tmp_path / "seeds", {"a": ARTICLE})
    build(seeds, tmp_path / "out")
    before = (tmp_path / "out" / "datapackage.json").read_bytes()

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system", str(tmp_path / "out"))

    monkeypatch.setattr(tidynews.dataset.publish.tempfile, "mkdtemp", read_only)
    result = CliRunner().invoke(cli, ["build", str(seeds), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {tmp_path / 'out'}: cannot write the new package: Read-only file system "
        f"({tmp_path / 'out'}); the package already there was kept as it was.\n"
    )
    assert (tmp_path / "out" / "datapackage.json").read_bytes() == before


def test_jobs_are_capped_by_the_cores(tmp_path):
    cores = len(os.sched_getaffinity(0))
    assert 1 <= worker_count(64) <= cores
    seeds = write_seeds(tmp_path / "seeds", {"a": ARTICLE, "b": ARTICLE})
    result = CliRunner().invoke(
        cli, ["build", str(seeds), "--out", str(tmp_path / "o"), "--jobs", "64"]
    )
    assert result.exit_code == 0
    assert f"note: --jobs 64 ran {worker_count(64)} workers" in result.output


def test_build_workers_exit_when_the_build_is_killed(tmp_path):
    seeds = write_seeds(tmp_path / "seeds", {f"d{i:03}": ARTICLE * 20 for i in range(400)})
    script = (
        "from tidynews.dataset.build import build\n"
        f"build({str(seeds)!r}, {str(tmp_path / 'out')!r}, jobs=2)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script])
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while not workers and time.monotonic() < deadline and parent.poll() is None:
        time.sleep(0.2)
        workers = children(parent.pid)
    assert workers, "the build started no workers"
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 15
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(alive(pid) for pid in workers)


def children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    if int(stat.read().rsplit(")", 1)[1].split()[1]) == pid:
                        found.append(int(entry))
            except OSError:
                continue
    return found


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_a_worker_that_dies_is_one_line_and_keeps_the_package(tmp_path):
    """A worker killed mid-build (the kernel's out-of-memory killer does this)."""
    seeds = write_seeds(tmp_path / "seeds", {f"d{i:02}": ARTICLE for i in range(20)})
    build(seeds, tmp_path / "out")
    before = (tmp_path / "out" / "datapackage.json").read_bytes()
    write_seeds(seeds, {"zz_kill": ARTICLE + "KILL-THIS-WORKER\n"})
    script = (
        "import os, signal, sys\n"
        "import tidynews.dataset.build\n"
        "b = sys.modules['tidynews.dataset.build']\n"
        "real = b.document_rows\n"
        "def dying(extraction):\n"
        "    if 'KILL-THIS-WORKER' in extraction.document.text:\n"
        "        os.kill(os.getpid(), signal.SIGKILL)\n"
        "    return real(extraction)\n"
        "b.document_rows = dying\n"
        "from tidynews.cli import main\n"
        "main()\n"
    )
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            script,
            "build",
            str(seeds),
            "--out",
            str(tmp_path / "out"),
            "--jobs",
            "2",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith("Error: a build worker died")
    assert (tmp_path / "out" / "datapackage.json").read_bytes() == before
