"""Reading and writing TimeML: the TIMEX3 annotations of a document and the plain text they point into.

A TimeML file holds a creation time in ``<DCT>`` and the article in ``<TEXT>``, with ``<TIMEX3>`` tags around
the time expressions. Reading gives the text of TEXT with every tag removed, character for character, and the
gold expressions as offsets into it. Writing puts our own TIMEX3 tags back into the same document, so that
removing the tags again gives back exactly the same text.

Parsing goes through defusedxml (no entity expansion, no external references). Offsets come from walking the
parser's events, never from stripping tags with a regex: entity references, CDATA sections and attributes
holding ``>`` would shift a regex's offsets.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal
from xml.etree.ElementTree import ParseError

import defusedxml
import defusedxml.ElementTree as defused_etree

from .config import Config
from .errors import AnchorError, InputError, TimeMLError
from .model import Span, TimeExpression
from .temporal import find_times
from .textio import DEFAULT_MAX_BYTES, read_text

TIMEML_SUFFIXES: tuple[str, ...] = (".tml", ".xml")

MarkupKind = Literal["open", "close", "point"]


@dataclass(frozen=True, slots=True)
class Markup:
    """A piece of markup inside TEXT other than TIMEX3 (an EVENT tag, a comment...), kept when writing.

    ``offset`` is where it sits in the plain text; ``source`` is its form in the file, verbatim. For the open
    and close tags of an element, ``start`` and ``end`` are the plain-text span the element covers; a point
    (comment, processing instruction, empty element) has ``start == end == offset``.
    """

    offset: int
    source: str
    kind: MarkupKind
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class TimeMLDocument:
    """One TimeML file: its creation time, the plain text of its TEXT and the gold TIMEX3 in it.

    ``excluded`` holds the spans of creation-time TIMEX3 found inside TEXT (``tid="t0"`` or
    ``functionInDocument="CREATION_TIME"``): they are not gold and are never scored. ``head``, ``markup`` and
    ``tail`` are what ``write_timeml`` needs to give the document back: the source before TEXT's content, the
    non-TIMEX3 markup inside TEXT, and the source from TEXT's closing tag on.
    """

    name: str
    dct: str | None
    text: str
    gold: tuple[TimeExpression, ...]
    excluded: tuple[Span, ...] = ()
    head: str = "<TimeML>\n<TEXT>"
    markup: tuple[Markup, ...] = ()
    tail: str = "</TEXT>\n</TimeML>\n"

    def anchor(self, mode: str) -> str | None:
        """The date relative expressions resolve against: the DCT; in news mode a missing DCT is an error."""
        if self.dct is None and mode == "news":
            raise AnchorError(
                f"{self.name}: no creation time (<DCT>); news mode anchors on it (use --mode narrative, "
                'or add <DCT><TIMEX3 value="YYYY-MM-DD"/></DCT>)'
            )
        return self.dct


# --- reading -----------------------------------------------------------------------------------------------


def _local(tag: str) -> str:
    """The local name of an ElementTree tag (``{uri}TEXT`` -> ``TEXT``)."""
    return tag.rsplit("}", 1)[-1]


def _tag_end(data: bytes, start: int) -> int:
    """The index just after the tag that begins at ``data[start] == '<'``, skipping quoted attribute values.

    A loop over ``find`` rather than a regex: attribute values may hold ``>``, and the obvious regex for that
    nests quantifiers.
    """
    position = start + 1
    while True:
        close = data.find(b">", position)
        quotes = [i for i in (data.find(b'"', position), data.find(b"'", position)) if i >= 0]
        quote = min(quotes, default=-1)
        if quote < 0 or close < quote:
            return close + 1
        closing_quote = data.find(data[quote : quote + 1], quote + 1)
        if closing_quote < 0 or close < 0:  # cannot happen once expat has accepted the tag
            raise ValueError(f"unterminated tag at byte {start}")
        position = closing_quote + 1


_CONSTRUCT_ENDS: dict[bytes, bytes] = {b"<!--": b"-->", b"<?": b"?>"}


def _construct_end(data: bytes, start: int) -> int:
    """The index just after the comment or processing instruction that begins at ``start``."""
    for opener, closer in _CONSTRUCT_ENDS.items():
        if data.startswith(opener, start):
            return data.index(closer, start + len(opener)) + len(closer)
    raise ValueError(f"no comment or processing instruction at byte {start}")


@dataclass(slots=True)
class _OpenElement:
    """An element inside TEXT whose end tag has not been seen yet."""

    name: str
    attributes: dict[str, str]
    start: int
    markup_index: int | None  # index of its open tag in the markup list; None for TIMEX3
    empty: bool


_XML_DECLARATION_ENCODING = re.compile(
    r"""^(?P<before><\?xml[^>]*?\bencoding\s*=\s*)(?P<quote>["'])[^"']*(?P=quote)"""
)


class _Builder:
    """The parser's target: builds TEXT's plain text, its TIMEX3 spans and its other markup as events come.

    The method names are those ElementTree's XMLParser looks for on a target. Byte positions come from the
    expat parser (``CurrentByteIndex``) and index ``source``, the UTF-8 form of the document.
    """

    def __init__(self, name: str, source: bytes) -> None:
        self.name = name
        self.source = source
        self.expat: Any = None
        self.path: list[str] = []
        self.dct: str | None = None
        self.dct_seen = False
        self.text_depth: int | None = None  # depth of the TEXT element while inside it
        self.text_seen = False
        self.content_start = 0
        self.content_end = 0
        self.parts: list[str] = []
        self.length = 0
        self.open: list[_OpenElement] = []
        self.markup: list[Markup] = []
        self.timexes: list[tuple[int, int, dict[str, str]]] = []

    def _inside_text(self) -> bool:
        return self.text_depth is not None

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        name = _local(tag)
        self.path.append(name)
        if self._inside_text():
            self._start_inside(name, attributes)
        elif name == "TEXT":
            self._start_text()
        elif name == "TIMEX3" and "DCT" in self.path[:-1] and not self.dct_seen:
            self.dct_seen = True
            value = attributes.get("value", "").strip()
            self.dct = value if value and value.lower() != "null" else None

    def _start_text(self) -> None:
        if self.text_seen:
            raise TimeMLError(f"{self.name}: more than one <TEXT>")
        self.text_seen = True
        self.text_depth = len(self.path)
        self.content_start = self.content_end = _tag_end(self.source, self.expat.CurrentByteIndex)

    def _start_inside(self, name: str, attributes: dict[str, str]) -> None:
        tag_start = self.expat.CurrentByteIndex
        tag_end = _tag_end(self.source, tag_start)
        empty = self.source[tag_end - 2 : tag_end] == b"/>"
        markup_index = None
        if name != "TIMEX3":
            markup_index = len(self.markup)
            source = self.source[tag_start:tag_end].decode("utf-8")
            # An open tag's span is completed at its end tag; an empty element is a point.
            self.markup.append(
                Markup(self.length, source, "point" if empty else "open", self.length, self.length)
            )
        self.open.append(_OpenElement(name, attributes, self.length, markup_index, empty))

    def end(self, tag: str) -> None:
        if self._inside_text():
            if len(self.path) == self.text_depth:
                # For <TEXT/> expat reports the end after the tag, which is where the (empty) content starts.
                self.content_end = max(self.expat.CurrentByteIndex, self.content_start)
                self.text_depth = None
            else:
                self._end_inside(self.open.pop())
        self.path.pop()

    def _end_inside(self, element: _OpenElement) -> None:
        if element.markup_index is None:
            self.timexes.append((element.start, self.length, element.attributes))
            return
        if element.empty:
            return
        opened = self.markup[element.markup_index]
        self.markup[element.markup_index] = Markup(
            opened.offset, opened.source, "open", element.start, self.length
        )
        close_start = self.expat.CurrentByteIndex
        source = self.source[close_start : _tag_end(self.source, close_start)].decode("utf-8")
        self.markup.append(Markup(self.length, source, "close", element.start, self.length))

    def data(self, text: str) -> None:
        if self._inside_text():
            self.parts.append(text)
            self.length += len(text)

    def comment(self, _text: str) -> None:
        if self._inside_text():
            start = self.expat.CurrentByteIndex
            source = self.source[start : _construct_end(self.source, start)].decode("utf-8")
            self.markup.append(Markup(self.length, source, "point", self.length, self.length))

    def pi(self, _target: str, _text: str) -> None:
        self.comment(_text)

    def close(self) -> None:
        return None


def _is_creation_time(attributes: dict[str, str]) -> bool:
    return attributes.get("tid") == "t0" or attributes.get("functionInDocument") == "CREATION_TIME"


def _gold(text: str, timexes: Iterable[tuple[int, int, dict[str, str]]]) -> tuple[TimeExpression, ...]:
    """The scored TIMEX3: creation times are left out, and so are empty (non-consuming) ones, which no text
    could match."""
    return tuple(
        TimeExpression(
            start=start,
            end=end,
            text=text[start:end],
            type=attributes.get("type", ""),  # type: ignore[arg-type]
            value=attributes.get("value", ""),
            mod=attributes.get("mod") or None,
            rule="gold",
        )
        for start, end, attributes in timexes
        if end > start and not _is_creation_time(attributes)
    )


def parse_timeml(source: str, name: str = "<string>") -> TimeMLDocument:
    """Parse a TimeML document held in a string; ``name`` appears in errors and as the document's name."""
    # pyexpat reads a str as UTF-8 whatever the XML declaration says, so byte positions index this encoding.
    data = source.encode("utf-8")
    builder = _Builder(name, data)
    parser = defused_etree.DefusedXMLParser(target=builder)
    builder.expat = parser.parser
    try:
        parser.feed(source)
        parser.close()
    except ParseError as error:
        raise TimeMLError(f"{name}: not well-formed XML ({error})") from None
    except defusedxml.DefusedXmlException as error:
        raise TimeMLError(f"{name}: refused unsafe XML ({error})") from None
    if not builder.text_seen:
        raise TimeMLError(f"{name}: no <TEXT> element (TimeML keeps the document body in <TEXT>)")
    text = "".join(builder.parts)
    # The output is UTF-8 whatever the input declared.
    head = data[: builder.content_start].decode("utf-8")
    head = _XML_DECLARATION_ENCODING.sub(r"\g<before>\g<quote>UTF-8\g<quote>", head)
    return TimeMLDocument(
        name=name,
        dct=builder.dct,
        text=text,
        gold=_gold(text, builder.timexes),
        excluded=tuple(Span(s, e) for s, e, attributes in builder.timexes if _is_creation_time(attributes)),
        head=head,
        markup=tuple(builder.markup),
        tail=data[builder.content_end :].decode("utf-8"),
    )


def read_timeml(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> TimeMLDocument:
    """Read and parse one TimeML file; errors name the file, the document is named after the file's name."""
    path = Path(path)
    return replace(parse_timeml(read_text(path, max_bytes), str(path)), name=path.name)


def timeml_files(paths: Iterable[str | Path]) -> list[Path]:
    """The TimeML files named by ``paths``: files as given, folders expanded to their .tml/.xml files."""
    files: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in TIMEML_SUFFIXES)
            if not found:
                raise InputError(f"{path}: no TimeML files (.tml or .xml) in this folder")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise InputError(f"{path}: no such file or folder")
    return files


def output_paths(files: Sequence[Path], outdir: Path) -> list[Path]:
    """Where each input goes in ``outdir``: under its own name, never onto an input, never twice."""
    targets: list[Path] = []
    seen: dict[str, Path] = {}
    for path in files:
        target = outdir / path.name
        if path.name in seen:
            raise InputError(f"{path}: same name as {seen[path.name]}; each output keeps its input's name")
        if target.resolve() == path.resolve():
            raise InputError(f"{path}: the output would overwrite the input; choose another output folder")
        seen[path.name] = path
        targets.append(target)
    return targets


# --- writing -----------------------------------------------------------------------------------------------


def _crosses(a: int, b: int, start: int, end: int) -> bool:
    """Whether [a, b) and [start, end) overlap without one containing the other (tags could not nest)."""
    return start < a < end < b or a < start < b < end


def split_placeable(
    document: TimeMLDocument, expressions: Iterable[TimeExpression]
) -> tuple[tuple[TimeExpression, ...], tuple[TimeExpression, ...]]:
    """Split expressions into those ``write_timeml`` can tag and those it cannot.

    An expression cannot be tagged when it is empty, overlaps an expression placed before it (TIMEX3 do
    not nest) or crosses the boundary of markup kept inside TEXT (the tags would not nest). An expression
    that does not point into the document's text is a bug of the caller and raises ValueError.
    """
    elements = [(m.start, m.end) for m in document.markup if m.kind == "open"]
    placed: list[TimeExpression] = []
    refused: list[TimeExpression] = []
    for expression in sorted(expressions, key=lambda e: (e.start, -e.end)):
        if not 0 <= expression.start <= expression.end <= len(document.text):
            raise ValueError(
                f"{document.name}: expression {expression.start}-{expression.end} is outside the text"
            )
        overlaps_previous = bool(placed) and expression.start < placed[-1].end
        crosses = any(_crosses(expression.start, expression.end, s, e) for s, e in elements)
        if expression.start == expression.end or overlaps_previous or crosses:
            refused.append(expression)
        else:
            placed.append(expression)
    return tuple(placed), tuple(refused)


def _escape_text(text: str) -> str:
    # A raw carriage return would be read back as a newline: keep it as a character reference.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _escape_attribute(value: str) -> str:
    return _escape_text(value).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")


def _timex_open(tid: int, expression: TimeExpression) -> str:
    attributes = [("tid", f"t{tid}"), ("type", expression.type), ("value", expression.value)]
    if expression.mod:
        attributes.append(("mod", expression.mod))
    return "<TIMEX3 " + " ".join(f'{key}="{_escape_attribute(value)}"' for key, value in attributes) + ">"


def _open_index(markup: Sequence[Markup], low: int, high: int, start: int, end: int) -> int:
    """Where among the markup at offset ``start`` (indices low..high) the TIMEX3 open tag goes.

    Before the first element that the expression contains; markup that contains the expression, ends here, or
    is empty stays outside.
    """
    for index in range(low, high):
        item = markup[index]
        if item.kind == "open" and start < item.end < end:
            return index
    return high


def _close_index(markup: Sequence[Markup], low: int, high: int, start: int, end: int) -> int:
    """Where among the markup at offset ``end`` the TIMEX3 close tag goes: after the last element inside."""
    index = low
    for position in range(low, high):
        item = markup[position]
        if item.kind == "close" and start < item.start < end:
            index = position + 1
    return index


def write_timeml(document: TimeMLDocument, expressions: Iterable[TimeExpression]) -> str:
    """The document as TimeML with our TIMEX3 tags in TEXT in place of the original ones.

    Markup inside TEXT other than TIMEX3 is kept verbatim; the text is escaped so that, tags removed, TEXT
    reads exactly as ``document.text``. Expressions that ``split_placeable`` refuses are left out.
    """
    placed, _refused = split_placeable(document, expressions)
    markup = document.markup
    offsets = [item.offset for item in markup]
    # (offset, order) sorts inserted tags among the kept markup: a tag inserted before markup item k has
    # order 2k (closes before opens at the same place), markup item k itself has order 2k + 1.
    events: list[tuple[int, int, int, str]] = [
        (item.offset, 2 * index + 1, 0, item.source) for index, item in enumerate(markup)
    ]
    for tid, expression in enumerate(placed, start=1):
        start, end = expression.start, expression.end
        low, high = _bounds(offsets, start)
        events.append(
            (start, 2 * _open_index(markup, low, high, start, end), 1, _timex_open(tid, expression))
        )
        low, high = _bounds(offsets, end)
        events.append((end, 2 * _close_index(markup, low, high, start, end), 0, "</TIMEX3>"))
    events.sort(key=lambda event: event[:3])
    pieces = [document.head]
    position = 0
    for offset, _order, _kind, source in events:
        pieces.append(_escape_text(document.text[position:offset]))
        pieces.append(source)
        position = offset
    pieces.append(_escape_text(document.text[position:]))
    pieces.append(document.tail)
    return "".join(pieces)


def _bounds(offsets: Sequence[int], offset: int) -> tuple[int, int]:
    """The range of markup indices whose offset equals ``offset``."""
    return bisect_left(offsets, offset), bisect_right(offsets, offset)


@dataclass(frozen=True, slots=True)
class Annotated:
    """A document annotated by the engine: the TimeML to write, and the expressions it could not tag."""

    timeml: str
    expressions: tuple[TimeExpression, ...]
    refused: tuple[TimeExpression, ...]


def annotate_timeml(document: TimeMLDocument, config: Config) -> Annotated:
    """Find the time expressions of the document's text, anchored on its DCT, and tag them in its TimeML."""
    expressions = find_times(document.text, document.anchor(config.mode), config=config)
    _placed, refused = split_placeable(document, expressions)
    return Annotated(write_timeml(document, expressions), tuple(expressions), refused)
