"""Corpus mode: articles/s with 1 worker and with 2 workers on one corpus, in one run; their ratio; peak memory.

    python benchmarks/corpus_scaling.py [--articles 2400] [--filler 20] [--repeats 3] [--json results.json]

A corpus of generated articles (``timeline.corpus.generate``: known incidents, dates relative to each article's
publication date, duplicates across outlets) is written as JSON Lines, then built with ``build_corpus``:

- on a local Dask cluster of 1 worker and on one of 2 workers (``timeline corpus --workers N``), both started
  and warmed before the clock starts;
- with 1 and with 2 local worker processes (the default of ``timeline corpus``), the pool's start included.

Runs come in pairs (1 worker, then 2), ``--repeats`` pairs of each kind. On a machine others use too, a 2-worker
run cannot be twice as fast when it is given one core: so around each pair the benchmark measures what the
machine allows, the speed-up of two processes running a busy loop together over one alone, and reports the
pair's speed-up, that machine speed-up and their ratio (the efficiency). Each run also reports the CPU
seconds the driver and the workers spent per article, which other programs do not change, and the cores they
kept busy on average. Each run writes the journal, documents.jsonl, errors.jsonl, timeline.json and
incidents.csv (not the charts: they draw the 40 most-reported incidents, a fixed cost). Memory is the resident
set of the driver and of its child processes (workers, nannies), sampled every 50 ms. The merge is scored
against the generator's truth as well.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psutil

from timeline.corpus import build_corpus
from timeline.corpus.cluster import local_client
from timeline.corpus.generate import generate, score_merge

FORMATS = ["json", "csv"]


class Monitor:
    """Peak resident memory and CPU time of this process and of its children, sampled in a thread."""

    def __init__(self, interval: float = 0.05) -> None:
        self.interval = interval
        self.driver = 0
        self.total = 0
        self.worker = 0
        self._me = psutil.Process()
        self._cpu_start = self._cpu(self._me)
        self._children_start: dict[int, float] = {}
        self._children_last: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    @staticmethod
    def _cpu(process: psutil.Process) -> float:
        times = process.cpu_times()
        return times.user + times.system

    def _sample(self) -> None:
        driver = self._me.memory_info().rss
        total = driver
        for child in self._me.children(recursive=True):
            try:
                rss, cpu = child.memory_info().rss, self._cpu(child)
            except psutil.Error:
                continue
            self.worker = max(self.worker, rss)
            total += rss
            self._children_start.setdefault(child.pid, cpu)
            self._children_last[child.pid] = cpu
        self.driver = max(self.driver, driver)
        self.total = max(self.total, total)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(self.interval)

    def __enter__(self) -> Monitor:
        self._sample()
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()
        self.driver_cpu = self._cpu(self._me) - self._cpu_start
        self.workers_cpu = sum(self._children_last[p] - self._children_start[p] for p in self._children_last)


def _timed(run: Callable[[], Any]) -> tuple[Any, float, Monitor]:
    with Monitor() as monitor:
        started = time.perf_counter()
        result = run()
        seconds = time.perf_counter() - started
    return result, seconds, monitor


def _row(label: str, workers: int, articles: int, seconds: float, monitor: Monitor) -> dict[str, Any]:
    return {
        "run": label,
        "workers": workers,
        "articles": articles,
        "seconds": round(seconds, 2),
        "articles_per_second": round(articles / seconds, 1),
        "driver_cpu_ms_per_article": round(1000 * monitor.driver_cpu / articles, 2),
        "workers_cpu_ms_per_article": round(1000 * monitor.workers_cpu / articles, 2),
        # cores the workers and the driver kept busy on average: on a shared machine, what the run was given
        "workers_cores": round(monitor.workers_cpu / seconds, 2),
        "driver_cores": round(monitor.driver_cpu / seconds, 2),
        "peak_driver_mb": round(monitor.driver / 2**20),
        "peak_worker_mb": round(monitor.worker / 2**20),
        "peak_total_mb": round(monitor.total / 2**20),
        "load_average": round(psutil.getloadavg()[0], 2),
    }


def _burn(loops: int, out: Any) -> None:
    started = time.perf_counter()
    total = 0
    for number in range(loops):
        total += number
    out.put(loops / (time.perf_counter() - started))


def machine_speed_up(loops: int = 15_000_000) -> float:
    """The speed-up the machine gives right now to a job that needs nothing but two cores: the throughput of
    two processes running a busy loop together over that of one alone. Other programs lower it."""
    context = multiprocessing.get_context("spawn")
    rates = []
    for count in (1, 2):
        queue = context.Queue()
        processes = [context.Process(target=_burn, args=(loops, queue)) for _ in range(count)]
        for process in processes:
            process.start()
        rates.append(sum(queue.get() for _ in processes))
        for process in processes:
            process.join()
    return rates[1] / rates[0]


def _pair(label: str, run: Callable[[int, Path], Any], folder: Path, repeat: int) -> tuple[dict, dict, Any]:
    """A 1-worker and a 2-worker run, with what the machine allowed measured before and after them."""
    before = machine_speed_up()
    rows = []
    result = None
    for workers in (1, 2):
        output = folder / f"{label}-{workers}-{repeat}"
        result, seconds, monitor = _timed(lambda w=workers, o=output: run(w, o))
        assert result.failed == 0, result.errors[:3]
        rows.append(_row(label, workers, result.documents, seconds, monitor))
        journal = sum(path.stat().st_size for path in (output / "journal").glob("results-*.jsonl"))
        rows[-1]["journal_bytes_per_article"] = round(journal / result.documents)
        print(rows[-1], flush=True)
    allowed = (before + machine_speed_up()) / 2
    ratio = rows[1]["articles_per_second"] / rows[0]["articles_per_second"]
    pair = {
        "run": label,
        "repeat": repeat,
        "speed_up": round(ratio, 2),
        "machine_speed_up": round(allowed, 2),
        "efficiency": round(ratio / allowed, 2),
    }
    print(pair, flush=True)
    return rows[0], rows[1], (pair, result)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=2400)
    parser.add_argument("--filler", type=int, default=20, help="sentences beside the reports in each article")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeats", type=int, default=3, help="pairs of runs of each kind")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args(argv)

    corpus = generate(args.articles, seed=args.seed, filler=args.filler)
    folder = Path(tempfile.mkdtemp(prefix="corpus-scaling-"))
    source = corpus.write_jsonl(folder / "corpus.jsonl")
    chars = sum(len(a.text) for a in corpus.articles) / len(corpus.articles)
    print(
        f"{len(corpus.articles)} articles ({chars:.0f} characters on average) about {len(corpus.events)} events; "
        f"{os.cpu_count()} cores; load average {psutil.getloadavg()[0]:.2f}; Python {sys.version.split()[0]}",
        flush=True,
    )
    runs: list[dict[str, Any]] = []
    pairs: list[dict[str, Any]] = []
    scores = None
    with local_client(1) as one, local_client(2) as two:
        clients = {1: one, 2: two}
        for repeat in range(args.repeats):
            *rows, (pair, result) = _pair(
                "dask local cluster",
                lambda w, o: build_corpus(source, clients[w], output=o, formats=FORMATS),
                folder,
                repeat,
            )
            runs.extend(rows)
            pairs.append(pair)
            scores = scores or score_merge(corpus, result.incidents)
    for repeat in range(args.repeats):
        *rows, (pair, _) = _pair(
            "local processes",
            lambda w, o: build_corpus(source, workers=w, output=o, formats=FORMATS),
            folder,
            repeat,
        )
        runs.extend(rows)
        pairs.append(pair)
    # The pair the machine disturbed least stands for each kind of run.
    best = {
        label: max((p for p in pairs if p["run"] == label), key=lambda p: p["machine_speed_up"])
        for label in ("dask local cluster", "local processes")
    }
    print("the pair of each kind run when the machine was least busy:")
    for pair in best.values():
        print(f"  {pair}")
    assert scores is not None
    print(f"merge against the truth: {scores.to_dict()}")
    if args.json:
        payload = {
            "articles": len(corpus.articles),
            "mean_chars": round(chars),
            "events": len(corpus.events),
            "cores": os.cpu_count(),
            "runs": runs,
            "pairs": pairs,
            "least_disturbed": list(best.values()),
            "merge": scores.to_dict(),
        }
        Path(args.json).write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
