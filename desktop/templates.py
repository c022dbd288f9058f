"""Filling a canned response's placeholders. Plain string substitution: a template can name
values and give fallbacks, nothing else — no expressions, no attribute access, no code.

Grammar: `{name}`, `{name|fallback}`, and `{?question}` (a value the moderator types in
before sending). Anything else in braces is left as written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

PLACEHOLDER = re.compile(r"\{(\?[^{}\n]{1,80}|[a-z_][a-z0-9_]{0,40})(?:\|([^{}\n]{0,80}))?\}")


@dataclass(frozen=True)
class Rendered:
    text: str
    missing: tuple[str, ...]  # placeholders with no value and no fallback, left as written
    prompts: tuple[str, ...]  # `{?question}` placeholders still to be answered

    @property
    def complete(self) -> bool:
        return not self.missing and not self.prompts


def render(
    template: str, values: Mapping[str, str | None], answers: Mapping[str, str] | None = None
) -> Rendered:
    missing: list[str] = []
    prompts: list[str] = []
    answers = answers or {}

    def fill(match: re.Match[str]) -> str:
        name, fallback = match.group(1), match.group(2)
        if name.startswith("?"):
            question = name[1:].strip()
            if answers.get(question):
                return answers[question]
            prompts.append(question)
            return match.group(0)
        value = values.get(name)
        if value:
            return value
        if fallback is not None:
            return fallback
        missing.append(name)
        return match.group(0)

    text = PLACEHOLDER.sub(fill, template)
    return Rendered(text, tuple(dict.fromkeys(missing)), tuple(dict.fromkeys(prompts)))


def finish_reply(text: str, values: Mapping[str, str], answers: Mapping[str, str]) -> Rendered:
    """A reply about to be sent: placeholders still in it (from an inserted answer) take the
    values the moderator typed for them, or their fallbacks. `complete` says whether anything
    is still unfilled; such a reply is never sent."""
    return render(text, values, answers)
