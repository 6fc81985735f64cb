"""Corpus mode: thousands of articles into one merged, deduplicated timeline, on one machine or a Dask cluster.

    build_corpus(documents, client=None, ...) -> CorpusResult

- ``articles``: streamed readers (a folder of .txt/.html files, JSON Lines, CSV);
- ``worker``: the per-article work (the code path of ``timeline build``);
- ``runners`` / ``cluster``: execution in local processes or on Dask;
- ``merge``: the associative cross-article merge and the merged incidents;
- ``export``: the merged timeline's outputs; ``journal``: per-article results, documents.jsonl, errors.jsonl;
- ``generate``: synthetic corpora with known incidents, for tests and benchmarks.
"""

from __future__ import annotations

from .articles import count_articles, read_articles
from .export import CorpusTimeline
from .merge import DateReport, Estimate, MergedIncident, MergeState, combine, finalize, state_of
from .records import Article, ArticleResult, DocumentRecord, SourceIncident
from .run import CorpusResult, build_corpus

__all__ = [
    "Article",
    "ArticleResult",
    "CorpusResult",
    "CorpusTimeline",
    "DateReport",
    "DocumentRecord",
    "Estimate",
    "MergeState",
    "MergedIncident",
    "SourceIncident",
    "build_corpus",
    "combine",
    "count_articles",
    "finalize",
    "read_articles",
    "state_of",
]
