"""Connector kinds: every module in this package that defines `CONNECTOR` is one platform, so
adding a platform means adding one module."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from desktop.connectors.base import Connector, SourceConfig


class UnknownConnector(LookupError):
    pass


@cache
def connector_kinds() -> dict[str, type[Connector]]:
    kinds: dict[str, type[Connector]] = {}
    for module_info in pkgutil.iter_modules(__path__):
        if module_info.name == "base":
            continue
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        connector = getattr(module, "CONNECTOR", None)
        if connector is not None:
            kinds[connector.kind] = connector
    return kinds


def build_connector(kind: str, config: SourceConfig) -> Connector:
    try:
        connector_class = connector_kinds()[kind]
    except KeyError:
        raise UnknownConnector(f"Steward has no connector for {kind!r}") from None
    return connector_class(config)  # type: ignore[call-arg]
