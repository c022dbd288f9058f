from __future__ import annotations

import asyncio
import copy
import json
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from desktop.db.models import Author, Event, Handover, Item, Note, PendingReference
from desktop.demo_platform.community import Community
from desktop.demo_platform.server import CommunityServer
from desktop.handover.export import ExportError, export_handover, packet_json
from desktop.handover.importer import import_packet
from desktop.handover.packet import build_packet, default_since
from desktop.handover.schema import HandoverError, check_packet, parse_packet
from desktop.history import item_timeline
from desktop.secrets import SourceSecrets
from desktop.services.handover import HandoverService
from desktop.services.notes import NoteService
from desktop.services.triage import TriageService
from desktop.sync.engine import SyncEngine
from desktop.workspace import Workspace
from tests.conftest import NOW, remote_item
from tests.desktop.handover_world import (
    ANNA,
    AUTHOR_NAMES,
    BOB,
    JOHN,
    SECRET,
    SINCE,
    UNTIL,
    World,
    add_secret_source,
    dump,
    fill,
)
from tests.desktop.helpers import ingest
from tests.support.platform import MemoryKeyring, add_community_source


@pytest.fixture
def world(workspace: Workspace) -> World:
    return fill(workspace)


@pytest.fixture
def receiver(tmp_path: Path) -> Iterator[Workspace]:
    """Another workstation that syncs the same two sources but has done no work on them."""
    other = Workspace.open(tmp_path / "receiver")
    other.settings.agent_name = "Ivan"
    yield other
    other.close()


def mirror(workspace: Workspace, *, numbers: tuple[int, ...] = (1, 2, 3, 4, 5)) -> None:
    forum = add_secret_source(workspace, "community", "Forum (Ivan's)", "@lumo_team")
    channel = add_secret_source(workspace, "youtube", "Channel", "UC_lumo")
    authors = {1: ANNA, 2: JOHN, 3: JOHN, 4: ANNA, 5: BOB}
    for source, wanted in ((forum, (1, 2, 3)), (channel, (4, 5))):
        batch = [remote_item(n, author=authors[n]) for n in wanted if n in numbers]
        ingest(workspace, source, batch, now=NOW - 86400)


def packet(workspace: Workspace, **options: Any) -> dict[str, Any]:
    return build_packet(
        workspace.db, since=SINCE, until=UNTIL, now=NOW, created_by="Olga", **options
    )


def all_text(workspace: Workspace, tmp_path: Path, **options: Any) -> dict[str, str]:
    """The handover in every text format (the PDF is printed from the HTML)."""
    texts = {}
    for fmt in ("json", "md", "html"):
        for language in ("en", "ru"):
            path = tmp_path / f"handover-{language}.{fmt}"
            export_handover(
                workspace.db,
                since=SINCE,
                until=UNTIL,
                now=NOW,
                actor="Olga",
                fmt=fmt,
                language=language,
                path=path,
                **options,
            )
            texts[f"{fmt}-{language}"] = path.read_text(encoding="utf-8")
            assert path.stat().st_mode & 0o077 == 0  # readable by the user only
    return texts


# -- content ---------------------------------------------------------------------------------


def test_the_packet_holds_the_shift_of_a_known_database(world: World, workspace: Workspace) -> None:
    data = check_packet(json.loads(packet_json(packet(workspace, note="Quiet night."))))
    assert (data["format"], data["version"], data["note"]) == (
        "steward-handover",
        1,
        "Quiet night.",
    )
    assert data["window"] == {"since": "2026-09-21T06:13:20Z", "until": "2026-09-21T14:13:20Z"}
    handled = data["handled"]
    assert handled["by_action"] == {
        "assign": 1,
        "hide": 1,
        "note": 2,
        "reply": 1,
        "status:done": 1,
        "status:escalated": 1,
    }
    assert (handled["actions"], handled["items"]) == (7, 3)
    assert handled["by_moderator"] == {"Olga": 7}
    assert [(s["name"], s["items"], s["actions"]) for s in handled["by_source"]] == [
        ("Forum", 3, 7)
    ]
    opened = data["open"]
    assert opened["total"] == 4
    assert opened["by_status"] == {"escalated": 1, "new": 3}
    assert {row["assignee"]: row["count"] for row in opened["by_assignee"]} == {
        None: 2,
        "Olga": 1,
        "Pavel": 1,
    }
    assert [(i["ref"]["remote_id"], i["assignee"]) for i in opened["claimed"]] == [("c4", "Pavel")]
    [escalated] = data["escalations"]
    assert escalated["ref"] == {"platform": "community", "source": "@lumo_team", "remote_id": "c1"}
    assert (escalated["assignee"], escalated["author"]["name"]) == ("Olga", "Анна Петрова")
    notes = {(n["kind"], n["target"], n["for_next_shift"]): n for n in data["notes"]}
    assert set(notes) == {
        ("note", "item", True),
        ("warning", "author", True),
        ("moderation", "author", False),
    }
    assert "Was rude last month" not in json.dumps(data)  # expired, and from before the shift
    assert notes[("warning", "author", True)]["author"]["handle"] == "@jsmith"
    assert notes[("moderation", "author", False)]["body"] == "hide"
    [watched] = data["watched_authors"]
    assert (watched["author"]["name"], watched["items"]) == ("Анна Петрова", 1)
    [problem] = data["outbox_problems"]
    assert (problem["action"], problem["state"], problem["item"]["ref"]["remote_id"]) == (
        "reply",
        "failed",
        "c2",
    )
    assert problem["error"] == "The platform refused the reply (HTTP 403)."
    [sync] = data["sync_problems"]
    assert (sync["name"], sync["failures"]) == ("Lumo Channel", 3)


def test_every_format_shows_the_same_shift(
    world: World, workspace: Workspace, tmp_path: Path
) -> None:
    texts = all_text(workspace, tmp_path, note="Watch the <b>refund</b> thread.")
    assert json.loads(texts["json-en"])["id"] != json.loads(texts["json-ru"])["id"]
    for name in ("md-en", "html-en"):
        text = texts[name]
        for expected in (
            "Shift handover",
            "2026-09-21 06:13 UTC",
            "7 actions on 3 items",
            "Replies 1",
            "Forum: 3 items, 7 actions",
            "Анна Петрова",
            "threatens a chargeback",
            "Posts spam links",
            "Pavel",
            "The platform refused the reply (HTTP 403).",
            "The platform did not answer (timed out).",
            "3 failed attempts in a row",
        ):
            assert expected in text, (name, expected)
    for name in ("md-ru", "html-ru"):
        for expected in ("Передача смены", "Заметки для следующей смены", "Передано выше"):
            assert expected in texts[name], (name, expected)
    # Untrusted text is inert in both renderings.
    assert "<script>" not in texts["html-en"] and "&lt;script&gt;" in texts["html-en"]
    assert "<b>refund</b>" not in texts["html-en"] and "&lt;b&gt;refund" in texts["html-en"]
    assert "\\<script\\>" in texts["md-en"] and "\\<b\\>refund" in texts["md-en"]
    assert texts["html-en"].startswith("<!DOCTYPE html>") and "</html>" in texts["html-en"]
    assert not re.search(r"<(script|img|link|iframe)\b", texts["html-en"])


def test_redaction_leaves_no_author_name_in_any_format(
    world: World, workspace: Workspace, tmp_path: Path
) -> None:
    texts = all_text(
        workspace, tmp_path, redact=True, note="Анна Петрова and @jsmith will be back."
    )
    for name, text in texts.items():
        for author in AUTHOR_NAMES:
            assert author.casefold() not in text.casefold(), (name, author)
        assert "Author 1" in text and "Author 2" in text, name
    data = json.loads(texts["json-en"])
    assert data["redacted"] is True
    # The same person keeps one pseudonym everywhere.
    [escalated] = data["escalations"]
    [watched] = data["watched_authors"]
    assert escalated["author"]["name"] == watched["author"]["name"]
    flagged = next(n for n in data["notes"] if n["target"] == "item")
    assert flagged["body"] == f"{escalated['author']['name']} threatens a chargeback; call her back"
    assert data["note"].startswith(escalated["author"]["name"])


def test_a_known_secret_appears_in_no_export(
    world: World, workspace: Workspace, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    SourceSecrets(world.forum).set("token", SECRET)
    SourceSecrets(world.channel).set("refresh_token", SECRET + "-refresh")
    assert SECRET in memory_keyring.passwords[("Steward", f"source-{world.forum}:token")]
    for redact in (False, True):
        for text in all_text(workspace, tmp_path, redact=redact).values():
            assert SECRET not in text


def test_the_export_is_checked_against_the_schema(
    world: World, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    import desktop.handover.export as export

    def broken(*args: Any, **kwargs: Any) -> dict[str, Any]:
        data = build_packet(*args, **kwargs)
        data["open"]["total"] = -1
        return data

    monkeypatch.setattr(export, "build_packet", broken)
    with pytest.raises(HandoverError, match="damaged"):
        export_handover(workspace.db, since=SINCE, until=UNTIL, now=NOW, actor="Olga")
    with workspace.db.sessions() as session:
        assert session.scalars(select(Handover)).all() == []
    with pytest.raises(ExportError, match="ends before it starts"):
        export_handover(workspace.db, since=UNTIL, until=SINCE, now=NOW, actor="Olga")


def test_the_next_handover_starts_where_the_last_one_ended(
    world: World, workspace: Workspace
) -> None:
    assert default_since(workspace.db, NOW, shift_started_at=NOW - 100) == NOW - 100
    assert default_since(workspace.db, NOW) == NOW - 12 * 3600
    export_handover(workspace.db, since=SINCE, until=UNTIL - 60, now=NOW, actor="Olga")
    service = HandoverService(workspace.db, lambda: "Olga", lambda: NOW + 3600)
    assert service.default_since() == UNTIL - 60


# -- import ----------------------------------------------------------------------------------


def test_import_merges_notes_flags_assignments_escalations_and_watchlist(
    world: World, workspace: Workspace, receiver: Workspace
) -> None:
    mirror(receiver)
    data = packet(workspace)
    result = import_packet(receiver.db, data, NOW + 60, actor="Ivan")
    assert (result.notes_added, result.items_changed, result.authors_watched) == (3, 2, 1)
    assert (result.pending, result.kept_local, result.already_imported) == (0, 0, False)
    with receiver.db.sessions() as session:
        items = {i.remote_id: i for i in session.scalars(select(Item))}
        assert (items["c1"].status, items["c1"].assignee) == ("escalated", "Olga")
        assert items["c4"].assignee == "Pavel"
        notes = {n.body: n for n in session.scalars(select(Note))}
        assert notes["Анна Петрова threatens a chargeback; call her back"].item_id == items["c1"].id
        assert notes["Анна Петрова threatens a chargeback; call her back"].for_next_shift
        john = session.scalars(select(Author).where(Author.remote_id == "j1")).one()
        assert notes["Posts spam links"].author_id == john.id
        assert {n.uid for n in notes.values()} == {n["uid"] for n in data["notes"]}
        watched = session.scalars(select(Author.display_name).where(Author.watchlist)).all()
        assert watched == ["Анна Петрова"]  # on the forum, not on the channel
    kinds = [e.kind for e in item_timeline(receiver.db, items["c1"].id)]
    assert "handover_import" in kinds and "note_added" in kinds


def test_importing_twice_changes_nothing(
    world: World, workspace: Workspace, receiver: Workspace
) -> None:
    mirror(receiver, numbers=(1, 2, 3))  # the channel's items are not synced yet
    data = packet(workspace)
    first = import_packet(receiver.db, copy.deepcopy(data), NOW + 60, actor="Ivan")
    assert first.pending == 1  # c4 on the channel
    before = dump(receiver.db.path)
    again = import_packet(receiver.db, copy.deepcopy(data), NOW + 120, actor="Ivan")
    assert again.already_imported
    assert dump(receiver.db.path) == before
    # Even a copy under a new id adds no note and changes no item.
    data["id"] = "00000000-0000-4000-8000-000000000000"
    third = import_packet(receiver.db, data, NOW + 180, actor="Ivan")
    assert (third.notes_added, third.items_changed, third.authors_watched) == (0, 0, 0)


def test_a_newer_local_decision_is_kept(
    world: World, workspace: Workspace, receiver: Workspace
) -> None:
    mirror(receiver)
    with receiver.db.sessions() as session:
        c1 = session.scalars(select(Item.id).where(Item.remote_id == "c1")).one()
    TriageService(receiver.db, lambda: "Ivan", lambda: NOW + 30).assign([c1], "Ivan")
    result = import_packet(receiver.db, packet(workspace), NOW + 60, actor="Ivan")
    assert result.kept_local == 1
    with receiver.db.sessions() as session:
        item = session.get_one(Item, c1)
        assert (item.assignee, item.status) == ("Ivan", "escalated")


@pytest.mark.parametrize(
    ("break_it", "message"),
    [
        (lambda d: d.update(version=2), "newer Steward \\(packet format 2\\).*Update Steward"),
        (lambda d: d.update(format="something-else"), "not a Steward handover packet"),
        (lambda d: d.update(version="1"), "format version is missing"),
        (lambda d: d["open"].update(total="many"), "damaged \\(open/total"),
        (lambda d: d["notes"][0].update(uid="x"), "damaged \\(notes/0/uid"),
        (lambda d: d.pop("window"), "damaged"),
        (lambda d: d.update(extra_field=1), "damaged"),
    ],
)
def test_a_refused_packet_changes_nothing_and_says_why(
    world: World, workspace: Workspace, receiver: Workspace, break_it: Any, message: str
) -> None:
    mirror(receiver)
    data = packet(workspace)
    break_it(data)
    before = dump(receiver.db.path)
    with pytest.raises(HandoverError, match=message):
        import_packet(receiver.db, data, NOW + 60, actor="Ivan")
    assert dump(receiver.db.path) == before


def test_a_file_that_is_not_json_is_refused(receiver: Workspace, tmp_path: Path) -> None:
    with pytest.raises(HandoverError, match="not valid JSON \\(line 1"):
        parse_packet("{oops")
    path = tmp_path / "packet.json"
    path.write_bytes(b"\xff\xfe")
    with pytest.raises(HandoverError, match="not UTF-8"):
        HandoverService(receiver.db, lambda: "Ivan").import_file(path)


def test_a_redacted_packet_still_merges_item_notes(
    world: World, workspace: Workspace, receiver: Workspace
) -> None:
    mirror(receiver)
    result = import_packet(receiver.db, packet(workspace, redact=True), NOW + 60, actor="Ivan")
    assert result.notes_added == 1  # the item note; author notes name nobody any more
    assert result.authors_watched == 0


def test_pending_references_attach_when_ingested(
    world: World, workspace: Workspace, receiver: Workspace
) -> None:
    mirror(receiver, numbers=(2, 3))
    result = import_packet(receiver.db, packet(workspace), NOW + 60, actor="Ivan")
    # c1 and c4 (items), Anna on the forum (watched author) are not here yet.
    assert result.pending == 3
    with receiver.db.sessions() as session:
        assert len(session.scalars(select(PendingReference)).all()) == 3
    forum = 1
    stored = ingest(receiver, forum, [remote_item(1, author=ANNA)], now=NOW + 120)
    [c1] = stored.inserted
    with receiver.db.sessions() as session:
        item = session.get_one(Item, c1)
        assert (item.status, item.assignee) == ("escalated", "Olga")
        assert session.scalars(select(Note.body).where(Note.item_id == c1)).all() == [
            "Анна Петрова threatens a chargeback; call her back"
        ]
        anna = session.scalars(select(Author).where(Author.id == item.author_id)).one()
        assert anna.watchlist
        assert [p.remote_id for p in session.scalars(select(PendingReference))] == ["c4"]
        kinds = session.scalars(select(Event.kind).where(Event.item_id == c1)).all()
        assert "handover_import" in kinds


PLATFORM_ITEMS = 20


def test_import_before_the_first_sync_then_the_sync_attaches_the_notes(
    workspace: Workspace, receiver: Workspace, platform: tuple[CommunityServer, Community]
) -> None:
    server, _community = platform
    add_community_source(workspace, server)
    sender_sync = SyncEngine(workspace.db)
    [report] = asyncio.run(sender_sync.run_once())
    sender_sync.close()
    assert report.error is None and report.pulled == PLATFORM_ITEMS
    with workspace.db.sessions() as session:
        i3, author = session.execute(
            select(Item.id, Item.author_id).where(Item.remote_id == "i3")
        ).one()
    now = int(time.time())
    TriageService(workspace.db, lambda: "Olga", lambda: now).assign([i3], "Olga")
    notes = NoteService(workspace.db, lambda: "Olga", lambda: now)
    notes.add_item_note(i3, "Waiting for the refund team", for_next_shift=True)
    notes.add_author_note(author, "Long-time member", "good_contributor", for_next_shift=True)
    data = build_packet(workspace.db, since=now - 60, until=now, now=now, created_by="Olga")

    add_community_source(receiver, server)
    result = import_packet(receiver.db, data, now, actor="Ivan")
    assert (result.pending, result.notes_added) == (2, 0)  # the item and its author

    receiver_sync = SyncEngine(receiver.db)
    [report] = asyncio.run(receiver_sync.run_once())
    receiver_sync.close()
    assert report.error is None and report.pulled == PLATFORM_ITEMS
    with receiver.db.sessions() as session:
        item = session.scalars(select(Item).where(Item.remote_id == "i3")).one()
        assert item.assignee == "Olga"
        assert session.scalars(select(Note.body).where(Note.item_id == item.id)).all() == [
            "Waiting for the refund team"
        ]
        author_notes = session.scalars(select(Note).where(Note.author_id == item.author_id)).all()
        assert [(n.kind, n.body, n.for_next_shift) for n in author_notes] == [
            ("good_contributor", "Long-time member", True)
        ]
        assert session.scalars(select(PendingReference)).all() == []
    history = item_timeline(receiver.db, item.id)
    assert sorted(e.kind for e in history if e.actor_kind == "import") == [
        "handover_import",
        "note_added",
    ]
    imported = [e for e in history if e.kind == "handover_import"]
    assert len(imported) == 1 and imported[0].data["assignee"] == [None, "Olga"]


def test_redaction_finds_a_name_with_another_ending_in_free_text() -> None:
    """Russian names decline: a note that says «Анне Петровой» names Анна Петрова."""
    from desktop.handover.redact import Pseudonyms

    anna = {"name": "Анна Петрова", "handle": "@anna_p", "ref": {"remote_id": "1"}}
    john = {"name": "John Smith", "handle": "@jsmith", "ref": {"remote_id": "2"}}
    names = Pseudonyms([anna, john])
    text = names.text("Перезвонить Анне Петровой; Анной займётся Johnny. Аннотация и Smiths.")
    assert "Анн" in text  # "Аннотация" is not a form of the name and stays
    assert "Анне" not in text and "Петров" not in text and "Анной" not in text
    assert "John" not in text and "Smith" not in text
    assert text.startswith("Перезвонить Author 1 Author 1; Author 1 займётся Author 2.")
