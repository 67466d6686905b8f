"""BSN, RSIN, KvK and KBO numbers: checks with Dutch messages."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from raadhuis.kernel.validators import (
    elfproef,
    validate_bsn,
    validate_kbo_nummer,
    validate_postcode_nl,
)
from tests.factories import elfproef_number


@pytest.mark.parametrize("bsn", ["111222333", "123456782", "999990019"])
def test_valid_bsn(bsn):
    validate_bsn(bsn)


@pytest.mark.parametrize(
    ("bsn", "melding"),
    [
        ("123456789", "elfproef"),
        ("12345678", "9 cijfers"),
        ("12345678a", "9 cijfers"),
        ("000000000", "elfproef"),
    ],
)
def test_invalid_bsn_says_why_in_dutch(bsn, melding):
    with pytest.raises(ValidationError) as err:
        validate_bsn(bsn)
    assert melding in err.value.messages[0]


@given(seed=st.integers(min_value=0, max_value=999_999))
def test_generated_test_numbers_pass_and_one_digit_change_fails(seed):
    number = elfproef_number(seed)
    assert elfproef(number)
    changed = number[:4] + str((int(number[4]) + 1) % 10) + number[5:]
    assert not elfproef(changed)


def test_kbo_nummer():
    validate_kbo_nummer("0203.201.340")  # check digits: 97 - (02032013 mod 97) = 40
    with pytest.raises(ValidationError):
        validate_kbo_nummer("0203.201.341")


@pytest.mark.parametrize(
    ("postcode", "ok"), [("1234AB", True), ("1234 ab", True), ("0123AB", False), ("12345", False)]
)
def test_postcode_nl(postcode, ok):
    if ok:
        validate_postcode_nl(postcode)
    else:
        with pytest.raises(ValidationError):
            validate_postcode_nl(postcode)
