"""From global options to a signed call, and the call itself.

Built on `Transport.prepare`/`send`, the client's own path, so `--dry-run` prints exactly the
request the client would send and the CLI's requests equal the client's.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from ..chain import resolve_provider
from ..credentials import (
    DEFAULT_PROFILE,
    ENV_PROFILE,
    CredentialProvider,
    Credentials,
    Sources,
    resolve_region,
)
from ..events import decode, streamed
from ..exceptions import APIError, CredentialError, MalformedResponseError, ParameterError
from ..request import Endpoint, PreparedCall, check_setting
from ..response import raise_error
from ..transport import Transport
from .argv import UsageError


def sources(options: Mapping[str, str]) -> Sources:
    """Where credentials and settings come from: `--profile`, else TCCLI_PROFILE, else the
    default profile (tccli's order)."""
    return Sources(profile=options.get("profile") or os.environ.get(ENV_PROFILE) or DEFAULT_PROFILE)


def transport(
    service: str,
    version: str,
    endpoint: str,
    options: Mapping[str, str],
    region_required: bool,
    sources: Sources,
    use_cvm_role: bool = False,
    dry_run: bool = False,
) -> Transport:
    """A Transport configured from `--endpoint/--region/--secretId/...`, the environment and
    the profile files, in the order tccli and the SDK look.

    `dry_run`: no role is assumed unless asked for by an option or the profile, and nothing
    is fetched from the network; with no key found, the request is signed with
    `DRY_RUN_CREDENTIALS`, whose SecretId says so in the printed Authorization header.
    """
    try:
        credentials = _credentials(options, sources, use_cvm_role, dry_run)
    except CredentialError as exc:
        raise UsageError(f"{exc}\n(or pass --secretId and --secretKey)") from None
    region = resolve_region(options.get("region"), sources)
    try:
        check_setting("region", region)
        check_setting("language", options.get("language"))
    except ParameterError as exc:
        raise UsageError(f"--{exc.parameter}: {exc.message}") from None
    if region_required and not region:
        raise UsageError("--region: this action needs a region, e.g. --region ap-guangzhou")
    return Transport(
        service,
        version,
        Endpoint.parse(options.get("endpoint") or endpoint),
        credentials,
        region=region,
        language=options.get("language"),
        timeout=_timeout(options.get("timeout")),
        stdlib_http=True,  # a call to a local mock never imports requests
    )


DRY_RUN_CREDENTIALS = Credentials("AKIDDRYRUNPLACEHOLDERNOTAREALKEY", "dry-run-placeholder")
"""What `--dry-run` signs with when no key is configured: a preview needs no secret."""


def _credentials(
    options: Mapping[str, str], sources: Sources, use_cvm_role: bool, dry_run: bool = False
) -> CredentialProvider:
    """tccli's choice: `--use-cvm-role`; else a role (`--role-arn` and `--role-session-name`,
    else TENCENTCLOUD_ROLE_ARN/_SESSION_NAME without `--profile`, else the profile's
    `role-arn`/`role-session-name`) assumed with the key found as usual; else the profile's
    `"type": "cvm-role"` unless keys are given; else the chain (`credentials.py`).

    Role providers are only built here: they fetch at the first signing, where a failure is
    reported like any failed call (exit 1).
    """
    from .. import credentials as found

    environ = sources.environ
    if use_cvm_role:
        from ..providers import CVMRoleProvider

        return CVMRoleProvider(endpoint=environ.get(found.ENV_METADATA_ENDPOINT))
    if ("role_arn" in options) != ("role_session_name" in options):
        raise UsageError("--role-arn and --role-session-name go together")
    stored = found.tccli_credential(sources)
    named = "profile" in options  # tccli reads the variables below only without --profile
    roles = [
        (options.get("role_arn"), options.get("role_session_name")),
        (
            (None, None)
            if named
            else (environ.get(found.ENV_ROLE_ARN), environ.get(found.ENV_ROLE_SESSION_NAME))
        ),
        (stored.get("role-arn"), stored.get("role-session-name")),
    ]
    role = next(((str(arn), str(name)) for arn, name in roles if arn and name), None)
    keys_in_env = not named and bool(
        environ.get(found.ENV_SECRET_ID) and environ.get(found.ENV_SECRET_KEY)
    )
    secret_id, secret_key = options.get("secret_id"), options.get("secret_key")
    if role is not None:
        from ..providers import AssumeRoleProvider

        source = found.resolve_credentials(secret_id, secret_key, options.get("token"), sources)
        sts = found.tccli_settings(sources).get("sts")
        endpoint = environ.get(found.ENV_STS_ENDPOINT) or (
            sts.get("endpoint") if isinstance(sts, dict) else None
        )
        return AssumeRoleProvider(source, role[0], role[1], endpoint=endpoint or None)
    if stored.get("type") == "cvm-role" and not (secret_id or secret_key or keys_in_env):
        from ..providers import CVMRoleProvider

        return CVMRoleProvider(endpoint=environ.get(found.ENV_METADATA_ENDPOINT))
    if dry_run:
        static, _ = found.static_credentials(secret_id, secret_key, options.get("token"), sources)
        return static or DRY_RUN_CREDENTIALS
    return resolve_provider(secret_id, secret_key, options.get("token"), sources)


def _timeout(text: str | None) -> tuple[float, float]:
    """`--timeout N`: N seconds for connecting and for the answer (tccli's default is 60)."""
    if text is None:
        return (60.0, 60.0)
    try:
        seconds = float(text)
    except ValueError:
        seconds = 0.0
    if not seconds > 0:
        raise UsageError(f"--timeout: expected a positive number of seconds, got {text!r}")
    return (seconds, seconds)


def render_request(call: PreparedCall) -> str:
    """The request as HTTP/1.1 text (absolute URL, every header we send, the body); the
    signature and session token are masked because a signed request can be replayed."""
    lines = [f"{call.method} {call.url} HTTP/1.1"]
    lines += [f"{name}: {value}" for name, value in call.safe_headers().items()]
    return "\n".join(lines) + "\n\n" + call.body.decode("utf-8")


def _any_code(code: str) -> type[APIError]:
    """The CLI prints Code/Message/RequestId, so it needs no per-code classes (errors.py)."""
    return APIError


def send(client: Transport, call: PreparedCall) -> dict[str, Any] | list[dict[str, Any]]:
    """The `Response` object, or a streamed answer's events (their data, in order); raises
    APIError (also for an error event), TransportError or MalformedResponseError.

    `Transport.exchange`, the client's path; the CLI's transport has `stdlib_http`, so a call
    to a local mock (plain http, no proxy) does not import requests.
    """
    response, answer = client.exchange(call, _any_code)
    if not streamed(answer.headers):
        return response
    try:
        events = decode(answer.content)
    except ValueError as exc:
        raise MalformedResponseError(
            f"not an event stream: {exc}", answer.status, answer.content
        ) from None
    for event in events:
        raise_error(event, _any_code)
    return events
