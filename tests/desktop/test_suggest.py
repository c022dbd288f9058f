from __future__ import annotations

import json
from dataclasses import replace

import pytest

from desktop.demo import load_demo, load_demo_answers
from desktop.item_detail import ItemDetail
from desktop.services.canned import CannedService, CannedSummary
from desktop.suggest import PastPick, SuggestionIndex, stems
from desktop.workspace import Workspace
from tests.conftest import NOW
from tests.support.answer_picks import LABELS, demo_items, quality


@pytest.fixture
def answers(workspace: Workspace) -> list[CannedSummary]:
    load_demo_answers(workspace.db, NOW)
    return CannedService(workspace.db, lambda: "Tester").search()


def item(text: str, **changes: object) -> ItemDetail:
    base = ItemDetail(
        id=1, kind="comment", text=text, language="en", rating=None, app_version=None,
        device=None, remote_state="visible", status="new", snoozed_until=None, assignee=None,
        sentiment=None, spam_score=None, created_at=NOW, edited_at=None, due_at=None, tags=(),
        source_id=1, platform="youtube", source_name="Channel", tone="informal", author_id=None,
        author_name="Dana Reed", author_handle="@dana", author_watchlist=False,
        context_kind=None, context_title="", context_url="", context_detail="", thread=(),
        extra={},
    )  # fmt: skip
    return replace(base, **changes)  # type: ignore[arg-type]


def keys(index: SuggestionIndex, detail: ItemDetail) -> list[str]:
    return [s.answer.key for s in index.suggest(detail, 3)]


def test_the_words_of_the_item_pick_the_answer_and_say_why(answers: list[CannedSummary]) -> None:
    index = SuggestionIndex(answers)
    [first, *_] = index.suggest(item("How do I add the widget to my home screen? Widgets?"), 3)
    assert first.answer.key == "faq-widgets"
    assert "words" in first.reasons and "language" in first.reasons
    assert any(word.lower().startswith("widget") for word in first.words)


def test_answers_for_other_platforms_are_never_suggested(answers: list[CannedSummary]) -> None:
    index = SuggestionIndex(answers)
    review = "Thanks, five stars, love this app, great review"
    on_youtube = keys(index, item(review, rating=5))
    in_the_store = keys(index, item(review, rating=5, kind="review", platform="google_play"))
    store_only = {a.key for a in answers if a.platforms and "youtube" not in a.platforms}
    assert not store_only & set(on_youtube)
    assert "thanks-review" in in_the_store


def test_spam_gets_the_spam_answer_first(answers: list[CannedSummary]) -> None:
    index = SuggestionIndex(answers)
    spam = item("FREE premium codes!!! click my profile link", spam_score=0.97)
    assert keys(index, spam)[0] == "spam-free-codes"


def test_answers_picked_before_for_similar_items_come_up(answers: list[CannedSummary]) -> None:
    text = "The calendar colours look odd after the redesign of the planner"
    cold = keys(SuggestionIndex(answers), item(text))
    chosen = next(a for a in answers if a.key == "thanks-idea")
    assert "thanks-idea" not in cold
    picks = [PastPick(chosen.id, stems("Calendar colours odd after redesign, planner looks off"))]
    warm = SuggestionIndex(answers, picks).suggest(item(text), 3)
    assert warm[0].answer.key == "thanks-idea" and "picked_before" in warm[0].reasons


def test_the_labelled_set_finds_the_right_answer_in_the_top_three(workspace: Workspace) -> None:
    """A guard on the measured quality (bench/suggest_bench.py): 83% of the 150 labelled demo
    items have an answer that fits among the three suggested, with no history to learn from."""
    load_demo(workspace.db, workspace.settings, NOW)
    answers = CannedService(workspace.db, lambda: "Test").search()
    labels = json.loads(LABELS.read_text(encoding="utf-8"))["items"]
    result = quality(answers, demo_items(workspace), labels)
    assert result["labelled_items"] == 150
    assert result["top3_cold"] >= 0.80
    assert result["top3_with_history"] >= 0.80
    assert result["top1_with_history"] >= result["top1_cold"] >= 0.5
