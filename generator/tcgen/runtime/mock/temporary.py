"""Temporary credentials the mock issues (STS) and checks on every other call (`X-TC-Token`).

An action the spec marks as issuing credentials (`ActionMeta.credentials`: STS AssumeRole,
AssumeRoleWithWebIdentity, AssumeRoleWithSAML, GetFederationToken) answers a fresh
TmpSecretId/TmpSecretKey/Token with its expiry, recorded in a `Registry`. One registry is
shared by every service of a `tcgen mock` endpoint, so keys issued by STS sign calls to any
other service there, as on Tencent Cloud; it is plain data (`snapshot`/`restore`) persisted
with the endpoint's state. With a state database (`keystore.KeyStore`) every key is also
committed there before it is answered, so it survives the process and a key one worker issued
signs calls to the others; keys expired for longer than `KEEP_EXPIRED` are pruned.

A call signed with an issued SecretId is verified with its TmpSecretKey whether or not the
mock was given fixed keys, and must carry its Token (TC3 `X-TC-Token`, v1 `Token`) before it
expires; a token sent with any other SecretId is refused too. All of these answer
`AuthFailure.TokenFailure`, Tencent's code for a wrong, missing or expired token.
"""

from __future__ import annotations

import hmac
import re
import secrets
import threading
import time
from collections.abc import Mapping
from typing import Any, NamedTuple

from ..meta import Issue
from .keystore import KeyStore
from .request import V1, ApiRequest

TOKEN_FAILURE = "AuthFailure.TokenFailure"
MAX_SECONDS = 43200
"""The longest lifetime STS grants (12 hours); longer requests are cut to it."""
KEEP_EXPIRED = 3600
"""Seconds an expired key is kept (a call with it is told it expired), then forgotten."""
_SECRET_ID = re.compile(r"Credential=(?P<secret_id>[^/\s,]+)/")
_ISSUED = re.compile(r"AKID[0-9a-f]{32}")
"""The shape of a SecretId `Registry.issue` makes: only such a one is looked up in the store
(another process may have issued it), so a call with a long-term key costs no query."""


class TemporaryKey(NamedTuple):
    """One issued key pair with its session token; `expires` in Unix seconds."""

    secret_id: str
    secret_key: str
    token: str
    expires: int


class Registry:
    """Every temporary key pair issued and not long expired, by SecretId; thread-safe.
    With a `store` (the state database's table) that is the record shared by processes, and
    this one's dict a cache of it (keys never change once issued)."""

    def __init__(self, store: KeyStore | None = None) -> None:
        self._lock = threading.Lock()
        self._keys: dict[str, TemporaryKey] = {}
        self.store = store

    def issue(self, seconds: int, now: float) -> TemporaryKey:
        """A fresh key pair valid for `seconds` from `now` (stored before it is returned)."""
        key = TemporaryKey(
            secret_id="AKID" + secrets.token_hex(16),
            secret_key=secrets.token_urlsafe(30),
            token=secrets.token_urlsafe(96),
            expires=int(now) + seconds,
        )
        self.admit(key, now)
        return key

    def admit(self, key: TemporaryKey, now: float | None = None) -> None:
        """Accept a key pair issued elsewhere (a CVM role's, from instance metadata); keys
        expired `KEEP_EXPIRED` before `now` (default: the key's own expiry) are pruned. A
        key of another shape than `issue`'s is known to this process only."""
        before = int(key.expires if now is None else now) - KEEP_EXPIRED
        with self._lock:
            self._keys = {k: v for k, v in self._keys.items() if v.expires >= before}
            self._keys[key.secret_id] = key
        if self.store is not None:
            self.store.add(key, before)

    def get(self, secret_id: str | None) -> TemporaryKey | None:
        with self._lock:
            key = self._keys.get(secret_id or "")
        if key is not None or self.store is None or secret_id is None:
            return key
        if not _ISSUED.fullmatch(secret_id):
            return None
        row = self.store.find(secret_id)  # issued by another process (or before a restart)
        if row is None:
            return None
        key = TemporaryKey(*row)
        with self._lock:
            self._keys[key.secret_id] = key
        return key

    def snapshot(self) -> list[dict[str, Any]]:
        """The issued keys as JSON-ready records (what `restore` reads back)."""
        if self.store is not None:
            return [TemporaryKey(*row)._asdict() for row in self.store.rows()]
        with self._lock:
            return [key._asdict() for key in self._keys.values()]

    def restore(self, records: list[dict[str, Any]]) -> None:
        """Replace the issued keys with `records` (a `snapshot`); a ValueError naming the
        first record that is not one."""
        keys = {}
        for number, record in enumerate(records):
            try:
                key = TemporaryKey(**record)
            except TypeError as exc:
                raise ValueError(f"credential {number}: {exc}") from None
            if not all(isinstance(text, str) and text for text in key[:3]):
                raise ValueError(f"credential {number}: keys and token must be non-empty strings")
            if not isinstance(key.expires, int):
                raise ValueError(f"credential {number}: expires must be Unix seconds")
            keys[key.secret_id] = key
        with self._lock:
            self._keys = keys
        if self.store is not None:
            self.store.replace(keys.values())

    def clear(self) -> None:
        with self._lock:
            self._keys.clear()
        if self.store is not None:
            self.store.replace(())

    # -- checking calls -------------------------------------------------------------------

    def keys_for(
        self, request: ApiRequest, keys: Mapping[str, str] | None
    ) -> Mapping[str, str] | None:
        """The keys to verify `request` with: its issued key when it is signed with one (also
        when the mock accepts any key unverified), else `keys`."""
        issued = self.get(_presented_id(request))
        return keys if issued is None else {issued.secret_id: issued.secret_key}

    def refusal(self, request: ApiRequest, secret_id: str, now: float) -> str | None:
        """Why a call's token does not belong to its (verified) SecretId; None when it does.

        A message, not a `Fault`: an endpoint shares one registry between packages, each
        with its own copy of the runtime, and each app raises its own `Fault` from it."""
        token = request.fields.get("Token") if request.style == V1 else request.common("Token")
        issued = self.get(secret_id)
        if issued is None:
            return f"SecretId {secret_id} takes no token" if token else None
        if not token:
            return f"the temporary SecretId {secret_id} needs its token"
        if not hmac.compare_digest(token.encode(), issued.token.encode()):
            return f"the token does not belong to SecretId {secret_id}"
        if now >= issued.expires:
            return f"the token expired at {_iso(issued.expires)}"
        return None


def _presented_id(request: ApiRequest) -> str | None:
    if request.style == V1:
        return request.fields.get("SecretId")
    match = _SECRET_ID.search(request.headers.get("authorization", ""))
    return match["secret_id"] if match else None


def _iso(moment: int) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(moment))


def lifetime(issue: Issue, params: Mapping[str, Any]) -> int:
    """Seconds the credentials of a call live: its duration member, else the default."""
    asked = params.get(issue.duration) if issue.duration else None
    seconds = asked if isinstance(asked, int) and asked > 0 else issue.default_seconds
    return min(seconds, MAX_SECONDS)


def answer(answer: dict[str, Any], key: TemporaryKey) -> dict[str, Any]:
    """`answer` (the action's usual response) carrying `key` as Tencent does."""
    credentials = {"TmpSecretId": key.secret_id, "TmpSecretKey": key.secret_key}
    return {
        **answer,
        "Credentials": {"Token": key.token, **credentials},
        "ExpiredTime": key.expires,
        "Expiration": _iso(key.expires),
    }
