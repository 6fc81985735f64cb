"""What one article costs a corpus worker: CPU milliseconds per article and per 1,000 characters, and the cost of
extracting the text of a saved HTML page, for the paper estimate of the README.

    python benchmarks/corpus_article_cost.py [--repeats 10]

Measured with process CPU time (other programs on the machine do not change it), after a warm-up, on:

- the example article (``examples/border-report-2014-07-14.txt``) and generated articles of several lengths,
  through the worker's code path (``timeline.corpus.worker.analyse``);
- an HTML page made here around the example article, with the weight of a news site's page (navigation,
  asides and footer of 400 links each, inline scripts): ``read_source``, as a folder input is read.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from timeline.corpus.generate import generate
from timeline.corpus.records import Article
from timeline.corpus.worker import analyse, warm_up
from timeline.sources import read_source

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "border-report-2014-07-14.txt"


def _cpu_ms(run, repeats: int) -> float:  # type: ignore[no-untyped-def]
    started = time.process_time()
    for _ in range(repeats):
        run()
    return 1000 * (time.process_time() - started) / repeats


def _page(text: str) -> str:
    paragraphs = "".join(f"<p>{p}</p>\n" for p in text.split("\n\n") if p.strip())
    links = "".join(f'<li><a href="/section/{n}">Section {n} news and analysis</a></li>' for n in range(400))
    script = "<script>" + "var x = 1; " * 3000 + "</script>"
    return (
        '<!DOCTYPE html><html><head><title>Report</title><meta property="article:published_time" '
        f'content="2014-07-14T10:00:00Z">{script}</head><body><nav><ul>{links}</ul></nav><main><article>'
        f"<h1>Shelling reported near the border</h1>{paragraphs}</article></main><aside><ul>{links}</ul></aside>"
        f"<footer><ul>{links}</ul></footer>{script}</body></html>"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=10)
    args = parser.parse_args(argv)
    warm_up()
    text = EXAMPLE.read_text(encoding="utf-8")
    example = Article("example", str(EXAMPLE), text=text, published="2014-07-14")
    cost = _cpu_ms(lambda: analyse(example), args.repeats)
    print(f"example article: {len(text)} characters, {cost:.1f} ms, {1000 * cost / len(text):.1f} ms per 1,000")
    for filler in (1, 10, 20, 31):
        corpus = generate(200, seed=3, filler=filler)
        articles = [Article(a.id, a.id, text=a.text, published=a.published.isoformat()) for a in corpus.articles]
        chars = sum(len(a.text or "") for a in articles) / len(articles)
        cost = _cpu_ms(lambda articles=articles: [analyse(a) for a in articles], 1) / len(articles)
        print(f"generated, {chars:.0f} characters: {cost:.2f} ms, {1000 * cost / chars:.1f} ms per 1,000")
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "page.html"
        page.write_text(_page(text), encoding="utf-8")
        read_source(page)
        cost = _cpu_ms(lambda: read_source(page), args.repeats)
        extracted = read_source(page).document.text
        print(
            f"HTML page of {page.stat().st_size:,} bytes: {cost:.1f} ms to extract {len(extracted):,} characters "
            "of text and the publication date"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
