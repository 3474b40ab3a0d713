"""Where credentials and the region come from, in the order the official tools look.

The chain (`chain.resolve_provider`), the official SDK's `DefaultCredentialProvider` order:

1. explicit arguments (`secret_id`/`secret_key`/`token`);
2. the environment, `TENCENTCLOUD_SECRET_ID`/`TENCENTCLOUD_SECRET_KEY` (token:
   `TENCENTCLOUD_SESSION_TOKEN` or `TENCENTCLOUD_TOKEN`);
3. the official SDK's profile file, `~/.tencentcloud/credentials` (INI, `[<profile>]`);
4. tccli's profile file, `~/.tccli/<profile>.credential` (JSON);
5. the CVM role, when the instance metadata service answers (`providers.CVMRoleProvider`;
   its address `TENCENTCLOUD_METADATA_ENDPOINT`, default `http://169.254.0.23/latest/meta-data/`);
6. TKE OIDC web identity, when `TKE_REGION`, `TKE_PROVIDER_ID`, `TKE_WEB_IDENTITY_TOKEN_FILE`
   and `TKE_ROLE_ARN` are all set (`providers.WebIdentityProvider`).

Steps 1-4 give static `Credentials`; 5 and 6 refreshing providers (`providers.py`, imported
only when the static sources come up empty). A failing chain's `CredentialError` lists every
place looked. The client and the CLI (`--profile`) share this, so both find the same key.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .exceptions import CredentialError

ENV_SECRET_ID = "TENCENTCLOUD_SECRET_ID"
ENV_SECRET_KEY = "TENCENTCLOUD_SECRET_KEY"
ENV_TOKENS = ("TENCENTCLOUD_SESSION_TOKEN", "TENCENTCLOUD_TOKEN")
ENV_REGION = "TENCENTCLOUD_REGION"
ENV_PROFILE = "TCCLI_PROFILE"  # tccli's profile when `--profile` is not given
ENV_METADATA_ENDPOINT = "TENCENTCLOUD_METADATA_ENDPOINT"  # ours: the CVM metadata base URL
ENV_STS_ENDPOINT = "TENCENTCLOUD_STS_ENDPOINT"  # ours: where role credentials are asked for
ENV_ROLE_ARN = "TENCENTCLOUD_ROLE_ARN"  # tccli's, with the next: assume this role
ENV_ROLE_SESSION_NAME = "TENCENTCLOUD_ROLE_SESSION_NAME"
DEFAULT_PROFILE = "default"

_Found = tuple[str | None, str | None, str | None]
"""(secret id, secret key, token) as read from one place; any may be missing."""


class CredentialProvider:
    """Anything that hands out the credentials to sign a call with, asked at signing time.

    `Credentials` (static keys) answers itself; the refreshing providers of `providers.py`
    (CVM role, STS AssumeRole, OIDC web identity) fetch and renew temporary credentials.
    Subclass it for a source of your own.
    """

    source: str = "credentials"
    """Where the credentials come from, for error messages."""

    def get_credentials(self) -> Credentials:
        """Credentials valid now; raises CredentialError naming the source when none can be had."""
        raise NotImplementedError


@dataclass(frozen=True)
class Credentials(CredentialProvider):
    """A SecretId/SecretKey pair, with the session token of temporary credentials."""

    secret_id: str
    secret_key: str
    token: str | None = None

    def get_credentials(self) -> Credentials:
        return self

    def __repr__(self) -> str:  # never show the key or the token
        return f"Credentials(secret_id={self.secret_id!r}, secret_key='***')"


@dataclass(frozen=True)
class Sources:
    """The places to look; tests point `environ` and `home` at fakes."""

    environ: Mapping[str, str] = field(default_factory=lambda: os.environ)
    home: str | os.PathLike[str] | None = None
    profile: str = DEFAULT_PROFILE

    def _path(self, *parts: str) -> str:
        """A file under the home directory (os.path, not pathlib: cheaper to import)."""
        return os.path.join(self.home if self.home is not None else os.path.expanduser("~"), *parts)

    @property
    def sdk_file(self) -> str:
        return self._path(".tencentcloud", "credentials")

    def tccli_file(self, suffix: str) -> str:
        return self._path(".tccli", f"{self.profile}.{suffix}")


def resolve_credentials(
    secret_id: str | None = None,
    secret_key: str | None = None,
    token: str | None = None,
    sources: Sources | None = None,
) -> Credentials:
    """The first complete SecretId/SecretKey pair of the static sources (steps 1-4);
    CredentialError lists every place."""
    found, places = static_credentials(secret_id, secret_key, token, sources or Sources())
    if found is None:
        raise not_found(places)
    return found


def not_found(places: list[str]) -> CredentialError:
    """The error of a chain that found nothing, listing every place looked."""
    listed = "\n  ".join(places)
    return CredentialError(f"no Tencent Cloud credentials found; looked in:\n  {listed}")


def static_credentials(
    secret_id: str | None, secret_key: str | None, token: str | None, sources: Sources
) -> tuple[Credentials | None, list[str]]:
    """The first complete pair of steps 1-4 (None if none), and the places looked."""
    env = sources.environ
    candidates: list[tuple[str, Callable[[], _Found]]] = [
        ("explicit arguments secret_id/secret_key", lambda: (secret_id, secret_key, token)),
        (
            f"environment {ENV_SECRET_ID}/{ENV_SECRET_KEY}",
            lambda: (
                env.get(ENV_SECRET_ID),
                env.get(ENV_SECRET_KEY),
                next((env[name] for name in ENV_TOKENS if env.get(name)), None),
            ),
        ),
        (f"{sources.sdk_file} [{sources.profile}]", lambda: _from_sdk_file(sources)),
        (sources.tccli_file("credential"), lambda: _from_tccli_file(sources)),
    ]
    places = [place for place, _ in candidates]
    for _, read in candidates:
        found_id, found_key, found_token = read()
        if found_id and found_key:
            return Credentials(found_id, found_key, found_token or None), places
    return None, places


def resolve_region(region: str | None = None, sources: Sources | None = None) -> str | None:
    """Explicit region, else TENCENTCLOUD_REGION, else tccli's `_sys_param.region`."""
    if region:
        return region
    sources = sources or Sources()
    from_env = sources.environ.get(ENV_REGION)
    if from_env:
        return from_env
    sys_param = tccli_settings(sources).get("_sys_param")
    found = sys_param.get("region") if isinstance(sys_param, dict) else None
    return str(found) if found else None


def tccli_settings(sources: Sources) -> dict[str, Any]:
    """The profile's `~/.tccli/<profile>.configure` (region, waiter defaults, ...); {} if none."""
    return _read_json(sources.tccli_file("configure"))


def tccli_credential(sources: Sources) -> dict[str, Any]:
    """The profile's `~/.tccli/<profile>.credential` (keys, `role-arn`, `type`, ...); {} if none."""
    return _read_json(sources.tccli_file("credential"))


def _from_sdk_file(sources: Sources) -> _Found:
    import configparser  # deferred: only needed when earlier sources come up empty

    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(sources.sdk_file, encoding="utf-8")
    except configparser.Error:
        return None, None, None
    if not parser.has_section(sources.profile):
        return None, None, None
    section = parser[sources.profile]
    return section.get("secret_id"), section.get("secret_key"), section.get("token")


def _from_tccli_file(sources: Sources) -> _Found:
    data = tccli_credential(sources)
    return data.get("secretId"), data.get("secretKey"), data.get("token")


def _read_json(path: str) -> dict[str, Any]:
    """A JSON object from a file; missing, unreadable or malformed files count as empty."""
    try:
        with open(path, encoding="utf-8") as file:
            data = json.load(file)
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
