"""The actions the official SDK sends as `multipart/form-data` or `application/octet-stream`.

tccli's models do not say which actions take another body than JSON, but the SDK's client of
each service version does, in the call it makes (`tencentcloud/<name>/<vYYYYMMDD>/`):

- `<name>_client.py`: `options = {'IsMultipart': True, 'BinaryParams': [u'File']}` (cii
  UploadMedicalFile), or `self.call_octet_stream("UploadLog", params, body)` with the
  parameters renamed `"X-CLS-" + key` (cls UploadLog);
- `<name>_client_async.py`: `kwargs["opts"].update({"IsMultipart": True, ...})` or
  `kwargs["opts"]["IsOctetStream"] = True`, headers `"X-CLS-" + k`.

Each method is named after its action. The files are parsed (`ast`), never imported: an
import would run the SDK's code and needs its dependencies. The result is the spec's `body`
block per action (`binaryParams`: the parts sent as files; `headerPrefix`: the parameters'
header names of a raw-body upload).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tcgen.sources.tccli.models import ModelVersion

JSON = dict[str, Any]
MULTIPART = "multipart/form-data"
OCTET_STREAM = "application/octet-stream"
_MARKERS = ("IsMultipart", "IsOctetStream", "call_octet_stream")
_PREFIX = re.compile(r"X-[A-Za-z0-9-]+-")
_FLAGS = {"IsMultipart": MULTIPART, "IsOctetStream": OCTET_STREAM}


def client_files(sdk_dir: Path, model: ModelVersion) -> list[Path]:
    """The sync and async client modules of one service version in the SDK's `tencentcloud/`."""
    directory = sdk_dir / model.name / model.directory.name
    return [directory / f"{model.name}_client.py", directory / f"{model.name}_client_async.py"]


def read_bodies(paths: list[Path]) -> dict[str, JSON]:
    """{action: body block} of every action the files send with another body than JSON;
    a file that is missing, or is not Python, names none."""
    bodies: dict[str, JSON] = {}
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if not any(marker in text for marker in _MARKERS):
            continue  # most services: no need to parse
        try:
            tree = ast.parse(text, filename=str(path))
        except (SyntaxError, ValueError):
            continue
        for function in _methods(tree):
            block = _body(function)
            if block is not None:
                bodies.setdefault(function.name, block)
    return bodies


def _methods(tree: ast.Module) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            for item in node.body:
                # actions are PascalCase; helpers are not
                if (
                    isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef))
                    and item.name[:1].isupper()
                ):
                    yield item


def _body(function: ast.FunctionDef | ast.AsyncFunctionDef) -> JSON | None:
    content_type: str | None = None
    binary: list[str] = []
    prefix: str | None = None
    for node in ast.walk(function):
        if isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                name = key.value if isinstance(key, ast.Constant) else None
                if name in _FLAGS and _is_true(value):
                    content_type = _FLAGS[str(name)]
                elif name == "BinaryParams" and isinstance(value, (ast.List, ast.Tuple)):
                    binary += [str(e.value) for e in value.elts if isinstance(e, ast.Constant)]
        elif isinstance(node, ast.Assign) and _is_true(node.value):
            keys = [_subscript_key(target) for target in node.targets]
            content_type = next((_FLAGS[k] for k in keys if k in _FLAGS), content_type)
        elif isinstance(node, ast.Call) and _called(node) == "call_octet_stream":
            content_type = OCTET_STREAM
        elif isinstance(node, ast.Constant) and _PREFIX.fullmatch(str(node.value)):
            prefix = str(node.value)
    if content_type is None:
        return None
    block: JSON = {"contentType": content_type}
    if content_type == MULTIPART and binary:
        block["binaryParams"] = list(dict.fromkeys(binary))
    if content_type == OCTET_STREAM and prefix is not None:
        block["headerPrefix"] = prefix
    return block


def _is_true(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is True


def _subscript_key(node: ast.expr) -> str | None:
    """`"IsOctetStream"` of `kwargs["opts"]["IsOctetStream"]`."""
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
        key = node.slice.value
        return key if isinstance(key, str) else None
    return None


def _called(node: ast.Call) -> str | None:
    return node.func.attr if isinstance(node.func, ast.Attribute) else None
