"""Which actions send `multipart/form-data` or `application/octet-stream`, read from the
official SDK's clients (`sources/tccli/sdkoptions.py`) by `import-tccli`: the installed intl
SDK (cls UploadLog) and the domestic one (cii's multipart uploads, with `BinaryParams`), whose
own client then calls the mock unchanged."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import tencentcloud
from tcgen.emulator.endpoint import EdgeApp
from tcgen.runtime.request import multipart
from tcgen.sources.tccli.sdkoptions import read_bodies

from tests import domestic
from tests.tccli_tree import ROOT

INTL_SDK = Path(tencentcloud.__file__).parent
UPLOAD = {"contentType": "application/octet-stream", "headerPrefix": "X-CLS-"}
MULTIPART = {"contentType": "multipart/form-data", "binaryParams": ["File"]}


def clients(sdk: Path, service: str, version: str) -> list[Path]:
    directory = sdk / service / version
    return [directory / f"{service}_client.py", directory / f"{service}_client_async.py"]


def test_the_intl_sdk_sends_cls_upload_log_as_octet_stream() -> None:
    assert read_bodies(clients(INTL_SDK, "cls", "v20201016")) == {"UploadLog": UPLOAD}
    assert read_bodies(clients(INTL_SDK, "cvm", "v20170312")) == {}


def test_the_domestic_sdk_sends_cii_uploads_as_multipart(domestic_sdk: Path) -> None:
    found = read_bodies(clients(domestic.sdk(domestic_sdk), "cii", "v20210408"))
    assert found == {"DescribeQualityScore": MULTIPART, "UploadMedicalFile": MULTIPART}


def test_each_marker_is_read_without_importing(tmp_path: Path) -> None:
    """The sync options dict, the async `opts` update and item assignment, `call_octet_stream`;
    a file that is not Python or is missing names nothing (and is never executed)."""
    sync = tmp_path / "x_client.py"
    sync.write_text(
        "raise SystemExit('imported')\n"
        "class XClient:\n"
        "    def Put(self, request):\n"
        "        options = {'IsMultipart': True, 'BinaryParams': [u'Blob', u'Blob']}\n"
        "    def Push(self, request):\n"
        "        params = {'X-XX-' + k: v for k, v in request.items()}\n"
        "        return self.call_octet_stream('Push', params, b'')\n"
        "    def helper(self):\n"
        "        options = {'IsMultipart': True}\n"
        "    def Plain(self, request):\n"
        "        options = {'IsMultipart': False}\n",
        encoding="utf-8",
    )
    asynchronous = tmp_path / "x_client_async.py"
    asynchronous.write_text(
        "class XClient:\n"
        "    async def Send(self, request, opts=None):\n"
        "        kwargs = {}\n"
        "        kwargs['opts'] = opts or {}\n"
        "        kwargs['opts']['IsOctetStream'] = True\n"
        "    async def Form(self, request, opts=None):\n"
        "        kwargs['opts'].update({'IsMultipart': True})\n",
        encoding="utf-8",
    )
    broken = tmp_path / "y_client.py"
    broken.write_text("IsMultipart = (", encoding="utf-8")
    assert read_bodies([sync, asynchronous, broken, tmp_path / "missing.py"]) == {
        "Put": {"contentType": "multipart/form-data", "binaryParams": ["Blob"]},
        "Push": {"contentType": "application/octet-stream", "headerPrefix": "X-XX-"},
        "Send": {"contentType": "application/octet-stream"},
        "Form": {"contentType": "multipart/form-data"},
    }


def test_the_import_records_the_sdk_bodies(domestic_packages: Path) -> None:
    """The spec the domestic import wrote says so; the package's `_meta.py` carries it."""
    spec = domestic_packages.parent / "spec" / "cii" / "2021-04-08" / "actions"
    for action in ("DescribeQualityScore", "UploadMedicalFile"):
        data = json.loads((spec / f"{action}.json").read_text(encoding="utf-8"))
        assert data["body"] == MULTIPART
    meta = (domestic_packages / "cii_v20210408" / "_meta.py").read_text(encoding="utf-8")
    assert "Body('multipart/form-data', None, ('File',))" in meta.replace('"', "'")


def test_the_domestic_sdk_uploads_a_file_part(
    domestic_sdk: Path, domestic_endpoint: str, domestic_edge: EdgeApp
) -> None:
    """The SDK's own multipart call (file part `File`, signed over the form) is answered, and
    the mock read the file's bytes as the parameter."""
    (outcome,) = domestic.calls(
        domestic_sdk, domestic_endpoint,
        [domestic.Call("cii", "2021-04-08", "DescribeQualityScore", {"File": "\x89PNG-data"})],
        secret=("AKIDdomestic", "domestic-key"),
    )  # fmt: skip
    assert outcome.ok, outcome
    (mounted,) = [
        one for one in domestic_edge.mounted if (one.service, one.version) == ("cii", "2021-04-08")
    ]
    params = mounted.app.calls("DescribeQualityScore")[-1].params
    assert params == {"File": "\x89PNG-data".encode().decode("latin-1")}


def test_the_client_sends_binary_members_as_file_parts() -> None:
    """The runtime's form writer does what the SDK's does for `BinaryParams`: text as UTF-8 in
    a part with `filename=`, other members as before."""
    body = multipart({"File": "\x89PNG", "Name": "a"}, "b0", binary=("File",))
    assert body == (
        b'--b0\r\nContent-Disposition: form-data; name="File"; filename="File"\r\n'
        b"\r\n\xc2\x89PNG\r\n"
        b'--b0\r\nContent-Disposition: form-data; name="Name"\r\n\r\na\r\n--b0--\r\n'
    )


def test_openapi_shows_multipart_parts(domestic_packages: Path, tmp_path: Path) -> None:
    """The exported operation takes the form (the request's schema, `File` as raw bytes),
    not the parameters as headers; the document stays valid OpenAPI 3.1."""
    from openapi_spec_validator import validate

    from tests.tccli_tree import tcgen

    out = tmp_path / "cii.json"
    spec = domestic_packages.parent / "spec"
    tcgen("export", "openapi", "cii:2021-04-08", "--spec-dir", spec, "--out", out)
    document = json.loads(out.read_text(encoding="utf-8"))
    validate(document)
    (operation,) = [
        path["post"] for key, path in document["paths"].items() if "DescribeQualityScore" in key
    ]
    media = operation["requestBody"]["content"]["multipart/form-data"]
    assert media["schema"]["$ref"].endswith("DescribeQualityScoreRequest")
    assert media["encoding"] == {"File": {"contentType": "application/octet-stream"}}
    assert "File" not in {parameter.get("name") for parameter in operation["parameters"]}


@pytest.mark.parametrize(
    ("block", "message"),
    [
        ({"contentType": "multipart/form-data", "binaryParams": ["Nope"]},
         "body: Nope is no request member"),
        ({"contentType": "application/octet-stream", "binaryParams": ["StreamName"]},
         "body: only multipart parts are files"),
    ],
)  # fmt: skip
def test_a_wrong_binary_params_block_is_a_located_problem(
    tmp_path: Path, block: dict[str, Any], message: str
) -> None:
    spec = tmp_path / "spec"
    shutil.copytree(ROOT / "spec", spec, ignore=shutil.ignore_patterns("resources"))
    path = spec / "live" / "2018-08-01" / "actions" / "DropLiveStream.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({**data, "body": block}), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "tcgen", "validate", "--spec-dir", str(spec)],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert "DropLiveStream.json" in done.stderr and message in done.stderr
