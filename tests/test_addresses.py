"""`entities.addresses.address`: the address `reverse()` gives, without reversing each time."""

import pytest
from django.urls import NoReverseMatch, clear_script_prefix, reverse, set_script_prefix

from entities.addresses import address


@pytest.mark.parametrize(
    "viewname,value",
    [
        ("entities:person-detail", "mark-carney"),
        ("entities:sector-detail", "steel_2"),
        ("entities:event-detail", "usmca-joint-review-2026"),
        ("entities:organization-detail", "x"),
        ("entities:country-detail", "canada"),
        ("articles:quote-detail", 42),
        ("articles:quote-detail", "7"),
    ],
)
def test_the_same_address_as_reverse(viewname, value):
    assert address(viewname, value) == reverse(viewname, args=[value])


def test_under_a_script_prefix():
    set_script_prefix("/news/")
    try:
        assert address("entities:person-detail", "mark-carney") == "/news/people/mark-carney/"
    finally:
        clear_script_prefix()
    assert address("entities:person-detail", "mark-carney") == "/people/mark-carney/"


def test_what_the_pattern_refuses_is_refused():
    with pytest.raises(NoReverseMatch):
        address("entities:person-detail", "not a slug")
    with pytest.raises(NoReverseMatch):
        address("articles:quote-detail", "not-a-number")
    with pytest.raises(NoReverseMatch):
        address("entities:person-list", "x")
