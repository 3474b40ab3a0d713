"""The error codes a service version documents, read from the official SDK's `errorcodes.py`.

tccli's models name no error codes, but the SDK it depends on ships one module per service
version (`tencentcloud/<name>/<vYYYYMMDD>/errorcodes.py`: a comment with the description, then
`NAME = 'Code'`). The importer records them as the service's documented codes, so a catalog
imported from tccli alone still knows, for instance, cvm's `InvalidParameterValue.
InstanceIdMalformed` (the mock's id checks, `runtime/mock/idcheck.py`, pick from them). The
file is read as text, never imported.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

from tcgen.sources.tccli.models import ModelVersion

_ASSIGNMENT = re.compile(r"^[A-Z0-9_]+ = '([^']+)'$")
_CODE = re.compile(r"[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*")
"""A code as the meta-schema takes it: the SDK lists a few typos (`'InvalidParameter.'`),
which no answer can carry, so they are left out."""


def default_errors_dir() -> Path | None:
    """`tencentcloud/` of the installed SDK (tccli's dependency), located without importing."""
    spec = importlib.util.find_spec("tencentcloud")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0])


def errors_file(errors_dir: Path, model: ModelVersion) -> Path:
    return errors_dir / model.name / model.directory.name / "errorcodes.py"


def read_error_codes(path: Path) -> list[dict[str, str]]:
    """[{code, description}] in the file's order; none when the SDK has no such file."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    codes: dict[str, str] = {}
    comment: list[str] = []
    for line in lines:
        stripped = line.strip()
        assigned = _ASSIGNMENT.match(stripped)
        if assigned and _CODE.fullmatch(assigned.group(1)):
            codes.setdefault(assigned.group(1), " ".join(comment))
            comment = []
        elif assigned is None and stripped.startswith("#"):
            comment.append(stripped.lstrip("#").strip())
        else:
            comment = []
    return [{"code": code, "description": text} for code, text in codes.items()]
