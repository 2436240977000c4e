"""The process around a command: allocator settings and the exit without teardown."""

import os
import subprocess
import sys

import pytest

ALLOCATOR_CHECK = (
    "import os, sys\n"
    "import tidynews.cli\n"
    "assert 'polars' not in sys.modules and 'pyarrow' not in sys.modules\n"
    "tidynews.process.return_freed_memory()\n"
    "print(os.environ.get('_RJEM_MALLOC_CONF'), os.environ.get('ARROW_DEFAULT_MEMORY_POOL'))\n"
)


def run_python(code: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, **kwargs)


def test_a_build_process_frees_polars_and_pyarrow_memory_at_once_unless_told_otherwise():
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("_RJEM_MALLOC_CONF", "ARROW_DEFAULT_MEMORY_POOL")
    }
    run = run_python(ALLOCATOR_CHECK, env=env)
    assert run.stdout.split() == ["dirty_decay_ms:0,muzzy_decay_ms:0", "system"], run.stderr
    env |= {"_RJEM_MALLOC_CONF": "narenas:1", "ARROW_DEFAULT_MEMORY_POOL": "jemalloc"}
    run = run_python(ALLOCATOR_CHECK, env=env)
    assert run.stdout.split() == ["narenas:1", "jemalloc"], run.stderr


@pytest.mark.parametrize(
    ("code", "status", "stderr"),
    [
        ("None", 0, ""),
        ("0", 0, ""),
        ("3", 3, ""),
        ("'Error: no such file'", 1, "Error: no such file\n"),
    ],
)
def test_exit_now_keeps_sys_exit_codes_and_flushes_what_was_printed(tmp_path, code, status, stderr):
    out = tmp_path / "out.txt"
    script = (
        "import sys\n"
        "from tidynews.process import exit_now\n"
        "sys.stdout.write('x' * 200_000)\n"  # more than a buffer: pending at exit
        f"exit_now({code})\n"
        "print('not reached')\n"
    )
    with out.open("w") as file:
        run = subprocess.run(
            [sys.executable, "-c", script], stdout=file, stderr=subprocess.PIPE, text=True
        )
    assert run.returncode == status
    assert run.stderr == stderr
    assert out.read_text() == "x" * 200_000


def test_the_command_line_exits_with_its_status_and_whole_output(tmp_path):
    run = subprocess.run(
        [sys.executable, "-m", "tidynews", "validate", str(tmp_path / "missing")],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 2
    assert "missing" in run.stderr
    run = subprocess.run(
        [sys.executable, "-m", "tidynews", "--help"], capture_output=True, text=True
    )
    assert run.returncode == 0
    assert "validate" in run.stdout


HOLD_OFF = (
    "import gc\n"
    "from tidynews.process import hold_off_collection, settle_collection\n"
    "settle_collection()\n"  # nothing held off: nothing to do
    "print(gc.isenabled(), gc.get_freeze_count() == 0)\n"
    "hold_off_collection()\n"
    "print(gc.isenabled())\n"
    "settle_collection()\n"
    "print(gc.isenabled(), gc.get_freeze_count() > 0)\n"
    "gc.disable()\n"
    "hold_off_collection()\n"  # the caller's own choice: left alone
    "settle_collection()\n"
    "print(gc.isenabled())\n"
)


def test_the_collector_is_held_off_during_start_up_then_settled():
    run = run_python(HOLD_OFF)
    assert run.stdout.split() == ["True", "True", "False", "True", "True", "False"], run.stderr


BLOCK = (
    "import gc\n"
    "from tidynews.process import collection_held_off, settle_collection\n"
    "with collection_held_off():\n"
    "    print(gc.isenabled())\n"  # a build that fails before its first document
    "print(gc.isenabled())\n"
    "with collection_held_off():\n"
    "    settle_collection()\n"
    "    print(gc.isenabled(), gc.get_freeze_count() > 0)\n"
    "print(gc.isenabled(), gc.get_freeze_count())\n"
)


def test_a_held_off_block_gives_the_collector_back_as_it_was():
    run = run_python(BLOCK)
    assert run.stdout.split() == ["False", "True", "True", "True", "True", "0"], run.stderr
