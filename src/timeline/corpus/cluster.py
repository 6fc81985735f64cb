"""Running corpus mode on Dask: a local cluster (``--workers N``) or a distributed one (``--scheduler ADDRESS``).

Articles go to the workers in batches, and each batch's results come back to the driver, which writes them to
the journal and folds them into the merge state (a few dictionary look-ups per report: the driver keeps up with
thousands of workers). With ``tree=True`` the merge runs on the cluster instead: each batch's state stays on its
worker and states are combined as a tree there (the merge is associative, see ``merge.py``); only the root comes
back.

A worker that dies loses nothing: Dask runs its tasks again elsewhere; a batch Dask gives up on
(``KilledWorker``) is tried again one article at a time, and an article that kills its worker again is recorded
as failed. A worker plugin loads the gazetteer and the rule tables once per worker, when it starts.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from distributed import Client, LocalCluster, as_completed
from distributed.diagnostics.plugin import WorkerPlugin

from ..config import Config
from ..errors import InputError, TimelineError
from .merge import MergeState, combine, load_rules, state_of
from .records import ArticleResult
from .runners import Batch, died
from .worker import analyse_batch, warm_up

FAN_IN = 4
CONNECT_TIMEOUT = "20s"


class WarmUpPlugin(WorkerPlugin):
    """Loads the gazetteer, rule tables and lexicons into each worker when it starts (and when it restarts)."""

    name = "timeline-warm-up"

    def __init__(self, config: Config | None = None) -> None:
        self.config = config

    def setup(self, worker: Any) -> None:
        warm_up(self.config)


def register_warm_up(client: Client, config: Config | None = None) -> None:
    plugin = WarmUpPlugin(config)
    register = getattr(client, "register_plugin", None) or client.register_worker_plugin
    register(plugin)


@contextmanager
def local_client(workers: int, config: Config | None = None) -> Iterator[Client]:
    """A Dask client on a new local cluster of ``workers`` single-threaded worker processes."""
    if workers < 1:
        raise InputError(f"--workers must be at least 1, not {workers}")
    cluster = LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.CRITICAL,  # a worker death is reported per article, in errors.jsonl
    )
    try:
        with Client(cluster) as client:
            register_warm_up(client, config)
            yield client
    finally:
        cluster.close()


@contextmanager
def remote_client(address: str) -> Iterator[Client]:
    """A Dask client on the scheduler at ``address`` (``tcp://host:8786``)."""
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as error:
        raise InputError(f"cannot reach the Dask scheduler at {address} ({error})") from None
    try:
        yield client
    finally:
        client.close()


class DaskRunner:
    """Analyses batches on a Dask cluster; merges their results here, or on the cluster as a tree."""

    def __init__(self, client: Client, config: Config, tree: bool = False, fan_in: int = FAN_IN) -> None:
        self.client = client
        self.config = config
        self.tree = tree
        self.fan_in = fan_in
        self.state = MergeState()
        self._rules = load_rules()
        self._levels: list[list[Any]] = []
        register_warm_up(client, config)

    @property
    def slots(self) -> int:
        return max(1, sum(self.client.nthreads().values()))

    def results(self, batches: Iterator[Batch]) -> Iterator[tuple[Batch, list[ArticleResult]]]:
        window = 2 * self.slots
        pending = as_completed()
        batch_of: dict[str, Batch] = {}

        def submit(batch: Batch) -> None:
            articles = [article for _, article in batch.items]
            future = self.client.submit(analyse_batch, articles, self.config, pure=False)
            batch_of[future.key] = batch
            pending.add(future)

        def refill() -> None:
            while len(batch_of) < window:
                batch = next(batches, None)
                if batch is None:
                    return
                submit(batch)

        refill()
        for future in pending:
            batch = batch_of.pop(future.key)
            try:
                results = future.result()
            except Exception as error:  # a worker died (KilledWorker) or the task could not run
                if len(batch.items) > 1:
                    for item in batch.items:  # once more, one by one, to find the article that kills workers
                        submit(Batch([item]))
                else:
                    yield batch, [died(batch.items[0][1], error)]
                refill()
                continue
            if self.tree:
                self._reduce(self.client.submit(state_of, future, pure=False, retries=2), 0)
            else:
                for result in results:
                    self.state.add_article(result, self._rules)
            del future
            yield batch, results
            refill()

    def _reduce(self, future: Any, level: int) -> None:
        while len(self._levels) <= level:
            self._levels.append([])
        self._levels[level].append(future)
        if len(self._levels[level]) >= self.fan_in:
            group, self._levels[level] = self._levels[level], []
            self._reduce(self.client.submit(combine, *group, pure=False, retries=2), level + 1)

    def merged(self) -> MergeState:
        if not self.tree:
            return self.state
        remaining = [future for level in self._levels for future in level]
        self._levels = []
        if not remaining:
            return MergeState()
        while len(remaining) > 1:
            remaining = [
                self.client.submit(combine, *remaining[i : i + self.fan_in], pure=False, retries=2)
                for i in range(0, len(remaining), self.fan_in)
            ]
        try:
            return remaining[0].result()
        except Exception as error:
            raise TimelineError(
                f"the merge on the cluster failed ({type(error).__name__}: {error}); every article's result is "
                "saved: run again with --resume to merge them here"
            ) from None

    def close(self) -> None:
        self._levels = []
