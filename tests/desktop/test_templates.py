from __future__ import annotations

import html
import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from desktop.db.models import Source
from desktop.inbox import InboxQuery, item_ids
from desktop.ingest import RemoteAuthor
from desktop.item_detail import load_item
from desktop.services.canned import CannedService, CannedSummary, first_name, source_fields
from desktop.templates import ESCAPERS, escape_markdown, finish_reply, markup_for, render
from desktop.workspace import Workspace
from tests.conftest import NOW, remote_item
from tests.desktop.helpers import add_source, ingest


def test_values_fallbacks_missing_and_prompts() -> None:
    result = render(
        "Hi {first_name|there}, {author} rated {rating}. Order {?order number}. "
        "{unknown} {product}",
        {"first_name": None, "author": "Mila K", "rating": "2", "product": "Lumo"},
    )
    assert result.text == ("Hi there, Mila K rated 2. Order {?order number}. {unknown} Lumo")
    assert result.missing == ("unknown",)
    assert result.prompts == ("order number",)
    assert not result.complete
    answered = render("Order {?order number}", {}, {"order number": "A-17"})
    assert answered.text == "Order A-17" and answered.complete


def test_braces_that_are_not_placeholders_stay_as_written() -> None:
    text = "{} {First} {a.b} {0} {author.__class__} {author[0]} {x!r}"
    assert render(text, {"author": "A", "x": "X"}).text == text


@given(
    st.text(max_size=200),
    st.dictionaries(
        st.sampled_from(["author", "first_name", "product", "rating"]), st.text(max_size=50)
    ),
)
def test_rendering_never_fails_and_never_re_expands_values(
    template: str, values: dict[str, str]
) -> None:
    result = render(template, values)
    assert isinstance(result.text, str)
    # A value that itself looks like a placeholder is inserted literally, not expanded again.
    hostile = render("{author}", {"author": "{product}", "product": "SECRET"})
    assert hostile.text == "{product}"


@given(st.text(alphabet=st.characters(blacklist_characters="{}"), max_size=100))
def test_text_without_braces_is_returned_unchanged(text: str) -> None:
    assert render(text, {"author": "x"}).text == text


def test_variant_choice_by_language_and_tone() -> None:
    response = CannedSummary(
        1,
        "k",
        "thanks",
        "Thanks",
        "Спасибо",
        "thanks",
        0,
        (("en", "formal", "EN formal"), ("ru", "formal", "RU вы"), ("ru", "informal", "RU ты")),
    )
    assert response.variant("ru", "informal") == "RU ты"
    assert response.variant("ru", "formal") == "RU вы"
    assert response.variant("en", "informal") == "EN formal"
    assert response.variant("de", "informal") == "EN formal"
    assert response.variant(None, "formal") == "EN formal"
    assert response.title("ru") == "Спасибо"


def test_first_name_only_from_name_like_display_names() -> None:
    assert first_name("Мила Корнеева") == "Мила"
    assert first_name("Jean-Luc Picard") == "Jean-Luc"
    assert first_name("@mila_k") is None
    assert first_name("id12345") is None
    assert first_name("") is None


# -- escaping for platforms that render markup ---------------------------------------------

_md = MarkdownIt("commonmark")
_visible = st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"))


def _rendered_text(markdown: str) -> tuple[str, list[str]]:
    """What a CommonMark renderer shows for `markdown`: the text, and the tags it made."""
    out = _md.render(markdown)
    return html.unescape(re.sub(r"<[^>]+>", "", out)).strip(), re.findall(r"</?(\w+)", out)


@given(st.text(_visible, min_size=1, max_size=80).filter(lambda s: s.strip() == s and s))
def test_a_value_escaped_for_markdown_renders_as_written(value: str) -> None:
    shown, tags = _rendered_text(escape_markdown(value))
    assert set(tags) <= {"p"}, tags  # no emphasis, link, code, heading, list or raw HTML
    # CommonMark folds runs of spaces only inside HTML; the words are all there, in order.
    assert shown.split() == value.split()


@given(
    template=st.text(max_size=120),
    author=st.text(_visible, max_size=60),
    answer=st.text(_visible, max_size=40),
    markup=st.sampled_from(["plain", "markdown", "html"]),
)
def test_hostile_templates_and_values_never_escape_their_slot(
    template: str, author: str, answer: str, markup: str
) -> None:
    """Whatever the template and the author's name hold, rendering finishes, nothing is
    evaluated, and a value reaches the text only escaped for the platform."""
    result = render(template + "{author}{?why}", {"author": author}, {"why": answer}, markup)
    assert result.markup == markup
    escape = ESCAPERS[markup]
    if author:
        assert result.text.endswith(escape(author) + escape(answer)) or not answer
    if markup == "html":
        assert "<script" not in result.text[len(template) :].lower()


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("{author.__class__.__mro__}", "{author.__class__.__mro__}"),
        ("{author[0]}", "{author[0]}"),
        ("{{author}}", "{Mila}"),  # only the inner name is a placeholder
        # `{x}` inside is an unknown name: left as written and reported, so never sent raw.
        ("{% for x in y %}{{x}}{% endfor %}", "{% for x in y %}{{x}}{% endfor %}"),
        ("${author}", "$Mila"),
        ("{author!r:>{width}}", "{author!r:>9}"),
        ("{__import__('os').system('id')}", "{__import__('os').system('id')}"),
        ("{?" + "x" * 200 + "}", "{?" + "x" * 200 + "}"),
        ("{" + "a" * 60 + "}", "{" + "a" * 60 + "}"),
    ],
)
def test_template_syntax_beyond_names_is_left_as_written(template: str, expected: str) -> None:
    result = render(template, {"author": "Mila", "width": "9"})
    assert result.text == expected
    assert result.prompts == ()
    assert result.missing == (("x",) if "{{x}}" in template else ())


def test_values_are_escaped_for_the_platform_that_renders_markdown() -> None:
    values = {"author": "*Admin* <b>[x](javascript:alert(1))</b>", "first_name": "Mila_K"}
    plain = render("Hi {author}", values, markup=markup_for("google_play"))
    assert plain.text == "Hi *Admin* <b>[x](javascript:alert(1))</b>"
    markdown = render("**Hi** {author}, {first_name}", values, markup=markup_for("discourse"))
    shown, tags = _rendered_text(markdown.text)
    assert tags.count("strong") == 2  # the template's own markup still works
    assert "a" not in tags and "em" not in tags and "b" not in tags
    assert shown == "Hi *Admin* <b>[x](javascript:alert(1))</b>, Mila_K"
    assert render("{?order}", {}, {"order": "<i>"}, "html").text == "&lt;i&gt;"


def test_fallbacks_are_the_templates_own_text_and_are_not_escaped() -> None:
    assert render("Hi {first_name|*friend*}", {}, markup="markdown").text == "Hi *friend*"


def test_finishing_a_reply_keeps_its_markup() -> None:
    inserted = render("Order {?order number} for {author}", {"author": "a_b"}, markup="markdown")
    assert inserted.text == "Order {?order number} for a\\_b"
    done = finish_reply(inserted.text, {}, {"order number": "A_17"}, inserted.markup)
    assert done.complete and done.text == "Order A\\_17 for a\\_b"


def test_a_filled_answer_is_measured_against_the_platforms_limit() -> None:
    """The composer counts the text that will be sent: a long name can push an answer past the
    platform's limit, which the counter then shows (see tests/ui/test_sync_ui.py)."""
    long_name = "N" * 500
    result = render("Thanks, {author}! " + "x" * 4600, {"author": long_name})
    assert len(result.text) == len("Thanks, ! ") + 500 + 4600
    assert len(result.text) > 5000


def test_an_answer_fills_from_the_sources_product_and_custom_fields(
    workspace: Workspace,
) -> None:
    source_id = add_source(workspace, platform="discourse", name="Forum", tone="formal")
    with workspace.db.transaction() as session:
        source = session.get(Source, source_id)
        assert source is not None
        source.settings = json.dumps(
            {
                "product": "Lumo",
                "fields": {"support_email": "help@lumo.example", "author": "not this", "x y": "no"},
            }
        )
    ingest(
        workspace, source_id, [remote_item(1, author=RemoteAuthor("m", "@m", "_Mila_ **K**", "en"))]
    )
    item_id = item_ids(workspace.db, InboxQuery())[0]
    detail = load_item(workspace.db, item_id)
    assert detail is not None
    service = CannedService(workspace.db, lambda: "Ann", clock=lambda: NOW)
    answer = CannedSummary(
        1,
        "k",
        "faq",
        "T",
        "T",
        None,
        0,
        (("en", "formal", "{author}: {product}, {support_email}, {x y}"),),
    )
    filled = service.fill(answer, detail)
    # A custom field never replaces a built-in name; the name is escaped for Discourse's Markdown.
    assert filled.text == "\\_Mila\\_ \\*\\*K\\*\\*: Lumo, help@lumo.example, {x y}"
    assert filled.markup == "markdown" and filled.complete


def test_source_fields_ignore_what_is_not_a_usable_field() -> None:
    assert source_fields("not json") == ("", {})
    assert source_fields('{"product": 3, "fields": ["a"]}') == ("", {})
    assert source_fields('{"fields": {"?q": "x", "ok_1": "v", "n": 2}}') == ("", {"ok_1": "v"})
