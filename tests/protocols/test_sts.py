"""Temporary credentials end to end on one `tcgen mock` endpoint: STS (generated from tccli)
issues fresh keys that CVM on the same endpoint accepts with their X-TC-Token, through the
official Python SDK's STS credential classes and clients and through the generated client's
role providers; a missing, wrong or expired token answers `AuthFailure.TokenFailure`."""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tcgen.emulator.endpoint import EdgeApp, load, restore, save
from tcgen.runtime.credentials import Credentials
from tcgen.runtime.mock.route import Intercept
from tencentcloud.common import credential
from tencentcloud.common.common_client import CommonClient
from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile
from tencentcloud.cvm.v20170312 import cvm_client, models

from .conftest import Clock

ROLE_ARN = "qcs::cam::uin/100000000001:roleName/test-role"
HOSTS = (
    "sts.tencentcloudapi.com", "sts.intl.tencentcloudapi.com",
    "cvm.tencentcloudapi.com", "cvm.intl.tencentcloudapi.com",
)  # fmt: skip


def profile(endpoint: str, service: str = "cvm") -> ClientProfile:
    host = endpoint.removeprefix("http://")
    return ClientProfile(httpProfile=HttpProfile(endpoint=host, protocol="http"))


def official(endpoint: str, service: str, cred: Any) -> CommonClient:
    versions = {"sts": "2018-08-13", "cvm": "2017-03-12"}
    return CommonClient(service, versions[service], cred, "ap-guangzhou", profile(endpoint))


def assume_role(endpoint: str, **params: Any) -> dict[str, Any]:
    """AssumeRole through the official SDK, signed with an ordinary (long-term) key pair."""
    sts = official(endpoint, "sts", credential.Credential("AKIDlongterm", "long-term-key"))
    answer: dict[str, Any] = sts.call_json(
        "AssumeRole", {"RoleArn": ROLE_ARN, "RoleSessionName": "s1", **params}
    )["Response"]
    return answer


def regions(endpoint: str, cred: Any) -> Any:
    client = cvm_client.CvmClient(cred, "ap-guangzhou", profile(endpoint))
    return client.DescribeRegions(models.DescribeRegionsRequest())


def refused(endpoint: str, cred: Any) -> str:
    with pytest.raises(TencentCloudSDKException) as raised:
        regions(endpoint, cred)
    return f"{raised.value.code}: {raised.value.message}"


def temporary(answer: dict[str, Any], token: str | None = "") -> credential.Credential:
    keys = answer["Credentials"]
    return credential.Credential(
        keys["TmpSecretId"], keys["TmpSecretKey"], keys["Token"] if token == "" else token
    )


def test_assume_role_issues_fresh_keys_that_cvm_accepts(endpoint: str, clock: Clock) -> None:
    first, second = assume_role(endpoint), assume_role(endpoint, DurationSeconds=900)
    keys = first["Credentials"]
    assert keys["TmpSecretId"].startswith("AKID") and "*" not in keys["TmpSecretId"]
    assert keys["Token"] and keys["Token"] != second["Credentials"]["Token"]
    assert first["ExpiredTime"] == int(clock.now) + 7200
    assert second["ExpiredTime"] == int(clock.now) + 900
    assert second["Expiration"].endswith("Z") and second["Expiration"][:4].isdigit()
    assert regions(endpoint, temporary(first)).RequestId


@pytest.mark.parametrize(
    ("token", "says"),
    [
        (None, "needs its token"),
        ("wrong-token", "does not belong to SecretId"),
    ],
)
def test_missing_or_wrong_token_is_refused(endpoint: str, token: str | None, says: str) -> None:
    message = refused(endpoint, temporary(assume_role(endpoint), token))
    assert message.startswith("AuthFailure.TokenFailure: ") and says in message


def test_token_of_another_key_pair_is_refused(endpoint: str) -> None:
    one, other = assume_role(endpoint), assume_role(endpoint)
    mixed = temporary(one, other["Credentials"]["Token"])
    assert refused(endpoint, mixed).startswith("AuthFailure.TokenFailure: ")


def test_token_with_a_long_term_key_is_refused(endpoint: str) -> None:
    message = refused(endpoint, credential.Credential("AKIDlongterm", "key", "made-up"))
    assert message == "AuthFailure.TokenFailure: SecretId AKIDlongterm takes no token"


def test_expired_credentials_are_refused(endpoint: str, clock: Clock) -> None:
    cred = temporary(assume_role(endpoint, DurationSeconds=60))
    assert regions(endpoint, cred).RequestId
    clock.now += 60  # still within the 300 s a request timestamp may be off
    assert refused(endpoint, cred).startswith("AuthFailure.TokenFailure: the token expired at ")


def test_wrong_temporary_key_is_a_signature_failure(endpoint: str) -> None:
    keys = assume_role(endpoint)["Credentials"]
    cred = credential.Credential(keys["TmpSecretId"], "not-the-key", keys["Token"])
    assert refused(endpoint, cred).startswith("AuthFailure.SignatureFailure: ")


EXAMPLE_PARAMS = {
    "GetFederationToken": ({"Name": "fed", "Policy": "{}"}, 1800),
    "AssumeRoleWithSAML": (
        {"SAMLAssertion": "PHNhbWw+", "PrincipalArn": "qcs::cam::uin/1:saml-provider/p",
         "RoleArn": ROLE_ARN, "RoleSessionName": "s1"},
        7200,
    ),
}  # fmt: skip


@pytest.mark.parametrize("action", sorted(EXAMPLE_PARAMS))
def test_every_issuing_action_issues(endpoint: str, clock: Clock, action: str) -> None:
    params, lifetime = EXAMPLE_PARAMS[action]
    sts = official(endpoint, "sts", credential.Credential("AKIDlongterm", "long-term-key"))
    answer = sts.call_json(action, params)["Response"]
    assert answer["ExpiredTime"] == int(clock.now) + lifetime
    assert regions(endpoint, temporary(answer)).RequestId


def test_fixed_keys_still_verify_sts_and_accept_issued_keys(tccli_packages: Path) -> None:
    edge = load(tccli_packages, keys={"AKIDlongterm": "long-term-key"}, rate_limit=False)
    from tcgen.runtime.mock.serve import ServerThread

    with ServerThread(edge) as server:
        answer = assume_role(server.endpoint)
        assert regions(server.endpoint, temporary(answer)).RequestId
        stranger = credential.Credential("AKIDstranger", "key")
        assert refused(server.endpoint, stranger).startswith("AuthFailure.SecretIdNotFound")


def test_official_sts_credential_classes_in_process(edge: EdgeApp, clock: Clock) -> None:
    """The SDK's STSAssumeRoleCredential and OIDCRoleArnCredential call STS at its https
    address; routed in-process to the endpoint, their keys sign CVM calls."""
    with Intercept(edge, HOSTS):
        role = credential.STSAssumeRoleCredential("AKIDlongterm", "key", ROLE_ARN, "s1")
        assert role.secret_id.startswith("AKID") and role.token
        client = cvm_client.CvmClient(role, "ap-guangzhou")
        assert client.DescribeRegions(models.DescribeRegionsRequest()).RequestId
        oidc = credential.OIDCRoleArnCredential(
            "ap-guangzhou", "provider", "oidc-token", ROLE_ARN, "s2"
        )
        assert oidc.secret_id != role.secret_id and oidc.token
        client = cvm_client.CvmClient(oidc, "ap-guangzhou")
        assert client.DescribeRegions(models.DescribeRegionsRequest()).RequestId


@pytest.fixture
def generated(tccli_packages: Path) -> Iterator[Any]:
    sys.path.insert(0, str(tccli_packages))
    try:
        yield importlib.import_module("cvm_v20170312")
    finally:
        sys.path.remove(str(tccli_packages))


def test_generated_role_providers_end_to_end(endpoint: str, generated: Any) -> None:
    from tcgen.runtime.providers import AssumeRoleProvider, WebIdentityProvider

    source = Credentials("AKIDlongterm", "long-term-key")
    for provider in (
        AssumeRoleProvider(source, ROLE_ARN, "s1", endpoint=endpoint),
        WebIdentityProvider(
            region="ap-guangzhou", provider_id="p", role_arn=ROLE_ARN, token="t", endpoint=endpoint
        ),
    ):
        client = generated.CvmClient(credentials=provider, endpoint=endpoint, region="ap-guangzhou")
        assert client.describe_regions().request_id
        assert provider.get_credentials().token


def test_issued_keys_survive_save_and_restore(
    endpoint: str, edge: EdgeApp, tccli_packages: Path, tmp_path: Path
) -> None:
    cred = temporary(assume_role(endpoint))
    save(edge, tmp_path / "state.json")
    saved = json.loads((tmp_path / "state.json").read_text())["credentials"]
    assert [record["secret_id"] for record in saved] == [cred.secret_id]
    fresh = load(tccli_packages, rate_limit=False)
    restore(fresh, tmp_path / "state.json")
    from tcgen.runtime.mock.serve import ServerThread

    with ServerThread(fresh) as server:
        assert regions(server.endpoint, cred).RequestId


def test_node_sdk_assumes_a_role_and_calls_with_its_token(endpoint: str, node_sdk: Path) -> None:
    """The official Node.js SDK (pinned, unchanged): STS AssumeRole, then CVM signed with the
    temporary keys and their token; a wrong token is Tencent's AuthFailure.TokenFailure."""
    from tests.nodesdk import NodeCall, node_calls

    address = endpoint.removeprefix("http://")
    (assumed,) = node_calls(
        node_sdk, address,
        [NodeCall("AssumeRole", {"RoleArn": ROLE_ARN, "RoleSessionName": "node"}, "sts",
                  "2018-08-13")],
        secret_id="AKIDlongterm", secret_key="long-term-key",
    )  # fmt: skip
    assert assumed.ok, assumed.code
    keys = assumed.response["Credentials"]
    regions_call = [NodeCall("DescribeRegions", {}, "cvm", "2017-03-12")]
    for token, result in ((keys["Token"], "ok"), ("wrong", "AuthFailure.TokenFailure")):
        (outcome,) = node_calls(
            node_sdk, address, regions_call,
            secret_id=keys["TmpSecretId"], secret_key=keys["TmpSecretKey"], token=token,
        )  # fmt: skip
        assert outcome.result == result
