"""The run's journal in the output folder: the result of every done article, documents.jsonl and errors.jsonl.

- ``journal/results-*.jsonl``: one line per done article (its record, places and incidents), appended with a
  single write as soon as the article is done; each run appends to a file of its own. A line that does not end
  in a newline or does not parse (the run was killed while writing it) is ignored, so a result is either whole
  or absent. ``--resume`` reads these lines instead of analysing the articles again (failed articles are tried
  again). One file per run rather than one per article: a million small files would cost more than the
  analysis, on most file systems.
- ``journal/run.json``: the settings the results were made with; resuming with other settings is refused.
- ``documents.jsonl`` and ``errors.jsonl``: written line by line to temporary names, in input order, and renamed
  when the run ends, so they always describe a whole run.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
import uuid
from pathlib import Path
from typing import IO, Any

from .. import __version__
from ..config import Config
from ..errors import ExportError, InputError
from ..textio import write_bytes_atomic
from .records import ArticleResult, DocumentRecord

JOURNAL = "journal"
DOCUMENTS = "documents.jsonl"
ERRORS = "errors.jsonl"
_RESULTS_GLOB = "results-*.jsonl"


def _signature(config: Config) -> dict[str, Any]:
    return {"format": 2, "timeline": __version__, "mode": config.mode, "day_first": config.day_first}


def _result_id(line: bytes) -> str | None:
    """The document id of a journal line, or None for a line that is not a whole result."""
    if not line.endswith(b"\n"):
        return None
    try:
        data = json.loads(line)
        return str(data["record"]["id"]) if data.get("record", {}).get("status") == "done" else None
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


class Journal:
    """Where results go as they arrive. Use as a context manager: leaving it on an exception keeps the results
    (for ``--resume``) and removes the half-written documents/errors files."""

    def __init__(self, folder: str | Path, config: Config, resume: bool = False) -> None:
        from ..export import prepare_folder

        self.folder = prepare_folder(folder)
        self.journal = self.folder / JOURNAL
        self.resume = resume
        try:
            self.journal.mkdir(exist_ok=True)
            self._check_settings(config)
            if not resume:
                for old in self.journal.glob(_RESULTS_GLOB):
                    old.unlink()
        except OSError as error:
            raise ExportError(f"{self.journal}: cannot write ({error.strerror})") from None
        self._done: dict[str, tuple[Path, int, int]] = self._index() if resume else {}
        self._results: int | None = None
        # A file of this run's own: a torn last line of an earlier run never runs into a new one.
        self._results_path = self.journal / f"results-{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:12]}.jsonl"
        self._streams: dict[str, tuple[IO[str], Path]] = {}
        self._next = 0
        self._waiting: dict[int, DocumentRecord] = {}

    def _check_settings(self, config: Config) -> None:
        path = self.journal / "run.json"
        wanted = _signature(config)
        if self.resume and path.exists():
            try:
                found = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError):
                found = None
            if found != wanted:
                raise InputError(
                    f"{self.folder}: the results there were made with other settings ({found}); "
                    "run without --resume to start again"
                )
        write_bytes_atomic(path, (json.dumps(wanted) + "\n").encode("utf-8"))

    def _index(self) -> dict[str, tuple[Path, int, int]]:
        """Where the whole result of each done article is: id -> (file, offset, length)."""
        index: dict[str, tuple[Path, int, int]] = {}
        for path in sorted(self.journal.glob(_RESULTS_GLOB)):
            offset = 0
            with path.open("rb") as stream:
                for line in stream:
                    identifier = _result_id(line)
                    if identifier is not None:
                        index[identifier] = (path, offset, len(line))
                    offset += len(line)
        return index

    @property
    def resumable(self) -> int:
        """How many articles an earlier run did (``--resume`` only)."""
        return len(self._done)

    def __enter__(self) -> Journal:
        for name in (DOCUMENTS, ERRORS):
            try:
                descriptor, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=self.folder)
            except OSError as error:
                raise ExportError(f"{self.folder / name}: cannot write ({error.strerror})") from None
            self._streams[name] = (os.fdopen(descriptor, "w", encoding="utf-8"), Path(temporary))
        return self

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        if self._results is not None:
            os.close(self._results)
            self._results = None
        for name, (stream, temporary) in self._streams.items():
            stream.close()
            if kind is None:
                os.chmod(temporary, 0o644)
                os.replace(temporary, self.folder / name)
            else:
                temporary.unlink(missing_ok=True)
        self._streams.clear()

    # --- per-article results ----------------------------------------------------------------------------

    def load(self, document_id: str) -> ArticleResult | None:
        """The saved result of an article an earlier run did (``--resume`` only), else None."""
        where = self._done.get(document_id)
        if where is None:
            return None
        path, offset, length = where
        try:
            with path.open("rb") as stream:
                stream.seek(offset)
                result = ArticleResult.from_dict(json.loads(stream.read(length)))
        except (OSError, ValueError, KeyError, TypeError):
            return None  # unreadable after all: analyse the article again
        return result if result.record.id == document_id else None

    def save(self, result: ArticleResult) -> None:
        """Append a done article's result to this run's results file, in one write."""
        if not result.done:
            return
        line = (json.dumps(result.to_dict(), ensure_ascii=False) + "\n").encode("utf-8")
        try:
            if self._results is None:
                flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_EXCL
                self._results = os.open(self._results_path, flags, 0o644)
            view = memoryview(line)
            while view:
                view = view[os.write(self._results, view) :]
        except OSError as error:
            raise ExportError(f"{self.journal}: cannot write ({error.strerror})") from None

    # --- documents.jsonl and errors.jsonl, in input order -------------------------------------------------

    def record(self, sequence: int, record: DocumentRecord) -> None:
        """The record of input article number ``sequence`` (0-based); lines are written in input order."""
        self._waiting[sequence] = record
        while self._next in self._waiting:
            ready = self._waiting.pop(self._next)
            self._write(DOCUMENTS, ready.to_dict())
            if ready.status == "failed":
                self._write(ERRORS, ready.error_dict())
            self._next += 1

    def _write(self, name: str, data: dict[str, Any]) -> None:
        stream, _ = self._streams[name]
        try:
            stream.write(json.dumps(data, ensure_ascii=False) + "\n")
        except OSError as error:
            raise ExportError(f"{self.folder / name}: cannot write ({error.strerror})") from None
