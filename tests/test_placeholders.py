"""The one placeholder engine behind certificate templates and e-mail templates."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from lms import placeholders


def messages(error: ValidationError) -> list[str]:
    return [str(message) for message in error.messages]


def test_unknown_placeholders_are_refused_in_polish_listing_the_allowed_ones():
    with translation.override("pl"), pytest.raises(ValidationError) as caught:
        placeholders.validate("Dla {imie} za {course} {}", allowed=["name", "course"])

    assert caught.value.code == "unknown_placeholder"
    assert messages(caught.value) == [
        "Nieznane pola: {}, {imie}. Dozwolone pola to: {name}, {course}."
    ]


def test_a_missing_required_placeholder_is_refused_with_its_own_message():
    with pytest.raises(ValidationError) as caught:
        placeholders.validate(
            "Dzień dobry, {name}", allowed=["name", "link"], required={"link": "Brak {link}."}
        )

    assert caught.value.code == "missing_link"
    assert messages(caught.value) == ["Brak {link}."]


def test_known_placeholders_pass():
    placeholders.validate("{name}\n{link}", allowed=["name", "link"], required={"link": "x"})


def test_fill_replaces_known_placeholders_and_keeps_unknown_ones_as_typed():
    assert placeholders.fill_line("{name}: {kurs} {}", {"name": "Żaneta Łęcka"}) == (
        "Żaneta Łęcka: {kurs} {}"
    )


def test_a_line_with_an_empty_optional_placeholder_is_left_out():
    text = "Dzień dobry, {name}!\n\nTermin: {deadline}.\n\n\nSzkolenie: {course}"

    filled = placeholders.fill(
        text, {"name": "Łucja", "deadline": "", "course": "RODO"}, optional={"deadline"}
    )

    assert filled == "Dzień dobry, Łucja!\n\nSzkolenie: RODO"


def test_an_empty_value_that_is_not_optional_keeps_its_line():
    assert placeholders.fill("Termin: {deadline}.", {"deadline": ""}) == "Termin: ."
