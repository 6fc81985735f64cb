"""``build_corpus``: many articles into one merged timeline, on this machine or on a Dask cluster."""

from __future__ import annotations

import hashlib
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..config import MODES, Config
from ..errors import InputError
from ..model import Timeline
from .articles import articles_from, count_articles
from .export import CorpusTimeline, corpus_timeline, write_corpus_outputs
from .journal import Journal
from .merge import MergedIncident, MergeState, finalize, load_rules
from .records import Article, ArticleResult, DocumentRecord
from .runners import Batch, LocalRunner

# Articles per task. A task costs the driver about a millisecond with local processes and several with Dask (its
# scheduler, here or remote, handles every task); an article costs a worker around ten.
BATCH_SIZE = {"local": 8, "dask": 32}
ERRORS_KEPT = 1000  # failed records kept in memory for the caller; errors.jsonl has every one


@dataclass(frozen=True, eq=False)
class CorpusResult:
    """What ``build_corpus`` returns: the merged timeline and an account of every input article.

    ``records`` holds every article's DocumentRecord when no output folder was given (with one, they are in its
    ``documents.jsonl``); ``errors`` the first thousand failed ones (``errors.jsonl`` has them all).
    """

    corpus: CorpusTimeline
    documents: int
    done: int
    failed: int
    resumed: int
    errors: tuple[DocumentRecord, ...]
    records: tuple[DocumentRecord, ...]
    outputs: tuple[Path, ...]
    seconds: float

    @property
    def incidents(self) -> tuple[MergedIncident, ...]:
        return self.corpus.incidents

    @property
    def timeline(self) -> Timeline:
        return self.corpus.timeline

    @property
    def ok(self) -> bool:
        return self.failed == 0


def _duplicate(article: Article) -> ArticleResult:
    message = f"{article.origin}: duplicate id {article.id!r} (an earlier article has it)"
    return ArticleResult.failed(article, message, "InputError")


class _Account:
    """Counts, records and progress of a run."""

    def __init__(
        self, journal: Journal | None, bar: Any, on_progress: Callable[[int], None] | None, keep_records: bool
    ) -> None:
        self.journal = journal
        self.bar = bar
        self.on_progress = on_progress
        self.keep_records = keep_records
        self.records: dict[int, DocumentRecord] = {}
        self.errors: list[DocumentRecord] = []
        self.done = self.failed = self.resumed = 0

    def __call__(self, sequence: int, record: DocumentRecord, resumed: bool = False) -> None:
        if record.status == "done":
            self.done += 1
        else:
            self.failed += 1
            if len(self.errors) < ERRORS_KEPT:
                self.errors.append(record)
        self.resumed += resumed
        if self.journal is not None:
            self.journal.record(sequence, record)
        if self.keep_records:
            self.records[sequence] = record
        if self.bar is not None:
            self.bar.update(1)
        if self.on_progress is not None:
            self.on_progress(self.done + self.failed)


def _feed(articles: Iterator[Article], account: _Account, resumed: MergeState, batch_size: int) -> Iterator[Batch]:
    """Batches of the articles to analyse; duplicates fail, and articles an earlier run did are loaded."""
    seen: set[bytes] = set()
    rules = load_rules()
    batch: list[tuple[int, Article]] = []
    for sequence, article in enumerate(articles):
        digest = hashlib.blake2b(article.id.encode("utf-8", "surrogatepass"), digest_size=12).digest()
        if digest in seen:
            account(sequence, _duplicate(article).record)
            continue
        seen.add(digest)
        saved = account.journal.load(article.id) if account.journal is not None else None
        if saved is not None:
            resumed.add_article(saved, rules)
            account(sequence, saved.record, resumed=True)
            continue
        batch.append((sequence, article))
        if len(batch) >= batch_size:
            yield Batch(batch)
            batch = []
    if batch:
        yield Batch(batch)


def _total(documents: Any) -> int | None:
    if isinstance(documents, (str, Path)):
        return count_articles(documents)
    return len(documents) if hasattr(documents, "__len__") else None


def _bar(documents: Any, progress: bool) -> Any:
    if not progress or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(total=_total(documents), unit="article", dynamic_ncols=True, smoothing=0.05, file=sys.stderr)


def build_corpus(
    documents: str | Path | Iterable[Any],
    client: Any = None,
    *,
    workers: int | None = None,
    output: str | Path | None = None,
    resume: bool = False,
    mode: str | None = None,
    config: Config | None = None,
    formats: Sequence[str] | None = None,
    image_format: str = "png",
    progress: bool = False,
    batch_size: int | None = None,
    on_progress: Callable[[int], None] | None = None,
    merge_on_cluster: bool = False,
) -> CorpusResult:
    """One merged timeline from many articles.

    ``documents``: a folder of .txt/.html files, a .jsonl or .csv file (see ``timeline.corpus.articles``), or
    an iterable of ``Document``s or dicts (``id``, ``text``, ``published``, ``url``, ``source``).
    ``client``: a ``dask.distributed.Client`` to run on; without one, ``workers`` local processes (all cores by
    default; 0 runs everything in this process). ``output``: a folder for the outputs of ``timeline build``,
    ``documents.jsonl``, ``errors.jsonl`` and each article's result (``resume`` skips articles done there).
    ``progress`` shows a bar with articles/s and an ETA on a terminal; ``on_progress(n)`` is called after each
    article. ``merge_on_cluster`` (with a client) merges on the cluster as a tree rather than here.
    """
    config = config or Config()
    if mode is not None:
        if mode not in MODES:
            raise InputError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
        config = config.with_(mode=mode)
    if resume and output is None:
        raise InputError("resume needs an output folder (the results of the earlier run are there)")
    if batch_size is None:
        batch_size = BATCH_SIZE["dask" if client is not None else "local"]
    if batch_size < 1:
        raise InputError(f"batch_size must be at least 1, not {batch_size}")
    started = time.perf_counter()
    articles = articles_from(documents, config.max_input_bytes)
    with ExitStack() as stack:
        journal = stack.enter_context(Journal(output, config, resume)) if output is not None else None
        bar = _bar(documents, progress)
        if bar is not None:
            stack.callback(bar.close)
        account = _Account(journal, bar, on_progress, keep_records=output is None)
        if client is not None:
            from .cluster import DaskRunner

            runner: Any = DaskRunner(client, config, tree=merge_on_cluster)
        else:
            runner = LocalRunner(config, workers)
        stack.callback(runner.close)
        resumed = MergeState()
        for batch, results in runner.results(_feed(articles, account, resumed, batch_size)):
            for (sequence, _), result in zip(batch.items, results, strict=True):
                if journal is not None:
                    journal.save(result)
                account(sequence, result.record)
        total = account.done + account.failed
        if total == 0:
            raise InputError(f"{documents if isinstance(documents, (str, Path)) else 'documents'}: no articles")
        state = runner.merged().absorb(resumed)
        notes = [f"{account.resumed} article(s) done by an earlier run"] if account.resumed else []
        corpus = corpus_timeline(
            finalize(state), state.places, state.place_documents, account.done, account.failed, notes
        )
        outputs: list[Path] = []
        if output is not None:
            outputs = write_corpus_outputs(corpus, output, formats, image_format)
    return CorpusResult(
        corpus=corpus,
        documents=total,
        done=account.done,
        failed=account.failed,
        resumed=account.resumed,
        errors=tuple(account.errors),
        records=tuple(account.records[n] for n in sorted(account.records)),
        outputs=tuple(outputs) + ((Path(output) / "documents.jsonl", Path(output) / "errors.jsonl") if output else ()),
        seconds=time.perf_counter() - started,
    )
