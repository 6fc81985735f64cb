"""Corpus inputs, read as streams: a folder of .txt/.html files, a JSON Lines file, a CSV file (or gzip of either).

- A folder: every ``.txt``/``.text``/``.html``/``.htm``/``.xhtml``/``.shtml`` file under it (sorted, hidden files
  skipped). The worker reads each one as ``timeline build`` does (publication date from HTML metadata, a
  dateline or a date line). A sidecar JSON file beside it (``a.txt.json`` or ``a.json``) can give ``id``,
  ``published``, ``url``, ``source`` and ``title``; the id is otherwise the file's path under the folder
  without its suffix.
- JSON Lines: one object per line with ``text`` and optionally ``id``, ``published``, ``url``, ``source``,
  ``title``. An id defaults to ``FILE:LINE``.
- CSV: a header row with a ``text`` column and optionally the same other columns.

Only the current article is held in memory. A line or row that cannot be read becomes an Article with a
``problem`` (it will be reported as failed), so that nothing in the input is skipped silently.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from ..errors import InputError
from ..model import Document
from .records import Article

TEXT_SUFFIXES = (".txt", ".text", ".html", ".htm", ".xhtml", ".shtml")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
CSV_SUFFIXES = (".csv",)
FIELDS = ("id", "text", "published", "url", "source", "title")
# A JSON line or CSV field above this is refused unread (``build_corpus`` passes ``Config.max_input_bytes``, the
# limit of every input file; a corpus file as a whole has none: it is read as a stream).
MAX_RECORD_BYTES = 32 * 1024 * 1024


def input_kind(path: Path) -> str:
    """``folder``, ``jsonl`` or ``csv``; an InputError for anything else."""
    if path.is_dir():
        return "folder"
    if not path.exists():
        raise InputError(f"{path}: no such file or folder")
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    last = suffixes[-1] if suffixes else ""
    if last in JSONL_SUFFIXES:
        return "jsonl"
    if last in CSV_SUFFIXES:
        return "csv"
    raise InputError(
        f"{path}: a corpus is a folder of .txt/.html files, a JSON Lines file (.jsonl) or a CSV file (.csv), "
        "optionally gzipped"
    )


def _open_binary(path: Path) -> IO[bytes]:
    try:
        return gzip.open(path, "rb") if path.suffix.lower() == ".gz" else open(path, "rb")
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})") from None


# --- folders ------------------------------------------------------------------------------------------------


def _walk(folder: Path) -> Iterator[Path]:
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as error:
        raise InputError(f"{folder}: cannot list the folder ({error.strerror})") from None
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(Path(entry.path))
        elif Path(entry.name).suffix.lower() in TEXT_SUFFIXES:
            yield Path(entry.path)


def _sidecar(path: Path) -> tuple[dict[str, Any], str | None]:
    """The metadata of the sidecar beside ``path`` ({} when there is none) and a problem reading it."""
    for candidate in (path.with_name(path.name + ".json"), path.with_suffix(".json")):
        if not candidate.is_file():
            continue
        try:
            data = json.loads(candidate.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            return {}, f"{candidate}: the sidecar is not readable JSON ({error})"
        if not isinstance(data, dict):
            return {}, f"{candidate}: the sidecar must be a JSON object"
        return data, None
    return {}, None


def _folder_articles(folder: Path, limit: int) -> Iterator[Article]:  # each file: read_source checks its size
    for path in _walk(folder):
        meta, problem = _sidecar(path)
        relative = path.relative_to(folder).with_suffix("").as_posix()
        yield Article(
            id=_text(meta.get("id")) or relative,
            origin=str(path),
            path=None if problem else str(path),
            published=_text(meta.get("published")) or None,
            url=_text(meta.get("url")),
            source=_text(meta.get("source")),
            title=_text(meta.get("title")),
            problem=problem,
        )


# --- JSON Lines and CSV -------------------------------------------------------------------------------------


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _has_surrogates(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _record_article(record: dict[str, Any], default_id: str, origin: str) -> Article:
    identifier = _text(record.get("id")) or default_id
    text = record.get("text")
    problem = None
    if not isinstance(text, str):
        problem = f"{origin}: no 'text' (a string) in the record"
        text = None
    elif _has_surrogates(text) or any(_has_surrogates(_text(record.get(k))) for k in FIELDS):
        problem = f"{origin}: not UTF-8 text"
        text = None
    return Article(
        id=identifier if not _has_surrogates(identifier) else default_id,
        origin=origin,
        text=text,
        published=_text(record.get("published")) or None,
        url=_text(record.get("url")),
        source=_text(record.get("source")),
        title=_text(record.get("title")),
        problem=problem,
    )


def _lines(stream: IO[bytes], limit: int = MAX_RECORD_BYTES) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line) for each line; None for a line above ``limit`` bytes (skipped without keeping it)."""
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while True:  # skip the rest of the line in bounded pieces
                rest = stream.readline(limit)
                if not rest or rest.endswith(b"\n"):
                    break
            yield number, None
            continue
        yield number, line


def _jsonl_articles(path: Path, limit: int) -> Iterator[Article]:
    name = path.name
    with _open_binary(path) as stream:
        for number, line in _lines(stream, limit):
            origin, default_id = f"{path}:{number}", f"{name}:{number}"
            if line is None:
                yield Article(default_id, origin, problem=f"{origin}: the line is above {limit:,} bytes")
                continue
            if not line.strip():
                continue
            try:
                record = json.loads(line.decode("utf-8", errors="surrogateescape"))
            except (json.JSONDecodeError, UnicodeDecodeError) as error:
                yield Article(default_id, origin, problem=f"{origin}: not a JSON object ({error.msg})")
                continue
            if not isinstance(record, dict):
                yield Article(default_id, origin, problem=f"{origin}: not a JSON object")
                continue
            yield _record_article(record, default_id, origin)


def _csv_reader(path: Path, stream: IO[bytes]) -> tuple[csv.DictReader, io.TextIOWrapper]:
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="surrogateescape", newline="")
    reader = csv.DictReader(text)
    try:
        header = reader.fieldnames
    except csv.Error as error:
        raise InputError(f"{path}: not a CSV file ({error})") from None
    if not header or "text" not in [h.strip() for h in header]:
        raise InputError(f"{path}: the CSV needs a header row with a 'text' column (and id, published, ...)")
    reader.fieldnames = [h.strip() for h in header]
    return reader, text


def _csv_articles(path: Path, limit: int) -> Iterator[Article]:
    csv.field_size_limit(limit)
    name = path.name
    with _open_binary(path) as stream:
        reader, _ = _csv_reader(path, stream)
        row_number = 0
        while True:
            row_number += 1
            line = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                origin = f"{path}:{line}"
                yield Article(f"{name}:row{row_number}", origin, problem=f"{origin}: not a CSV row ({error})")
                continue
            origin = f"{path}:{line}"
            yield _record_article(row, f"{name}:row{row_number}", origin)


_READERS = {"folder": _folder_articles, "jsonl": _jsonl_articles, "csv": _csv_articles}


def read_articles(path: str | Path, max_record_bytes: int = MAX_RECORD_BYTES) -> Iterator[Article]:
    """The articles of a corpus folder or file, one at a time. Errors about the input as a whole (missing,
    unknown kind, a CSV without a text column) are raised before the first article."""
    path = Path(path)
    kind = input_kind(path)
    if kind == "csv":
        with _open_binary(path) as stream:
            _csv_reader(path, stream)  # check the header now, not when the first article is wanted
    return _READERS[kind](path, max_record_bytes)


def count_articles(path: str | Path) -> int:
    """How many articles ``read_articles`` will give (one pass over the input; no text is kept)."""
    path = Path(path)
    kind = input_kind(path)
    if kind == "folder":
        return sum(1 for _ in _walk(path))
    if kind == "jsonl":
        with _open_binary(path) as stream:
            return sum(1 for _, line in _lines(stream) if line is None or line.strip())
    csv.field_size_limit(MAX_RECORD_BYTES)
    count = 0
    with _open_binary(path) as stream:
        reader, _ = _csv_reader(path, stream)
        while True:
            try:
                next(reader)
            except StopIteration:
                return count
            except csv.Error:
                pass  # counted: read_articles reports it as a failed article
            count += 1


def _from_object(item: Any, number: int) -> Article:
    origin = f"documents[{number}]"
    if isinstance(item, Article):
        return item
    if isinstance(item, Document):
        return Article(
            id=item.id or f"document-{number}",
            origin=origin,
            text=item.text,
            published=item.published,
            url=item.url,
            source=item.source,
            title=item.title,
        )
    if isinstance(item, dict):
        return _record_article(item, f"document-{number}", origin)
    raise InputError(f"{origin}: a corpus holds Documents or dicts with 'text', not {type(item).__name__}")


def articles_from(documents: str | Path | Iterable[Any], max_record_bytes: int = MAX_RECORD_BYTES) -> Iterator[Article]:
    """Articles from a path (see :func:`read_articles`) or from Documents, dicts or Articles."""
    if isinstance(documents, (str, Path)):
        return read_articles(documents, max_record_bytes)
    if isinstance(documents, (Document, dict)):
        raise InputError("build_corpus() needs an iterable of documents, not one document")
    return (_from_object(item, number) for number, item in enumerate(documents, 1))
