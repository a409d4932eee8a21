r"""Detect personal data in free text before it is published.

Idea and answer texts end up in a public Git repository, so the validator must
refuse e-mail addresses, phone numbers, national identity numbers and bank
account numbers.  Findings carry only a masked hint so that error messages,
CI logs and review comments never repeat the personal data they complain about.

A text is checked twice, as written and as people see it. As written, it is
read in Unicode NFKC form (fullwidth digits and "＠" are plain ones) with every
Unicode dash a "-" and every space a " ", so a no-break space or an en dash
inside a number does not hide it. As people see it, the text is rendered as
Markdown, sanitised and reduced to its visible characters, entities decoded,
with the addresses of its links: `120389&#45;2345`, `120389\-2345` and
`1203**89-23**45` all read "120389-2345" on the page.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import phonenumbers
from selectolax.lexbor import LexborHTMLParser
from stdnum import iban
from stdnum.de import idnr
from stdnum.dk import cpr
from stdnum.no import fodselsnummer
from stdnum.se import personnummer

from generator.render import safe_html

__all__ = ["Finding", "find_personal_data"]

KIND_EMAIL = "e-mail address"
KIND_PHONE = "phone number"
KIND_CPR = "Danish CPR number"
KIND_PERSONNUMMER = "Swedish personnummer"
KIND_FODSELSNUMMER = "Norwegian fødselsnummer"
KIND_IDNR = "German tax id (IdNr)"
KIND_IBAN = "IBAN"

# Regions whose national (non-"+") number formats our users write.  Numbers
# written with a "+" country code are found by every region's matcher anyway.
_PHONE_REGIONS = ("DK", "SE", "NO", "DE", "GB")

# VALID accepts the usual loose groupings ("070-123 45 67") while still
# rejecting digit runs that are not real numbers in any of the regions.
_PHONE_LENIENCY = phonenumbers.Leniency.VALID

# Lower number wins when candidates overlap.  Validated identifiers beat
# phone numbers because the phone matcher happily accepts many id-shaped runs,
# and the id kind tells the author more precisely what to remove.
_PRIO_IBAN = 0
_PRIO_ID = 1
_PRIO_EMAIL = 2
_PRIO_PHONE = 3

# Texts without "@" and with fewer than seven digits cannot contain any of the
# detected kinds (phone numbers in these regions, area code included, have at
# least seven digits, ids ten, real-world IBANs far more), so most texts skip
# the slow matchers.
_ENOUGH_DIGITS_RE = re.compile(r"(?:\d\D*){7}")

# The lookbehind makes the local part start at the beginning of its run, which
# keeps matching linear on long runs of address-like characters.
_EMAIL_RE = re.compile(
    r"(?<![A-Za-z0-9._%+-])"
    r"(?P<local>[A-Za-z0-9._%+-]+)@(?P<domain>(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,63})\b"
)

# A number glued to other digits by a separator is part of something longer
# (a date, a case number, an account number) and must not match on its own.
_START = r"(?<![0-9])(?<![0-9][-./])"
_END = r"(?![0-9])(?![-./][0-9])"

# DDMMYY-XXXX (CPR) and YYMMDD-XXXX / YYMMDD+XXXX (personnummer) share a shape;
# "+" marks a Swede aged 100 or more and never appears in a CPR.
_TEN_DIGIT_ID_RE = re.compile(_START + r"[0-9]{6}(?P<sep>[-+ ]?)[0-9]{4}" + _END)
# The same ten digits read out in pairs: "12 03 89 23 45", "12 03 89-23 45".
_PAIRED_ID_RE = re.compile(_START + r"[0-9]{2} [0-9]{2} [0-9]{2}(?P<sep>[-+ ])[0-9]{2} ?[0-9]{2}" + _END)
_SE_LONG_ID_RE = re.compile(_START + r"(?:19|20)[0-9]{6}-?[0-9]{4}" + _END)
# Fødselsnummer (DDMMYY XXXXX) and IdNr ("36 574 261 809") are both 11 digits.
_ELEVEN_DIGIT_ID_RE = re.compile(_START + r"(?:[0-9]{11}|[0-9]{6} [0-9]{5}|[0-9]{2} [0-9]{3} [0-9]{3} [0-9]{3})" + _END)

# 15 to 34 characters, optionally separated by single spaces.  The match may
# swallow a following upper-case word ("... 43 BIC"), which is why candidates
# are shortened word by word until one validates.
_IBAN_RE = re.compile(r"\b[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]){11,30}\b")
# Written in lower case ("dk50 0040 ..."): checked upper-cased, as banks read it.
_LOWER_IBAN_RE = re.compile(r"\b[a-z]{2}[0-9]{2}(?: ?[a-z0-9]){11,30}\b")

# Shapes that PhoneNumberMatcher accepts at VALID leniency but that people
# write for other things: ISO dates, year-prefixed case numbers ("2026-0042"),
# year ranges ("2025/2026", "2025 - 2026") and national-id layouts.  An id
# layout that failed id validation is a typo'd or made-up id, not a phone
# number written in an unusual way.
_NOT_A_PHONE_RE = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
    r"|(?:19|20)[0-9]{2} ?[-/\u2013\u2014] ?[0-9]{1,4}"
    r"|[0-9]{6,8}[-+ ][0-9]{4,5}"
)

# PhoneNumberMatcher parses every digit group it sees (years, house numbers,
# amounts), five regions over, which dominates the cost of a scan.  It only
# gets to see the neighbourhood of digit clusters long enough to be a phone
# number: digits joined by at most three separator characters, as in
# "+49 (0)30 1234567".  The margin keeps the matcher's own look-around at the
# cluster edges (letters, "+", "(") working as on the full text.
_PHONE_CLUSTER_RE = re.compile(r"\d(?:[\s\-./()\u2010-\u2015\u2212\uff0d]{0,3}\d)*")
_PHONE_WINDOW_MARGIN = 20
# A phone match glued to more digits by a separator ("I2023/02567") is part of
# a reference, as for the ids (_START and _END), and is not a phone number.
_GLUED_BEFORE_RE = re.compile(r"[0-9][-./]?\Z")
_GLUED_AFTER_RE = re.compile(r"[-./]?[0-9]")
# "1.500.000" is how Danish and German texts write amounts; no phone number
# is written in dot-separated groups of three, so such clusters are skipped.
_AMOUNT_RE = re.compile(r"\d{1,3}(?:\.\d{3}){2,}")

# Case numbers and page ids in links are numbers too, but a link is not a
# phone number.  Identifiers, IBANs and addresses inside links still count.
# A link may be written without its scheme, as a host and a path
# ("bbc.co.uk/news/world-middle-east-49960973"): a host is dot-separated
# labels ending in letters, and the path starts at the first "/".
_URL_RE = re.compile(
    r"\b(?:(?:https?|ftp)://[^\s<>\"']+"
    r"|(?<![@.\w-])(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}/[^\s<>\"']*)",
    re.IGNORECASE,
)
# Where a link does carry a phone number: a messaging link ("wa.me/4512345678"),
# or a query or fragment value named for one or written with a country code.
_PHONE_LINK_RE = re.compile(
    r"^(?:[a-z]+://)?(?:www\.)?(?:wa\.me|api\.whatsapp\.com|signal\.me|t\.me|viber\.click)/"
    r"(?:[a-z/]*[?&]phone=|#p/|[+])?(?P<digits>[0-9]{7,15})?",
    re.IGNORECASE,
)
_PHONE_PARAMETER_RE = re.compile(
    r"[?&#;](?:[a-z_]*(?:phone|tel|call|mobil|mobile|sms|nummer|number|whatsapp|ring)[a-z_]*=|[a-z_]*=(?:%2B|\+|00))",
    re.IGNORECASE,
)

# Unicode dashes and spaces are separators like "-" and " " (after NFKC, which
# already makes most spaces " "); invisible format characters (soft hyphen,
# zero-width space) are dropped, as the reader never sees them.
_DASHES = frozenset(c for c in map(chr, range(0x2000, 0x2E80)) if unicodedata.category(c) == "Pd") | {
    "\u2212",
    "\ufe58",
    "\ufe63",
    "\uff0d",
}
_SPACES = frozenset(c for c in map(chr, range(0x80, 0x3001)) if unicodedata.category(c) == "Zs")
_SEPARATOR_RE = re.compile(
    "["
    + "".join(sorted(_DASHES | _SPACES))
    + "".join(c for c in map(chr, range(0x80, 0x10000)) if unicodedata.category(c) == "Cf")
    + "]"
)
# "@" in its compatibility forms (fullwidth, small), which NFKC makes "@".
_AT_FORMS = frozenset("\uff20\ufe6b")
# Where Markdown or HTML can make the visible text differ from the written one
# around personal data: an entity ("&#64;", "&commat;"), or an escape, emphasis,
# code, tag or link bracket in the same word as a digit or "@" ("1203**89",
# "gm**a**il", "120389\-2345"). Rendering costs about a millisecond a text, so
# texts where markup only sits apart from such characters are not rendered.
_HIDING_RE = re.compile(r"&#?\w{1,32};|[\\*_`<~\[]\S{0,40}?[\d@]|[\d@]\S{0,40}?[\\*_`<~\[]")
# Elements whose edges separate words on the page; inline ones (strong, em, code) join their text.
_BLOCKS = frozenset(
    {"p", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre"}
    | {"table", "thead", "tbody", "tr", "td", "th", "br", "hr", "div"}
)

_ELLIPSIS = "…"


@dataclass(frozen=True, slots=True)
class Finding:
    """One piece of personal data in a text.

    ``hint`` is safe to print: it never contains the whole value. A finding
    that only exists in the text as the site shows it (``rendered``) has no
    place in the written text: its ``start`` and ``end`` are both 0.
    """

    kind: str  # human label, e.g. "phone number", "Danish CPR number"
    start: int  # offset of the match in the scanned text
    end: int  # exclusive end offset
    hint: str  # masked: at most the first two characters of the value
    rendered: bool = False  # found only once the Markdown is rendered


class _Candidate(NamedTuple):
    priority: int
    start: int
    end: int
    kind: str
    # Allow-listed addresses are still candidates so that digits inside them
    # cannot resurface as phone numbers, but they are never reported.
    reported: bool


def find_personal_data(text: str, allow: Collection[str] = ()) -> list[Finding]:
    """All personal data found in text, sorted by start offset, non-overlapping.

    ``allow`` lists e-mail addresses that may appear (compared
    case-insensitively), or whole domains written as ``"@example.org"``.
    The text is checked as written (NFKC, Unicode dashes and spaces as
    separators) and, when it holds markup, as rendered Markdown; what only the
    rendered text shows comes last, marked ``rendered``.
    """
    if not _worth_scanning(text):
        return []
    normal, origin = _normalised(text)
    written = [
        Finding(
            f.kind, origin[f.start], origin[f.end - 1] + 1, _mask(f.kind, text[origin[f.start] : origin[f.end - 1] + 1])
        )
        for f in _scan(normal, allow)
    ]
    if _HIDING_RE.search(text) is None:
        return written
    seen = {_same(f.kind, text[f.start : f.end]) for f in written}
    shown, _ = _normalised(visible_text(safe_html(text, source="a text checked for personal data")))
    # The phone matcher is most of the cost; a digit group the written text
    # has too was matched there already, so only new groups are matched again.
    clusters = frozenset(match.group() for match in _PHONE_CLUSTER_RE.finditer(normal))
    extra = [
        Finding(f.kind, 0, 0, f.hint, rendered=True)
        for f in _scan(shown, allow, clusters)
        if _same(f.kind, shown[f.start : f.end]) not in seen
    ]
    return written + extra


def _worth_scanning(text: str) -> bool:
    # Texts without "@" and with fewer than seven digits (any script's: `\d`
    # is Unicode) cannot contain any of the detected kinds, unless an entity
    # ("&#64;") or a compatibility form ("＠") spells one.
    return "@" in text or "&" in text or _ENOUGH_DIGITS_RE.search(text) is not None or not _AT_FORMS.isdisjoint(text)


def _normalised(text: str) -> tuple[str, Sequence[int]]:
    """The text in NFKC with Unicode dashes "-", spaces " " and format characters gone,
    and for each of its characters the offset of the character it came from."""
    # Most texts (Danish, German, Swedish letters included) are already in that form.
    if text.isascii() or (unicodedata.is_normalized("NFKC", text) and not _SEPARATOR_RE.search(text)):
        return text, range(len(text) + 1)
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if char in _DASHES:
            piece = "-"
        elif char in _SPACES:
            piece = " "
        elif unicodedata.category(char) == "Cf":
            continue
        else:
            piece = unicodedata.normalize("NFKC", char)
        out.append(piece)
        origin.extend([index] * len(piece))
    origin.append(len(text))
    return "".join(out), origin


def visible_text(html: str) -> str:
    """What a reader sees of sanitised HTML: its text, entities decoded, a line
    between blocks, and the address of each link on a line of its own."""
    parts: list[str] = []
    hrefs: list[str] = []
    root = LexborHTMLParser(html).root
    if root is None:
        return ""
    for node in root.traverse(include_text=True):
        if node.tag == "-text":
            parts.append(node.text_content or "")
        elif node.tag in _BLOCKS:
            parts.append("\n")
        elif node.tag == "a" and (href := node.attributes.get("href")):
            hrefs.append(href)
    return "".join(parts) + "".join(f"\n{href}" for href in hrefs)


def _same(kind: str, value: str) -> tuple[str, str]:
    # The same value found in both readings: compare what identifies it, not
    # the separators or case it was written with.
    return kind, "".join(c for c in value.casefold() if c.isalnum() or c == "@")


def _scan(text: str, allow: Collection[str], matched: Collection[str] = ()) -> list[Finding]:
    """The personal data in one normalised reading of a text; digit groups in `matched` are not phone-matched."""
    has_at = "@" in text
    has_digits = _ENOUGH_DIGITS_RE.search(text) is not None
    if not has_at and not has_digits:
        return []

    candidates: list[_Candidate] = []
    if has_at:
        candidates.extend(_emails(text, _normalise_allow(allow)))
    if has_digits:
        candidates.extend(_ibans(text))
        candidates.extend(_ten_digit_ids(text))
        candidates.extend(_swedish_long_ids(text))
        candidates.extend(_eleven_digit_ids(text))
        candidates.extend(_phones(text, matched))

    chosen: list[_Candidate] = []
    # Claimed spans never overlap, so sorted starts and ends let a bisection
    # test each candidate against its two neighbours instead of every span.
    taken_starts: list[int] = []
    taken_ends: list[int] = []
    # Strongest evidence first, then the longest span, so a validated id claims
    # its digits before a phone match covering the same digits can.
    for cand in sorted(candidates, key=lambda c: (c.priority, c.start - c.end, c.start)):
        i = bisect.bisect_right(taken_starts, cand.start)
        if i > 0 and taken_ends[i - 1] > cand.start:
            continue
        if i < len(taken_starts) and taken_starts[i] < cand.end:
            continue
        taken_starts.insert(i, cand.start)
        taken_ends.insert(i, cand.end)
        if cand.reported:
            chosen.append(cand)

    chosen.sort(key=lambda c: c.start)
    return [Finding(kind=c.kind, start=c.start, end=c.end, hint=_mask(c.kind, text[c.start : c.end])) for c in chosen]


def _normalise_allow(allow: Collection[str]) -> frozenset[str]:
    # A bare str is a Collection[str] too; treat it as one entry rather than
    # as a set of single characters that would silently allow nothing.
    entries = [allow] if isinstance(allow, str) else allow
    return frozenset(entry.strip().lower() for entry in entries)


def _emails(text: str, allow: frozenset[str]) -> Iterator[_Candidate]:
    for match in _EMAIL_RE.finditer(text):
        address = match.group().lower()
        domain = match.group("domain").lower()
        allowed = address in allow or "@" + domain in allow
        yield _Candidate(_PRIO_EMAIL, match.start(), match.end(), KIND_EMAIL, not allowed)


def _ibans(text: str) -> Iterator[_Candidate]:
    for pattern in (_IBAN_RE, _LOWER_IBAN_RE):
        pos = 0
        while (match := pattern.search(text, pos)) is not None:
            raw = match.group().upper()
            # Longest first; only cut at spaces so an IBAN never ends mid-word.
            cuts = [len(raw)] + [i for i in range(len(raw) - 1, 0, -1) if raw[i] == " "]
            for cut in cuts:
                if iban.is_valid(raw[:cut]):
                    yield _Candidate(_PRIO_IBAN, match.start(), match.start() + cut, KIND_IBAN, True)
                    pos = match.start() + cut
                    break
            else:
                pos = match.start() + 1


def _ten_digit_ids(text: str) -> Iterator[_Candidate]:
    for match in (*_TEN_DIGIT_ID_RE.finditer(text), *_PAIRED_ID_RE.finditer(text)):
        raw = match.group().replace(" ", "") if match.re is _PAIRED_ID_RE else match.group()
        # Luhn plus a valid date is stronger evidence than a date alone, so an
        # ambiguous number that passes both is reported as a personnummer.
        if personnummer.is_valid(raw):
            kind = KIND_PERSONNUMMER
        # stdnum's CPR check validates the date (and that it is not in the
        # future) but not the modulus 11 checksum, which CPR numbers issued
        # since 2007 do not satisfy.
        elif match.group("sep") != "+" and cpr.is_valid(raw):
            kind = KIND_CPR
        else:
            continue
        yield _Candidate(_PRIO_ID, match.start(), match.end(), kind, True)


def _swedish_long_ids(text: str) -> Iterator[_Candidate]:
    for match in _SE_LONG_ID_RE.finditer(text):
        if personnummer.is_valid(match.group()):
            yield _Candidate(_PRIO_ID, match.start(), match.end(), KIND_PERSONNUMMER, True)


def _eleven_digit_ids(text: str) -> Iterator[_Candidate]:
    for match in _ELEVEN_DIGIT_ID_RE.finditer(text):
        raw = match.group()
        if fodselsnummer.is_valid(raw):
            kind = KIND_FODSELSNUMMER
        elif idnr.is_valid(raw):
            kind = KIND_IDNR
        else:
            continue
        yield _Candidate(_PRIO_ID, match.start(), match.end(), kind, True)


def _phone_windows(text: str, matched: Collection[str]) -> list[tuple[int, int]]:
    windows: list[tuple[int, int]] = []
    for cluster in _PHONE_CLUSTER_RE.finditer(text):
        digits = cluster.group()
        if _ENOUGH_DIGITS_RE.match(digits) is None or _AMOUNT_RE.fullmatch(digits) or digits in matched:
            continue
        start = max(0, cluster.start() - _PHONE_WINDOW_MARGIN)
        end = min(len(text), cluster.end() + _PHONE_WINDOW_MARGIN)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


def _links(text: str) -> list[tuple[int, int]]:
    """Spans of the links in text that carry no phone number (see _PHONE_LINK_RE)."""
    if "/" not in text:
        return []
    spans = []
    for match in _URL_RE.finditer(text):
        link = match.group()
        if _PHONE_LINK_RE.match(link):
            continue
        # Up to a query or fragment that names a phone: only the part before it is exempt.
        parameter = _PHONE_PARAMETER_RE.search(link)
        spans.append((match.start(), match.start() + parameter.start() if parameter else match.end()))
    return spans


def _messaging_links(text: str) -> Iterator[_Candidate]:
    # Such links write the number with its country code and without "+".
    for match in _URL_RE.finditer(text):
        link = _PHONE_LINK_RE.match(match.group())
        if link is None or link.group("digits") is None:
            continue
        try:
            number = phonenumbers.parse("+" + link.group("digits"))
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            start = match.start() + link.start("digits")
            yield _Candidate(_PRIO_PHONE, start, start + len(link.group("digits")), KIND_PHONE, True)


def _glued(text: str, start: int, end: int) -> bool:
    return bool(_GLUED_BEFORE_RE.search(text, max(0, start - 2), start) or _GLUED_AFTER_RE.match(text, end))


def _phones(text: str, matched: Collection[str]) -> Iterator[_Candidate]:
    yield from _messaging_links(text)
    urls = _links(text)
    seen: set[tuple[int, int]] = set()
    for win_start, win_end in _phone_windows(text, matched):
        window = text[win_start:win_end]
        for region in _PHONE_REGIONS:
            for match in phonenumbers.PhoneNumberMatcher(window, region, leniency=_PHONE_LENIENCY):
                span = (win_start + match.start, win_start + match.end)
                if span in seen:
                    continue
                seen.add(span)
                if _NOT_A_PHONE_RE.fullmatch(match.raw_string) or _glued(text, *span):
                    continue
                if any(start <= span[0] and span[1] <= end for start, end in urls):
                    continue
                yield _Candidate(_PRIO_PHONE, span[0], span[1], KIND_PHONE, True)


def _mask(kind: str, value: str) -> str:
    # At most two characters of the original survive, which identifies where
    # the problem is without republishing the value in logs or PR comments.
    if kind == KIND_EMAIL:
        return value[:1] + _ELLIPSIS + "@" + _ELLIPSIS
    return value[:2] + _ELLIPSIS
