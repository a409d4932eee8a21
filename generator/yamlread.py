"""Read one YAML file into plain Python data, strictly, remembering where every value stood.

Only a small, safe subset of YAML reaches the models: one document of
mappings, sequences and scalars. Everything that makes YAML surprising or
dangerous (aliases, merge keys, tags, duplicate keys, deep nesting) is refused
here with a line and column, before any value is interpreted.

Scalars are not typed here. A quoted or block scalar becomes `str`; an
unquoted one becomes `PlainScalar`, a `str` that remembers it was unquoted, so
the models can decide by schema what it means (`no` is not silently `False`,
`1.10` is not silently `1.1`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from generator.errors import Problem
from generator.yamlsyntax import syntax_problem

# libyaml is several times faster; the pure-Python parser gives the same events.
Parser: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Loc = tuple[str | int, ...]
Position = tuple[int, int]

_BRACKETS = re.compile(r"[\[\]{}]")
_TAB_INDENT = re.compile(r"^[ ]*\t", re.MULTILINE)
# Characters YAML allows nowhere in a file (C0 and C1 controls other than tab and
# line breaks, DEL, surrogates). libyaml reports them with a byte offset and no
# line, and a surrogate makes it raise UnicodeEncodeError, so they are found first.
_NOT_PRINTABLE = yaml.reader.Reader.NON_PRINTABLE
# PyYAML's resolver is untyped; it returns the tag name a YAML 1.1 reader would give.
_RESOLVER: Any = yaml.resolver.Resolver()
_YAML11_NAMES = {
    "tag:yaml.org,2002:bool": "a yes/no value",
    "tag:yaml.org,2002:null": "an empty value (null)",
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:timestamp": "a date",
}


MAX_PROBLEMS = 100


class PlainScalar(str):
    """An unquoted scalar, kept as its exact source text."""

    __slots__ = ()


def yaml11_reading(text: str) -> str | None:
    """What a YAML 1.1 reader would make of this unquoted text, or None if it stays text.

    >>> yaml11_reading("no")
    'a yes/no value'
    """
    tag = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))
    return _YAML11_NAMES.get(tag)


@dataclass(slots=True)
class Document:
    """A parsed file: its data and the position of every value and key in it."""

    path: str
    data: Any
    source: str
    values: Mapping[Loc, Position] = field(default_factory=dict)
    keys: Mapping[Loc, Position] = field(default_factory=dict)

    def position(self, loc: Loc, *, key: bool = False) -> Position:
        """The line and column of the value (or key) at `loc`, or of its nearest parent."""
        if key and loc in self.keys:
            return self.keys[loc]
        while loc:
            if loc in self.values:
                return self.values[loc]
            loc = loc[:-1]
        return self.values.get((), (1, 1))


def offset_position(text: str, offset: int) -> Position:
    """1-based line and column of a character offset in `text`."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def _mark_position(mark: Any) -> Position:
    """1-based line and column of a parser mark (the stubs type it as optional; events always carry one)."""
    return mark.line + 1, mark.column + 1


def _byte_position(raw: bytes, offset: int) -> Position:
    # Line breaks counted as decode() will read them: old Mac files (CR only)
    # are often Mac Roman, so the bad byte is likely to sit in one.
    head = raw[:offset].replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    start = head.rfind(b"\n") + 1
    return head.count(b"\n") + 1, len(head[start:].decode("utf-8", "replace")) + 1


def decode(path: str, raw: bytes) -> tuple[str | None, list[Problem]]:
    """Check the bytes of a file and decode them (line breaks as LF), or say why they are not usable text."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in raw[:4096]:
        return None, [
            Problem(
                path,
                1,
                1,
                "the file is UTF-16 or binary, not UTF-8 text",
                "save it as UTF-8 without byte-order mark",
            )
        ]
    if raw.startswith(b"\xef\xbb\xbf"):
        return None, [Problem(path, 1, 1, "the file starts with a byte-order mark", "save it as UTF-8 without BOM")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _byte_position(raw, exc.start)
        return None, [
            Problem(
                path,
                line,
                column,
                f"byte 0x{raw[exc.start]:02x} is not valid UTF-8",
                "save the file as UTF-8",
            )
        ]
    if "\r" in text:
        # libyaml counts a lone CR (old Mac line ends) as a line break, but the
        # positions computed from the text count LF only; as LF they agree.
        # YAML reads every CR, CRLF and LF line break as LF anyway.
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        line, column = offset_position(text, text.index("\x00"))
        return None, [Problem(path, line, column, "the file contains a NUL character", "remove it")]
    return text, []


_FLOW_START = (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken)
_FLOW_END = (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)


def _too_deep(text: str, limit: int) -> Position | None:
    """Where flow brackets nest deeper than `limit`, checked before the parser builds anything.

    Only real flow collections count, as YAML's own scanner sees them: a `[`
    in a quoted or block scalar, or in plain text (`:-[`), nests nothing.
    """
    if text.count("[") + text.count("{") <= limit:
        return None
    depth = 0
    scanner = Parser(text)
    try:
        while (token := scanner.get_token()) is not None:
            if isinstance(token, _FLOW_START):
                depth += 1
                if depth > limit:
                    return _mark_position(token.start_mark)
            elif isinstance(token, _FLOW_END):
                depth -= 1
    except yaml.YAMLError as exc:
        # libyaml gives up at 1,000 levels, and on one long line of brackets it
        # does so before it hands out the first token; other errors are the
        # parser's to report.
        if "nesting depth" in str(exc):
            return _bracket_position(text, limit)
    finally:
        scanner.dispose()
    return None


def _bracket_position(text: str, limit: int) -> Position | None:
    """Where brackets counted one by one, quoted or not, first go deeper than `limit`."""
    depth = 0
    for match in _BRACKETS.finditer(text):
        if match.group() in "[{":
            depth += 1
            if depth > limit:
                return offset_position(text, match.start())
        elif depth:
            depth -= 1
    return None


@dataclass(slots=True)
class _Frame:
    container: dict[str, Any] | list[Any]
    loc: Loc
    mark: Any
    key: str | None = None
    key_pending: bool = True


class _Walk:
    """Builds plain data from a parser's event stream without recursion."""

    def __init__(self, path: str, max_depth: int) -> None:
        self.path = path
        self.max_depth = max_depth
        self.problems: list[Problem] = []
        self.values: dict[Loc, Position] = {}
        self.keys: dict[Loc, Position] = {}
        self.stack: list[_Frame] = []
        self.root: Any = None
        self.has_root = False

    def problem(self, mark: Any, message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.path, *_mark_position(mark), message, hint))

    def check_node(self, event: Any) -> None:
        if event.anchor is not None:
            self.problem(
                event.start_mark,
                f"anchor &{event.anchor} is not allowed",
                "write the value out in full; anchors and aliases are refused",
            )
        if event.tag is not None and not (isinstance(event, yaml.CollectionStartEvent) and event.implicit):
            tag = event.tag.replace("tag:yaml.org,2002:", "!!")
            self.problem(
                event.start_mark,
                f"explicit tag {tag} is not allowed",
                "remove the tag; quote the value if it should be text",
            )

    def child_loc(self) -> Loc | None:
        """Where the next node goes; None while it is a mapping key."""
        if not self.stack:
            return ()
        frame = self.stack[-1]
        if isinstance(frame.container, list):
            return (*frame.loc, len(frame.container))
        if frame.key_pending:
            return None
        assert frame.key is not None
        return (*frame.loc, frame.key)

    def attach(self, value: Any, mark: Any) -> None:
        if not self.stack:
            self.root, self.has_root = value, True
            return
        frame = self.stack[-1]
        if isinstance(frame.container, list):
            frame.container.append(value)
            return
        if frame.key_pending:
            frame.key = self.key(value, mark, frame)
            frame.key_pending = False
            return
        assert frame.key is not None
        if frame.key not in frame.container:
            frame.container[frame.key] = value
        frame.key_pending = True

    def key(self, value: object, mark: Any, frame: _Frame) -> str:
        if not isinstance(value, str):
            self.problem(mark, "a key must be plain text, not a list or mapping", "write `name: value`")
            return f"\x00complex{len(self.problems)}"
        if value == "<<" and isinstance(value, PlainScalar):
            self.problem(mark, "merge keys (<<) are not allowed", "write every field out in full")
        elif isinstance(value, PlainScalar) and (reading := yaml11_reading(value)):
            self.problem(
                mark,
                f"the key {value!r} is read by YAML as {reading}, not text",
                f'quote it ("{value}") or use a text key',
            )
        loc = (*frame.loc, value)
        assert isinstance(frame.container, dict)
        if value in frame.container:
            first = self.keys[loc]
            self.problem(
                mark,
                f"duplicate key {value!r} (first at line {first[0]})",
                "keep one of them; YAML tools silently use only one",
            )
        else:
            self.keys[loc] = _mark_position(mark)
        return value

    def event(self, event: Any) -> bool:
        """Take one event; False when the walk must stop."""
        if len(self.problems) >= MAX_PROBLEMS:
            # A hostile file can hold millions of mistakes; the first ones are enough to act on.
            return False
        if isinstance(event, yaml.ScalarEvent):
            self.check_node(event)
            loc = self.child_loc()
            value = str(event.value) if event.style else PlainScalar(event.value)
            if loc is not None:
                self.values[loc] = _mark_position(event.start_mark)
            self.attach(value, event.start_mark)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            self.check_node(event)
            if len(self.stack) >= self.max_depth:
                self.problem(
                    event.start_mark,
                    f"the data is nested more than {self.max_depth} levels deep",
                    "portal files are shallow; check the indentation and brackets",
                )
                return False
            loc = self.child_loc()
            container: dict[str, Any] | list[Any] = {} if isinstance(event, yaml.MappingStartEvent) else []
            if loc is not None:
                self.values[loc] = _mark_position(event.start_mark)
            self.stack.append(_Frame(container, loc if loc is not None else ("\x00key",), event.start_mark))
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            frame = self.stack.pop()
            self.attach(frame.container, frame.mark)
        elif isinstance(event, yaml.AliasEvent):
            self.problem(
                event.start_mark,
                f"alias *{event.anchor} is not allowed",
                "write the value out in full; aliases can expand a tiny file into millions of items",
            )
            self.attach(None, event.start_mark)
        elif isinstance(event, yaml.DocumentStartEvent) and self.has_root:
            self.problem(
                event.start_mark,
                "the file holds more than one YAML document",
                "remove the second `---` and keep one document per file",
            )
            return False
        return not isinstance(event, yaml.StreamEndEvent)


@dataclass(frozen=True, slots=True)
class LineList:
    """The plain shape of a file that is one key over a list of one-line items (vote files).

    `item` is a regular expression for one item that YAML reads as unquoted
    text and that cannot span lines. A file in exactly this shape (comments
    and blank lines first, `key:`, then `  - item` on every following line)
    is read without the YAML parser, to the same data and positions.
    """

    key: str
    item: str

    def body(self) -> re.Pattern[str]:
        """The pattern the lines after `key:` must match as a whole."""
        return _line_list_body(self.item)


_BODY_PATTERNS: dict[str, re.Pattern[str]] = {}
_LINE_ITEM = re.compile(r"^  - (.*)$", re.MULTILINE)


def _line_list_body(item: str) -> re.Pattern[str]:
    if item not in _BODY_PATTERNS:
        _BODY_PATTERNS[item] = re.compile(rf"(?:  - (?:{item})\n)*  - (?:{item})\n*")
    return _BODY_PATTERNS[item]


class _LinePositions(Mapping[Loc, Position]):
    """Positions in a line-list file, computed instead of stored: a million
    supporter lines would otherwise cost a million dictionary entries."""

    def __init__(self, key: str, key_line: int, count: int) -> None:
        self.key, self.key_line, self.count = key, key_line, count

    def __getitem__(self, loc: Loc) -> Position:
        if loc == ():
            return self.key_line, 1
        if loc == (self.key,):
            return self.key_line + 1, 3
        if len(loc) == 2 and loc[0] == self.key and isinstance(loc[1], int) and 0 <= loc[1] < self.count:
            return self.key_line + 1 + loc[1], 5
        raise KeyError(loc)

    def __iter__(self) -> Iterator[Loc]:
        yield ()
        yield (self.key,)
        for index in range(self.count):
            yield self.key, index

    def __len__(self) -> int:
        return self.count + 2


def _read_line_list(path: str, text: str, shape: LineList) -> Document | None:
    """The document of a file in `shape`'s plain form, or None if it is in any other form."""
    header = f"{shape.key}:\n"
    start = text.find(header)
    if start == -1 or (start and text[start - 1] != "\n"):
        return None
    # Before the key: only comments and blank lines.
    if any(line.strip() and not line.startswith("#") for line in text[:start].split("\n")):
        return None
    body_start = start + len(header)
    if not shape.body().fullmatch(text, body_start):
        return None
    items = list(map(PlainScalar, _LINE_ITEM.findall(text, body_start)))
    key_line = text.count("\n", 0, start) + 1
    positions = _LinePositions(shape.key, key_line, len(items))
    return Document(path, {shape.key: items}, text, positions, {(shape.key,): (key_line, 1)})


def parse(
    path: str, text: str, *, max_depth: int = 10, shape: LineList | None = None
) -> tuple[Document | None, list[Problem]]:
    """Parse YAML text into a Document, or return every problem found in it.

    With `shape`, a file in that plain form is read without the YAML parser
    (several times faster, the same result); any other file is parsed.
    """
    if not text.strip():
        return None, [Problem(path, 1, 1, "the file is empty", "write the fields, or delete the file")]
    problems = (
        [
            Problem(
                path,
                *offset_position(text, match.end() - 1),
                "a tab is used for indentation",
                "indent with spaces; YAML forbids tabs there",
            )
            for match in _TAB_INDENT.finditer(text)
        ]
        if "\t" in text
        else []
    )
    unprintable = _NOT_PRINTABLE.search(text)
    if unprintable is not None:
        problems.append(
            Problem(
                path,
                *offset_position(text, unprintable.start()),
                f"the file contains the character U+{ord(unprintable.group()):04X}, which YAML does not allow",
                "remove it; it is a control character or not a valid character at all",
            )
        )
    deep = _too_deep(text, max_depth)
    if deep is not None:
        problems.append(
            Problem(
                path,
                *deep,
                f"brackets are nested more than {max_depth} levels deep",
                "portal files are shallow; check the brackets",
            )
        )
    if problems:
        return None, problems
    if shape is not None and (document := _read_line_list(path, text, shape)) is not None:
        return document, []
    walk = _Walk(path, max_depth)
    parser = Parser(text)
    try:
        while walk.event(parser.get_event()):
            pass
    except yaml.MarkedYAMLError as exc:
        walk.problems.append(syntax_problem(path, text, exc))
    except yaml.YAMLError as exc:
        walk.problems.append(Problem(path, 1, 1, f"invalid YAML: {exc}", "check the file's syntax"))
    finally:
        parser.dispose()
    if walk.problems:
        return None, walk.problems
    if not walk.has_root or walk.root is None or walk.root == "":
        return None, [Problem(path, 1, 1, "the file holds no data, only comments", "write the fields")]
    return Document(path, walk.root, text, walk.values, walk.keys), []
