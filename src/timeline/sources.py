"""Input documents: plain text or HTML pages saved from news sites, and their publication date.

The publication date comes from ``--published`` when given, else from the page's metadata (HTML), else from a
dateline (``MOSCOW, July 14, 2014 -``) or a short date line among the first lines (``Published 14 July 2014``).
When none is found the caller is told to pass one: relative dates ("on Sunday") cannot be resolved without it.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from .config import Config
from .errors import AnchorError, DecodeError, InputError, InputTooLarge
from .htmlclean import clean_html
from .model import Document
from .textio import decode, looks_binary, read_bytes

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
_HTML_START = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*(?:<!--.{0,200}?-->\s*)?<(?:!doctype\s+html|html|head|meta|body)\b", re.I
)
_META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s{0,4}=\s{0,4}[\"']?(?P<charset>[A-Za-z0-9_.:-]{1,40})", re.I)
DATE_LINES = 5
DATE_LINE_MAX = 80
# The limits are Config's: a file above config.max_input_bytes is refused before it is read, and an article text
# above config.max_article_chars after decoding or extraction. MAX_TEXT_CHARS is the default of the latter.
MAX_TEXT_CHARS = Config().max_article_chars


@dataclass(frozen=True, slots=True)
class Source:
    """A document and where its publication date came from (``--published``, ``HTML metadata``, ``dateline``,
    ``date line``), for the run's notes."""

    document: Document
    published_from: str | None = None


def parse_published(value: str | date | datetime | None, name: str = "--published") -> str | None:
    """An ISO date (``YYYY-MM-DD``) from a user's value, or an AnchorError that says what is wrong."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    try:
        return date.fromisoformat(text[:10]).isoformat() if len(text) >= 10 else date.fromisoformat(text).isoformat()
    except ValueError:
        raise AnchorError(f"{name}: {text!r} is not a date (use YYYY-MM-DD, e.g. 2014-07-14)") from None


def is_html(path: Path, data: bytes) -> bool:
    return path.suffix.lower() in HTML_SUFFIXES or bool(_HTML_START.match(data[:1024]))


def _check_text(data: bytes, name: str) -> None:
    if not data.strip():
        raise InputError(f"{name}: the file is empty")
    if looks_binary(data):
        raise DecodeError(f"{name}: looks like a binary file, not text or HTML")


def _decode_html(data: bytes, name: str) -> str:
    """A page in the charset its ``<meta>`` declares, else UTF-8, else the one detected."""
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        try:
            codec = codecs.lookup(declared["charset"].decode("ascii")).name
            # A page that could say <meta charset=utf-16> is ASCII-compatible: HTML reads it as UTF-8.
            if not codec.startswith(("utf-16", "utf-32")):
                return data.decode(codec)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration is common: detection below decides
    return decode(data, name, detect=True)


def _html_document(data: bytes, name: str, stem: str) -> tuple[Document, str | None]:
    import trafilatura
    from htmldate import find_date

    html = _decode_html(data, name)
    cleaned = clean_html(html)  # no script, style or hidden element becomes article text
    extracted = trafilatura.bare_extraction(cleaned, with_metadata=True) if cleaned is not None else None
    text = (getattr(extracted, "text", None) or "").strip() if extracted is not None else ""
    if not text:
        raise InputError(f"{name}: no article text found in the HTML")
    # Metadata only (no guessing from the text): a date in the body is an event date, not a publication date.
    published = find_date(html, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    document = Document(
        text=text + "\n",
        id=stem,
        published=published,
        source=getattr(extracted, "sitename", None) or getattr(extracted, "hostname", None) or name,
        url=getattr(extracted, "url", None) or "",
        title=getattr(extracted, "title", None) or "",
    )
    return document, "HTML metadata" if published else None


def dateline_date(text: str) -> tuple[str, str] | None:
    """A full date in a dateline or on a short line among the first lines, and which of the two it was."""
    from .incidents.text import dateline_spans
    from .temporal import find_times

    for start, end in dateline_spans(text)[:1]:
        found = _full_date(find_times(text[start:end], None, mode="narrative"))
        if found:
            return found, "dateline"
    lines = [line for line in text.splitlines() if line.strip()][:DATE_LINES]
    for line in lines:
        if len(line) <= DATE_LINE_MAX and not line.rstrip().endswith((".", "!", "?")):
            found = _full_date(find_times(line, None, mode="narrative"))
            if found:
                return found, "date line"
    return None


def _full_date(expressions: tuple) -> str | None:
    for expression in expressions:
        if expression.type in ("DATE", "TIME") and re.fullmatch(r"\d{4}-\d{2}-\d{2}(?:T.*)?", expression.value):
            return expression.value[:10]
    return None


def _title(text: str) -> str:
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return first if len(first) <= 160 and not first.endswith((".", "!", "?")) else ""


def read_source(path: str | Path, published: str | date | None = None, config: Config | None = None) -> Source:
    """Read a text or HTML file into a Document with its publication date.

    Raises InputError (empty, binary, no article text, too large, unreadable) and AnchorError (a ``published``
    that is not a date, or no publication date anywhere).
    """
    config = config or Config()
    path = Path(path)
    name = str(path)
    data = read_bytes(path, config.max_input_bytes)
    _check_text(data, name)
    given = parse_published(published)
    if is_html(path, data):
        document, found_in = _html_document(data, name, path.stem)
    else:
        text = decode(data, name, detect=True)
        document, found_in = Document(text=text, id=path.stem, source=path.name, title=_title(text)), None
    if len(document.text) > config.max_article_chars:
        raise InputTooLarge(
            f"{name}: {len(document.text):,} characters of text is more than an article "
            f"(the limit is {config.max_article_chars:,}); split it into articles, or raise --max-article-chars"
        )
    if given:
        return Source(replace(document, published=given), "--published")
    if document.published:
        return Source(document, found_in)
    if config.mode == "news":
        found = dateline_date(document.text)
        if found is None:
            raise AnchorError(
                f"{name}: no publication date found (no HTML metadata, dateline or date line); "
                "give it with --published YYYY-MM-DD"
            )
        return Source(replace(document, published=found[0]), found[1])
    return Source(document, None)
