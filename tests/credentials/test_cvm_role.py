"""The CVM role provider against an instance-metadata stand-in: fetch, refresh before
expiry, threads, errors, the chain, and the official SDK's provider as oracle."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from tcgen.runtime.chain import resolve_provider
from tcgen.runtime.credentials import Credentials, Sources
from tcgen.runtime.exceptions import CredentialError
from tcgen.runtime.providers import CVMRoleProvider

from .conftest import Clock, Metadata


def test_fetches_the_bound_role_and_keeps_it_until_the_margin(metadata: Metadata) -> None:
    clock = Clock()
    provider = CVMRoleProvider(endpoint=metadata.url, clock=clock)
    first = provider.get_credentials()
    assert first == Credentials("AKIDcvm1", "cvm-key-1", "cvm-token-1")
    assert metadata.requests == [
        "/latest/meta-data/cam/security-credentials/",
        "/latest/meta-data/cam/security-credentials/test-role",
    ]
    clock.now = metadata.expired_time - 301  # more than the 300 s margin left: no request
    assert provider.get_credentials() is first
    assert len(metadata.requests) == 2


def test_refreshes_before_expiry(metadata: Metadata) -> None:
    clock = Clock()
    provider = CVMRoleProvider(endpoint=metadata.url, clock=clock)
    old_expiry = metadata.expired_time
    assert provider.get_credentials().secret_id == "AKIDcvm1"
    metadata.rotate()  # the metadata service hands out new keys near expiry
    clock.now = old_expiry - 299  # inside the margin, the old keys still valid
    assert provider.get_credentials().secret_id == "AKIDcvm2"
    assert clock.now < old_expiry
    assert metadata.credential_requests() == 2


def test_given_role_name_skips_the_lookup(metadata: Metadata) -> None:
    provider = CVMRoleProvider("test-role", endpoint=metadata.url)
    assert provider.get_credentials().token == "cvm-token-1"
    assert metadata.requests == ["/latest/meta-data/cam/security-credentials/test-role"]


def test_one_refresh_at_a_time_under_threads(metadata: Metadata) -> None:
    clock = Clock()
    metadata.delay = 0.2  # every answer is slow, so the threads really overlap
    provider = CVMRoleProvider("test-role", endpoint=metadata.url, clock=clock)
    seen: list[Credentials] = []

    def burst() -> None:
        start = threading.Barrier(32)

        def worker() -> None:
            start.wait()
            seen.append(provider.get_credentials())

        threads = [threading.Thread(target=worker) for _ in range(32)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)

    burst()  # nothing held yet: everyone waits for the one fetch
    assert metadata.credential_requests() == 1
    assert {c.secret_id for c in seen} == {"AKIDcvm1"}
    old_expiry = metadata.expired_time
    metadata.rotate()
    clock.now = old_expiry - 100  # refresh due, old keys valid: one thread renews
    seen.clear()
    burst()
    assert metadata.credential_requests() == 2
    assert {c.secret_id for c in seen} <= {"AKIDcvm1", "AKIDcvm2"}  # old valid or new
    assert provider.get_credentials().secret_id == "AKIDcvm2"
    assert len(seen) == 32


def test_failed_refresh_keeps_valid_credentials(
    metadata: Metadata, caplog: pytest.LogCaptureFixture
) -> None:
    clock = Clock()
    provider = CVMRoleProvider(endpoint=metadata.url, clock=clock)
    assert provider.get_credentials().secret_id == "AKIDcvm1"
    metadata.status = 500
    clock.now = metadata.expired_time - 100
    assert provider.get_credentials().secret_id == "AKIDcvm1"
    assert "HTTP 500" in caplog.text
    clock.now = metadata.expired_time + 1  # expired: now the failure is the caller's
    with pytest.raises(CredentialError, match="answered HTTP 500"):
        provider.get_credentials()


def test_unreachable_metadata_is_a_clear_error(refused_endpoint: str) -> None:
    provider = CVMRoleProvider(endpoint=refused_endpoint + "/latest/meta-data/")
    with pytest.raises(CredentialError) as raised:
        provider.get_credentials()
    message = str(raised.value)
    assert message.startswith(f"CVM role (instance metadata {refused_endpoint}/latest/meta-data/")
    assert "unreachable" in message and "Traceback" not in message


def test_no_role_bound(metadata: Metadata) -> None:
    metadata.status = 404
    with pytest.raises(CredentialError, match="no CAM role is bound to this instance"):
        CVMRoleProvider(endpoint=metadata.url).get_credentials()


def test_chain_uses_the_cvm_role_after_static_sources(metadata: Metadata, tmp_path: Path) -> None:
    environ = {"TENCENTCLOUD_METADATA_ENDPOINT": metadata.url}
    provider = resolve_provider(sources=Sources(environ=environ, home=tmp_path))
    assert isinstance(provider, CVMRoleProvider)
    assert provider.get_credentials().secret_id == "AKIDcvm1"
    keys = {**environ, "TENCENTCLOUD_SECRET_ID": "id", "TENCENTCLOUD_SECRET_KEY": "key"}
    assert resolve_provider(sources=Sources(environ=keys, home=tmp_path)) == Credentials(
        "id", "key"
    )


def test_failing_chain_lists_every_place(refused_endpoint: str, tmp_path: Path) -> None:
    environ = {"TENCENTCLOUD_METADATA_ENDPOINT": refused_endpoint, "TKE_REGION": "ap-guangzhou"}
    with pytest.raises(CredentialError) as raised:
        resolve_provider(sources=Sources(environ=environ, home=tmp_path))
    message = str(raised.value)
    for place in (
        "explicit arguments",
        "TENCENTCLOUD_SECRET_ID",
        str(tmp_path / ".tencentcloud" / "credentials"),
        str(tmp_path / ".tccli" / "default.credential"),
        f"CVM role (instance metadata {refused_endpoint}/cam/security-credentials/): unreachable",
        "TKE OIDC: TKE_PROVIDER_ID, TKE_WEB_IDENTITY_TOKEN_FILE, TKE_ROLE_ARN not set",
    ):
        assert place in message


def test_official_cvm_role_credential_reads_the_same_keys(
    metadata: Metadata, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tencentcloud.common.credential import CVMRoleCredential

    for name in ("http_proxy", "HTTP_PROXY", "no_proxy", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
    official = CVMRoleCredential()
    official._role_endpoint = metadata.url + "cam/security-credentials/"
    ours = CVMRoleProvider(endpoint=metadata.url).get_credentials()
    assert official.get_credential_info() == (ours.secret_id, ours.secret_key, ours.token)
