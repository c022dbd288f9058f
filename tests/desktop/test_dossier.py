"""The history pane's engine: an item's complete timeline, the author dossier, linking authors,
and a history that cannot be rewritten."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import delete, select, text, update
from sqlalchemy.exc import IntegrityError

from desktop.connectors.base import Action
from desktop.db.models import Event, Item, OutboxOperation, Source
from desktop.dossier import AuthorLinks, LinkError, author_dossier, find_authors, sentiment_bucket
from desktop.handover.importer import import_packet
from desktop.handover.packet import build_packet
from desktop.history import item_history, item_timeline
from desktop.ingest import RemoteAuthor
from desktop.services.events import record_event, record_local
from desktop.services.notes import NoteService
from desktop.services.outbox import OutboxService
from desktop.services.triage import TriageService
from desktop.sync.outbox import record_transition
from desktop.workspace import Workspace
from tests.conftest import NOW, remote_item
from tests.desktop.helpers import add_source, ingest

ANNA = RemoteAuthor("a1", "@anna", "Anna", "en")
ANNA_ELSEWHERE = RemoteAuthor("id77", "anna77", "Anna K.", "ru")
OTHER = RemoteAuthor("o1", "@other", "Other", "en")


def authors_by_remote(workspace: Workspace) -> dict[str, int]:
    with workspace.db.sessions() as session:
        return dict(session.execute(text("SELECT remote_id, id FROM authors")).all())  # type: ignore[arg-type]


@pytest.fixture
def two_platforms(workspace: Workspace) -> dict[str, int]:
    forum = add_source(workspace, platform="community", name="Forum")
    vk = add_source(workspace, platform="vk", name="VK")
    ingest(
        workspace,
        forum,
        [
            remote_item(1, author=ANNA, sentiment=-0.3, text="Worst update ever"),
            remote_item(2, author=ANNA, sentiment=0.29),
            remote_item(3, author=ANNA, sentiment=0.3),
            remote_item(4, author=OTHER, sentiment=-0.9),
        ],
    )
    ingest(workspace, vk, [remote_item(5, author=ANNA_ELSEWHERE, sentiment=None)])
    return authors_by_remote(workspace)


def test_sentiment_buckets_follow_the_inbox_thresholds() -> None:
    assert [sentiment_bucket(s) for s in (-0.31, -0.3, -0.29, 0.29, 0.3, None)] == [
        "negative",
        "negative",
        "neutral",
        "neutral",
        "positive",
        "unknown",
    ]


def test_the_dossier_of_an_author_linked_across_platforms(
    workspace: Workspace, two_platforms: dict[str, int]
) -> None:
    anna, elsewhere = two_platforms["a1"], two_platforms["id77"]
    alone = author_dossier(workspace.db, anna, NOW)
    assert alone is not None and alone.item_count == 3 and alone.linked == ()
    links = AuthorLinks(workspace.db, lambda: "Olga", lambda: NOW)
    assert links.link(anna, elsewhere).author_ids == {anna, elsewhere}
    dossier = author_dossier(workspace.db, elsewhere, NOW)
    assert dossier is not None
    assert [a.platform for a in (dossier.author, *dossier.linked)] == ["vk", "community"]
    assert dossier.item_count == 4
    assert {i.platform for i in dossier.items} == {"vk", "community"}
    assert dossier.by_sentiment == {"negative": 1, "neutral": 1, "positive": 1, "unknown": 1}
    assert dossier.by_status == {"new": 4}
    assert author_dossier(workspace.db, two_platforms["o1"], NOW).item_count == 1  # type: ignore[union-attr]
    assert not links.link(elsewhere, anna)  # already one person
    linked = [e.data for e in _events(workspace, "author_linked")]
    assert [json.loads(d) for d in linked] == [{"with": elsewhere}, {"with": anna}]


def test_links_are_transitive_and_undone_one_author_at_a_time(
    workspace: Workspace, two_platforms: dict[str, int]
) -> None:
    anna, elsewhere, other = two_platforms["a1"], two_platforms["id77"], two_platforms["o1"]
    links = AuthorLinks(workspace.db, lambda: "Olga", lambda: NOW)
    with pytest.raises(LinkError, match="themselves"):
        links.link(anna, anna)
    links.link(anna, elsewhere)
    links.link(other, elsewhere)
    assert _group(workspace, other) == {anna, elsewhere, other}
    links.unlink(other)
    assert _group(workspace, anna) == {anna, elsewhere}
    assert _group(workspace, other) == {other}
    links.unlink(anna)  # a group of two dissolves
    assert _group(workspace, elsewhere) == {elsewhere}
    assert not links.unlink(anna)
    assert [p.display_name for p in find_authors(workspace.db, "ann")] == ["Anna", "Anna K."]
    assert find_authors(workspace.db, "%") == []


def _group(workspace: Workspace, author: int) -> set[int]:
    dossier = author_dossier(workspace.db, author, NOW)
    assert dossier is not None
    return set(dossier.author_ids)


def _events(workspace: Workspace, kind: str) -> list[Event]:
    with workspace.db.sessions() as session:
        return list(session.scalars(select(Event).where(Event.kind == kind).order_by(Event.id)))


def test_the_dossier_shows_moderation_notes_and_the_watchlist(
    workspace: Workspace, two_platforms: dict[str, int]
) -> None:
    anna = two_platforms["a1"]
    with workspace.db.sessions() as session:
        first = session.scalars(select(Item.id).where(Item.remote_id == "c1")).one()
    OutboxService(workspace.db, lambda: "Olga", lambda: NOW).moderate([first], Action.HIDE)
    notes = NoteService(workspace.db, lambda: "Olga", lambda: NOW)
    notes.add_author_note(anna, "Second warning", "warning", expires_at=NOW + 10)
    notes.add_author_note(anna, "Regular", "good_contributor")
    notes.set_watchlist(anna, True)
    now = author_dossier(workspace.db, anna, NOW)
    later = author_dossier(workspace.db, anna, NOW + 10)
    assert now is not None and later is not None
    [moderation] = now.moderation
    assert (moderation.action, moderation.state, moderation.actor) == ("hide", "queued", "Olga")
    assert [n.kind for n in now.notes] == ["moderation", "warning", "good_contributor"]
    assert [n.kind for n in later.notes] == ["moderation", "good_contributor"]
    assert [n.kind for n in later.expired_notes] == ["warning"]
    assert now.watchlist and now.author.watchlist


def test_the_timeline_shows_every_kind_of_event_in_order(workspace: Workspace) -> None:
    source = add_source(workspace, platform="community", name="Forum")
    ingest(workspace, source, [remote_item(1, created_at=NOW - 500, text="Parent post")])
    [item] = ingest(
        workspace,
        source,
        [remote_item(2, created_at=NOW - 400, parent_remote_id="c1", author=ANNA)],
        now=NOW - 300,
    ).inserted
    at = iter(range(NOW - 200, NOW))

    def triage() -> TriageService:
        moment = next(at)
        return TriageService(workspace.db, lambda: "Olga", lambda: moment)

    ingest(workspace, source, [remote_item(2, text="edited text", author=ANNA)], now=next(at))
    triage().set_status([item], "open")
    triage().add_tag([item], "refund")
    triage().assign([item], "Olga")
    triage().snooze([item], NOW + 3600)
    triage().escalate([item])
    moment = next(at)
    NoteService(workspace.db, lambda: "Olga", lambda: moment).add_item_note(item, "Called")
    moment = next(at)
    with workspace.db.transaction() as session:
        record_local(session, item, moment, "Olga", "canned_used", {"key": "thanks"})
        record_event(session, at=next(at), kind="tagged", item_id=item, actor_kind="rule", data={})
    moment = next(at)
    OutboxService(workspace.db, lambda: "Olga", lambda: moment).reply(item, "Thanks!")
    moment = next(at)
    OutboxService(workspace.db, lambda: "Olga", lambda: moment).moderate([item], Action.HIDE)
    with workspace.db.transaction() as session:
        for op in session.scalars(select(OutboxOperation).order_by(OutboxOperation.id)):
            record_transition(session, op, "sent", next(at))
    sender = Workspace.open(workspace.path.parent / "sender")
    try:
        sender_source = add_source(sender, platform="community", name="Forum")
        ingest(sender, sender_source, [remote_item(2, author=ANNA)])
        NoteService(sender.db, lambda: "Pavel", lambda: NOW - 10).add_item_note(1, "From Pavel")
        data = build_packet(sender.db, since=0, until=NOW, now=NOW, created_by="Pavel")
    finally:
        sender.close()
    import_packet(workspace.db, data, next(at), actor="Olga")
    ingest(
        workspace,
        source,
        [remote_item(2, text="edited text", remote_state="deleted")],
        now=next(at),
    )

    entries = item_timeline(workspace.db, item)
    assert [e.at for e in entries] == sorted((e.at for e in entries), reverse=True)
    categories = [e.category for e in reversed(entries)]
    assert categories == [
        "arrival",  # published
        "arrival",  # fetched
        "remote_edit",
        "status",
        "tags",
        "assignment",
        "snooze",
        "escalation",
        "note",
        "canned",
        "rule",
        "reply",  # queued
        "status",  # a reply marks the item done
        "moderation",  # the hide, queued
        "note",  # the automatic moderation note on the author
        "reply",  # delivered
        "moderation",  # delivered
        "note",  # the note the handover brought
        "handover",
        "remote_deletion",
    ]
    by_category = {e.category for e in entries}
    assert by_category >= {
        "arrival",
        "remote_edit",
        "status",
        "tags",
        "assignment",
        "snooze",
        "escalation",
        "note",
        "canned",
        "rule",
        "reply",
        "moderation",
        "handover",
        "remote_deletion",
    }
    edit = next(e for e in entries if e.kind == "remote_edit")
    assert edit.data["new"] == "edited text" and edit.data["old"].startswith("comment number 2")
    deliveries = [e.data["state"] for e in entries if e.kind == "outbox"]
    assert deliveries.count("sent") == 2 and deliveries.count("queued") == 2
    history = item_history(workspace.db, item)
    assert history is not None
    assert [t.text for t in history.thread] == ["Parent post"]
    assert [n.body for n in history.notes] == ["Called", "From Pavel"]


def test_the_history_is_append_only(workspace: Workspace) -> None:
    source = add_source(workspace, platform="community")
    [item] = ingest(workspace, source, [remote_item(1, author=ANNA)]).inserted
    TriageService(workspace.db, lambda: "Olga", lambda: NOW).set_status([item], "open")
    NoteService(workspace.db, lambda: "Olga", lambda: NOW).set_watchlist(1, True, item_id=item)
    before = [(e.id, e.actor, e.kind, e.data) for e in _events(workspace, "status")]

    def attempt(statement: object) -> None:
        with pytest.raises(IntegrityError, match="append-only"), workspace.db.transaction() as s:
            s.execute(statement)  # type: ignore[call-overload]

    attempt(update(Event).values(actor="someone else"))
    attempt(update(Event).where(Event.kind == "status").values(data="{}"))
    attempt(delete(Event))
    attempt(delete(Event).where(Event.item_id == item))
    with pytest.raises(IntegrityError, match="append-only"), workspace.db.transaction() as s:
        s.delete(s.scalars(select(Event)).first())
    assert [(e.id, e.actor, e.kind, e.data) for e in _events(workspace, "status")] == before

    # Removing a whole source still takes its items' and authors' history with it, even rows
    # that name both an item and an author.
    with workspace.db.transaction() as s:
        s.execute(delete(Source).where(Source.id == source))
    with workspace.db.sessions() as s:
        assert s.scalars(select(Event)).all() == []
