"""The run's journal in the output folder: one result file per done article, documents.jsonl and errors.jsonl.

- ``articles/ab/abcdef....json``: the result of a done article (its record, places and incidents), written to a
  temporary name and renamed, so a file that exists is whole. ``--resume`` reads these instead of analysing
  the articles again; failed articles are tried again.
- ``articles/run.json``: the settings the results were made with; resuming with other settings is refused.
- ``documents.jsonl`` and ``errors.jsonl``: written line by line to temporary names, in input order, and renamed
  when the run ends, so they always describe a whole run.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import IO, Any

from .. import __version__
from ..config import Config
from ..errors import ExportError, InputError
from .records import ArticleResult, DocumentRecord, article_key

RESULTS = "articles"
DOCUMENTS = "documents.jsonl"
ERRORS = "errors.jsonl"


def _signature(config: Config) -> dict[str, Any]:
    return {"format": 1, "timeline": __version__, "mode": config.mode, "day_first": config.day_first}


def _write_atomic(path: Path, data: bytes) -> None:
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
        raise


class Journal:
    """Where results go as they arrive. Use as a context manager: leaving it on an exception keeps the result
    files (for ``--resume``) and removes the half-written documents/errors files."""

    def __init__(self, folder: str | Path, config: Config, resume: bool = False) -> None:
        from ..export import prepare_folder

        self.folder = prepare_folder(folder)
        self.results = self.folder / RESULTS
        self.resume = resume
        try:
            self.results.mkdir(exist_ok=True)
            self._check_settings(config)
        except OSError as error:
            raise ExportError(f"{self.results}: cannot write ({error.strerror})") from None
        self._streams: dict[str, tuple[IO[str], Path]] = {}
        self._next = 0
        self._waiting: dict[int, DocumentRecord] = {}

    def _check_settings(self, config: Config) -> None:
        path = self.results / "run.json"
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
        _write_atomic(path, (json.dumps(wanted) + "\n").encode("utf-8"))

    def __enter__(self) -> Journal:
        for name in (DOCUMENTS, ERRORS):
            try:
                descriptor, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=self.folder)
            except OSError as error:
                raise ExportError(f"{self.folder / name}: cannot write ({error.strerror})") from None
            self._streams[name] = (os.fdopen(descriptor, "w", encoding="utf-8"), Path(temporary))
        return self

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        for name, (stream, temporary) in self._streams.items():
            stream.close()
            if kind is None:
                os.chmod(temporary, 0o644)
                os.replace(temporary, self.folder / name)
            else:
                temporary.unlink(missing_ok=True)
        self._streams.clear()

    # --- per-article results ----------------------------------------------------------------------------

    def _path(self, document_id: str) -> Path:
        key = article_key(document_id)
        return self.results / key[:2] / f"{key}.json"

    def load(self, document_id: str) -> ArticleResult | None:
        """The saved result of an article done by an earlier run (``--resume`` only), else None."""
        if not self.resume:
            return None
        path = self._path(document_id)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            result = ArticleResult.from_dict(data)
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError):
            return None  # unreadable (written by another version): analyse the article again
        return result if result.record.id == document_id else None

    def save(self, result: ArticleResult) -> None:
        """Keep a done article's result (atomically)."""
        if not result.done:
            return
        path = self._path(result.record.id)
        try:
            path.parent.mkdir(exist_ok=True)
            _write_atomic(path, json.dumps(result.to_dict(), ensure_ascii=False).encode("utf-8"))
        except OSError as error:
            raise ExportError(f"{path}: cannot write ({error.strerror})") from None

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
