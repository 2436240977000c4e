"""The wheel ships the dataset: install it apart from the source tree and load from it."""

import subprocess
import sys
import sysconfig
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tidynews.dataset.diff import diff


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh virtualenv holding only the built wheel; dependencies come from the test env."""
    root = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--sdist",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(root / "dist"),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    wheel = next((root / "dist").glob("tidynews-*.whl"))
    env, site = venv_with(wheel, root / "env")
    # Dependencies are borrowed from this environment; tidynews itself only from the wheel.
    (site / "_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return env


def venv_with(wheel: Path, env: Path) -> tuple[Path, Path]:
    """A fresh virtualenv at `env` holding `wheel` and nothing else: (env, its site-packages)."""
    venv.EnvBuilder(with_pip=False).create(env)
    purelib = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    site = Path(subprocess.check_output([env / "bin" / "python", "-c", purelib], text=True).strip())
    subprocess.run(
        [*PIP_INSTALL, "--target", str(site), str(wheel)], check=True, capture_output=True
    )
    return env, site


def run(env: Path, code: str, cwd: Path) -> str:
    result = subprocess.run(
        [env / "bin" / "python", "-c", code], cwd=cwd, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_installed_wheel_loads_every_table_outside_the_repo(installed, tmp_path):
    out = run(
        installed,
        (
            "import tidynews\nfrom tidynews.dataset.load import installed_package_path\n"
            "print(installed_package_path())\n"
            "for t in ['articles','comments','claims','places','place_mentions','figures']:\n"
            "    p = tidynews.load(t); d = tidynews.load(t, backend='pandas')\n"
            "    assert len(p) == len(d), t\n"
            "    print(t, len(p), dict(p.schema)['start' if 'start' in p.columns else p.columns[0]])\n"
            "print(tidynews.__version__, tidynews.data_version())\n"
        ),
        tmp_path,
    )
    lines = out.splitlines()
    assert "site-packages/tidynews/_package/datapackage.json" in lines[0]
    assert len(lines) == 8
    version = lines[-1].split()
    assert version[0] == version[1]


def test_installed_package_validates_with_the_installed_cli(installed, tmp_path):
    descriptor = run(
        installed,
        "from tidynews.dataset.load import installed_package_path as p; print(p())",
        tmp_path,
    ).strip()
    result = subprocess.run(
        [installed / "bin" / "python", "-m", "tidynews", "validate", descriptor],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith(": valid")


def test_installed_package_builds_with_its_own_reference_data(installed, tmp_path):
    """The gazetteer's sources and supplement come with the install: an installed
    tidynews resolves places."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "gaza.txt").write_text("Rockets were fired from the Gaza Strip into Israel.\n")
    result = subprocess.run(
        [installed / "bin" / "python", "-m", "tidynews", "build", str(seeds), "--out", "pkg"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    places = (tmp_path / "pkg" / "data" / "places.csv").read_text()
    assert ",Gaza Strip," in places and "iso:IL,Israel,country" in places


def test_the_sdist_carries_the_dataset_and_its_sources(installed):
    sdist = next((installed.parent / "dist").glob("tidynews-*.tar.gz"))
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {"datapackage.json", "data/claims.csv", "data/claims.parquet", "pyproject.toml"} <= names
    assert "src/tidynews/pipeline/places/data/gazetteer_supplement.csv" in names
    assert {"DATASET.md", "CITATION.cff"} <= names
    wheel = next((installed.parent / "dist").glob("tidynews-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        shipped = set(archive.namelist())
    assert {"tidynews/_package/DATASET.md", "tidynews/_package/CITATION.cff"} <= shipped


def test_diff_reads_the_dataset_inside_a_wheel(installed):
    wheel = next((installed.parent / "dist").glob("tidynews-*.whl"))
    result = diff(wheel, ROOT / "datapackage.json")
    assert result.bump() == ("none", [])


PIP_INSTALL = [sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--quiet"]


def _closure(requirements: list[str]) -> set[str]:
    """The distributions `requirements` pull in, without extras, as installed here."""
    from importlib.metadata import distribution
    from importlib.metadata import requires as requires_of

    from packaging.requirements import Requirement

    seen: set[str] = set()
    todo = [Requirement(r) for r in requirements]
    while todo:
        req = todo.pop()
        if req.marker is not None and not req.marker.evaluate({"extra": ""}):
            continue
        name = distribution(req.name).metadata["Name"].lower().replace("_", "-")
        if name not in seen:
            seen.add(name)
            todo += [Requirement(r) for r in requires_of(name) or []]
    return seen


@pytest.fixture(scope="module")
def light(installed, tmp_path_factory) -> tuple[Path, set[str]]:
    """A virtualenv with the wheel and only what `pip install tidynews` (no extras) pulls
    in: its declared dependencies and theirs, linked from this environment."""
    from importlib.metadata import distribution

    wheel = next((installed.parent / "dist").glob("tidynews-*.whl"))
    env, site = venv_with(wheel, tmp_path_factory.mktemp("light") / "env")
    with zipfile.ZipFile(wheel) as archive:
        metadata = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        core = [
            line.split(":", 1)[1].strip()
            for line in archive.read(metadata).decode().splitlines()
            if line.startswith("Requires-Dist:") and "extra ==" not in line
        ]
    names = _closure(core)
    for name in names:
        dist = distribution(name)
        tops = {Path(str(f)).parts[0] for f in dist.files or []}
        for top in tops - {"..", "__pycache__"}:
            source = Path(str(dist.locate_file(top)))
            if source.exists() and not (site / top).exists():
                (site / top).symlink_to(source)
    return env, names


def test_the_light_install_loads_every_table_without_the_extras(light, tmp_path):
    """`pip install tidynews` pulls in a handful of packages and reads the data; what
    needs an extra says which one to install, and the CLI exits 2, never 1."""
    env, names = light
    assert len(names) <= 25, sorted(names)
    assert not names & {"spacy", "frictionless", "pandas", "pandera"}, sorted(names)
    out = run(
        env,
        "import sys, tidynews\n"
        "for t in ['articles','comments','claims','places','place_mentions','figures']:\n"
        "    print(t, tidynews.load(t).height, tidynews.load(t, lazy=True).collect().height)\n"
        "print(tidynews.diff(tidynews.installed_package_path(), "
        "tidynews.installed_package_path()).bump()[0])\n"
        "for call in (lambda: tidynews.validate, lambda: tidynews.build,\n"
        "             lambda: tidynews.load('claims', backend='pandas')):\n"
        "    try:\n        call()\n    except tidynews.MissingExtraError as e:\n"
        "        print('missing:', e)\n"
        "print(sorted(m for m in ('spacy', 'frictionless', 'pandas') if m in sys.modules))\n",
        tmp_path,
    )
    lines = out.splitlines()
    assert [line.split()[0] for line in lines[:6]] == [
        "articles",
        "comments",
        "claims",
        "places",
        "place_mentions",
        "figures",
    ]
    assert all(line.split()[1] == line.split()[2] for line in lines[:6])
    assert lines[6] == "none"
    assert "pip install 'tidynews[validate]'" in lines[7]
    assert "pip install 'tidynews[build]'" in lines[8]
    assert "pip install 'tidynews[pandas]'" in lines[9]
    assert lines[10] == "[]"
    result = subprocess.run(
        [env / "bin" / "python", "-m", "tidynews", "validate", "datapackage.json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "pip install 'tidynews[validate]'" in result.stderr
