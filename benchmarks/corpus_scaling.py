"""Corpus mode: articles/s with 1 worker and with 2 workers on one corpus, in one run; their ratio; peak memory.

    python benchmarks/corpus_scaling.py [--articles 2400] [--filler 20] [--repeats 3] [--json results.json]

A corpus of generated articles (``timeline.corpus.generate``: known incidents, dates relative to each article's
publication date, duplicates across outlets) is written as JSON Lines, then built with ``build_corpus``:

- on a local Dask cluster of 1 worker and on one of 2 workers (``timeline corpus --workers N``), both started
  and warmed before the clock starts;
- with 1 and with 2 local worker processes (the default of ``timeline corpus``), the pool's start included.

Runs alternate (1, 2, 1, 2...) ``--repeats`` times and each configuration keeps its fastest run: other programs
on the machine slow some runs down, never speed one up. Besides wall-clock articles/s, each run reports the CPU
seconds the driver and the workers spent per article, which other programs do not change, and the cores the
workers kept busy on average (CPU seconds over wall seconds): a 2-worker run given one core cannot be twice as
fast, and this says whether it was. Each run writes the
journal (one result file per article), documents.jsonl, errors.jsonl, timeline.json and incidents.csv (not the
charts: they draw the 40 most-reported incidents, a fixed cost). Memory is the resident set of the driver and
of its child processes (workers, nannies), sampled every 50 ms. The merge is scored against the generator's
truth as well.
"""

from __future__ import annotations

import argparse
import json
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=2400)
    parser.add_argument("--filler", type=int, default=20, help="sentences beside the reports in each article")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeats", type=int, default=3, help="runs of each configuration (the fastest is kept)")
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
    scores = None
    with local_client(1) as one, local_client(2) as two:
        clients = {1: one, 2: two}
        for repeat in range(args.repeats):
            for workers in (1, 2):
                output = folder / f"dask-{workers}-{repeat}"
                result, seconds, monitor = _timed(
                    lambda c=clients[workers], o=output: build_corpus(source, c, output=o, formats=FORMATS)
                )
                assert result.failed == 0, result.errors[:3]
                runs.append(_row("dask local cluster", workers, result.documents, seconds, monitor))
                print(runs[-1], flush=True)
                scores = scores or score_merge(corpus, result.incidents)
    for repeat in range(args.repeats):
        for workers in (1, 2):
            output = folder / f"processes-{workers}-{repeat}"
            result, seconds, monitor = _timed(
                lambda w=workers, o=output: build_corpus(source, workers=w, output=o, formats=FORMATS)
            )
            assert result.failed == 0, result.errors[:3]
            runs.append(_row("local processes", workers, result.documents, seconds, monitor))
            print(runs[-1], flush=True)
    best = {}
    for row in runs:
        key = (row["run"], row["workers"])
        if key not in best or row["articles_per_second"] > best[key]["articles_per_second"]:
            best[key] = row
    ratios = {
        label: round(best[(label, 2)]["articles_per_second"] / best[(label, 1)]["articles_per_second"], 2)
        for label in ("dask local cluster", "local processes")
    }
    print("fastest of each:")
    for row in best.values():
        print(f"  {row}")
    print(f"speed-up from 1 to 2 workers (fastest runs): {ratios}")
    assert scores is not None
    print(f"merge against the truth: {scores.to_dict()}")
    if args.json:
        payload = {
            "articles": len(corpus.articles),
            "mean_chars": round(chars),
            "events": len(corpus.events),
            "cores": os.cpu_count(),
            "runs": runs,
            "fastest": list(best.values()),
            "speed_up": ratios,
            "merge": scores.to_dict(),
        }
        Path(args.json).write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
