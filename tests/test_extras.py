"""The light install and its extras stay honest: every third-party import in the
source is a core dependency or belongs to the extra that installs it, each extra
declares it in pyproject.toml, and every declared dependency is pinned."""

import ast
import re
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

import tomllib

from tidynews.errors import EXTRAS

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "tidynews"
CORE = {"click", "polars", "pyarrow"}
OPTIONAL_STDLIB_BACKPORTS = {"tomli"}  # only below Python 3.11, in the build extra


def third_party(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            names = [node.module]
        for name in names:
            top = name.partition(".")[0]
            if top not in sys.stdlib_module_names and top != "tidynews":
                found.add(top)
    return found - OPTIONAL_STDLIB_BACKPORTS


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared() -> dict[str, set[str]]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    groups = {"core": project["dependencies"], **project["optional-dependencies"]}
    return {
        group: {_normal(re.split(r"[<>=!~;\[ ]", r, maxsplit=1)[0]) for r in reqs}
        for group, reqs in groups.items()
    }


def test_every_third_party_import_is_core_or_in_an_extra():
    optional = {m for modules in EXTRAS.values() for m in modules}
    stray = {
        f"{path.relative_to(PACKAGE)}: {module}"
        for path in PACKAGE.rglob("*.py")
        for module in third_party(path)
        if module not in CORE | optional
    }
    assert not stray, sorted(stray)


def test_the_pipeline_needs_only_the_build_extra():
    stray = {
        f"{path.relative_to(PACKAGE)}: {module}"
        for path in (PACKAGE / "pipeline").rglob("*.py")
        for module in third_party(path)
        if module not in CORE | set(EXTRAS["build"])
    }
    assert not stray, sorted(stray)


def test_each_extra_declares_its_modules_and_every_dependency_is_pinned():
    declared = _declared()
    distributions = packages_distributions()
    for extra, modules in EXTRAS.items():
        for module in modules:
            names = {_normal(d) for d in distributions.get(module, [module])}
            assert names & declared[extra], f"extra {extra!r} does not declare {module}"
    pins = {
        _normal(line.split("==")[0])
        for file in ("requirements.txt", "requirements-dev.txt")
        for line in (ROOT / file).read_text(encoding="utf-8").splitlines()
        if "==" in line and not line.startswith("#")
    }
    unpinned = {name for names in declared.values() for name in names} - pins - {"tidynews"}
    assert not unpinned, sorted(unpinned)
