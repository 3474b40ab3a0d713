"""Two emulators on one state database (what `tcgen mock --workers 2` runs): a reference made
through one is found through the other, though the other's VPC mock has never been called."""

from __future__ import annotations

from pathlib import Path

from tcgen.emulator.endpoint import load
from tcgen.runtime.mock import durable
from tcgen.runtime.mock.serve import ServerThread

from tests.scenarios.sdk import Cloud
from tests.scenarios.test_compute_and_network import V, network, states


def test_a_subnet_made_by_one_worker_is_found_by_another(
    cloud_packages: Path, tmp_path: Path
) -> None:
    database = tmp_path / "state.db"
    durable.check(database)  # as tcgen mock does before it starts its workers
    first = load(cloud_packages, rate_limit=False, pace=0, state_path=database)
    second = load(cloud_packages, rate_limit=False, pace=0, state_path=database)
    with ServerThread(first) as one, ServerThread(second) as other:
        made = Cloud(one.endpoint.removeprefix("http://"))
        used = Cloud(other.endpoint.removeprefix("http://"))
        vpc, subnet, group = network(made, "shared")
        ids = used.call(
            "cvm", V, "RunInstances", InstanceCount=1, ImageId="img-eb30mz89",
            VirtualPrivateCloud={"VpcId": vpc, "SubnetId": subnet}, SecurityGroupIds=[group],
        )["InstanceIdSet"]  # fmt: skip
        assert states(made, ids) == dict.fromkeys(ids, "RUNNING")
        assert made.fails("vpc", V, "DeleteSubnet", SubnetId=subnet) == "ResourceInUse"
