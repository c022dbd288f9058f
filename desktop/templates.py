"""Filling a canned response's placeholders. Plain string substitution: a template can name
values and give fallbacks, nothing else — no expressions, no attribute access, no code.

Grammar: `{name}`, `{name|fallback}`, and `{?question}` (a value the moderator types in
before sending). Anything else in braces is left as written.

Where a platform renders markup (Markdown on Discourse, Isso and Waline), the values put into a
template — an author's name, an answer the moderator typed — are escaped for it, so a name like
`*Admin*` or `<b>` reads as written. The template's own text is the library author's and is
left alone.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

PLACEHOLDER = re.compile(r"\{(\?[^{}\n]{1,80}|[a-z_][a-z0-9_]{0,40})(?:\|([^{}\n]{0,80}))?\}")


# Which markup each platform renders in a reply body; any platform not named takes plain text.
MARKUP_BY_PLATFORM = {"discourse": "markdown", "isso": "markdown", "waline": "markdown"}
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#~|!&])")


def escape_markdown(value: str) -> str:
    """Every character Markdown could act on is backslash-escaped; a line start that would
    make a list or a heading is escaped too."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", value)
    escaped = re.sub(r"(?m)^(\s*)([-+=])", r"\1\\\2", escaped)
    return re.sub(r"(?m)^(\s*\d+)([.)])", r"\1\\\2", escaped)


ESCAPERS: dict[str, Callable[[str], str]] = {
    "plain": lambda value: value,
    "markdown": escape_markdown,
    "html": lambda value: html.escape(value, quote=True),
}


def markup_for(platform: str) -> str:
    return MARKUP_BY_PLATFORM.get(platform, "plain")


@dataclass(frozen=True)
class Rendered:
    text: str
    missing: tuple[str, ...]  # placeholders with no value and no fallback, left as written
    prompts: tuple[str, ...]  # `{?question}` placeholders still to be answered
    markup: str = "plain"  # what values were escaped for; finishing the text keeps to it

    @property
    def complete(self) -> bool:
        return not self.missing and not self.prompts


def render(
    template: str,
    values: Mapping[str, str | None],
    answers: Mapping[str, str] | None = None,
    markup: str = "plain",
) -> Rendered:
    escape = ESCAPERS[markup]
    missing: list[str] = []
    prompts: list[str] = []
    answers = answers or {}

    def fill(match: re.Match[str]) -> str:
        name, fallback = match.group(1), match.group(2)
        if name.startswith("?"):
            question = name[1:].strip()
            if answers.get(question):
                return escape(answers[question])
            prompts.append(question)
            return match.group(0)
        value = values.get(name)
        if value:
            return escape(value)
        if fallback is not None:
            return fallback
        missing.append(name)
        return match.group(0)

    text = PLACEHOLDER.sub(fill, template)
    return Rendered(text, tuple(dict.fromkeys(missing)), tuple(dict.fromkeys(prompts)), markup)


def finish_reply(
    text: str, values: Mapping[str, str], answers: Mapping[str, str], markup: str = "plain"
) -> Rendered:
    """A reply about to be sent: placeholders still in it (from an inserted answer) take the
    values the moderator typed for them, or their fallbacks. `complete` says whether anything
    is still unfilled; such a reply is never sent."""
    return render(text, values, answers, markup)
