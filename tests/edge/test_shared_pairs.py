"""Every action+version that two services of a tccli catalog share, called through an official
Node.js SDK over the service's path (`127.0.0.1:PORT/<service>`, the documented way for a
client that cannot name the service in its TC3 scope: the SDK signs `127`) against one
`tcgen mock` edge (`emulator.endpoint`'s app on a loopback port) serving all those services:
each answer comes from the service the path names.

The pairs are computed from the catalog's models (`tests.shared_pairs`). The default run
takes the cheapest group of them (one pair of services, a second to generate); the slow run
(`nox -s slow`, `nox -s domestic`) every pair: the international catalog's through
`tencentcloud-sdk-nodejs-intl-en`, the domestic one's through `tencentcloud-sdk-nodejs`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from tcgen.emulator.endpoint import load
from tcgen.runtime.mock.serve import ServerThread
from tcgen.sources.tccli.models import default_services_dir

from tests import domestic, nodesdk
from tests.mock.helpers import KEYS, SECRET_ID, SECRET_KEY
from tests.shared_pairs import (
    Pair,
    call_log,
    cheapest,
    example_params,
    labels,
    output_members,
    shared_pairs,
)
from tests.tccli_tree import import_and_generate


def _sweep(
    work: Path, pairs: Sequence[Pair], models: Path, sdk: Path, errors: Path | None = None
) -> None:
    """Generate the services of `pairs` from `models` (error codes from the Python SDK at
    `errors`), serve them on one edge, call each pair in each of its services through the
    Node.js SDK at `sdk`, and check each answer."""
    spec, out = import_and_generate(work, labels(pairs), tccli_dir=models, sdk_dir=errors)
    todo = [(pair, service) for pair in pairs for service in pair.services]
    with ServerThread(load(out, keys=KEYS)) as server:
        address = server.endpoint.removeprefix("http://")
        calls = [
            nodesdk.NodeCall(
                pair.action, example_params(spec, service, pair.version, pair.action),
                service=service, version=pair.version, endpoint=f"{address}/{service}",
            )  # fmt: skip
            for pair, service in todo
        ]
        outcomes = nodesdk.node_calls(
            sdk, address, calls, secret_id=SECRET_ID, secret_key=SECRET_KEY, keep_alive=True
        )
        owners = {(service, pair.version) for pair, service in todo}
        logs = {owner: call_log(address, *owner) for owner in owners}
    assert len(outcomes) == len(todo)
    for (pair, service), outcome in zip(todo, outcomes, strict=True):
        where = (pair, service, outcome.result, outcome.response)
        assert outcome.request_id, where
        assert logs[service, pair.version].get(outcome.request_id) == pair.action, where
        others = [other for other in pair.services if other != service]
        assert not any(outcome.request_id in logs[other, pair.version] for other in others), where
        assert outcome.code not in {"InvalidAction", "NoSuchVersion"}, where
        if outcome.ok:
            members = output_members(spec, service, pair.version, pair.action)
            assert set(outcome.response) <= members, where
    answered = sum(outcome.ok for outcome in outcomes)
    assert answered >= len(outcomes) * 0.9, [o.result for o in outcomes if not o.ok]


def test_a_sample_of_the_shared_pairs_reaches_each_service(tmp_path: Path, node_sdk: Path) -> None:
    models = default_services_dir()
    pairs = cheapest(shared_pairs(models), models)
    assert pairs and all(len(pair.services) > 1 for pair in pairs)
    _sweep(tmp_path, pairs, models, node_sdk)


@pytest.mark.slow
def test_every_shared_pair_of_the_international_catalog(tmp_path: Path, node_sdk: Path) -> None:
    models = default_services_dir()
    pairs = shared_pairs(models)
    assert len(pairs) >= 52  # tccli-intl-en 3.0.1060.1 (issue 21)
    _sweep(tmp_path, pairs, models, node_sdk)


@pytest.mark.slow
def test_every_shared_pair_of_the_domestic_catalog(tmp_path: Path) -> None:
    target = domestic.install()
    models = domestic.services(target)
    pairs = shared_pairs(models)
    assert len(pairs) >= 74  # tccli 3.1.189.1 (issue 21)
    _sweep(tmp_path, pairs, models, nodesdk.install(nodesdk.DOMESTIC), domestic.sdk(target))
