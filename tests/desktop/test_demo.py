"""The demo workspace holds what the product brief promises."""

from __future__ import annotations

import json
from collections import Counter

from sqlalchemy import func, select

from desktop.db.models import Author, CannedResponse, Item, Source
from desktop.demo import load_demo
from desktop.inbox import InboxQuery, View, item_ids
from desktop.workspace import Workspace
from tests.conftest import NOW


def test_demo_workspace_content(workspace: Workspace) -> None:
    total = load_demo(workspace.db, workspace.settings, NOW)
    assert total >= 400
    with workspace.db.sessions() as session:
        items = session.scalars(select(Item)).all()
        platforms = set(session.scalars(select(Source.platform)))
        prolific = session.scalar(
            select(func.count()).select_from(
                select(Item.author_id).group_by(Item.author_id).having(func.count() >= 6).subquery()
            )
        )
        authors = session.scalar(select(func.count()).select_from(Author))
        canned = session.scalars(select(CannedResponse)).all()
    assert len(items) == total
    assert {"youtube", "google_play", "app_store", "vk", "telegram"} <= platforms
    languages = Counter(i.language for i in items)
    assert languages["ru"] >= 100 and languages["en"] >= 100
    categories = Counter(json.loads(i.extra)["demo_category"] for i in items)
    for category in ("false_claim", "real_flaw", "user_fixable", "spam", "question", "praise"):
        assert categories[category] >= 8, category
    kinds = Counter(i.kind for i in items)
    assert kinds["review"] >= 50 and kinds["reply"] >= 20 and kinds["message"] >= 20
    assert {i.rating for i in items if i.kind == "review"} == {1, 2, 3, 4, 5}
    assert sum(1 for i in items if i.parent_id is not None) >= 50
    assert prolific is not None and prolific >= 8 and authors is not None and authors > 100
    assert any("<img" in i.text or "<b>" in i.text for i in items)
    assert len(canned) >= 20
    categories_of_answers = {c.category for c in canned}
    assert {"refute", "pass_on", "steps", "thanks"} <= categories_of_answers
    for response in canned:
        have = {(v.language, v.tone) for v in response.variants}
        assert {("en", "formal"), ("ru", "formal"), ("ru", "informal")} <= have, response.key
    # A lived-in queue: the previous shift already handled some of it.
    assert len(item_ids(workspace.db, InboxQuery(View.DONE))) > 50
    assert len(item_ids(workspace.db, InboxQuery(View.NEEDS_REPLY))) > 150
