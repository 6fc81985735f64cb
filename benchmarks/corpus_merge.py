"""The cross-article merge: its precision and recall against known truth, and how its cost grows with the corpus.

    python benchmarks/corpus_merge.py [--articles 2000] [--seeds 1 2 3] [--scale 8000] [--json results.json]

Quality: generated corpora (``timeline.corpus.generate``) are built with ``build_corpus`` and the merged incidents
scored against the generator's truth (``score_merge``: pairwise and B-cubed precision and recall over the
reports the extractor found), one corpus per seed.

Cost: one corpus of ``--scale`` articles over a period that grows with it (so events are as dense in every part
of it), analysed once; then the merge alone (the running fold of every article's reports and ``finalize``) is
timed on the articles of its first 1/8, 1/4, 1/2 and all of its days. Near-linear means the time per report
stays flat as the corpus grows. The memory the merge state holds is measured with tracemalloc on the whole
corpus (the state keeps every report: the merged incidents list them all as sources).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
import tracemalloc
from datetime import timedelta
from pathlib import Path
from typing import Any

from timeline.corpus import build_corpus
from timeline.corpus.generate import START, generate, score_merge
from timeline.corpus.journal import JOURNAL
from timeline.corpus.merge import MergeState, finalize, state_of
from timeline.corpus.records import ArticleResult

ARTICLES_PER_DAY = 60


def quality(articles: int, seeds: list[int]) -> list[dict[str, Any]]:
    rows = []
    for seed in seeds:
        corpus = generate(articles, seed=seed)
        result = build_corpus([a.to_record() for a in corpus.articles], workers=2)
        scores = score_merge(corpus, result.incidents).to_dict()
        rows.append({"seed": seed, "articles": articles, "events": len(corpus.events), **scores})
        print(rows[-1], flush=True)
    return rows


def _lines(folder: Path) -> list[str]:
    return [
        line
        for path in sorted((folder / JOURNAL).glob("results-*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
    ]


def cost(articles: int, seed: int) -> list[dict[str, Any]]:
    days = max(8, articles // ARTICLES_PER_DAY)
    corpus = generate(articles, seed=seed, days=days)
    folder = Path(tempfile.mkdtemp(prefix="corpus-merge-"))
    build_corpus([a.to_record() for a in corpus.articles], workers=2, output=folder, formats=["json"])
    results = [ArticleResult.from_dict(json.loads(line)) for line in _lines(folder)]
    finalize(state_of(results[: len(results) // 8]))  # warm-up: first-use imports and caches are not merging
    rows = []
    for share in (8, 4, 2, 1):
        last = START + timedelta(days=days // share)
        chosen = [r for r in results if r.record.published is not None and r.record.published < last.isoformat()]
        reports = sum(len(r.reports) for r in chosen)
        started = time.perf_counter()
        state = state_of(chosen)
        folded = time.perf_counter()
        incidents = finalize(state)
        ended = time.perf_counter()
        rows.append(
            {
                "days": days // share,
                "articles": len(chosen),
                "reports": reports,
                "incidents": len(incidents),
                "fold_seconds": round(folded - started, 3),
                "finalize_seconds": round(ended - folded, 3),
                "microseconds_per_report": round(1e6 * (ended - started) / reports, 1),
            }
        )
        print(rows[-1], flush=True)
    memory = _memory(_lines(folder))
    rows[-1].update(memory)
    print(f"memory of the merge of all {rows[-1]['reports']} reports: {memory}", flush=True)
    return rows


def _memory(lines: list[str]) -> dict[str, float]:
    """What the driver holds for the merge, by tracemalloc: the results as they arrive (parsed here from the
    journal's lines), folded into the state and let go; then the peak while finalizing."""
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    state = MergeState()
    for line in lines:
        state.add_article(ArticleResult.from_dict(json.loads(line)))
    held = tracemalloc.get_traced_memory()[0] - base
    tracemalloc.reset_peak()
    finalize(state)
    peak = tracemalloc.get_traced_memory()[1] - base
    tracemalloc.stop()
    return {
        "state_mb": round(held / 2**20, 1),
        "finalize_peak_mb": round(peak / 2**20, 1),
        "state_bytes_per_report": round(held / len(state.reports)),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=2000, help="articles per corpus scored for quality")
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--scale", type=int, default=8000, help="articles of the corpus the merge is timed on")
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--cost-only", action="store_true", help="skip the quality runs")
    args = parser.parse_args(argv)
    scored = [] if args.cost_only else quality(args.articles, args.seeds)
    for key in ("pair_precision", "pair_recall", "bcubed_precision", "bcubed_recall") if scored else ():
        values = [row[key] for row in scored]
        print(f"{key}: mean {sum(values) / len(values):.4f}, range {min(values):.4f}-{max(values):.4f}")
    timed = cost(args.scale, seed=args.seeds[0])
    growth = timed[-1]["microseconds_per_report"] / timed[0]["microseconds_per_report"]
    print(
        f"time per report from {timed[0]['reports']} to {timed[-1]['reports']} reports "
        f"({timed[-1]['reports'] / timed[0]['reports']:.1f}x): x{growth:.2f}"
    )
    if args.json:
        payload = {"quality": scored, "cost": timed, "per_report_growth": round(growth, 2)}
        Path(args.json).write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
