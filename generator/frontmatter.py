"""Article files: YAML front-matter + Markdown body <-> :class:`Article`.

The format is specified in ``docs/format.md``; the key order of
:func:`dump_article` is that document's order.  The ``ingest:`` block lets
ingest tell whether a person edited a file since it was written:
``output_sha256`` is the hash of the file with that value blanked.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import re
import reprlib
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

import yaml

from generator.errors import ArticleError
from generator.model import Article, DateInfo, Event, Mention, Note, Quote

try:  # the C implementations are several times faster; same behaviour
    _SafeLoader: type = yaml.CSafeLoader
    _Dumper: type = yaml.CSafeDumper
except AttributeError:  # pragma: no cover - libyaml missing
    _SafeLoader = yaml.SafeLoader
    _Dumper = yaml.SafeDumper


def _timestamp(loader: Any, node: yaml.Node) -> Any:
    # PyYAML's own constructor lets an impossible date (2025-02-30) escape as a
    # ValueError; as a YAML error it gets the file's line like any other mistake.
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError as exc:
        raise yaml.constructor.ConstructorError(
            None, None, f"{node.value!r} is not a real date ({exc})", node.start_mark) from None


class _Loader(_SafeLoader):  # type: ignore[misc, valid-type]
    """The safe loader (no tags but YAML's own), with dates checked."""


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)

#: Deeper nesting than any real front-matter or registry has.  libyaml's composer recurses per
#: level and overflows the C stack (a segfault) near 100,000 levels of ``[`` or ``- - -``, and
#: whatever walks the values recursively hits Python's limit near 1,000.
MAX_YAML_NESTING = 100

GENERATOR_VERSION = 1
#: libyaml wants an int (float("inf") overflows); wide enough that no line is ever folded.
_NO_FOLDING = 1 << 30
DELIMITER = "---"
_CLOSERS = ("---", "...")
_CONFIDENCES = ("high", "medium", "low", "none")
_ACTOR_TYPES = ("person", "country", "organization")
_PRECISIONS = ("day", "week", "month", "year")
#: ``source.format``: the reader that made the article (``generator/ingest/readers``).
SOURCE_FORMATS = ("text", "html", "feed")
#: The hash's own value (the placeholder while dumping, the digest after), and nothing else of
#: its line: a character a person adds after the digest is an edit like any other.
_HASH_LINE = re.compile(r"^(  output_sha256:)(?: ''| [0-9a-f]{64})?", re.MULTILINE)
_TOP_KEY = re.compile(r"([A-Za-z_][\w-]*)\s*:")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_EVENT_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")

T = TypeVar("T")
#: A wrong value shown in a message: its start, never all of it (a value can be a megabyte).
_SHORT = reprlib.Repr()
_SHORT.maxstring, _SHORT.maxother, _SHORT.maxlist, _SHORT.maxdict, _SHORT.maxlevel = 60, 60, 4, 4, 2


# --- safe YAML ---------------------------------------------------------------


#: Block collections open at strictly deeper columns (an indentless list under a key aside, at
#: most one per mapping), and on its own line a collection can start only after indentation and
#: indicators (``- - ? -``); so text in which no line starts with *n* such characters nests at
#: most 2 * n levels in block style.
@lru_cache(maxsize=8)
def _deep_line(columns: int, breaks: str) -> re.Pattern[str]:
    return re.compile(f"[{breaks}]\ufeff?[ \t?:-]{{{columns}}}")


#: Where libyaml breaks lines besides \n, and the byte-order mark it skips; all rare, and a
#: pattern that starts with a plain \n is searched several times faster.
_ODD_BREAKS = "\r\x85\u2028\u2029\ufeff"
#: An ``&`` or ``*`` that could start an anchor or alias: one that does not follow a letter or
#: digit ("AT&T" is text; after a word character it is always inside a scalar or an error).
_ANCHOR_OR_ALIAS = re.compile(r"(?<!\w)[&*]")
_NO_ANCHORS = "anchors (&) and aliases (*) are not allowed (write the value out in full)"


def _surely_safe(text: str, limit: int = MAX_YAML_NESTING) -> bool:
    """True when the characters alone prove *text* has no anchor, no alias and no nesting deeper
    than *limit*: a few passes in C (1 % of loading a 10 KB front-matter), where
    :func:`_refuse_bombs` walks the parser's events in Python (another 40 %).

    A fifth of the limit goes to columns (block nesting, two levels per column), the rest to
    brackets: each flow collection needs a ``[`` or ``{``, and a ``[a: b]`` pair adds a mapping per ``[``.
    """
    if ("&" in text or "*" in text) and _ANCHOR_OR_ALIAS.search(text):
        return False
    columns = max(1, limit // 5)
    if 2 * columns + 2 * (text.count("[") + text.count("{")) > limit:
        return False
    breaks = "\n" + _ODD_BREAKS if any(char in text for char in _ODD_BREAKS) else "\n"
    return not _deep_line(columns, breaks).search("\n" + text)


def _refuse_bombs(text: str, limit: int = MAX_YAML_NESTING) -> None:
    """Refuse anchors, aliases and nesting deeper than *limit* before anything is composed.

    An alias makes a few bytes stand for a billion values (the "billion laughs") once anything
    copies or prints them; front-matter, registries and site.yaml have no use for one.  libyaml's
    parser is a loop over a stack, so reading its events is safe where composing is not.
    """
    if _surely_safe(text, limit):
        return
    depth = 0
    for event in yaml.parse(text, Loader=_SafeLoader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise yaml.MarkedYAMLError(problem=_NO_ANCHORS, problem_mark=event.start_mark)
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > limit:
                raise yaml.MarkedYAMLError(problem=f"nested more than {limit} levels deep",
                                           problem_mark=event.start_mark)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def load_yaml(text: str) -> Any:
    """``yaml.safe_load`` for text a person (or an attacker) wrote.

    Only YAML's own types are constructed (``!!python/object`` is an error,
    never code); every refusal is a :class:`yaml.YAMLError`, most with a mark
    giving the line: an impossible date, an anchor or alias, nesting deeper than
    :data:`MAX_YAML_NESTING`.
    """
    _refuse_bombs(text)
    try:
        return yaml.load(text, Loader=_Loader)
    except RecursionError:  # pragma: no cover - _refuse_bombs keeps the nesting far below the limit
        raise yaml.YAMLError(f"nested too deeply (more than {MAX_YAML_NESTING} levels)") from None


#: The tags of plain values, lists and mappings: everything a person's YAML needs.
_PLAIN_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in
                        ("str", "int", "float", "bool", "null", "timestamp", "seq", "map", "merge"))


def compose_yaml(text: str) -> yaml.Node | None:
    """``yaml.compose`` for text a person wrote, for callers that want the nodes' lines.

    Refuses what :func:`load_yaml` refuses before composing (anchors, aliases, deep
    nesting), and any tag that is not YAML's own, as a :class:`yaml.MarkedYAMLError` at
    the tag's line, so ``!!python/object`` never reaches a constructor.
    """
    _refuse_bombs(text)
    root = yaml.compose(text, Loader=_Loader)
    pending = [root] if root is not None else []
    while pending:  # a tree: no alias can make a node its own descendant
        node = pending.pop()
        if node.tag not in _PLAIN_TAGS:
            name = node.tag.replace("tag:yaml.org,2002:", "!!")
            raise yaml.MarkedYAMLError(
                problem=f"the tag '{name}' is not allowed (only plain values, lists and mappings are read)",
                problem_mark=node.start_mark)
        if isinstance(node, yaml.SequenceNode):
            pending.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            pending.extend(n for pair in node.value for n in pair)
    return root


_TAG_PROBLEM = re.compile(r"could not determine a constructor for the tag '(?:tag:yaml\.org,2002:)?([^']*)'")


def yaml_problem(exc: yaml.YAMLError) -> str:
    """A YAML error in a person's words: what is wrong, without the parser's position dump."""
    problem = getattr(exc, "problem", None) or str(exc)
    tag = _TAG_PROBLEM.search(problem)
    if tag:
        name = tag.group(1) if tag.group(1).startswith("!") else "!!" + tag.group(1)
        return f"the tag '{name}' is not allowed (only plain values, lists and mappings are read)"
    return problem


# --- splitting --------------------------------------------------------------


def _normalise(text: str) -> str:
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _front_matter_bounds(lines: list[str]) -> int | None:
    """Index of the closing delimiter line, or None when the text has no front-matter."""
    if not lines or lines[0].rstrip() != DELIMITER:
        return None
    for index in range(1, len(lines)):
        if lines[index].rstrip() in _CLOSERS:
            return index
    return -1


def split_front_matter(text: str, path: str) -> tuple[dict[str, Any], str, int]:
    """(front-matter mapping, body, 1-based line where the body starts).

    A text without front-matter gives ``({}, text, 1)``.
    """
    text = _normalise(text)
    lines = text.split("\n")
    close = _front_matter_bounds(lines)
    if close is None:
        return {}, text, 1
    if close == -1:
        raise ArticleError("front-matter opened with '---' on line 1 is never closed", path, 1,
                           hint="add a line '---' after the last key")
    try:
        data = load_yaml("\n".join(lines[1:close]))
    except yaml.YAMLError as exc:
        # The context mark is where the broken construct began ("while parsing a
        # flow sequence"), more useful than where the parser gave up.
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        # The YAML text starts on the file's line 2; marks are 0-based.
        line = mark.line + 2 if mark is not None else 1
        raise ArticleError(f"front-matter is not valid YAML: {yaml_problem(exc)}", path, line,
                           hint="fix the YAML between the '---' lines") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ArticleError(f"front-matter must be a mapping of keys, not {type(data).__name__}", path, 2)
    return data, "\n".join(lines[close + 1:]), close + 2


# --- hashing ----------------------------------------------------------------


def _blanked(text: str) -> str | None:
    """The text with the output_sha256 value removed, or None if there is none."""
    text = _normalise(text)
    lines = text.split("\n")
    close = _front_matter_bounds(lines)
    if close is None or close == -1:
        return None
    head = "\n".join(lines[: close + 1])
    matches = list(_HASH_LINE.finditer(head))
    if not matches:
        return None
    last = matches[-1]  # ``ingest`` is the last key, output_sha256 its last field
    return text[: last.start()] + last.group(1) + text[last.end():]


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def ingest_meta(text: str) -> dict[str, Any] | None:
    """The ``ingest:`` block of an article file, or None if it has none or cannot be read."""
    try:
        data, _, _ = split_front_matter(text, "<article>")
    except ArticleError:
        return None
    meta = data.get("ingest")
    return meta if isinstance(meta, dict) else None


def is_edited(text: str) -> bool:
    """True when the file is not byte-for-byte what ingest wrote (line endings aside).

    A file without a readable ``ingest:`` block counts as edited: ingest cannot
    prove it owns it, so it must not overwrite it.
    """
    meta = ingest_meta(text)
    blanked = _blanked(text)
    if meta is None or blanked is None:
        return True
    return meta.get("output_sha256") != _sha256(blanked)


# --- dumping ----------------------------------------------------------------


def _mapping(article: Article, source_sha256: str) -> dict[str, Any]:
    # ``draft`` only when true: a published article's file says nothing of drafts.
    draft = {"draft": True} if article.draft else {}
    return {
        "title": article.title,
        **draft,
        "date": article.date.date,
        "date_confidence": article.date.confidence,
        "date_basis": article.date.basis,
        "source": {
            "file": article.source_file,
            "part": article.source_part,
            "parts": article.source_parts,
            "url": article.source_url,
            "publisher": article.publisher,
            "format": article.source_format,
        },
        "language": article.language,
        "byline": article.byline,
        "credits": list(article.credits),
        "captions": list(article.captions),
        "relayed": list(article.relayed),
        "actors": [
            {
                "id": m.id,
                "name": m.name,
                "type": m.type,
                "roles": list(m.roles),
                "discovered": m.discovered,
                "mentions": m.mentions,
                "first_paragraph": m.first_paragraph,
            }
            for m in article.actors
        ],
        "topics": list(article.topics),
        "events": [
            {
                "date": e.date,
                "precision": e.precision,
                "text": e.text,
                "actors": list(e.actors),
                "paragraph": e.paragraph,
                "planned": e.planned,
                "background": e.background,
            }
            for e in article.events
        ],
        "quotes": [
            {"speaker": q.speaker, "speaker_name": q.speaker_name, "text": q.text, "paragraph": q.paragraph}
            for q in article.quotes
        ],
        "warnings": [n.text for n in article.warnings],
        "review": [n.text for n in article.review],
        "ingest": {"generator": GENERATOR_VERSION, "source_sha256": source_sha256, "output_sha256": ""},
    }


def dump_yaml(data: dict[str, Any]) -> str:
    """``yaml.dump`` of front-matter in block style, keys in their order, no line ever folded."""
    try:
        return _write_block(data)
    except _Unusual:
        return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False,
                         width=_NO_FOLDING)


# PyYAML's Python representer costs more than all the rest of writing an article (2 ms of
# 3).  Front-matter is mappings, lists and scalars, most of them words that YAML writes as
# they are, so they are written here; a scalar that needs quotes is quoted by PyYAML itself,
# one scalar at a time, and a value shaped otherwise (a line break, a list in a list, a float)
# sends the whole mapping to PyYAML.  tests/test_frontmatter.py holds the two to the same bytes.

class _Unusual(Exception):
    """A value :func:`_write_block` leaves to PyYAML."""


#: Text libyaml writes plain in block context: starts with a letter, only characters it counts
#: printable (no C1 controls, nothing above U+FFFF, no U+FEFF, no line break U+2028/9), no ':'
#: or '#' (which make ': ' and ' #' indicators), no space at the end.
_SURELY_PLAIN = re.compile("[A-Za-z][\x20-\x22\x24-\x39\x3b-\x7e\xa0-\u2027\u202a-\ud7ff"
                           "\ue000-\ufefe\uff00-\ufffd]*(?<! )")
#: Plain words YAML 1.1 reads as something other than text, so PyYAML quotes them.
_YAML_WORDS = frozenset({"yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False",
                         "FALSE", "on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL"})
_LINE_BREAK = re.compile("[\n\r\x85\u2028\u2029]")


@lru_cache(maxsize=1 << 14)
def _quoted(text: str) -> str:
    # Quoting a one-line scalar does not depend on where it stands in a block mapping or list.
    if _LINE_BREAK.search(text):
        raise _Unusual
    out = yaml.dump(text, Dumper=_Dumper, allow_unicode=True, width=_NO_FOLDING)
    return out.removesuffix("\n...\n").removesuffix("\n")


#: As :data:`_SURELY_PLAIN` but with ':' and '#', which decide between plain and single quotes.
_PLAIN_OR_SINGLE = re.compile("[A-Za-z][\x20-\x7e\xa0-\u2027\u202a-\ud7ff"
                              "\ue000-\ufefe\uff00-\ufffd]*(?<! )")
#: Keys already known to be written plain.
_PLAIN_KEYS: set[str] = set()


def _scalar(value: Any) -> str:
    kind = type(value)
    if kind is str:
        if _SURELY_PLAIN.fullmatch(value):
            return value if value not in _YAML_WORDS else _quoted(value)
        if _PLAIN_OR_SINGLE.fullmatch(value):
            # libyaml: ': ', a final ':' and ' #' are indicators, so the text is single-quoted;
            # otherwise ':' and '#' are ordinary characters of a plain scalar.
            if ": " in value or value.endswith(":") or " #" in value:
                return "'" + value.replace("'", "''") + "'"
            return value
        return _quoted(value)
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return str(value)
    raise _Unusual


def _write_block(data: dict[str, Any]) -> str:
    if type(data) is not dict or not data:
        raise _Unusual
    out: list[str] = []
    _write_mapping(data, "", out)
    return "".join(out)


def _write_mapping(data: dict[str, Any], indent: str, out: list[str]) -> None:
    for key, value in data.items():
        if key not in _PLAIN_KEYS:
            if type(key) is not str or not _SURELY_PLAIN.fullmatch(key) or key in _YAML_WORDS:
                raise _Unusual
            _PLAIN_KEYS.add(key)
        kind = type(value)
        if kind is dict:
            if value:
                out.append(f"{indent}{key}:\n")
                _write_mapping(value, indent + "  ", out)
            else:
                out.append(f"{indent}{key}: {{}}\n")
        elif kind is list:
            if value:
                out.append(f"{indent}{key}:\n")
                _write_sequence(value, indent, out)  # PyYAML does not indent a list under its key
            else:
                out.append(f"{indent}{key}: []\n")
        else:
            out.append(f"{indent}{key}: {_scalar(value)}\n")


def _write_sequence(items: list[Any], indent: str, out: list[str]) -> None:
    for item in items:
        kind = type(item)
        if kind is dict:
            if not item:
                raise _Unusual
            first = len(out)
            _write_mapping(item, indent + "  ", out)
            out[first] = f"{indent}- {out[first][len(indent) + 2:]}"  # the first key on the dash's line
        elif kind is list:
            raise _Unusual
        else:
            out.append(f"{indent}- {_scalar(item)}\n")


def dump_article(article: Article, source_sha256: str) -> str:
    """The article file's text: front-matter in ``docs/format.md`` order, then the body."""
    head = dump_yaml(_mapping(article, source_sha256))
    draft = f"{DELIMITER}\n{head}{DELIMITER}\n{article.body}"
    blanked = _blanked(draft)
    assert blanked is not None  # we just wrote the line
    digest = _sha256(blanked)
    matches = list(_HASH_LINE.finditer(draft[: len(DELIMITER) + 1 + len(head)]))
    last = matches[-1]
    return draft[: last.start()] + f"{last.group(1)} {digest}" + draft[last.end():]


# --- loading ----------------------------------------------------------------


class _Reader:
    """Type-checked access to one mapping, with errors that name the key."""

    def __init__(self, data: dict[str, Any], path: str, line: int, prefix: str = "",
                 lines: dict[str, int] | None = None) -> None:
        self.data, self.path, self.line, self.prefix = data, path, line, prefix
        #: File line of each top-level key, so an error points at the key.
        self.lines = lines or {}

    def error(self, key: str, expected: str) -> ArticleError:
        value = self.data.get(key)
        message = f"'{self.prefix}{key}' must be {expected}, not {_SHORT.repr(value)}"
        return ArticleError(message, self.path, self.at(key))

    def text(self, key: str, default: str | None = None, *, required: bool = False) -> str:
        value = self.data.get(key)
        if value is None:
            if required or default is None:
                raise ArticleError(f"'{self.prefix}{key}' is missing", self.path, self.at(key))
            return default
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise self.error(key, "text")
        return str(value)

    def optional_text(self, key: str) -> str | None:
        return None if self.data.get(key) is None else self.text(key)

    def integer(self, key: str, default: int, minimum: int = 0) -> int:
        value = self.data.get(key, default)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise self.error(key, f"a whole number >= {minimum}")
        return value

    def flag(self, key: str) -> bool:
        value = self.data.get(key, False)
        if value is None:
            return False
        if not isinstance(value, bool):
            raise self.error(key, "true or false")
        return value

    def choice(self, key: str, choices: tuple[str, ...], default: str) -> str:
        value = self.data.get(key)
        if value is None:
            return default
        if value not in choices:
            raise self.error(key, "one of " + ", ".join(choices))
        return str(value)

    def texts(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key)
        if value is None:
            return ()
        if isinstance(value, str):  # a single item written without the list
            return (value,)
        if not isinstance(value, list) or not all(
            isinstance(v, str | int | float) and not isinstance(v, bool) for v in value
        ):
            raise self.error(key, "a list of text")
        return tuple(str(v) for v in value)

    def at(self, key: str) -> int:
        return self.lines.get(key, self.line) if not self.prefix else self.line

    def records(self, key: str, build: Callable[[_Reader], T]) -> tuple[T, ...]:
        value = self.data.get(key)
        if value is None:
            return ()
        if not isinstance(value, list):
            raise self.error(key, "a list")
        out = []
        for index, item in enumerate(value):
            if not isinstance(item, dict):
                message = f"'{self.prefix}{key}[{index}]' must be a mapping"
                raise ArticleError(message, self.path, self.at(key))
            out.append(build(_Reader(item, self.path, self.at(key), f"{self.prefix}{key}[{index}].")))
        return tuple(out)

    def sub(self, key: str) -> _Reader:
        value = self.data.get(key)
        if value is None:
            value = {}
        if not isinstance(value, dict):
            raise self.error(key, "a mapping")
        return _Reader(value, self.path, self.at(key), f"{self.prefix}{key}.")


def _iso_date(value: Any) -> Any:
    """YAML turns an unquoted 2026-01-28 into a date; the model keeps strings."""
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    return value


def _valid_day(text: str) -> bool:
    try:
        _dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _date_info(r: _Reader) -> DateInfo:
    value = _iso_date(r.data.get("date"))
    if value is not None and not (isinstance(value, str) and _DATE.fullmatch(value) and _valid_day(value)):
        raise r.error("date", "a date YYYY-MM-DD or null")
    confidence = r.choice("date_confidence", _CONFIDENCES, "high" if value else "none")
    return DateInfo(date=value, confidence=confidence, basis=r.text("date_basis", ""))  # type: ignore[arg-type]


def _mention(r: _Reader) -> Mention:
    ident = r.text("id", required=True)
    return Mention(
        id=ident,
        name=r.text("name", ident),
        type=r.choice("type", _ACTOR_TYPES, "person"),  # type: ignore[arg-type]
        roles=r.texts("roles"),
        discovered=r.flag("discovered"),
        mentions=r.integer("mentions", 1, minimum=1),
        first_paragraph=r.integer("first_paragraph", 0),
    )


def _event(r: _Reader) -> Event:
    date = _iso_date(r.data.get("date"))
    if isinstance(date, int) and not isinstance(date, bool):
        date = str(date)  # an unquoted year
    if not (isinstance(date, str) and _EVENT_DATE.fullmatch(date)):
        raise r.error("date", "YYYY, YYYY-MM or YYYY-MM-DD")
    default_precision = {4: "year", 7: "month", 10: "day"}[len(date)]
    return Event(
        date=date,
        precision=r.choice("precision", _PRECISIONS, default_precision),  # type: ignore[arg-type]
        text=r.text("text", ""),
        actors=r.texts("actors"),
        paragraph=r.integer("paragraph", 0),
        planned=r.flag("planned"),
        background=r.flag("background"),
    )


def _quote(r: _Reader) -> Quote:
    return Quote(
        speaker=r.optional_text("speaker"),
        speaker_name=r.text("speaker_name", ""),
        text=r.text("text", required=True),
        paragraph=r.integer("paragraph", 0),
    )


def load_article(text: str, path: str) -> Article:
    """Parse an article file; the slug is the file's stem.

    Missing optional keys get defaults; a value of the wrong type is an
    :class:`ArticleError` naming the key.
    """
    return load_article_and_meta(text, path)[0]


def load_article_and_meta(text: str, path: str) -> tuple[Article, dict[str, Any] | None]:
    """:func:`load_article` and :func:`ingest_meta` from one parse of the YAML."""
    data, body, _ = split_front_matter(text, path)
    meta = data.get("ingest")
    return _article(data, body, text, path), (meta if isinstance(meta, dict) else None)


def _article(data: dict[str, Any], body: str, text: str, path: str) -> Article:
    key_lines = {}
    for number, line in enumerate(_normalise(text).split("\n")[1:], start=2):
        match = _TOP_KEY.match(line)
        if match:
            key_lines.setdefault(match.group(1), number)
    r = _Reader(data, path, 1, lines=key_lines)
    source = r.sub("source")
    return Article(
        slug=Path(path).stem,
        title=r.text("title", required=True),
        date=_date_info(r),
        body=body,
        source_file=source.text("file", ""),
        source_part=source.integer("part", 1, minimum=1),
        source_parts=source.integer("parts", 1, minimum=1),
        source_url=source.optional_text("url"),
        publisher=source.optional_text("publisher"),
        source_format=source.choice("format", SOURCE_FORMATS, "text"),
        language=r.text("language", "en"),
        byline=r.optional_text("byline"),
        credits=r.texts("credits"),
        captions=r.texts("captions"),
        relayed=r.texts("relayed"),
        actors=r.records("actors", _mention),
        topics=r.texts("topics"),
        events=r.records("events", _event),
        quotes=r.records("quotes", _quote),
        warnings=tuple(map(Note.of, r.texts("warnings"))),
        review=tuple(map(Note.of, r.texts("review"))),
        draft=r.flag("draft"),
    )
