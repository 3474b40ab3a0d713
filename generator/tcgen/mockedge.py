"""One endpoint for many services: every generated package of a directory on one port.

Each package's own mock (`<package>.mock.create_app()`, the same `MockApp` as in-process)
answers its calls; `EdgeApp` only picks which one, like Tencent's edge picks by host:

1. the TC3 credential scope's service (`Credential=ID/DATE/<service>/tc3_request`),
2. else the first label of the Host header (`live.tencentcloudapi.com`, `live.localhost`),
3. else the action and version (`X-TC-Action`/`X-TC-Version`, or the v1 `Action`/`Version`
   fields): what an SDK pointed at `127.0.0.1:PORT` leaves to go by.

Anything that matches no service, or several, is answered in Tencent's error shape (HTTP
200, never a 500). The control surface of each service is under `/_mock/<service>/...`
(`/_mock/<package>/...` too), e.g. `POST /_mock/live/reset`; `GET /_mock/services` lists
them and `POST /_mock/reset` resets all.

Persistence: `save` writes every service's state (what `/_mock/<service>/state` shows:
streams, resources, id sequences) to one JSON file, atomically (a temporary file renamed
over it); `restore` seeds a fresh edge from it. `tcgen mock --state-file PATH` restores at
start and saves at stop (Ctrl+C, SIGTERM) and on `POST /_mock/save`.
"""

from __future__ import annotations

import hashlib
import importlib
import io
import json
import os
import re
import sys
import types
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol
from wsgiref.types import StartResponse, WSGIEnvironment

from .problems import Problem, ProblemsError
from .runtime.mock import request as incoming
from .runtime.mock.fault import Fault, envelope, error_body

CONTROL = "/_mock/"
JSON_TYPE = "application/json"
_SCOPE = re.compile(r"Credential=[^/\s,]+/[^/\s,]+/(?P<service>[^/\s,]+)/tc3_request")


class ServiceMock(Protocol):
    """What the edge needs of a package's `MockApp`."""

    @property
    def spec(self) -> Any: ...

    def reset(self) -> None: ...

    def seed(self, data: Mapping[str, Any]) -> None: ...

    def snapshot(self) -> dict[str, Any]: ...

    def __call__(
        self, environ: WSGIEnvironment, start_response: StartResponse
    ) -> Iterable[bytes]: ...


@dataclass(frozen=True)
class Mounted:
    """One service version served by the edge."""

    package: str
    app: ServiceMock

    @property
    def service(self) -> str:
        return str(self.app.spec.service)

    @property
    def version(self) -> str:
        return str(self.app.spec.version)

    def has(self, action: str | None) -> bool:
        return action is not None and action in self.app.spec.actions


def _host_label(host: str) -> str:
    return host.split("://", 1)[-1].split(".", 1)[0].split(":", 1)[0].lower()


class EdgeApp:
    """A WSGI application dispatching to one `ServiceMock` per service version."""

    def __init__(self, mounted: Sequence[Mounted], state_file: Path | None = None) -> None:
        if not mounted:
            raise ValueError("the edge needs at least one service")
        self.mounted = list(mounted)
        self.state_file = state_file
        """Where `POST /_mock/save` (and `tcgen mock` at stop) writes the state."""
        self._by_name: dict[str, list[Mounted]] = {}
        for one in self.mounted:
            self._by_name.setdefault(one.service, []).append(one)
            if one.package != one.service:
                self._by_name.setdefault(one.package, []).append(one)

    def services(self) -> list[dict[str, Any]]:
        return [
            {
                "service": one.service,
                "version": one.version,
                "package": one.package,
                "actions": len(one.app.spec.actions),
            }
            for one in self.mounted
        ]

    # -- routing ----------------------------------------------------------------------------

    def route(self, request: incoming.ApiRequest) -> Mounted:
        """The service version that answers `request` (a Fault when none or several fit)."""
        action, version = request.common("Action"), request.common("Version")
        scope = _SCOPE.search(request.headers.get("authorization", ""))
        for name in (scope["service"] if scope else None, _host_label(request.host)):
            if name is not None and name in self._by_name:
                return self._pick(self._by_name[name], action, version)
        if not action:
            raise Fault("MissingParameter", "missing required parameter Action (X-TC-Action)")
        serving = [one for one in self.mounted if one.has(action)]
        if not serving:
            names = ", ".join(sorted({one.service for one in self.mounted}))
            raise Fault("InvalidAction", f"no service of this endpoint ({names}) has {action}")
        exact = [one for one in serving if one.version == version]
        if len(exact) > 1 or (not exact and len({one.service for one in serving}) > 1):
            names = ", ".join(sorted(f"{one.service} {one.version}" for one in exact or serving))
            raise Fault(
                "InvalidAction",
                f"{action} {version or ''} is served by {names}: sign with the service's "
                "credential scope or call its host (<service>.localhost:PORT)",
            )
        return (exact or serving)[0]

    @staticmethod
    def _pick(candidates: list[Mounted], action: str | None, version: str | None) -> Mounted:
        """Of one service's versions, the one named by `version` (else the newest answers,
        with its own NoSuchVersion or InvalidAction)."""
        for one in candidates:
            if one.version == version:
                return one
        with_action = [one for one in candidates if one.has(action)]
        return max(with_action or candidates, key=lambda one: one.version)

    # -- WSGI ---------------------------------------------------------------------------------

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        path = str(environ.get("PATH_INFO", ""))
        if path.startswith(CONTROL):
            return self._control(environ, start_response, path[len(CONTROL) :])
        try:
            request = incoming.read(environ)
            target = self.route(request)
        except Fault as fault:
            body = envelope(error_body(fault), str(uuid.uuid4()))
            return self._reply(start_response, "200 OK", body)
        replay = dict(environ)
        replay["wsgi.input"] = io.BytesIO(request.body)
        replay["CONTENT_LENGTH"] = str(len(request.body))
        return target.app(replay, start_response)

    def _control(
        self, environ: WSGIEnvironment, start_response: StartResponse, rest: str
    ) -> Iterable[bytes]:
        method = str(environ.get("REQUEST_METHOD", ""))
        if (method, rest) == ("GET", "services"):
            return self._json(start_response, "200 OK", {"services": self.services()})
        if (method, rest) == ("POST", "reset"):
            for one in self.mounted:
                one.app.reset()
            return self._json(start_response, "200 OK", {"ok": True})
        if (method, rest) == ("POST", "save"):
            if self.state_file is None:
                return self._json(
                    start_response, "400 Bad Request", {"error": "started without --state-file"}
                )
            save(self, self.state_file)
            return self._json(start_response, "200 OK", {"ok": True, "file": str(self.state_file)})
        name, _, operation = rest.partition("/")
        candidates = self._by_name.get(name, [])
        if len(candidates) != 1 or not operation:
            known = ", ".join(sorted(self._by_name))
            return self._json(
                start_response,
                "404 Not Found",
                {
                    "error": f"control requests are {CONTROL}<service>/<operation> with one of: "
                    f"{known} (or GET {CONTROL}services, POST {CONTROL}reset)"
                },
            )
        forwarded = dict(environ)
        forwarded["PATH_INFO"] = CONTROL + operation
        return candidates[0].app(forwarded, start_response)

    def _json(
        self, start_response: StartResponse, status: str, document: dict[str, Any]
    ) -> Iterable[bytes]:
        return self._reply(start_response, status, json.dumps(document).encode("utf-8"))

    @staticmethod
    def _reply(start_response: StartResponse, status: str, body: bytes) -> Iterable[bytes]:
        start_response(status, [("Content-Type", JSON_TYPE), ("Content-Length", str(len(body)))])
        return [body]


def packages(directory: Path) -> list[str]:
    """Names of the generated packages in `directory` that carry a mock."""
    return sorted(
        child.name
        for child in directory.iterdir()
        if (child / "_meta.py").is_file() and (child / "mock" / "__init__.py").is_file()
    )


def _namespace(directory: Path) -> str:
    """A private parent package over `directory`, so its packages import as
    `<parent>.<package>` and never clash with a same-named package already imported
    (another generated tree, or the committed one as `generated.<package>`)."""
    root = str(directory.resolve())
    parent = f"_tcgen_mock_{hashlib.sha256(root.encode()).hexdigest()[:12]}"
    if parent not in sys.modules:
        module = types.ModuleType(parent)
        module.__path__ = [root]
        sys.modules[parent] = module
    return parent


def load(directory: Path, **options: Any) -> EdgeApp:
    """An edge over every generated package of `directory`; `options` go to each
    `create_app` (keys, rate_limit, clock, sleep). Located problems when nothing can serve."""
    where = str(directory)
    if not directory.is_dir():
        raise ProblemsError([Problem(where, "", "is not a directory of generated packages")])
    names = packages(directory)
    if not names:
        raise ProblemsError(
            [Problem(where, "", "holds no generated package with a mock (run tcgen generate)")]
        )
    parent = _namespace(directory)
    mounted, problems = [], []
    for name in names:
        try:
            module = importlib.import_module(f"{parent}.{name}.mock")
            mounted.append(Mounted(name, module.create_app(**options)))
        except Exception as exc:  # a broken package is reported, not a traceback
            problems.append(Problem(f"{where}/{name}", "", f"cannot load its mock: {exc!r}"))
    if problems:
        raise ProblemsError(problems)
    return EdgeApp(mounted)


def describe(edge: EdgeApp) -> str:
    """`live 2018-08-01, demo 2020-01-01` (for the start-up line)."""
    return ", ".join(f"{one.service} {one.version}" for one in edge.mounted)


def keyed(secret_id: str | None, secret_key: str | None) -> Mapping[str, str] | None:
    return {secret_id: secret_key} if secret_id and secret_key else None


STATE_FORMAT = 1


def save(edge: EdgeApp, path: Path) -> None:
    """Write every service's state to `path` atomically (never a half-written file)."""
    document = {
        "format": STATE_FORMAT,
        "services": {one.package: one.app.snapshot() for one in edge.mounted},
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        temporary.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def restore(edge: EdgeApp, path: Path) -> int:
    """Seed the edge's services from a file `save` wrote; returns how many were restored.

    A missing file is a first start (0); anything unreadable is a located problem."""
    if not path.exists():
        return 0
    where = str(path)
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ProblemsError([Problem(where, "", f"is not a state file: {exc}")]) from None
    if not isinstance(document, dict) or document.get("format") != STATE_FORMAT:
        raise ProblemsError([Problem(where, "/format", f"must be {STATE_FORMAT}")])
    services = document.get("services")
    if not isinstance(services, dict) or not all(isinstance(v, dict) for v in services.values()):
        raise ProblemsError([Problem(where, "/services", "must map packages to state objects")])
    restored = 0
    for one in edge.mounted:
        if one.package in services:
            one.app.reset()
            one.app.seed(services[one.package])
            restored += 1
    return restored
