"""One endpoint for many services: every generated package of a directory on one port.

Each package's own mock (`<package>.mock.create_app()`, the same `MockApp` as in-process)
answers its calls; `EdgeApp` only picks which one, like Tencent's edge picks by host:

1. the first segment of the path (`http://127.0.0.1:PORT/cvm/`): the way for a client that
   cannot name the service in its scope or Host (the Node.js SDK signs the scope `127` for
   an endpoint `127.0.0.1:PORT/cvm`) to reach an action+version two services share (cvm and
   postgres `DescribeZones` 2017-03-12); TC3 signs the path `/` whatever the URL's path,
   so the signature is unaffected,
2. else the TC3 credential scope's service (`Credential=ID/DATE/<service>/tc3_request`),
3. else the first label of the Host header (`live.tencentcloudapi.com`, `live.localhost`),
4. else the action and version (`X-TC-Action`/`X-TC-Version`, or the v1 `Action`/`Version`
   fields): what an SDK pointed at `127.0.0.1:PORT` leaves to go by.

Anything that matches no service, or several, is answered in Tencent's error shape (HTTP
200, never a 500). The control surface of each service is under `/_mock/<service>/...`
(`/_mock/<package>/...` too), e.g. `POST /_mock/live/reset`; `GET /_mock/services` lists
them and `POST /_mock/reset` resets all.

Start-up imports no package: each one's routing index (`mock/routes.json`: service, version,
action names, written by `tcgen generate`) is all the routing needs, and a package's mock is
imported on the first request (or control request) that reaches its service. So the whole
catalog (160 services) starts in well under a second, and a service never called costs
nothing. A package whose index is unreadable is a located problem at start; one generated
before the index existed is imported at start instead; one whose Python fails to import
answers its requests with `InternalError` naming it (HTTP 200), or fails the start with
`eager=True` (`tcgen mock --eager`). The common case, a TC3 scope or Host label naming a
service (its version, when it has several, from `X-TC-Version`), is routed from the headers
without reading the request.

Temporary credentials: one `temporary.Registry` is given to every service's mock, so the keys
STS AssumeRole (any action the spec marks as issuing credentials) hands out sign calls to every
service here, checked with their `X-TC-Token`; with `--state` the registry keeps them in the
state database too (`keystore`), so they survive the process and every worker sees them.

Persistence: `save` writes every service's state (what `/_mock/<service>/state` shows:
streams, resources, id sequences) and the temporary credentials issued to one JSON file,
atomically (a temporary file renamed over it); `restore` seeds a fresh edge from it (a
service not yet imported keeps its entry until its first request, so restoring imports
nothing either). `tcgen mock --state-file
PATH` restores at start and saves at stop (Ctrl+C, SIGTERM) and on `POST /_mock/save`.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import importlib
import inspect
import io
import json
import os
import re
import sys
import threading
import types
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol
from wsgiref.types import StartResponse, WSGIEnvironment

from tcgen.runtime.mock import durable, shape
from tcgen.runtime.mock import request as incoming
from tcgen.runtime.mock.fault import Fault, envelope, error_body
from tcgen.runtime.mock.keystore import KeyStore
from tcgen.runtime.mock.temporary import Registry
from tcgen.spec import jsontext
from tcgen.spec.problems import Problem, ProblemsError

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


ROUTES_FILE = "routes.json"
"""A package's routing index, under its `mock/` directory."""


@dataclass(frozen=True)
class Routes:
    """What the edge routes a service version by, known before its package is imported."""

    service: str
    version: str
    actions: frozenset[str]


def read_routes(path: Path) -> Routes:
    """A package's `mock/routes.json`; a located problem when it is not one."""
    where = str(path)
    try:
        document = jsontext.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ProblemsError([Problem(where, "", f"is not a routing index: {exc}")]) from None
    if not isinstance(document, dict):
        raise ProblemsError([Problem(where, "", "must be a JSON object (run tcgen generate)")])
    problems = [
        Problem(where, f"/{key}", "must be a non-empty string")
        for key in ("service", "version")
        if not isinstance(document.get(key), str) or not document[key]
    ]
    actions = document.get("actions")
    if not isinstance(actions, list) or not all(isinstance(name, str) for name in actions):
        problems.append(Problem(where, "/actions", "must be a list of action names"))
    if problems:
        raise ProblemsError(problems)
    return Routes(document["service"], document["version"], frozenset(actions or ()))


class Mounted:
    """One service version served by the edge; its mock is created on first use (`app`).

    Until then, reset, restore and snapshot act on what the mock would start from, so a
    restored state is applied when the package is finally imported.
    """

    def __init__(
        self,
        package: str,
        routes: Routes,
        create: Callable[[], ServiceMock] | None = None,
        app: ServiceMock | None = None,
        state_path: Path | None = None,
    ) -> None:
        if (create is None) == (app is None):
            raise ValueError("give exactly one of create and app")
        self.package = package
        self.state_path = state_path
        """The state database the mock keeps its state in (None: in memory)."""
        self.routes = routes
        self._create = create
        self._app = app
        self._failure: str | None = None
        self._pending: dict[str, Any] | None = None
        self._lock = threading.Lock()
        self.joined: Callable[[ServiceMock], None] = lambda app: None
        """Called with the mock once it exists (the edge joins its resources to the rest)."""

    @property
    def service(self) -> str:
        return self.routes.service

    @property
    def version(self) -> str:
        return self.routes.version

    @property
    def loaded(self) -> bool:
        return self._app is not None

    def has(self, action: str | None) -> bool:
        return action is not None and action in self.routes.actions

    @property
    def app(self) -> ServiceMock:
        """The package's mock, imported and created on first access (a Fault `InternalError`
        naming the package when that fails, on this and every later access; the failure is
        also printed once, for whoever started the server)."""
        app = self._app
        return app if app is not None else self._get(report=True)

    def preload(self) -> None:
        """Import the package now (a Fault naming it when it cannot be)."""
        self._get(report=False)

    def _get(self, report: bool) -> ServiceMock:
        with self._lock:
            if self._app is None:
                self._app = self._load(report)
            return self._app

    def _load(self, report: bool) -> ServiceMock:
        if self._failure is None:
            assert self._create is not None  # no app yet: created lazily
            try:
                app = self._create()
                spec = (str(app.spec.service), str(app.spec.version))
                if spec != (self.service, self.version):
                    raise ValueError(
                        f"its {ROUTES_FILE} names {self.service} {self.version} but the "
                        f"package is {spec[0]} {spec[1]} (run tcgen generate)"
                    )
            except Exception as exc:  # a broken package answers like Tencent, never a 500
                self._failure = f"the mock of {self.package} cannot be loaded: {exc!r}"
                if report:
                    print(f"tcgen mock: {self._failure}", file=sys.stderr, flush=True)
            else:
                if self._pending is not None:
                    app.seed(self._pending)
                    self._pending = None
                self.joined(app)
                return app
        raise Fault("InternalError", self._failure)

    @property
    def state_key(self) -> str:
        """The service's name in a state database (what `MockApp` keeps its state under)."""
        return f"{self.service} {self.version}"

    def reset(self) -> None:
        self.restore({})

    def restore(self, state: Mapping[str, Any]) -> None:
        """Replace the state with `state` (now, or when the mock is created; in the state
        database at once, where other processes see it too)."""
        with self._lock:
            app = self._app
            if app is None:
                if self.state_path is not None:
                    durable.replace(self.state_path, self.state_key, state)
                else:
                    self._pending = copy.deepcopy(dict(state)) if state else None
                return
        app.reset()
        app.seed(state)

    def snapshot(self) -> dict[str, Any]:
        """The mock's state; a mock not created yet has the state it will start from."""
        with self._lock:
            app = self._app
            if app is None:
                if self.state_path is not None:
                    return durable.read(self.state_path, self.state_key)
                return copy.deepcopy(self._pending or {})
        return app.snapshot()


def _engine_of(app: ServiceMock) -> Any:
    """A mock's resource engine (`runtime.mock.resources.ResourceEngine`), if it has one."""
    engine = getattr(app, "resources", None)
    return engine if callable(getattr(engine, "join", None)) else None


def _host_label(host: str) -> str:
    return host.split("://", 1)[-1].split(".", 1)[0].split(":", 1)[0].lower()


class EdgeApp:
    """A WSGI application dispatching to one `ServiceMock` per service version."""

    def __init__(
        self,
        mounted: Sequence[Mounted],
        state_file: Path | None = None,
        credentials: Registry | None = None,
    ) -> None:
        if not mounted:
            raise ValueError("the edge needs at least one service")
        self.mounted = list(mounted)
        self.credentials = Registry() if credentials is None else credentials
        """The temporary keys every mounted service's mock checks (given to each by `load`)."""
        self.state_file = state_file
        """Where `POST /_mock/save` (and `tcgen mock` at stop) writes the state."""
        self._by_name: dict[str, list[Mounted]] = {}
        self._by_action: dict[str, list[Mounted]] = {}
        for one in self.mounted:
            self._by_name.setdefault(one.service, []).append(one)
            if one.package != one.service:
                self._by_name.setdefault(one.package, []).append(one)
            for action in one.routes.actions:
                self._by_action.setdefault(action, []).append(one)
        for one in self.mounted:
            one.joined = self._join
            if one.loaded:
                self._join(one.app)

    # -- resources across services ----------------------------------------------------------

    def _join(self, app: ServiceMock) -> None:
        """Let `app`'s resources see the other services' (a CVM instance's subnet is a VPC
        resource). Each package carries its own copy of the runtime, so an engine is known
        by what it does (`join`), not by its class; an app without one is left alone."""
        engine = _engine_of(app)
        if engine is not None:
            engine.join(self._engine, self._engines)

    def _engine(self, service: str) -> Any:
        """The resource engine of `service` (its mock created now if need be), None when the
        edge does not serve it or its package cannot be loaded."""
        for one in self._by_name.get(service, []):
            try:
                return _engine_of(one.app)
            except Fault:
                return None
        return None

    def _engines(self) -> list[Any]:
        """The resource engines of the mocks created so far (only they hold resources)."""
        engines = [_engine_of(one.app) for one in self.mounted if one.loaded]
        return [engine for engine in engines if engine is not None]

    def services(self) -> list[dict[str, Any]]:
        return [
            {
                "service": one.service,
                "version": one.version,
                "package": one.package,
                "actions": len(one.routes.actions),
                "loaded": one.loaded,
            }
            for one in self.mounted
        ]

    # -- routing ----------------------------------------------------------------------------

    def _path_service(self, path: str) -> str | None:
        """The service a request's path names (`/cvm/`, `/cvm`), if it names one here."""
        name = path.lstrip("/").split("/", 1)[0]
        return name if name in self._by_name else None

    def route(self, request: incoming.ApiRequest) -> Mounted:
        """The service version that answers `request` (a Fault when none or several fit)."""
        action, version = request.common("Action"), request.common("Version")
        scope = _SCOPE.search(request.headers.get("authorization", ""))
        for name in (
            self._path_service(request.path),
            scope["service"] if scope else None,
            _host_label(request.host),
        ):
            if name is not None and name in self._by_name:
                return self._pick(self._by_name[name], action, version)
        if not action:
            raise Fault("MissingParameter", "missing required parameter Action (X-TC-Action)")
        serving = self._by_action.get(action, [])
        if not serving:
            names = ", ".join(sorted({one.service for one in self.mounted}))
            raise Fault("InvalidAction", f"no service of this endpoint ({names}) has {action}")
        exact = [one for one in serving if one.version == version]
        if len(exact) > 1 or (not exact and len({one.service for one in serving}) > 1):
            names = ", ".join(sorted(f"{one.service} {one.version}" for one in exact or serving))
            raise Fault(
                "InvalidAction",
                f"{action} {version or ''} is served by {names}: call its path "
                "(http://127.0.0.1:PORT/<service>/), sign with the service's credential "
                "scope, or call its host (<service>.localhost:PORT)",
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

    def _addressed(self, environ: WSGIEnvironment) -> Mounted | None:
        """What `route` would pick, from the headers alone when the scope or the Host names a
        service here and either it has one version or the call is signed (TC3: action and
        version are headers); None when the request must be read first."""
        signed = "HTTP_AUTHORIZATION" in environ
        scope = _SCOPE.search(str(environ["HTTP_AUTHORIZATION"])) if signed else None
        for name in (
            self._path_service(str(environ.get("PATH_INFO", ""))),
            scope["service"] if scope else None,
            _host_label(environ.get("HTTP_HOST", "")),
        ):
            if name is not None and name in self._by_name:
                candidates = self._by_name[name]
                if len(candidates) == 1:
                    return candidates[0]
                if not signed:  # v1: the action and version are fields of the query or body
                    return None
                action, version = environ.get("HTTP_X_TC_ACTION"), environ.get("HTTP_X_TC_VERSION")
                return self._pick(candidates, action, version)
        return None

    # -- WSGI ---------------------------------------------------------------------------------

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        path = str(environ.get("PATH_INFO", ""))
        if path.startswith(CONTROL):
            return self._control(environ, start_response, path[len(CONTROL) :])
        try:
            addressed = self._addressed(environ)
            if addressed is not None:  # the request is passed on unread
                app, replay = addressed.app, environ
            else:
                request = incoming.read(environ)
                app = self.route(request).app
                replay = dict(environ)
                replay["wsgi.input"] = io.BytesIO(request.body)
                replay["CONTENT_LENGTH"] = str(len(request.body))
        except Fault as fault:
            body = envelope(error_body(fault), str(uuid.uuid4()))
            return self._reply(start_response, "200 OK", body)
        return app(replay, start_response)

    def _control(
        self, environ: WSGIEnvironment, start_response: StartResponse, rest: str
    ) -> Iterable[bytes]:
        method = str(environ.get("REQUEST_METHOD", ""))
        if (method, rest) == ("GET", "services"):
            return self._json(start_response, "200 OK", {"services": self.services()})
        if (method, rest) == ("POST", "reset"):
            for one in self.mounted:
                one.reset()
            self.credentials.clear()
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
        try:
            app = candidates[0].app
        except Fault as fault:
            return self._json(start_response, "503 Service Unavailable", {"error": fault.message})
        forwarded = dict(environ)
        forwarded["PATH_INFO"] = CONTROL + operation
        return app(forwarded, start_response)

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


def _create(module: str, options: Mapping[str, Any]) -> ServiceMock:
    mock = importlib.import_module(module)
    if "credentials" not in inspect.signature(mock.MockApp).parameters:
        # generated before temporary credentials: it checks no token, as it always did
        options = {key: value for key, value in options.items() if key != "credentials"}
    app: ServiceMock = mock.create_app(**options)
    return app


def _mount(directory: Path, parent: str, name: str, options: Mapping[str, Any]) -> Mounted:
    """A package mounted from its routing index, or imported now when it has none (generated
    before `mock/routes.json` existed)."""
    create = functools.partial(_create, f"{parent}.{name}.mock", options)
    routes = directory / name / "mock" / ROUTES_FILE
    state_path = options.get("state_path")
    if routes.is_file():
        return Mounted(name, read_routes(routes), create, state_path=state_path)
    try:
        app = create()
    except Exception as exc:  # a broken package is reported, not a traceback
        problem = Problem(f"{directory}/{name}", "", f"cannot load its mock: {exc!r}")
        raise ProblemsError([problem]) from None
    spec = app.spec
    routes_of_app = Routes(spec.service, spec.version, frozenset(spec.actions))
    return Mounted(name, routes_of_app, app=app, state_path=state_path)


def load(directory: Path, *, eager: bool = False, **options: Any) -> EdgeApp:
    """An edge over every generated package of `directory`; `options` go to each
    `create_app` (keys, rate_limit, clock, sleep). Packages are imported on first use, or
    all now with `eager`. Every mock shares one registry of temporary credentials, so keys
    STS issues sign calls to every service. Located problems when nothing can serve or a
    package is broken."""
    where = str(directory)
    if not directory.is_dir():
        raise ProblemsError([Problem(where, "", "is not a directory of generated packages")])
    names = packages(directory)
    if not names:
        raise ProblemsError(
            [Problem(where, "", "holds no generated package with a mock (run tcgen generate)")]
        )
    parent = _namespace(directory)
    state_path = options.get("state_path")  # the issued keys are kept there too
    credentials = Registry(None if state_path is None else KeyStore(Path(state_path)))
    options = {**options, "credentials": credentials}
    mounted, problems = [], []
    for name in names:
        try:
            one = _mount(directory, parent, name, options)
            if eager:
                one.preload()
            mounted.append(one)
        except ProblemsError as exc:
            problems.extend(exc.problems)
        except Fault as fault:
            problems.append(Problem(f"{where}/{name}", "", fault.message))
    if problems:
        raise ProblemsError(problems)
    return EdgeApp(mounted, credentials=credentials)


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
        "services": {one.package: one.snapshot() for one in edge.mounted},
        "credentials": edge.credentials.snapshot(),
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
        document = jsontext.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ProblemsError([Problem(where, "", f"is not a state file: {exc}")]) from None
    if not isinstance(document, dict) or document.get("format") != STATE_FORMAT:
        raise ProblemsError([Problem(where, "/format", f"must be {STATE_FORMAT}")])
    services = document.get("services")
    if not isinstance(services, dict) or not all(isinstance(v, dict) for v in services.values()):
        raise ProblemsError([Problem(where, "/services", "must map packages to state objects")])
    found = [
        Problem(where, f"/services/{package}", problem)
        for package, state in services.items()
        for problem in shape.problems(state)
    ]
    if found:
        raise ProblemsError(found)
    try:
        edge.credentials.restore(document.get("credentials", []))
    except (TypeError, ValueError) as exc:
        raise ProblemsError([Problem(where, "/credentials", str(exc))]) from None
    restored = 0
    for one in edge.mounted:
        if one.package in services:
            one.restore(services[one.package])
            restored += 1
    return restored
