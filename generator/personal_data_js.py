"""The personal-data patterns of `generator.personal_data`, for the Propose page's script.

One source of patterns: the page checks a proposal with the validator's own
regular expressions, translated to JavaScript at build time, before the text
is handed to a public channel. What regular expressions cannot say is done by
small checks in `propose.js`, named here by `check`:

- `iban`: the mod-97 check digits, as `stdnum.iban` does;
- `ten_digit`: a personnummer when the Luhn digit fits (and always after `+`),
  else a CPR number when the first six digits are a real date (DDMMYY) —
  `stdnum.dk.cpr` also refuses birth dates in the future, the page does not;
- `luhn`: the Luhn digit of a 12-digit personnummer;
- `phone`: a digit cluster of 8 to 15 digits that is no date, year range, case
  number or amount (the validator's own exclusions, `not_phone` and `amount`).

What the page cannot see, the validator still catches when the submission is
taken in: phone numbers are validated there with libphonenumber per region
(the page takes any 8-to-15-digit cluster for one and misses 7-digit local
numbers), CPR numbers born in the future, Norwegian fødselsnummer and German
tax ids (11 digits: the page reports them as phone numbers).
"""

from __future__ import annotations

import re
from typing import Any

from generator import personal_data

# (kind, pattern in generator.personal_data, check in propose.js)
_EXPORTED = (
    ("email", "_EMAIL_RE", None),
    ("iban", "_IBAN_RE", "iban"),
    ("cpr", "_TEN_DIGIT_ID_RE", "ten_digit"),
    ("personnummer", "_SE_LONG_ID_RE", "luhn"),
    ("phone", "_PHONE_CLUSTER_RE", "phone"),
)
_HELPERS = {"not_phone": "_NOT_A_PHONE_RE", "amount": "_AMOUNT_RE"}
# Python-only syntax with no JavaScript equivalent; a pattern using it cannot be exported as it is.
_PYTHON_ONLY = re.compile(r"\(\?P=|\\[AZ]|\(\?[aiLmsux]+[):]|\*\+|\+\+|\?\+|\}\+")


def to_js(pattern: re.Pattern[str]) -> str:
    """A Python pattern's source as a JavaScript RegExp source (for the `u` flag)."""
    source = pattern.pattern
    if pattern.flags & ~(re.UNICODE) or _PYTHON_ONLY.search(source):
        raise ValueError(f"{source!r} uses syntax or flags JavaScript lacks; export a subset instead")
    # Named groups are written (?P<name>…) in Python and (?<name>…) in JavaScript.
    return source.replace("(?P<", "(?<")


def _pattern(name: str) -> re.Pattern[str]:
    pattern = getattr(personal_data, name)
    if not isinstance(pattern, re.Pattern):
        raise TypeError(f"generator.personal_data.{name} is not a compiled pattern")
    return pattern


def exported() -> dict[str, Any]:
    """The patterns and the checks that go with them, as JSON-ready data for the page."""
    return {
        "patterns": [
            {"kind": kind, "source": to_js(_pattern(name)), "check": check} for kind, name, check in _EXPORTED
        ],
        **{key: to_js(_pattern(name)) for key, name in _HELPERS.items()},
    }
