"""Diff that understands edits: rows an edit only shifted are moved, not removed and added."""

import pytest

from tests.conftest import ARTICLE, COMMENTS, write_seeds
from tidynews.dataset.build import build
from tidynews.dataset.diff import diff


@pytest.fixture(scope="module")
def before(tmp_path_factory):
    root = tmp_path_factory.mktemp("diff")
    build(write_seeds(root / "seeds", {"bridge": ARTICLE + COMMENTS}), root / "pkg")
    return root / "pkg" / "datapackage.json"


def rebuilt(tmp_path, text: str):
    build(write_seeds(tmp_path / "seeds", {"bridge": text}), tmp_path / "pkg")
    return tmp_path / "pkg" / "datapackage.json"


def test_an_edit_before_every_row_moves_them_and_is_a_patch(before, tmp_path):
    after = rebuilt(tmp_path, "\n\n\n" + ARTICLE + COMMENTS)
    result = diff(before, after)
    for name in ("comments", "claims", "figures"):
        table = result.tables[name]
        assert (table.added, table.removed, table.moved) == (0, 0, table.rows_old), name
        assert table.moved > 0
    level, reasons = result.bump()
    assert level == "patch", reasons
    assert "claims: " in " ".join(reasons) and "rows moved (offsets only)" in " ".join(reasons)


def test_a_row_whose_text_changed_is_removed_and_added(before, tmp_path):
    first_line, rest = ARTICLE.split("\n", 1)
    after = rebuilt(tmp_path, first_line.replace(" ", "  ", 1) + "\n" + rest + COMMENTS)
    claims = diff(before, after).tables["claims"]
    assert claims.added >= 1 and claims.removed >= 1  # the edited sentence's claim
    assert claims.moved == claims.rows_old - claims.removed


def test_two_equal_rows_each_move_once(before, tmp_path):
    """Moved rows are matched one to one, so a row never counts twice."""
    result = diff(before, rebuilt(tmp_path, "\n\n\n" + ARTICLE + COMMENTS))
    assert all(t.moved <= min(t.rows_old, t.rows_new) for t in result.tables.values())
