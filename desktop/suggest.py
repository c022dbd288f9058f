"""Which prepared answers fit an item best, computed locally, with the reasons shown to the user.

The score adds up plain signals: words the item shares with the answer (weighted by how rare
they are in the library), whether the answer speaks the item's language and is meant for its
platform, what the item's rating, spam score and question marks suggest about the kind of
answer, and which answers the moderator picked before for items with similar words.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from desktop.db.engine import Database
from desktop.item_detail import ItemDetail
from desktop.services.canned import CannedSummary

_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
STEM = 5  # words compare by their first letters: crude, but it folds most Russian endings
SIMILAR_PICK = 0.25  # past items this alike (Jaccard over stems) count as "similar"
# Very common words carry no meaning for the match, in either language.
_STOP_WORDS = (
    "the and you your for are was were with this that have has had not but just from "
    "they what when will would can could there their them then than our out all any its "
    "also very really about into more some still only been being please thank thanks "
    "hello after before since again every other which where while because much many even "
    "like make does did here how who why yes now one two get got "
    "что как это все так там для его она они мне меня вас вам нас при или уже еще ещё "
    "если был была были есть очень только спасибо привет здравствуйте "
)
_STOP = frozenset(_STOP_WORDS.split())


_ENGLISH_ENDINGS = ("ing", "ed", "es", "s")


def _stem(word: str) -> str:
    if word.isascii():
        for ending in _ENGLISH_ENDINGS:
            if len(word) > len(ending) + 3 and word.endswith(ending):
                word = word[: -len(ending)]
                break
    return word[:STEM]


def stems(text: str) -> frozenset[str]:
    words = _WORD.findall(_PLACEHOLDER.sub(" ", text.lower()))
    return frozenset(_stem(w) for w in words if w not in _STOP)


@dataclass(frozen=True)
class Suggestion:
    answer: CannedSummary
    score: float
    reasons: tuple[str, ...]  # codes, turned into words by the window: see ui/labels.py
    words: tuple[str, ...]  # the item's words that matched, as the item wrote them


@dataclass(frozen=True)
class PastPick:
    """An answer used on an item before, with that item's words."""

    answer_id: int
    stems: frozenset[str]


class SuggestionIndex:
    """The library prepared for ranking: built once, asked for every selected item."""

    def __init__(self, answers: Sequence[CannedSummary], picks: Iterable[PastPick] = ()):
        self.answers = list(answers)
        self._stems = [
            stems(" ".join([a.title_en, a.title_ru, *(body for _l, _t, body in a.variants)]))
            for a in self.answers
        ]
        frequency: Counter[str] = Counter()
        for answer_stems in self._stems:
            frequency.update(answer_stems)
        total = max(1, len(self.answers))
        self._idf = {s: math.log(1 + total / n) for s, n in frequency.items()}
        self._norm = [math.sqrt(max(1, len(s))) for s in self._stems]
        self._languages = [{language for language, _t, _b in a.variants} for a in self.answers]
        self._picks = list(picks)

    def suggest(self, item: ItemDetail, limit: int = 3) -> list[Suggestion]:
        item_stems = stems(item.text)
        similar: Counter[int] = Counter()
        for pick in self._picks:
            union = len(item_stems | pick.stems)
            if union and len(item_stems & pick.stems) / union >= SIMILAR_PICK:
                similar[pick.answer_id] += 1
        # What depends on the item alone is worked out once, not once per answer.
        item_words = {w: _stem(w.lower()) for w in _WORD.findall(item.text)}
        fits = {category: _category_fit(item, category) for category in _CATEGORIES}
        ranked = []
        for n in range(len(self.answers)):
            scored = self._score(item, item_stems, item_words, fits, n, similar)
            if scored is not None:
                ranked.append(scored)
        ranked.sort(key=lambda s: (-s.score, s.answer.title_en))
        return ranked[:limit]

    def _score(
        self,
        item: ItemDetail,
        item_stems: frozenset[str],
        item_words: dict[str, str],
        fits: dict[str, float],
        n: int,
        similar: Counter[int],
    ) -> Suggestion | None:
        answer = self.answers[n]
        if answer.platforms and item.platform not in answer.platforms:
            return None
        reasons: list[str] = []
        shared = item_stems & self._stems[n]
        score = 3.0 * sum(self._idf[s] for s in shared) / self._norm[n]
        if shared:
            reasons.append("words")
        if (item.language or "en") in self._languages[n]:
            score += 0.5
            reasons.append("language")
        if answer.platforms:
            score += 0.3
            reasons.append("platform")
        fit = fits.get(answer.category, 0.0)
        if fit > 0:
            score += fit
            reasons.append(f"category:{answer.category}")
        if similar[answer.id]:
            score += 3.0 * min(3, similar[answer.id])
            reasons.append("picked_before")
        score += 0.1 * math.log1p(answer.usage_count)
        words = tuple(sorted({w for w, stem in item_words.items() if stem in shared}))
        return Suggestion(answer, score, tuple(reasons), words[:5])


_CATEGORIES = (
    "thanks", "faq", "apology", "refute", "pass_on", "steps", "escalation", "rule_warning", "spam"
)  # fmt: skip


def _category_fit(item: ItemDetail, category: str) -> float:
    """What the item's own signals say about the kind of answer it needs."""
    spam = item.spam_score or 0.0
    rating = item.rating
    negative = (item.sentiment or 0.0) <= -0.3 or (rating is not None and rating <= 2)
    question = "?" in item.text
    if category == "spam":
        return 3.0 if spam >= 0.5 else -2.0
    if spam >= 0.5:
        return -1.0
    if category == "thanks":
        return 1.5 if (rating is not None and rating >= 4) or (item.sentiment or 0) >= 0.5 else 0.0
    if category in ("apology", "pass_on", "refute", "escalation"):
        return 1.0 if negative else 0.0
    if category in ("faq", "steps"):
        return 0.8 if question or negative else 0.0
    if category == "rule_warning":
        return 1.0 if (item.sentiment or 0.0) <= -0.6 else -0.5
    return 0.0


def load_past_picks(db: Database, limit: int = 5000) -> list[PastPick]:
    """The answers used on items so far (newest first), with those items' words."""
    connection = db.raw()
    try:
        rows = connection.execute(
            "SELECT c.id, i.text FROM events e JOIN items i ON i.id = e.item_id"
            " JOIN canned_responses c ON c.key = json_extract(e.data, '$.key')"
            " WHERE e.kind = 'canned_used' ORDER BY e.id DESC LIMIT ?",
            (limit,),
        ).fetchall()
    finally:
        connection.close()
    return [PastPick(answer_id, stems(text)) for answer_id, text in rows]
