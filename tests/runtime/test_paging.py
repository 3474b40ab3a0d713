"""Pagination end to end on a service of the tests' own: the page loop, the mock's pages, the
client's `_pages`/`_items` and the CLI's `--all-pages`/`--max-items`, for all three kinds."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, ClassVar
from unittest.mock import ANY

import pytest
from tcgen.runtime.cli.app import EXIT_OK, EXIT_USAGE, Program, main
from tcgen.runtime.client import BaseClient
from tcgen.runtime.credentials import Sources
from tcgen.runtime.exceptions import APIError
from tcgen.runtime.meta import ActionMeta, Paging
from tcgen.runtime.mock.app import MockApp, MockSpec
from tcgen.runtime.mock.handlers import Handlers
from tcgen.runtime.mock.paging import page
from tcgen.runtime.mock.route import Intercept, service_hosts
from tcgen.runtime.mock.serve import ServerThread
from tcgen.runtime.model import Model, ResponseModel
from tcgen.runtime.paging import gather, iterate

SERVICE, VERSION, ENDPOINT = "pages", "2021-01-01", "pages.tencentcloudapi.com"
ITEMS = ("Names", "Array of String", False)
OFFSET = Paging("offset", "Offset", "Limit", "Names", "TotalCount", None)
PAGE = Paging("page", "PageNum", "PageSize", "Names", "Total", None)
TOKEN = Paging("token", "NextToken", "MaxResults", "Names", None, "NextToken")
ACTIONS = {
    "ListOffset": ActionMeta(
        "ListOffset",
        (("Offset", "Integer", False), ("Limit", "Integer", False)),
        (ITEMS, ("TotalCount", "Integer", False)),
        (), None, False, paging=OFFSET,
    ),
    "ListPages": ActionMeta(
        "ListPages",
        (("PageNum", "Integer", False), ("PageSize", "Integer", False)),
        (ITEMS, ("Total", "Integer", False)),
        (), None, False, paging=PAGE,
    ),
    "ListTokens": ActionMeta(
        "ListTokens",
        (("NextToken", "String", False), ("MaxResults", "Integer", False)),
        (ITEMS, ("NextToken", "String", False)),
        (), None, False, paging=TOKEN,
    ),
    "Plain": ActionMeta("Plain", (), (ITEMS,), (), None, False),
}  # fmt: skip
NAMES = [f"n{i}" for i in range(7)]
SPEC = MockSpec(
    service=SERVICE,
    version=VERSION,
    actions=ACTIONS,
    structures={},
    examples={"ListPages": [({}, {"Names": ["a", "b", "c"], "Total": 99})]},
    error_codes=frozenset(),
    handlers=Handlers(),
)
KEYS = {"id": "key"}


class OffsetRequest(Model):
    _wire_ = (("offset", "Offset", "Integer"), ("limit", "Limit", "Integer"))
    offset: int | None = None
    limit: int | None = None


class OffsetResponse(ResponseModel):
    _wire_ = (("names", "Names", "Array of String"), ("total_count", "TotalCount", "Integer"))
    names: list[str] | None = None
    total_count: int | None = None


class PagesClient(BaseClient):
    SERVICE = SERVICE
    VERSION = VERSION
    ENDPOINT = ENDPOINT
    ACTIONS: ClassVar = ACTIONS
    STRUCTURES: ClassVar = {}
    error_class = staticmethod(lambda code: APIError)

    def list_offset_pages(
        self, *, offset: int | None = None, limit: int | None = None, max_items: int | None = None
    ) -> Iterator[OffsetResponse]:
        request = OffsetRequest(offset=offset, limit=limit)
        return self._pages("ListOffset", request, OffsetResponse, max_items)

    def list_offset_items(
        self, *, offset: int | None = None, limit: int | None = None, max_items: int | None = None
    ) -> Iterator[str]:
        pages = self.list_offset_pages(offset=offset, limit=limit, max_items=max_items)
        return self._items(pages, lambda page: page.names)


# The page loop against a list of answers, recording what it asked for.


def fake(paging: Paging, items: list[Any]) -> Any:
    sent: list[dict[str, Any]] = []

    def send(params: Mapping[str, Any]) -> dict[str, Any]:
        sent.append(dict(params))
        return page({}, params, paging, items)

    return send, sent


@pytest.mark.parametrize(
    ("paging", "params", "positions"),
    [
        (OFFSET, {"Limit": 3}, [None, 3, 6]),
        (PAGE, {"PageSize": 3}, [None, 2, 3]),
        (TOKEN, {"MaxResults": 3}, [None, "3", "6"]),
    ],
)
def test_the_loop_walks_every_page_once_and_stops_at_the_end(
    paging: Paging, params: dict[str, Any], positions: list[Any]
) -> None:
    send, sent = fake(paging, NAMES)
    pages = list(iterate(send, params, paging))
    assert [name for p in pages for name in p["Names"]] == NAMES
    assert [p.get(paging.position) for p in sent] == positions


def test_the_loop_stops_at_the_total_at_a_short_page_and_at_max_items() -> None:
    send, sent = fake(OFFSET, NAMES[:6])  # 6 items, pages of 3: the total ends it, not a 3rd call
    assert len(list(iterate(send, {"Limit": 3}, OFFSET))) == 2 and len(sent) == 2
    no_total = OFFSET._replace(total=None)
    send, sent = fake(no_total, NAMES)  # 3 + 3 + 1: the short page ends it
    assert len(list(iterate(send, {"Limit": 3}, no_total))) == 3 and len(sent) == 3
    send, sent = fake(OFFSET, NAMES)
    pages = list(iterate(send, {"Limit": 3}, OFFSET, max_items=4))
    assert [p["Names"] for p in pages] == [["n0", "n1", "n2"], ["n3"]] and len(sent) == 2
    assert list(iterate(send, {}, OFFSET, max_items=0)) == []
    with pytest.raises(ValueError, match="max_items must be at least 0"):
        list(iterate(send, {}, OFFSET, max_items=-1))


def test_gather_joins_the_pages_and_drops_the_last_token() -> None:
    send, _ = fake(TOKEN, NAMES)
    merged = gather(iterate(send, {"MaxResults": 2}, TOKEN), TOKEN)
    assert merged == {"Names": NAMES}


# The mock's pages: the same total everywhere, positions honoured, bad ones refused.


@pytest.fixture
def app() -> Iterator[MockApp]:
    mock = MockApp(SPEC, keys=KEYS)
    with Intercept(mock, service_hosts(ENDPOINT)):
        yield mock


def client(tmp_path: Path) -> PagesClient:
    return PagesClient(secret_id="id", secret_key="key", sources=Sources(environ={}, home=tmp_path))


def test_the_mock_pages_seeded_items_and_examples_consistently(
    app: MockApp, tmp_path: Path
) -> None:
    app.seed({"items": {"ListOffset": NAMES}})
    pages = client(tmp_path)
    first = pages.call("ListOffset", {"Offset": 2, "Limit": 2})
    assert (first["Names"], first["TotalCount"]) == (["n2", "n3"], 7)
    assert pages.call("ListOffset", {"Offset": 6, "Limit": 2})["Names"] == ["n6"]
    assert pages.call("ListOffset", {"Offset": 9})["Names"] == []
    # The example's three items are the collection, its total (99: it shows a few of more)
    # every page's; its own request gets the documented page as it is.
    second = pages.call("ListPages", {"PageNum": 2, "PageSize": 2})
    assert (second["Names"], second["Total"]) == (["c"], 99)
    assert pages.call("ListPages", {})["Names"] == ["a", "b", "c"]
    assert pages.call("ListPages", {"PageNum": 3, "PageSize": 2})["Names"] == []
    token = pages.call("ListTokens", {"MaxResults": 1})  # synthesized: one placeholder
    assert len(token["Names"]) == 1 and token["NextToken"] == ""
    assert pages.call("ListTokens", {"NextToken": "x"}) == {**token, "RequestId": ANY}
    # Every value the types allow is answered (as the mock does for all parameters).
    assert pages.call("ListOffset", {"Offset": -1, "Limit": 1})["Names"] == ["n0"]
    assert pages.call("ListPages", {"PageNum": 0, "PageSize": -2})["Total"] == 99


def test_the_client_iterates_typed_pages_and_items(app: MockApp, tmp_path: Path) -> None:
    app.seed({"items": {"ListOffset": NAMES}})
    pages = client(tmp_path)
    responses = list(pages.list_offset_pages(limit=3))
    assert [type(r) for r in responses] == [OffsetResponse] * 3
    assert [r.total_count for r in responses] == [7, 7, 7]
    assert [r.http.status if r.http else None for r in responses] == [200, 200, 200]
    assert list(pages.list_offset_items(limit=3)) == NAMES
    assert list(pages.list_offset_items(offset=5)) == ["n5", "n6"]
    before = len(app.calls())
    assert list(pages.list_offset_items(limit=2, max_items=3)) == ["n0", "n1", "n2"]
    assert len(app.calls()) - before == 2  # no page fetched past the cap


PROGRAM = Program(
    package="pages",
    service=SERVICE,
    version=VERSION,
    endpoint=ENDPOINT,
    actions=ACTIONS,
    structures={},
    aliases={},
    docs=lambda: None,  # type: ignore[arg-type,return-value]
)


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[str]:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("TENCENTCLOUD_SECRET_ID", "id")
    monkeypatch.setenv("TENCENTCLOUD_SECRET_KEY", "key")
    mock = MockApp(SPEC, keys=KEYS)
    mock.seed({"items": {"ListOffset": NAMES, "ListTokens": NAMES}})
    with ServerThread(mock) as running:
        yield running.endpoint


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(PROGRAM, list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_the_cli_fetches_all_pages_as_one_answer(
    server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    at = ("--endpoint", server)
    status, out, _ = run(capsys, "ListOffset", "--Limit", "2", *at)
    assert status == EXIT_OK and json.loads(out)["Names"] == ["n0", "n1"]
    status, out, _ = run(capsys, "ListOffset", "--Limit", "2", "--all-pages", *at)
    assert status == EXIT_OK and json.loads(out) == {
        "Names": NAMES,
        "TotalCount": 7,
        "RequestId": json.loads(out)["RequestId"],
    }
    status, out, _ = run(capsys, "ListTokens", "--MaxResults", "3", "--max-items", "4", *at)
    assert status == EXIT_OK and json.loads(out)["Names"] == NAMES[:4]
    assert json.loads(out)["NextToken"] is None  # nothing follows the last page fetched
    status, _, err = run(capsys, "Plain", "--all-pages", *at)
    assert status == EXIT_USAGE and "--all-pages: Plain does not page its results" in err
    status, _, err = run(capsys, "ListOffset", "--max-items", "-3", *at)
    assert status == EXIT_USAGE and "--max-items: expected a whole number" in err
    status, out, _ = run(capsys, "ListOffset", "--max-items", "0", *at)
    assert status == EXIT_OK and json.loads(out)["Names"] == []
