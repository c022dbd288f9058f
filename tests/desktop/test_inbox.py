from __future__ import annotations

import pytest

from desktop.inbox import InboxQuery, SortKey, View, fetch_rows, item_ids, view_counts
from desktop.services.triage import TriageService
from desktop.workspace import Workspace
from tests.conftest import NOW, remote_item
from tests.desktop.helpers import add_source, ingest


@pytest.fixture
def filled(workspace: Workspace) -> Workspace:
    youtube = add_source(workspace, "youtube", "Channel")
    play = add_source(workspace, "google_play", "Store")
    ingest(
        workspace,
        youtube,
        [remote_item(n, sentiment=-0.8 if n % 4 == 0 else 0.5) for n in range(40)],
    )
    ingest(
        workspace,
        play,
        [
            remote_item(
                100 + n,
                kind="review",
                rating=n % 5 + 1,
                text=f"review {n} синхронизация",
                language="ru",
            )
            for n in range(10)
        ],
    )
    return workspace


def test_views_select_what_their_names_promise(filled: Workspace) -> None:
    counts = view_counts(filled.db)
    assert counts[View.ALL] == 50
    assert counts[View.REVIEWS] == 10
    assert counts[View.LOW_RATINGS] == 4  # ratings 1 and 2, twice each
    assert counts[View.NEGATIVE] == 10
    assert counts[View.NEEDS_REPLY] == 50
    triage = TriageService(filled.db, lambda: "Tester")
    ids = list(item_ids(filled.db, InboxQuery(View.REVIEWS)))
    triage.mark_done(ids[:3])
    triage.escalate(ids[3:4])
    triage.snooze(ids[4:5], until=NOW + 10**9)
    counts = view_counts(filled.db)
    assert (counts[View.DONE], counts[View.ESCALATED], counts[View.SNOOZED]) == (3, 1, 1)
    assert counts[View.NEEDS_REPLY] == 45
    for view in View:
        assert len(item_ids(filled.db, InboxQuery(view))) == counts[view]


def test_default_order_is_newest_first_and_sorts_by_rating(filled: Workspace) -> None:
    rows = fetch_rows(filled.db, item_ids(filled.db, InboxQuery()))
    times = [rows[i].created_at for i in item_ids(filled.db, InboxQuery())]
    assert times == sorted(times, reverse=True)
    by_rating = item_ids(filled.db, InboxQuery(View.REVIEWS, sort=SortKey.RATING))
    ratings = [fetch_rows(filled.db, [i])[i].rating for i in by_rating]
    assert ratings == sorted(ratings)


def test_search_finds_prefixes_in_both_languages_and_author_names(filled: Workspace) -> None:
    assert len(item_ids(filled.db, InboxQuery(search="синхрон"))) == 10
    assert len(item_ids(filled.db, InboxQuery(search="numb"))) == 40
    assert len(item_ids(filled.db, InboxQuery(search="@user3"))) == 10
    assert len(item_ids(filled.db, InboxQuery(View.REVIEWS, search="comment"))) == 0


@pytest.mark.parametrize("typed", ['"', "AND", "a OR", "text:x", "NEAR(", "*", "-", "((", "'"])
def test_search_treats_operators_as_plain_words(filled: Workspace, typed: str) -> None:
    item_ids(filled.db, InboxQuery(search=typed))  # no exception from FTS5 syntax


def test_source_filter_and_rows(filled: Workspace) -> None:
    all_rows = fetch_rows(filled.db, item_ids(filled.db, InboxQuery()))
    store = next(r for r in all_rows.values() if r.platform == "google_play")
    ids = item_ids(filled.db, InboxQuery(source_id=None))
    assert len(ids) == 50
    row = all_rows[store.id]
    assert row.source_name == "Store" and row.kind == "review" and row.rating is not None
