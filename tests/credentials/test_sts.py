"""STS AssumeRole and AssumeRoleWithWebIdentity against the generated STS 2018-08-13 mock:
signatures, refresh before expiry, X-TC-Token on calls, threads, errors, TKE variables."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from tcgen.runtime.chain import resolve_provider
from tcgen.runtime.credentials import Credentials, Sources
from tcgen.runtime.exceptions import APIError, CredentialError
from tcgen.runtime.providers import AssumeRoleProvider, WebIdentityProvider

from .conftest import ROLE_ARN, SOURCE_ID, SOURCE_KEY, STS, Clock

SOURCE = Credentials(SOURCE_ID, SOURCE_KEY)


def assume(sts: STS, **options: Any) -> AssumeRoleProvider:
    return AssumeRoleProvider(SOURCE, ROLE_ARN, "session-1", endpoint=sts.url, **options)


def client(sts_package: ModuleType, sts: STS, provider: Any) -> Any:
    return sts_package.StsClient(credentials=provider, endpoint=sts.url, region="ap-guangzhou")


def test_assume_role_is_signed_with_the_source_key(sts: STS) -> None:
    provider = assume(sts, duration_seconds=900)
    credentials = provider.get_credentials()
    assert credentials == Credentials(*sts.issued(0)[:3])
    (call,) = sts.app.calls("AssumeRole")
    assert (call.secret_id, call.error, call.region) == (SOURCE_ID, None, "ap-guangzhou")
    assert call.params == {
        "RoleArn": ROLE_ARN, "RoleSessionName": "session-1", "DurationSeconds": 900
    }  # fmt: skip


def test_wrong_source_key_is_refused_by_the_mock(sts: STS) -> None:
    provider = AssumeRoleProvider(Credentials(SOURCE_ID, "wrong"), ROLE_ARN, endpoint=sts.url)
    with pytest.raises(CredentialError) as raised:
        provider.get_credentials()
    message = str(raised.value)
    assert message.startswith(f"STS AssumeRole of {ROLE_ARN} at {sts.url}/: ")
    assert "AuthFailure.SignatureFailure: the request signature does not match" in message


def test_sts_error_code_and_message(sts: STS) -> None:
    sts.app.inject_error("AssumeRole", "InternalError", message="role is busy")
    with pytest.raises(CredentialError, match=r"InternalError: role is busy \(RequestId: "):
        assume(sts).get_credentials()


def test_unreachable_sts(refused_endpoint: str) -> None:
    provider = AssumeRoleProvider(SOURCE, ROLE_ARN, endpoint=refused_endpoint)
    with pytest.raises(CredentialError, match=f"STS AssumeRole of .* at {refused_endpoint}/: POST"):
        provider.get_credentials()


def test_calls_with_role_credentials_send_the_token(sts_package: ModuleType, sts: STS) -> None:
    provider = assume(sts)
    caller = client(sts_package, sts, provider)
    identity = caller.get_caller_identity()  # the mock verifies the temporary key's signature
    issued = provider.get_credentials()
    (call,) = sts.app.calls("GetCallerIdentity")
    assert (call.secret_id, call.error) == (issued.secret_id, None)
    assert sts.tokens("GetCallerIdentity") == [issued.token]
    assert sts.tokens("AssumeRole") == [None]  # the source key is a permanent one
    assert identity.request_id == call.request_id


def test_refresh_happens_before_expiry(sts_package: ModuleType, sts: STS) -> None:
    # short-lived: renewed at half their life, 4 s or more before expiry
    provider = assume(sts, duration_seconds=9)
    caller = client(sts_package, sts, provider)
    caller.get_caller_identity()
    first, expires_at = provider.get_credentials(), provider.expires_at
    assert expires_at is not None and expires_at <= time.time() + 9.0
    time.sleep(4.6)
    caller.get_caller_identity()
    renewed_at = time.time()
    second = provider.get_credentials()
    assert second != first and renewed_at < expires_at
    assert len(sts.app.calls("AssumeRole")) == 2
    assert [call.secret_id for call in sts.app.calls("GetCallerIdentity")] == [
        first.secret_id,
        second.secret_id,
    ]


def test_refresh_margin_with_a_moved_clock(sts: STS) -> None:
    clock = Clock()
    provider = assume(sts, clock=clock)
    first = provider.get_credentials()
    clock.now += 7200 - 301  # 301 s left: still fine
    assert provider.get_credentials() is first
    clock.now += 2  # 299 s left: renewed
    assert provider.get_credentials() != first
    assert len(sts.app.calls("AssumeRole")) == 2


def test_threads_share_one_assume_role(sts_package: ModuleType, sts: STS) -> None:
    clock = Clock()
    provider = assume(sts, clock=clock)
    caller = client(sts_package, sts, provider)
    errors: list[BaseException] = []

    def calls() -> None:
        start.wait()
        try:
            for _ in range(3):
                caller.get_caller_identity()
        except BaseException as exc:  # reported below, with the count
            errors.append(exc)

    for round_ in range(2):
        start = threading.Barrier(16)
        threads = [threading.Thread(target=calls) for _ in range(16)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert not errors
        assert len(sts.app.calls("AssumeRole")) == round_ + 1
        clock.now += 7200 - 100  # into the refresh margin for the next round
    answered = sts.app.calls("GetCallerIdentity")
    assert len(answered) == 96 and all(call.error is None for call in answered)


def test_web_identity_unsigned_reading_the_token_file_at_each_refresh(
    sts: STS, tmp_path: Path
) -> None:
    token_file = tmp_path / "token"
    token_file.write_text("oidc-token-1\n")
    clock = Clock()
    environ = {
        "TKE_REGION": "ap-shanghai",
        "TKE_PROVIDER_ID": "tke-provider",
        "TKE_WEB_IDENTITY_TOKEN_FILE": str(token_file),
        "TKE_ROLE_ARN": ROLE_ARN,
    }
    provider = WebIdentityProvider.from_tke(environ, endpoint=sts.url)
    provider.clock = clock
    first = provider.get_credentials()
    token_file.write_text("oidc-token-2\n")  # TKE rotates the projected token
    clock.now += 7200 - 100
    assert provider.get_credentials() != first
    calls = sts.app.calls("AssumeRoleWithWebIdentity")
    assert [call.params["WebIdentityToken"] for call in calls if call.params] == [
        "oidc-token-1",
        "oidc-token-2",
    ]
    assert {call.region for call in calls} == {"ap-shanghai"}
    assert {(c.signature_method, c.secret_id) for c in calls} == {("SKIP", "")}  # unsigned
    assert all(call.params and call.params["ProviderId"] == "tke-provider" for call in calls)


def test_chain_ends_with_tke_when_its_variables_are_set(
    sts: STS, tmp_path: Path, refused_endpoint: str
) -> None:
    token_file = tmp_path / "token"
    token_file.write_text("oidc-token")
    environ = {
        "TENCENTCLOUD_METADATA_ENDPOINT": refused_endpoint,  # not on CVM
        "TENCENTCLOUD_STS_ENDPOINT": sts.url,
        "TKE_REGION": "ap-guangzhou",
        "TKE_PROVIDER_ID": "tke-provider",
        "TKE_WEB_IDENTITY_TOKEN_FILE": str(token_file),
        "TKE_ROLE_ARN": ROLE_ARN,
    }
    provider = resolve_provider(sources=Sources(environ=environ, home=tmp_path))
    assert isinstance(provider, WebIdentityProvider)
    assert provider.get_credentials().secret_id == sts.issued(0).secret_id


def test_web_identity_missing_token_file(sts: STS, tmp_path: Path) -> None:
    provider = WebIdentityProvider(
        region="ap-guangzhou",
        provider_id="p",
        role_arn=ROLE_ARN,
        token_file=str(tmp_path / "absent"),
        endpoint=sts.url,
    )
    with pytest.raises(CredentialError, match="cannot read the token file .*absent"):
        provider.get_credentials()


def test_client_rejects_both_keys_and_a_provider(sts_package: ModuleType) -> None:
    with pytest.raises(ValueError, match="not both"):
        sts_package.StsClient(credentials=SOURCE, secret_id="a", secret_key="b")


def test_official_sdk_providers_send_what_ours_send(sts: STS, tmp_path: Path) -> None:
    """Oracle: the official STSAssumeRoleCredential and OIDCRoleArnCredential, and ours at
    their default endpoint, all reach the same mock in-process (`requests` routed to it)."""
    from sts_v20180813.mock import activate
    from tencentcloud.common.credential import OIDCRoleArnCredential, STSAssumeRoleCredential

    token_file = tmp_path / "token"
    token_file.write_text("oidc-token")
    with activate(sts.middleware):
        official = STSAssumeRoleCredential(SOURCE_ID, SOURCE_KEY, ROLE_ARN, "session-1")
        official_keys = official.get_credential_info()
        ours = AssumeRoleProvider(SOURCE, ROLE_ARN, "session-1").get_credentials()
        official_oidc = OIDCRoleArnCredential("ap-guangzhou", "p", "oidc-token", ROLE_ARN, "s")
        official_oidc.get_credential_info()
        WebIdentityProvider(
            region="ap-guangzhou", provider_id="p", role_arn=ROLE_ARN, token_file=str(token_file),
            role_session_name="s",
        ).get_credentials()  # fmt: skip
    assert official_keys == sts.issued(0)[:3]
    assert ours == Credentials(*sts.issued(1)[:3])
    for action, signer in (("AssumeRole", SOURCE_ID), ("AssumeRoleWithWebIdentity", "")):
        theirs, mine = sts.app.calls(action)
        assert (theirs.params, theirs.region, theirs.secret_id, theirs.error) == (
            mine.params, mine.region, mine.secret_id, mine.error,
        )  # fmt: skip
        assert (mine.secret_id, mine.error) == (signer, None)


def test_only_unsigned_actions_take_authorization_skip(sts_package: ModuleType, sts: STS) -> None:
    """The spec's `unsigned` (imported from tccli's `skip_sign`) reaches the mock."""
    meta = sts_package._meta.ACTIONS
    assert {name for name, action in meta.items() if action.unsigned} == {
        "AssumeRoleWithSAML",
        "AssumeRoleWithWebIdentity",
    }
    provider = AssumeRoleProvider(SOURCE, ROLE_ARN, endpoint=sts.url)
    call = provider.transport.prepare("AssumeRole", {"RoleArn": ROLE_ARN, "RoleSessionName": "s"})
    call.headers["Authorization"] = "SKIP"
    with pytest.raises(APIError) as raised:
        provider.transport.send(call, lambda code: APIError)
    assert raised.value.code == "AuthFailure.InvalidAuthorization"
    signed = client(sts_package, sts, SOURCE).assume_role_with_web_identity(
        provider_id="p", web_identity_token="t", role_arn=ROLE_ARN, role_session_name="s"
    )  # signed (as the official client sends it) is accepted too
    assert signed.credentials.tmp_secret_id == sts.issued(0).secret_id
