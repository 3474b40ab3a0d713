"""capture and import-tccli share one merge rule: their order never changes the spec tree."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tcgen.model.service import build_all
from tcgen.sources.capture import capture
from tcgen.sources.tccli.importer import import_tccli
from tcgen.spec.tree import load_tree

from .conftest import ROOT, read

PAGES = ROOT / "tests" / "fixtures" / "pages"
LIVE_PAGES = [
    "DropLiveStream.txt",  # the seed page (a copy of /work/shared/pages/DropLiveStream.txt)
    "DescribeLiveStreamOnlineList.md",
    "ForbidLiveStream.html",
    "LiveDataTypes.txt",
]
CASES = [("live:2018-08-01", LIVE_PAGES), ("cvm:2017-03-12", ["DescribeInstances.txt"])]


def _empty_tree(directory: Path) -> Path:
    """A spec tree with its common errors and schema but no service yet."""
    spec = directory / "spec"
    shutil.copytree(ROOT / "spec" / "schema", spec / "schema")
    shutil.copy(ROOT / "spec" / "common-errors.json", spec / "common-errors.json")
    return spec


def _capture(pages: list[str], spec: Path) -> None:
    """Lenient: a cvm page links to structures only `import-tccli` brings into the tree."""
    capture([PAGES / page for page in pages], spec, lenient=True)


def _import(service: str, spec: Path) -> None:
    import_tccli([service], spec)


def _files(spec: Path) -> dict[str, bytes]:
    return {str(p.relative_to(spec)): p.read_bytes() for p in sorted(spec.rglob("*.json"))}


@pytest.mark.parametrize(("service", "pages"), CASES, ids=[case[0] for case in CASES])
def test_capture_then_import_equals_import_then_capture(
    tmp_path: Path, service: str, pages: list[str]
) -> None:
    first = _empty_tree(tmp_path / "capture-first")
    _capture(pages, first)
    _import(service, first)
    second = _empty_tree(tmp_path / "import-first")
    _import(service, second)
    _capture(pages, second)
    assert _files(first) == _files(second)
    settled = _files(first)  # and running either again changes nothing
    _capture(pages, first)
    _import(service, first)
    assert _files(first) == settled
    assert build_all(load_tree(first))


def test_merged_drop_live_stream(tmp_path: Path) -> None:
    spec = _empty_tree(tmp_path)
    _import("live:2018-08-01", spec)
    _capture(["DropLiveStream.txt"], spec)
    merged = read(spec / "live/2018-08-01/actions/DropLiveStream.json")
    page = read(ROOT / "spec/live/2018-08-01/actions/DropLiveStream.json")
    assert merged == {
        **page,
        "title": "Pauses a live stream",
        "input": [
            {**parameter, "example": example}
            for parameter, example in zip(
                page["input"], ["stream1", "5000.livepush.myqcloud.com", "live"], strict=True
            )
        ],
        "source": {**page["source"], "kind": "page+tccli"},
    }


def test_tccli_widths_refine_page_integers(tmp_path: Path) -> None:
    spec = _empty_tree(tmp_path)
    _capture(["DescribeLiveStreamOnlineList.txt", "LiveDataTypes.md"], spec)
    _import("live:2018-08-01", spec)
    live = spec / "live/2018-08-01"
    action = read(live / "actions/DescribeLiveStreamOnlineList.json")
    assert {p["name"]: p["type"] for p in action["output"]}["TotalNum"] == "UInt64"
    assert action["examples"][0]["title"] == "Example1 Querying active streams"
    assert action["source"]["kind"] == "page+tccli"
    online = read(live / "types/StreamOnlineInfo.json")
    assert online["description"] == "Queries active push information"  # the page's wording
    assert online["source"] == {"kind": "page+tccli"}
    assert read(live / "types/PushQualityData.json")["source"] == {"kind": "tccli"}
