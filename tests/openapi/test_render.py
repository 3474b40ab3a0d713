"""Live's exported document rendered by Swagger UI (npm `swagger-ui-dist`) in headless Chromium.

Slow and outside the default run: it installs Swagger UI from npm (once, into
`.tcgen-cache/npm/`) and needs Debian's `chromium` (`apt-get install chromium`); `nox -s
openapi` runs it. Chromium's `--dump-dom` gives the page as Swagger UI left it, after its
JavaScript parsed the document: every operation must be on the page, and a deep link must
open one with its headers and its documented errors.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.openapi.conftest import ROOT

SWAGGER_UI = "swagger-ui-dist@5.35.0"
NPM_DIR = ROOT / ".tcgen-cache" / "npm"
CHROMIUM = ("chromium", "chromium-browser", "google-chrome")

pytestmark = pytest.mark.slow


def _swagger_ui() -> Path:
    bundle = NPM_DIR / "node_modules" / "swagger-ui-dist"
    if not (bundle / "package.json").is_file() or SWAGGER_UI.split("@")[1] not in (
        bundle / "package.json"
    ).read_text(encoding="utf-8"):
        npm = shutil.which("npm")
        assert npm, "npm is needed to install Swagger UI (apt-get install npm)"
        subprocess.run(
            [npm, "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(NPM_DIR),
             SWAGGER_UI],
            check=True,
            timeout=300,
        )  # fmt: skip
    return bundle


def _chromium() -> str:
    found = next((path for name in CHROMIUM if (path := shutil.which(name))), None)
    assert found, "headless Chromium is needed: apt-get install chromium"
    return found


def _render(document: dict[str, Any], tmp_path: Path, fragment: str = "") -> str:
    ui = _swagger_ui()
    page = tmp_path / "index.html"
    page.write_text(
        f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="{(ui / 'swagger-ui.css').as_uri()}"></head>
<body><div id="ui"></div><script src="{(ui / 'swagger-ui-bundle.js').as_uri()}"></script>
<script>SwaggerUIBundle({{spec: {json.dumps(document)}, dom_id: "#ui",
  displayOperationId: true, deepLinking: true, defaultModelsExpandDepth: -1}});</script>
</body></html>""",
        encoding="utf-8",
    )
    result = subprocess.run(
        [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--virtual-time-budget=30000", "--dump-dom", page.as_uri() + fragment],
        capture_output=True, text=True, timeout=180, check=True,
    )  # fmt: skip
    return result.stdout


def test_swagger_ui_shows_every_operation(live_document: dict[str, Any], tmp_path: Path) -> None:
    dom = _render(live_document, tmp_path)
    shown = re.findall(r'class="opblock-summary-operation-id"[^>]*>([^<]+)<', dom)
    paths = {html.unescape(p) for p in re.findall(r'data-path="([^"]+)"', dom)}
    assert sorted(shown) == sorted(
        op["post"]["operationId"] for op in live_document["paths"].values()
    )
    assert paths == set(live_document["paths"])


def test_a_deep_link_opens_an_operation_with_its_headers_and_errors(
    live_document: dict[str, Any], tmp_path: Path
) -> None:
    dom = _render(live_document, tmp_path, "#/live/DropLiveStream")
    opened = re.search(r'class="opblock opblock-post is-open" id="operations-live-(\w+)"', dom)
    assert opened is not None and opened.group(1) == "DropLiveStream"
    for text in ("X-TC-Action", "X-TC-Version", "X-TC-Timestamp", "X-TC-Region",
                 "ResourceNotFound.UserNotExist", "StreamName"):  # fmt: skip
        assert text in dom, text
