"""Which spec tree and generated tree the contract suite checks, and how it loads them.

Everything is driven by the spec: the actions come from `tcgen.pipeline.load_services` (the
model), never from the generated code, so a package that lost an action fails instead of
shrinking the suite. Generated packages are imported by path under a private module name, so
any output tree can be checked in the same process as `generated/` without clashing with it.

Environment (all optional):

    TCGEN_CONTRACT_SPEC          spec tree             (default: spec/)
    TCGEN_CONTRACT_OUT           generated tree        (default: generated/)
    TCGEN_CONTRACT_VECTORS       golden vectors        (default: tests/contract/vectors/)
    TCGEN_CONTRACT_MAX_EXAMPLES  hypothesis examples per property test (default: 25)
    TCGEN_CONTRACT_ACTIONS       comma-separated action names to check (default: all);
                                 for runs that changed a few actions, and for sharding
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import importlib.util
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from tcgen.model.service import Action, Service
from tcgen.pipeline import load_services

ROOT = Path(__file__).resolve().parents[2]
ENV_SPEC, ENV_OUT = "TCGEN_CONTRACT_SPEC", "TCGEN_CONTRACT_OUT"
ENV_VECTORS, ENV_EXAMPLES = "TCGEN_CONTRACT_VECTORS", "TCGEN_CONTRACT_MAX_EXAMPLES"
ENV_ACTIONS = "TCGEN_CONTRACT_ACTIONS"

SECRET_ID, SECRET_KEY = "AKIDcontractTEST0123456789", "contractTESTsecretKEY0123456789ab"
KEYS = {SECRET_ID: SECRET_KEY}
REGION = "ap-guangzhou"


@dataclass(frozen=True)
class Target:
    """The trees under test."""

    spec_dir: Path
    out_dir: Path
    vectors_dir: Path
    max_examples: int
    actions: frozenset[str] | None = None

    @classmethod
    def from_env(cls) -> Target:
        def path(name: str, default: Path) -> Path:
            return Path(os.environ.get(name) or default).resolve()

        return cls(
            spec_dir=path(ENV_SPEC, ROOT / "spec"),
            out_dir=path(ENV_OUT, ROOT / "generated"),
            vectors_dir=path(ENV_VECTORS, Path(__file__).with_name("vectors")),
            max_examples=int(os.environ.get(ENV_EXAMPLES) or 25),
            actions=(
                frozenset(os.environ[ENV_ACTIONS].split(",")) if ENV_ACTIONS in os.environ else None
            ),
        )

    def selected(self, action: Action) -> bool:
        return self.actions is None or action.name in self.actions


@functools.cache
def services(spec_dir: Path) -> tuple[Service, ...]:
    """The model of every service version of a spec tree (validated; loaded once)."""
    return tuple(load_services(spec_dir))


@dataclass(frozen=True)
class Case:
    """One action of one service version: the unit most contract tests are run for."""

    service: Service
    action: Action

    def __str__(self) -> str:
        return f"{self.service.package}.{self.action.name}"


def action_cases(target: Target) -> list[Case]:
    return [Case(s, a) for s in services(target.spec_dir) for a in s.actions if target.selected(a)]


def service_cases(target: Target) -> list[Case]:
    """The first (selected) action of each service, for checks made once per package."""
    firsts = {}
    for case in action_cases(target):
        firsts.setdefault(case.service.package, case)
    return list(firsts.values())


def error_cases(target: Target, every_code: bool) -> list[tuple[Case, str]]:
    """(case, code): each action with its documented codes, or (`every_code`) each service's
    first action with every code the package has a class for (common ones included)."""
    if every_code:
        return [(c, e.code) for c in service_cases(target) for e in c.service.error_codes]
    return [(c, e.code) for c in action_cases(target) for e in c.action.error_codes]


class Generated:
    """The modules of one generated package, imported from the output tree by path."""

    def __init__(self, out_dir: Path, service: Service) -> None:
        self.directory = out_dir / service.package
        digest = hashlib.sha256(str(out_dir).encode()).hexdigest()[:10]
        self.name = f"_contract_{digest}_{service.package}"
        if self.name not in sys.modules:
            if not (self.directory / "__init__.py").is_file():
                raise FileNotFoundError(f"{self.directory} is not a generated package")
            spec = importlib.util.spec_from_file_location(
                self.name,
                self.directory / "__init__.py",
                submodule_search_locations=[str(self.directory)],
            )
            assert spec is not None and spec.loader is not None
            module = importlib.util.module_from_spec(spec)
            sys.modules[self.name] = module
            spec.loader.exec_module(module)
        self.meta = self.module("_meta")
        self.models = self.module("models")
        self.errors = self.module("errors")
        self.mock = self.module("mock")
        self.cli = self.module("cli")
        self.exceptions = self.module("_runtime.exceptions")
        self.client_class: Any = getattr(self.module("client"), service.client_class)

    def module(self, relative: str) -> ModuleType:
        return importlib.import_module(f"{self.name}.{relative}")

    def client(self, **options: Any) -> Any:
        """A client with the contract credentials and region (options override them)."""
        settings = {"secret_id": SECRET_ID, "secret_key": SECRET_KEY, "region": REGION}
        return self.client_class(**{**settings, "proxies": {}, **options})


_LOADED: dict[tuple[Path, str], Generated] = {}


def generated(out_dir: Path, service: Service) -> Generated:
    """The loaded package of a service (imported once per output tree)."""
    key = (out_dir, service.package)
    if key not in _LOADED:
        _LOADED[key] = Generated(out_dir, service)
    return _LOADED[key]


TARGET = Target.from_env()
