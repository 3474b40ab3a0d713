"""Temporary credentials that renew themselves: CVM role, STS AssumeRole, OIDC web identity.

The sources the official SDK's provider chain has after the static ones (`credentials.py`
holds the chain and its order; this module is imported only when a role is used):

- `CVMRoleProvider`: the CAM role bound to a CVM instance, read from the instance metadata
  service (`<base>cam/security-credentials/` names the role, `<base>cam/security-credentials/
  <role>` answers `TmpSecretId`, `TmpSecretKey`, `Token`, `ExpiredTime`); the base is
  `http://169.254.0.23/latest/meta-data/` (`metadata.tencentyun.com`) unless overridden.
- `AssumeRoleProvider`: STS `AssumeRole` (sts 2018-08-13), TC3-signed with a source key.
- `WebIdentityProvider`: STS `AssumeRoleWithWebIdentity`, sent unsigned (`Authorization:
  SKIP`, as the official SDK does) with an OIDC token; `from_tke` reads TKE's `TKE_REGION`,
  `TKE_PROVIDER_ID`, `TKE_WEB_IDENTITY_TOKEN_FILE`, `TKE_ROLE_ARN`, and the token file is
  read again at every refresh (TKE rotates it).

Every provider refreshes before expiry: once less than `refresh_margin` seconds (300, the
signature window, the official CVM provider's margin) are left, or half the lifetime for
credentials that live less than twice that. Under threads one refresh runs at a time; while
it runs, callers holding still-valid credentials get them without waiting, the others wait
for the new ones. A failed refresh while the old credentials are still valid logs a warning
and keeps them (trying again 10 s later). Failures are `CredentialError`s naming the source
and the reason (unreachable metadata, the STS error code and message).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple
from urllib.parse import quote

from .backends import StdlibHTTP
from .credentials import (
    ENV_METADATA_ENDPOINT,
    ENV_STS_ENDPOINT,
    CredentialProvider,
    Credentials,
    Sources,
    not_found,
)
from .exceptions import APIError, CredentialError, TencentCloudError
from .request import Endpoint, PreparedCall
from .transport import Transport, logger

DEFAULT_METADATA_ENDPOINT = "http://169.254.0.23/latest/meta-data/"
ROLE_PATH = "cam/security-credentials/"
STS_ENDPOINT = "sts.tencentcloudapi.com"
STS_SERVICE, STS_VERSION = "sts", "2018-08-13"
STS_REGION = "ap-guangzhou"  # the official SDK's region for AssumeRole
DEFAULT_DURATION = 7200  # seconds; the official SDK's default (STS allows up to 43200)
REFRESH_MARGIN = 300.0
RETRY_AFTER_FAILURE = 10.0
TKE_VARIABLES = ("TKE_REGION", "TKE_PROVIDER_ID", "TKE_WEB_IDENTITY_TOKEN_FILE", "TKE_ROLE_ARN")


class _Held(NamedTuple):
    """Credentials in use, when to renew them and when they stop working (Unix seconds)."""

    credentials: Credentials
    refresh_at: float
    expires_at: float


class RefreshingProvider(CredentialProvider):
    """Holds temporary credentials and renews them before they expire (module docstring).

    Subclasses implement `fetch`: new credentials and their expiry, or CredentialError.
    `clock` (Unix seconds) decides when to renew; tests move it instead of waiting.
    """

    def __init__(
        self, *, refresh_margin: float = REFRESH_MARGIN, clock: Callable[[], float] = time.time
    ) -> None:
        self.refresh_margin = refresh_margin
        self.clock = clock
        self._held: _Held | None = None
        self._lock = threading.Lock()

    def fetch(self) -> tuple[Credentials, float]:
        """New credentials and their expiry (Unix seconds); CredentialError otherwise."""
        raise NotImplementedError

    @property
    def expires_at(self) -> float | None:
        """When the credentials held now expire (Unix seconds); None before the first fetch."""
        held = self._held
        return None if held is None else held.expires_at

    def get_credentials(self) -> Credentials:
        held = self._held  # one read: the tuple is replaced whole, never changed
        if held is not None and self.clock() < held.refresh_at:
            return held.credentials
        still_valid = held is not None and self.clock() < held.expires_at
        if not self._lock.acquire(blocking=not still_valid):
            assert held is not None  # still valid: another thread is renewing them
            return held.credentials
        try:
            return self._renew()
        finally:
            self._lock.release()

    def _renew(self) -> Credentials:
        """Under the lock: the credentials another thread just renewed, or new ones."""
        held, now = self._held, self.clock()
        if held is not None and now < held.refresh_at:
            return held.credentials
        try:
            credentials, expires_at = self.fetch()
        except CredentialError as exc:
            if held is None or now >= held.expires_at:
                raise
            logger.warning("keeping credentials valid for %.0f s: %s", held.expires_at - now, exc)
            self._held = held._replace(refresh_at=min(now + RETRY_AFTER_FAILURE, held.expires_at))
            return held.credentials
        if expires_at <= now:
            when = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(expires_at))
            raise CredentialError(f"{self.source}: the credentials answered expired at {when}")
        refresh_at = max(now + (expires_at - now) / 2, expires_at - self.refresh_margin)
        self._held = _Held(credentials, refresh_at, expires_at)
        return credentials


class CVMRoleProvider(RefreshingProvider):
    """The CAM role of this CVM instance, from the instance metadata service.

    `role_name` skips asking the metadata service which role is bound; `endpoint` is the
    metadata base URL (plain http; default `TENCENTCLOUD_METADATA_ENDPOINT`, else
    169.254.0.23). `timeout` is (connect, read) seconds: short, since off CVM the address
    does not answer at all.
    """

    def __init__(
        self,
        role_name: str | None = None,
        *,
        endpoint: str | None = None,
        timeout: tuple[float, float] = (1.0, 5.0),
        refresh_margin: float = REFRESH_MARGIN,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(refresh_margin=refresh_margin, clock=clock)
        base = endpoint or DEFAULT_METADATA_ENDPOINT
        if not base.startswith("http://"):
            raise ValueError(f"the instance metadata endpoint is plain http: {base}")
        self.base = base.rstrip("/") + "/"
        self.role_name = role_name
        self.timeout = timeout
        self.source = f"CVM role (instance metadata {self.base}{ROLE_PATH})"

    def fetch(self) -> tuple[Credentials, float]:
        name = self.role_name or self._bound_role()
        data = _json_object(self._get(ROLE_PATH + quote(name, safe="")), self.source)
        if data.get("Code") != "Success":
            raise CredentialError(f"{self.source}: role {name}: answered {data.get('Code')!r}")
        return _temporary(data, data, self.source)

    def _bound_role(self) -> str:
        """The role the metadata service names (the first, should it list several)."""
        names = self._get(ROLE_PATH).split()
        if not names:
            raise CredentialError(f"{self.source}: no CAM role is bound to this instance")
        return names[0]

    def _get(self, path: str) -> str:
        url = self.base + path
        http = StdlibHTTP(Endpoint.parse(self.base).host, self.timeout)
        try:
            answer = http.send(PreparedCall("GET", url, {}, b""))
        except TencentCloudError as exc:
            raise CredentialError(f"{self.source}: unreachable: {exc}") from None
        finally:
            http.close()
        if answer.status == 404 and path == ROLE_PATH:
            raise CredentialError(f"{self.source}: no CAM role is bound to this instance")
        if answer.status != 200:
            raise CredentialError(f"{self.source}: GET {url} answered HTTP {answer.status}")
        return answer.content.decode("utf-8", "replace")


class _STSProvider(RefreshingProvider):
    """What both STS providers share: the call and the reading of its answer."""

    action: str

    def __init__(
        self,
        *,
        signer: CredentialProvider,
        region: str,
        endpoint: str | None,
        refresh_margin: float,
        clock: Callable[[], float],
    ) -> None:
        super().__init__(refresh_margin=refresh_margin, clock=clock)
        self.transport = Transport(
            STS_SERVICE,
            STS_VERSION,
            Endpoint.parse(endpoint or STS_ENDPOINT),
            signer,
            region=region,
            stdlib_http=True,
        )

    def _ask(self, params: Mapping[str, Any], unsigned: bool = False) -> tuple[Credentials, float]:
        transport = self.transport
        try:
            call = transport.prepare(self.action, params)
            if unsigned:
                call.headers["Authorization"] = "SKIP"
            answer = transport.send(call, lambda code: APIError)
        except APIError as exc:
            raise CredentialError(
                f"{self.source}: {exc.code}: {exc.message} (RequestId: {exc.request_id})"
            ) from None
        except TencentCloudError as exc:  # unreachable, malformed, or no source key
            raise CredentialError(f"{self.source}: {exc}") from None
        found = answer.get("Credentials")
        return _temporary(found if isinstance(found, dict) else {}, answer, self.source)


class AssumeRoleProvider(_STSProvider):
    """The credentials of a role, from STS `AssumeRole` signed with `source`'s key.

    `source` is any provider (static `Credentials`, or another role); `duration_seconds` is
    the lifetime asked for (STS allows 900 to 43200); `endpoint` the STS host or URL
    (default `TENCENTCLOUD_STS_ENDPOINT` is read by the chain and the CLI, not here).
    """

    action = "AssumeRole"

    def __init__(
        self,
        source: CredentialProvider,
        role_arn: str,
        role_session_name: str | None = None,
        *,
        duration_seconds: int = DEFAULT_DURATION,
        endpoint: str | None = None,
        region: str = STS_REGION,
        refresh_margin: float = REFRESH_MARGIN,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(
            signer=source,
            region=region,
            endpoint=endpoint,
            refresh_margin=refresh_margin,
            clock=clock,
        )
        self.role_arn = role_arn
        self.role_session_name = role_session_name or _session_name()
        self.duration_seconds = duration_seconds
        self.source = f"STS AssumeRole of {role_arn} at {self.transport.endpoint.url}"

    def fetch(self) -> tuple[Credentials, float]:
        return self._ask(
            {
                "RoleArn": self.role_arn,
                "RoleSessionName": self.role_session_name,
                "DurationSeconds": self.duration_seconds,
            }
        )


class WebIdentityProvider(_STSProvider):
    """The credentials of a role, from STS `AssumeRoleWithWebIdentity` with an OIDC token.

    Give the token itself (`token`) or a file holding it (`token_file`, read again at every
    refresh); `from_tke` builds one from TKE's environment variables.
    """

    action = "AssumeRoleWithWebIdentity"

    def __init__(
        self,
        *,
        region: str,
        provider_id: str,
        role_arn: str,
        token: str | None = None,
        token_file: str | None = None,
        role_session_name: str | None = None,
        duration_seconds: int = DEFAULT_DURATION,
        endpoint: str | None = None,
        refresh_margin: float = REFRESH_MARGIN,
        clock: Callable[[], float] = time.time,
    ) -> None:
        if (token is None) == (token_file is None):
            raise ValueError("give the OIDC token or the file holding it (token_file), not both")
        super().__init__(
            signer=Credentials("SKIP", "SKIP"),  # never used: the call goes unsigned
            region=region,
            endpoint=endpoint,
            refresh_margin=refresh_margin,
            clock=clock,
        )
        self.provider_id = provider_id
        self.role_arn = role_arn
        self.token = token
        self.token_file = token_file
        self.role_session_name = role_session_name or _session_name()
        self.duration_seconds = duration_seconds
        self.source = (
            f"OIDC AssumeRoleWithWebIdentity of {role_arn} at {self.transport.endpoint.url}"
        )

    @classmethod
    def from_tke(
        cls, environ: Mapping[str, str], endpoint: str | None = None
    ) -> WebIdentityProvider:
        """TKE's pod identity: `TKE_REGION`, `TKE_PROVIDER_ID`, `TKE_WEB_IDENTITY_TOKEN_FILE`
        and `TKE_ROLE_ARN`; CredentialError names the ones missing."""
        missing = [name for name in TKE_VARIABLES if not environ.get(name)]
        if missing:
            raise CredentialError(f"TKE OIDC: {', '.join(missing)} not set")
        region, provider_id, token_file, role_arn = (environ[name] for name in TKE_VARIABLES)
        return cls(
            region=region,
            provider_id=provider_id,
            role_arn=role_arn,
            token_file=token_file,
            endpoint=endpoint,
        )

    def fetch(self) -> tuple[Credentials, float]:
        params = {
            "ProviderId": self.provider_id,
            "WebIdentityToken": self._token(),
            "RoleArn": self.role_arn,
            "RoleSessionName": self.role_session_name,
            "DurationSeconds": self.duration_seconds,
        }
        return self._ask(params, unsigned=True)

    def _token(self) -> str:
        if self.token_file is None:
            assert self.token is not None
            return self.token
        try:
            with open(self.token_file, encoding="utf-8") as file:
                token = file.read().strip()
        except OSError as exc:
            raise CredentialError(
                f"{self.source}: cannot read the token file {self.token_file}: {exc.strerror}"
            ) from None
        if not token:
            raise CredentialError(f"{self.source}: the token file {self.token_file} is empty")
        return token


def instance_or_cluster_role(sources: Sources, places: list[str]) -> CredentialProvider:
    """Steps 5 and 6 of the chain (`credentials.py`): the CVM role when the metadata service
    answers, else TKE OIDC when its variables are set; else CredentialError listing `places`
    and why these two did not apply."""
    environ = sources.environ
    cvm = CVMRoleProvider(endpoint=environ.get(ENV_METADATA_ENDPOINT))
    try:
        cvm.get_credentials()
        return cvm
    except CredentialError as exc:
        places.append(str(exc))
    try:
        return WebIdentityProvider.from_tke(environ, environ.get(ENV_STS_ENDPOINT))
    except CredentialError as exc:
        places.append(str(exc))
    raise not_found(places)


def _temporary(
    keys: Mapping[str, Any], answer: Mapping[str, Any], source: str
) -> tuple[Credentials, float]:
    """`TmpSecretId`/`TmpSecretKey`/`Token` of `keys` and `ExpiredTime` of `answer`."""
    secret_id, secret_key, token = (
        keys.get(name) for name in ("TmpSecretId", "TmpSecretKey", "Token")
    )
    expires_at = answer.get("ExpiredTime")
    if not (secret_id and secret_key and isinstance(expires_at, (int, float))):
        raise CredentialError(
            f"{source}: the answer lacks TmpSecretId, TmpSecretKey or ExpiredTime"
        )
    return Credentials(str(secret_id), str(secret_key), str(token) if token else None), expires_at


def _json_object(text: str, source: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except ValueError:
        data = None
    if not isinstance(data, dict):
        raise CredentialError(f"{source}: the answer is not a JSON object: {text[:200]!r}")
    return data


def _session_name() -> str:
    """A session name when none is given, like the official SDK's (time in microseconds)."""
    return f"tcgen-python-{int(time.time() * 1e6)}"
