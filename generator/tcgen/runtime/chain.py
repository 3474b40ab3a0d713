"""The whole credential chain (`credentials` module docstring): the static sources, then the
roles. Apart from `credentials.py` so that the static half never imports the role providers
(`providers.py` imports `credentials`); the providers are imported only when no static key
is found.
"""

from __future__ import annotations

from .credentials import CredentialProvider, Sources, static_credentials


def resolve_provider(
    secret_id: str | None = None,
    secret_key: str | None = None,
    token: str | None = None,
    sources: Sources | None = None,
) -> CredentialProvider:
    """The whole chain (module docstring): static credentials when found, else the CVM role
    when the metadata service answers, else TKE OIDC when its variables are set."""
    sources = sources or Sources()
    found, places = static_credentials(secret_id, secret_key, token, sources)
    if found is not None:
        return found
    from .providers import instance_or_cluster_role  # deferred: only without static keys

    return instance_or_cluster_role(sources, places)
