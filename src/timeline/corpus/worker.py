"""The per-article work: an Article in, an ArticleResult out, through the same code path as ``timeline build``.

A file is read by ``sources.read_source`` and every article built by ``pipeline.build_source``. Nothing an article
does stops the run: a bad article becomes a failed ``DocumentRecord`` with the error. The gazetteer, the rule
tables and the lexicons are process-wide caches; :func:`warm_up` fills them once when a worker starts, so no
article pays for them.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from ..config import Config
from ..errors import AnchorError, InputError, InputTooLarge, TimelineError
from ..model import Document, Timeline
from .records import Article, ArticleResult, DocumentRecord, bare_place, sentence_of

if TYPE_CHECKING:
    from ..sources import Source

_WARM_TEXT = "On Sunday, Ukrainian forces shelled Donetsk, killing two people."
_warm_pid: int | None = None


def warm_up(config: Config | None = None) -> int:
    """Load the gazetteer, the time rules and the lexicons into this process (once); returns the process id."""
    global _warm_pid
    if _warm_pid != os.getpid():
        from ..pipeline import build_document
        from .actors import load_actor_lexicon

        build_document(Document(text=_WARM_TEXT, id="warm-up", published="2014-07-14"), config or Config())
        load_actor_lexicon()
        _warm_pid = os.getpid()
    return _warm_pid


def is_warm() -> bool:
    return _warm_pid == os.getpid()


def _document(article: Article, config: Config) -> Source:
    from ..sources import Source, dateline_date, parse_published, read_source

    if article.path is not None:
        source = read_source(article.path, article.published, config)
        document = replace(
            source.document,
            id=article.id,
            source=article.source or source.document.source,
            url=article.url or source.document.url,
            title=article.title or source.document.title,
        )
        return Source(document, source.published_from)
    text = article.text or ""
    if not text.strip():
        raise InputError(f"{article.origin}: the article has no text")
    if len(text) > config.max_article_chars:
        raise InputTooLarge(
            f"{article.origin}: {len(text):,} characters of text is more than an article (the limit is "
            f"{config.max_article_chars:,}; see --max-article-chars)"
        )
    published = parse_published(article.published, f"{article.origin}: published")
    found_in = "input" if published else None
    if not published and config.mode == "news":
        found = dateline_date(text)
        if found is None:
            raise AnchorError(f"{article.origin}: no publication date (give 'published', or a dateline)")
        published, found_in = found
    document = Document(
        text=text, id=article.id, published=published, source=article.source, url=article.url, title=article.title
    )
    return Source(document, found_in)


def _failed(article: Article, error: BaseException) -> ArticleResult:
    if isinstance(error, TimelineError):
        message = str(error)
    else:
        # A bug in the pipeline, not in the article: say where, so that it can be found and fixed.
        frame = traceback.extract_tb(error.__traceback__)[-1] if error.__traceback__ else None
        where = f" (at {os.path.basename(frame.filename)}:{frame.lineno})" if frame else ""
        message = f"internal error: {type(error).__name__}: {error}{where}"
    return ArticleResult.failed(article, message, type(error).__name__)


def result_of(timeline: Timeline, origin: str) -> ArticleResult:
    """The ArticleResult of a built timeline."""
    document = timeline.document
    record = DocumentRecord(
        id=document.id,
        status="done",
        origin=origin,
        published=document.published,
        source=document.source,
        url=document.url,
        title=document.title,
        chars=len(document.text),
        times=len(timeline.times),
        places=len(timeline.places),
        incidents=len(timeline.incidents),
    )
    return ArticleResult.of(
        record,
        tuple(bare_place(place) for place in timeline.places),
        timeline.incidents,
        tuple(sentence_of(document.text, incident) for incident in timeline.incidents),
    )


def analyse(article: Article, config: Config | None = None) -> ArticleResult:
    """Build one article's timeline; any error becomes a failed result rather than an exception."""
    from ..pipeline import build_source

    config = config or Config()
    if article.problem is not None:
        return _failed(article, InputError(article.problem))
    try:
        timeline = build_source(_document(article, config), config)
        return result_of(timeline, article.origin)
    except Exception as error:  # every failure is recorded in errors.jsonl, and the run goes on
        return _failed(article, error)


def analyse_batch(articles: Iterable[Article], config: Config | None = None) -> list[ArticleResult]:
    warm_up(config)
    return [analyse(article, config) for article in articles]
