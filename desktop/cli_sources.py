"""`steward source`: connect, list and re-sign-in sources from a script.

Settings are given as `--set NAME=VALUE`; secrets never are (arguments end up in shell history
and process listings). They are read from standard input as `NAME=VALUE` lines, or asked for
without echo when standard input is a terminal.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import sys
import webbrowser
from pathlib import Path
from typing import Any, TextIO

from desktop.connectors.base import ConnectorError
from desktop.secrets import KeyringUnavailable
from desktop.services.outbox import connector_kind
from desktop.services.sources import (
    SourceSetupError,
    connector_class,
    list_sources,
    platform_kinds,
    save_sign_in_again,
    save_source,
    sign_in,
    source_values,
)
from desktop.workspace import Workspace


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    source = commands.add_parser("source", help="connect an account, list sources, sign in again")
    steps = source.add_subparsers(dest="source_action", metavar="ACTION", required=True)
    add = steps.add_parser(
        "add",
        help="connect an account (secrets are read from standard input as NAME=VALUE lines)",
        description="Settings as --set NAME=VALUE; secrets from standard input, one NAME=VALUE "
        "per line (asked for without echo on a terminal). `steward source kinds` lists each "
        "platform's settings.",
    )
    add.add_argument("kind", metavar="KIND", help="youtube, vk, telegram, mastodon, matrix, ...")
    add.add_argument(
        "--set", action="append", default=[], metavar="NAME=VALUE", help="a non-secret setting"
    )
    add.add_argument(
        "--secret-file",
        action="append",
        default=[],
        metavar="NAME=PATH",
        help="read a secret from a file (a JSON key, a .p8 key) instead of standard input",
    )
    add.add_argument("--name", default="", help="the source's name in Steward")
    add.add_argument("--tone", choices=("formal", "informal"), default="formal")
    signin = steps.add_parser("signin", help="sign a source in again (new credentials)")
    signin.add_argument("name", metavar="NAME", help="the source's name or id")
    signin.add_argument("--secret-file", action="append", default=[], metavar="NAME=PATH")
    steps.add_parser("list", help="list the sources")
    steps.add_parser("kinds", help="list the platforms and what each asks for")


def run_source(workspace: Workspace, args: argparse.Namespace, out: TextIO) -> int:
    try:
        if args.source_action == "kinds":
            return _kinds(out)
        if args.source_action == "list":
            return _list(workspace, out)
        if args.source_action == "add":
            return _add(workspace, args, out)
        if args.source_action == "signin":
            return _signin(workspace, args, out)
    except (SourceSetupError, ConnectorError, KeyringUnavailable) as error:
        print(f"steward: {error}", file=sys.stderr)
        return 1
    raise AssertionError(args.source_action)


def _kinds(out: TextIO) -> int:
    for platform in platform_kinds():
        out.write(f"{platform.kind}: {platform.title}\n")
        for field in platform.fields:
            where = "stdin" if field.secret else "--set"
            need = "required" if field.required else "optional"
            help_text = f" — {field.help}" if field.help else ""
            out.write(f"    {field.name} ({where}, {need}): {field.label}{help_text}\n")
    return 0


def _list(workspace: Workspace, out: TextIO) -> int:
    for source in list_sources(workspace.db):
        state = "" if source.enabled else "  (paused)"
        out.write(
            f"{source.id:>4}  {connector_kind(source):<10} {source.name}  {source.account}{state}\n"
        )
    return 0


def _settings(pairs: list[str]) -> dict[str, Any]:
    settings: dict[str, Any] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise SourceSetupError(f"--set needs NAME=VALUE, not {pair!r}.")
        settings[name.strip()] = value
    return settings


def read_secrets(
    kind: str, stream: TextIO, *, interactive: bool, files: list[str] | None = None
) -> dict[str, str]:
    fields = [f for f in connector_class(kind).fields if f.secret]
    from_files = _secret_files(kind, files or [])
    fields = [f for f in fields if f.name not in from_files]
    if not fields:
        return from_files
    if interactive:
        secrets = {}
        for field in fields:
            optional = "" if field.required else " (optional, Enter to skip)"
            value = getpass.getpass(f"{field.label}{optional}: ")
            if value:
                secrets[field.name] = value
        return secrets
    names = {f.name for f in fields}
    secrets = {}
    for number, line in enumerate(stream.read().splitlines(), start=1):
        if not line.strip():
            continue
        name, sep, value = line.partition("=")
        if not sep or name.strip() not in names:
            # The line may be a secret typed without its name: never echo it.
            raise SourceSetupError(
                f"Line {number} of standard input is not NAME=VALUE with one of: "
                f"{', '.join(sorted(names)) or 'no secrets for this platform'}."
            )
        secrets[name.strip()] = value.strip()
    return {**secrets, **from_files}


def _secret_files(kind: str, pairs: list[str]) -> dict[str, str]:
    names = {f.name for f in connector_class(kind).fields if f.secret}
    secrets = {}
    for pair in pairs:
        name, sep, path = pair.partition("=")
        if not sep or name not in names:
            raise SourceSetupError(
                f"--secret-file needs NAME=PATH with one of: {', '.join(sorted(names))}."
            )
        try:
            secrets[name] = Path(path).expanduser().read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as error:
            reason = getattr(error, "strerror", None) or "not UTF-8 text"
            raise SourceSetupError(f"Cannot read {path}: {reason}.") from None
    return secrets


def _open_browser(url: str) -> None:
    print(
        f"Opening the platform's sign-in page; if no browser opens, visit:\n{url}", file=sys.stderr
    )
    webbrowser.open(url)


def _add(workspace: Workspace, args: argparse.Namespace, out: TextIO) -> int:
    kind = args.kind
    connector_class(kind)
    settings = _settings(args.set)
    secrets = read_secrets(kind, sys.stdin, interactive=sys.stdin.isatty(), files=args.secret_file)
    result, staged = asyncio.run(sign_in(kind, settings, secrets, open_browser=_open_browser))
    source_id = save_source(workspace.db, kind, result, staged, name=args.name, tone=args.tone)
    out.write(f"Connected source {source_id}: {args.name or result.name} ({result.account})\n")
    return 0


def _signin(workspace: Workspace, args: argparse.Namespace, out: TextIO) -> int:
    sources = list_sources(workspace.db)
    chosen = [s for s in sources if s.name == args.name or str(s.id) == args.name]
    if not chosen:
        raise SourceSetupError(f"There is no source named {args.name!r}.")
    source_id = chosen[0].id
    kind, settings = source_values(workspace.db, source_id)
    secrets = read_secrets(kind, sys.stdin, interactive=sys.stdin.isatty(), files=args.secret_file)
    result, staged = asyncio.run(sign_in(kind, settings, secrets, open_browser=_open_browser))
    save_sign_in_again(workspace.db, source_id, result, staged)
    out.write(f"Signed in again: {chosen[0].name} ({result.account})\n")
    return 0
