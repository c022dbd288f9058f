from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from desktop.services.canned import CannedSummary, first_name
from desktop.templates import render


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
