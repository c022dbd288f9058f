"""Connecting accounts: the Add-source dialog's and `steward source add`'s engine.

A sign-in is checked against the platform before anything is saved. What the connector keeps
(tokens) is staged in memory during the sign-in and written to the keyring only once the source
row exists, so a failed or cancelled sign-in leaves nothing behind, and a keyring that refuses
the secret leaves no source without its credentials.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from desktop.connectors import connector_kinds
from desktop.connectors.base import Connector, SignIn, SignInResult, SourceField
from desktop.db.engine import Database
from desktop.db.models import Source
from desktop.secrets import SourceSecrets
from desktop.services.outbox import connector_kind

DEFAULT_TONE = "formal"


class SourceSetupError(ValueError):
    """Input that cannot make a source; the message is for the user."""


class StagedCredentials:
    """The Credentials of a sign-in in progress: a dict, never written anywhere by itself."""

    def __init__(self, initial: Mapping[str, str] | None = None) -> None:
        self.values: dict[str, str] = dict(initial or {})

    def get(self, name: str) -> str | None:
        return self.values.get(name)

    def set(self, name: str, value: str) -> None:
        self.values[name] = value

    def __repr__(self) -> str:  # never the values
        return f"StagedCredentials({sorted(self.values)})"


@dataclass(frozen=True)
class PlatformKind:
    kind: str
    title: str
    fields: tuple[SourceField, ...]


def platform_kinds() -> list[PlatformKind]:
    """The platforms a source can be added for, in the order the dialog lists them."""
    order = (
        "youtube",
        "google_play",
        "app_store",
        "vk",
        "telegram",
        "mastodon",
        "discourse",
        "matrix",
        "isso",
        "waline",
    )
    kinds = connector_kinds()
    chosen = [k for k in order if k in kinds] + sorted(set(kinds) - set(order))
    return [PlatformKind(k, kinds[k].title, kinds[k].fields) for k in chosen]


def connector_class(kind: str) -> type[Connector]:
    try:
        return connector_kinds()[kind]
    except KeyError:
        raise SourceSetupError(f"Steward cannot connect to {kind!r}.") from None


# Settings any source takes besides its platform's fields: where the API is (a self-hosted or
# test server), how long to wait, and how sync pages and re-scans.
ADVANCED_SETTINGS = frozenset(
    {
        "api_base",
        "auth_url",
        "token_url",
        "timeout_s",
        "page_size",
        "daily_quota",
        "rescan_interval_s",
        "rescan_days",
        "requests_per_second",
    }
)


def check_values(kind: str, settings: Mapping[str, Any], secrets: Mapping[str, str]) -> None:
    """Raise SourceSetupError naming the first required field left empty or unknown value."""
    fields = connector_class(kind).fields
    names = {f.name for f in fields}
    secret_names = {f.name for f in fields if f.secret}
    for name in settings:
        if name in secret_names:
            raise SourceSetupError(f"“{name}” is a secret: give it on standard input.")
        if name not in names and name not in ADVANCED_SETTINGS:
            raise SourceSetupError(f"{connector_class(kind).title} has no setting {name!r}.")
    for name in secrets:
        if name not in secret_names:
            raise SourceSetupError(f"{connector_class(kind).title} has no secret {name!r}.")
    for spec in fields:
        given = secrets.get(spec.name) if spec.secret else settings.get(spec.name)
        if spec.required and not str(given or "").strip():
            raise SourceSetupError(f"“{spec.label}” is required.")


async def sign_in(
    kind: str,
    settings: Mapping[str, Any],
    secrets: Mapping[str, str],
    *,
    open_browser: Callable[[str], object] = lambda _url: None,
    timeout_s: float = 20.0,
) -> tuple[SignInResult, StagedCredentials]:
    """Go through the platform's sign-in with the typed values; nothing is saved yet."""
    check_values(kind, settings, secrets)
    connector = connector_class(kind)
    defaults = {f.name: f.default for f in connector.fields if not f.secret and f.default}
    staged = StagedCredentials()
    request = SignIn(
        settings={**defaults, **{k: v for k, v in settings.items() if v != ""}},
        secrets={k: v for k, v in secrets.items() if v},
        credentials=staged,
        open_browser=open_browser,
        timeout_s=timeout_s,
    )
    result = await connector.sign_in(request)
    return result, staged


def save_source(
    db: Database,
    kind: str,
    result: SignInResult,
    staged: StagedCredentials,
    *,
    name: str = "",
    tone: str = DEFAULT_TONE,
    secrets_for: Callable[[int], Any] = SourceSecrets,
) -> int:
    """Create the source and move the staged credentials to the keyring. If the keyring
    refuses, the source is removed again and the error propagates."""
    with db.transaction() as session:
        source = Source(
            platform=kind,
            name=(name or result.name or connector_class(kind).title).strip()[:200],
            account=result.account[:200],
            tone=tone,
            settings=json.dumps({**result.settings, "connector": kind}),
            created_at=int(time.time()),
        )
        session.add(source)
        session.flush()
        source_id = source.id
    try:
        _store(secrets_for(source_id), staged)
    except BaseException:
        with db.transaction() as session:
            row = session.get(Source, source_id)
            if row is not None:
                session.delete(row)
        raise
    return source_id


def save_sign_in_again(
    db: Database,
    source_id: int,
    result: SignInResult,
    staged: StagedCredentials,
    *,
    secrets_for: Callable[[int], Any] = SourceSecrets,
) -> None:
    """A renewed sign-in of an existing source: new credentials, the same source, items and
    queued actions."""
    _store(secrets_for(source_id), staged)
    with db.transaction() as session:
        source = session.get_one(Source, source_id)
        kind = connector_kind(source)
        source.account = result.account[:200] or source.account
        old = json.loads(source.settings or "{}")
        source.settings = json.dumps({**old, **result.settings, "connector": kind})


def source_values(db: Database, source_id: int) -> tuple[str, dict[str, Any]]:
    """The kind and the non-secret values a sign-in again starts from."""
    with db.sessions() as session:
        source = session.get_one(Source, source_id)
        settings = json.loads(source.settings or "{}")
        kind = connector_kind(source)
        account = source.account
    fields = {f.name for f in connector_class(kind).fields if not f.secret}
    values = {k: v for k, v in settings.items() if k in fields or k in ADVANCED_SETTINGS}
    if "account" in fields and "account" not in values and account:
        values["account"] = account
    return kind, values


def list_sources(db: Database) -> list[Source]:
    with db.sessions() as session:
        return list(session.scalars(select(Source).order_by(Source.id)))


def _store(secrets: Any, staged: StagedCredentials) -> None:
    for name, value in staged.values.items():
        secrets.set(name, value)
