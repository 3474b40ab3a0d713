"""The services of the scenarios, imported from the installed tccli and generated as a user
would (`tcgen import-tccli`, which adds the resource blocks tcgen ships, then `tcgen
generate`), served by `tcgen mock` in a subprocess, and called through the official SDK.
Actions only the domestic tccli has (SCF's functions) are imported from the domestic
edition (`tests.domestic`) and served by a second mock."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests import domestic, servers
from tests.scenarios.sdk import Cloud
from tests.tccli_tree import import_and_generate

SERVICES = [
    "cvm",
    "vpc",
    "cdb",
    "clb:2018-03-17",
    "scf",
    "cam",
    "redis",
    "mongodb",
    "postgres",
    "cbs",
    "tke",
]
DOMESTIC_SERVICES = ["scf"]
PACE = "60"
"""Seconds a transitional state lasts unseen: long, so only a Describe moves it (a script
that polls sees PENDING once, then RUNNING), whatever the machine's speed."""


@contextmanager
def serving(packages: Path) -> Iterator[str]:
    """`tcgen mock` over `packages` on a free loopback port: its `127.0.0.1:PORT`."""
    command = servers.tcgen_mock(packages, "--pace", PACE, "--no-rate-limit")
    with servers.serving(command) as endpoint:
        yield endpoint


@pytest.fixture(scope="session")
def cloud_tree(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The imported spec tree of the services and the packages generated from it."""
    return import_and_generate(tmp_path_factory.mktemp("scenarios"), SERVICES)


@pytest.fixture(scope="session")
def cloud_packages(cloud_tree: tuple[Path, Path]) -> Path:
    return cloud_tree[1]


@pytest.fixture(scope="session")
def cloud(cloud_packages: Path) -> Iterator[Cloud]:
    """`tcgen mock` over the generated services, shared by the scenarios (each makes its own
    resources), stopped at the end of the session."""
    with serving(cloud_packages) as endpoint:
        yield Cloud(endpoint)


@pytest.fixture(scope="session")
def domestic_sdk() -> Path:
    """The `pip --target` directory of the pinned domestic SDK and tccli (installed once)."""
    return domestic.install()


@pytest.fixture(scope="session")
def domestic_tree(
    tmp_path_factory: pytest.TempPathFactory, domestic_sdk: Path
) -> tuple[Path, Path]:
    """The services only the domestic tccli has, imported from it, and their packages."""
    work = tmp_path_factory.mktemp("domestic")
    return import_and_generate(
        work,
        DOMESTIC_SERVICES,
        tccli_dir=domestic.services(domestic_sdk),
        sdk_dir=domestic_sdk / "tencentcloud",
    )


@pytest.fixture(scope="session")
def domestic_cloud(domestic_tree: tuple[Path, Path]) -> Iterator[str]:
    """`tcgen mock` over services imported from the domestic tccli: its `127.0.0.1:PORT`."""
    with serving(domestic_tree[1]) as endpoint:
        yield endpoint
