"""The layout's promises, read from the source's imports (ast, nothing imported):
pipeline/ and validation/ import neither each other nor dataset/; the validator
names no dataset's tables; the CLI goes through the public API; modules stay small."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "tidynews"
# sub-package -> the sub-packages it must not import
FORBIDDEN = {
    "pipeline": {"validation", "dataset", "evaluation"},
    "validation": {"pipeline", "dataset", "evaluation"},
    "dataset": {"evaluation"},
}
# what the CLI may import: the public API, the errors it turns into exit codes and how
# its process starts and ends
CLI_ALLOWED = {"tidynews", "tidynews.errors", "tidynews.process"}


def imports(path: Path, root: Path = PACKAGE.parent) -> list[tuple[int, str]]:
    """(line, module) for every import in a file under `root`, relative ones made absolute."""
    package = ".".join(path.relative_to(root).with_suffix("").parts[:-1])
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            found.append((node.lineno, module))
    return found


def modules(sub: str) -> list[Path]:
    return sorted((PACKAGE / sub).rglob("*.py"))


@pytest.mark.parametrize("sub", sorted(FORBIDDEN))
def test_dependencies_point_one_way(sub):
    wrong = [
        f"{path.relative_to(PACKAGE)}:{line} imports {module}"
        for path in modules(sub)
        for line, module in imports(path)
        if module.split(".")[:2] in (["tidynews", other] for other in FORBIDDEN[sub])
    ]
    assert not wrong, "\n".join(wrong)


def test_the_import_walk_sees_a_wrong_arrow(tmp_path):
    """The walk itself: an import the wrong way, absolute or relative, is found."""
    sample = tmp_path / "tidynews" / "pipeline" / "probe.py"
    sample.parent.mkdir(parents=True)
    sample.write_text("from ..dataset import rules\nimport tidynews.validation.keys\n")
    found = [module for _, module in imports(sample, tmp_path)]
    assert found == ["tidynews.dataset", "tidynews.validation.keys"]


def test_the_validator_names_no_dataset_table():
    """A generic validator: tidynews' tables appear only in dataset/ (its Profile)."""
    tables = ("articles", "comments", "claims", "place_mentions")
    hits = [
        f"{path.relative_to(PACKAGE)}:{n}"
        for path in modules("validation")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if any(table in line for table in tables)
    ]
    assert not hits, hits


def test_the_cli_uses_only_the_public_api():
    wrong = [
        f"cli.py:{line} imports {module}"
        for line, module in imports(PACKAGE / "cli.py")
        if module.startswith("tidynews") and module not in CLI_ALLOWED
    ]
    assert not wrong, "\n".join(wrong)


def test_modules_and_classes_stay_small():
    """STYLE: modules under ~400 lines, classes under ~150."""
    big = []
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if text.count("\n") > 420:
            big.append(f"{path.relative_to(PACKAGE)}: {text.count(chr(10))} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.ClassDef) and node.end_lineno - node.lineno >= 150:
                big.append(f"{path.relative_to(PACKAGE)}: class {node.name}")
    assert not big, big
