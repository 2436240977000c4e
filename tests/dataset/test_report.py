"""tidynews report: one self-contained page, checked in a real headless browser."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import ROOT
from tidynews.cli import cli
from tidynews.dataset.load import read_package
from tidynews.dataset.report import render, report

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
LAND, POINT = (230, 226, 216), (194, 24, 91)  # charts.LAND, charts.POINT
CLAIM, PLACE = (255, 243, 196), (248, 187, 208)  # the .claim and .place backgrounds
# Headless, and without Chromium's own background traffic (closed network here).
QUIET = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--window-size=1100,2400",
]


@pytest.fixture(scope="module")
def page(small_package, tmp_path_factory) -> Path:
    return report(small_package, tmp_path_factory.mktemp("report") / "report.html")


@pytest.fixture(scope="module")
def seed_page(tmp_path_factory) -> Path:
    """The committed package's report: its places have coordinates to put on the map."""
    return report(ROOT / "datapackage.json", tmp_path_factory.mktemp("seed") / "report.html")


def test_every_row_is_marked_in_its_document(small_package, page):
    text = page.read_text()
    package = read_package(small_package)
    for table, css in (("claims", "claim"), ("place_mentions", "place"), ("figures", "figure")):
        assert text.count(f'<mark class="{css}"') >= package.load(table).height, table
    assert 'title="claimant: ' in text and "<svg" in text


def test_the_committed_report_is_the_committed_package_s(seed_page):
    """`make build` rewrites report.html; CI fails when it is stale."""
    assert (ROOT / "report.html").read_text() == seed_page.read_text(), "run `make build`"


def test_the_page_loads_nothing_from_anywhere(page):
    text = page.read_text().lower()
    for reference in ("<script", "<link", "<iframe", "<img", "src=", "@import", "url("):
        assert reference not in text, reference


def test_report_command_writes_the_page(small_package, tmp_path):
    out = tmp_path / "r.html"
    result = CliRunner().invoke(cli, ["report", str(small_package), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text() == render(read_package(small_package))


def browse(page: Path, folder: Path) -> tuple[Path, list[str]]:
    """A screenshot of `page` in headless Chromium, and the URLs the page itself asked
    for (Chromium's own background requests have no origin and are left out)."""
    shot, netlog = folder / "shot.png", folder / "net.json"
    subprocess.run(
        [
            str(CHROMIUM),
            *QUIET,
            f"--user-data-dir={folder / 'profile'}",
            f"--log-net-log={netlog}",
            f"--screenshot={shot}",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
    log = json.loads(netlog.read_text())
    start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    asked = [
        e["params"]["url"]
        for e in log["events"]
        if e["type"] == start
        and "url" in e.get("params", {})
        and e["params"].get("initiator") != "not an origin"
    ]
    return shot, asked


def colour_share(shot: Path, colour: tuple[int, int, int]) -> float:
    from PIL import Image

    image = Image.open(shot).convert("RGB")
    near = sum(
        n
        for n, rgb in image.getcolors(image.width * image.height)
        if all(abs(a - b) <= 6 for a, b in zip(rgb, colour, strict=True))
    )
    return near / (image.width * image.height)


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")
def test_in_a_browser_the_map_and_the_marked_document_render_offline(seed_page, tmp_path):
    shot, asked = browse(seed_page, tmp_path)
    assert asked == []
    assert colour_share(shot, LAND) > 0.02  # the countries
    assert colour_share(shot, POINT) > 0.0001  # the places on them
    assert colour_share(shot, CLAIM) > 0.005  # claims highlighted in the text
    assert colour_share(shot, PLACE) > 0.0005  # and the places in them


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")
def test_the_browser_check_would_see_a_page_that_fetches(tmp_path):
    """The request check is not vacuous: a page with an image URL is caught."""
    fetching = tmp_path / "fetching.html"
    fetching.write_text('<html><body><img src="http://127.0.0.1:9/x.png"></body></html>')
    _, asked = browse(fetching, tmp_path)
    assert asked == ["http://127.0.0.1:9/x.png"]
