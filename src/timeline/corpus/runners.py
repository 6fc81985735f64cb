"""Running the per-article work on this machine: in this process, or on a pool of worker processes.

Both runners take batches of articles and give back each batch with its results, as they complete; the merge
state is folded here, as results arrive. A worker process that dies breaks the whole pool (that is how
``concurrent.futures`` works): the runner starts a new one and tries the batches that were in flight again,
one article at a time, so that only an article that kills its worker again is recorded as failed.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from ..config import Config
from .merge import MergeState, load_rules
from .records import Article, ArticleResult
from .worker import analyse_batch, warm_up


@dataclass(frozen=True)
class Batch:
    """Articles sent to a worker together, each with its input number."""

    items: list[tuple[int, Article]]


def died(article: Article, error: BaseException) -> ArticleResult:
    """The failed result of an article whose worker died (or whose task could not run)."""
    message = f"the worker died while analysing it ({type(error).__name__}: {error})"
    return ArticleResult.failed(article, message, "WorkerDied")


class LocalRunner:
    """``workers=0``: every article in this process; else a pool of ``workers`` processes."""

    def __init__(self, config: Config, workers: int | None = None) -> None:
        self.config = config
        self.workers = (os.cpu_count() or 1) if workers is None else workers
        self.state = MergeState()
        self._rules = load_rules()
        self._pool: ProcessPoolExecutor | None = None

    @property
    def slots(self) -> int:
        return max(1, self.workers)

    def _fold(self, results: list[ArticleResult]) -> None:
        for result in results:
            self.state.add_article(result, self._rules)

    def _new_pool(self) -> ProcessPoolExecutor:
        # spawn, not fork: the driver may hold threads (the progress bar) and an open gazetteer connection.
        context = multiprocessing.get_context("spawn")
        return ProcessPoolExecutor(self.workers, mp_context=context, initializer=warm_up, initargs=(self.config,))

    def results(self, batches: Iterator[Batch]) -> Iterator[tuple[Batch, list[ArticleResult]]]:
        if self.workers == 0:
            for batch in batches:
                results = analyse_batch([article for _, article in batch.items], self.config)
                self._fold(results)
                yield batch, results
            return
        yield from self._pooled(batches)

    def _pooled(self, batches: Iterator[Batch]) -> Iterator[tuple[Batch, list[ArticleResult]]]:
        window = 2 * self.workers
        self._pool = self._new_pool()
        pending: dict[Future, Batch] = {}
        exhausted = False
        while True:
            broken: list[Batch] = []
            while not exhausted and len(pending) < window:
                batch = next(batches, None)
                if batch is None:
                    exhausted = True
                    break
                articles = [article for _, article in batch.items]
                try:
                    pending[self._pool.submit(analyse_batch, articles, self.config)] = batch
                except BrokenProcessPool:  # a worker died since the last batch came back
                    broken.append(batch)
                    break
            if not broken:
                if not pending:
                    return
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    batch = pending.pop(future)
                    try:
                        results = future.result()
                    except BrokenProcessPool:
                        broken.append(batch)
                        continue
                    self._fold(results)
                    yield batch, results
            if broken:
                broken.extend(pending.values())  # a broken pool fails every future it holds
                pending.clear()
                yield from self._one_by_one(broken)

    def _one_by_one(self, batches: list[Batch]) -> Iterator[tuple[Batch, list[ArticleResult]]]:
        """After a worker died: a new pool, and each article of the lost batches alone."""
        self._restart()
        for batch in batches:
            for item in batch.items:
                single = Batch([item])
                assert self._pool is not None
                try:
                    results = self._pool.submit(analyse_batch, [item[1]], self.config).result()
                except BrokenProcessPool as error:
                    self._restart()
                    results = [died(item[1], error)]
                self._fold(results)
                yield single, results

    def _restart(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = self._new_pool()

    def merged(self) -> MergeState:
        return self.state

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
