"""Corpus inputs: folders with sidecars, JSON Lines and CSV (plain or gzip), read as streams."""

from __future__ import annotations

import csv
import gzip
import json
from pathlib import Path

import pytest

from timeline import Config, Document
from timeline.corpus import build_corpus
from timeline.corpus.articles import articles_from, count_articles, read_articles
from timeline.corpus.worker import analyse
from timeline.errors import InputError

SHELLING = "Ukrainian forces shelled Luhansk on Sunday, killing three people, officials said.\n"
PROTEST = "About 300 protesters rallied in central Kharkiv yesterday to demand an end to the war.\n"
HTML = """<!DOCTYPE html><html><head><title>Night of shelling</title>
<meta property="article:published_time" content="2014-07-14T08:00:00Z"></head>
<body><article><h1>Night of shelling</h1><p>Pro-Russian separatists shelled Donetsk on Sunday, killing two
people and wounding five, the city council said in a statement on its website.</p>
<p>Residents said the noise went on for several hours and that many of them stayed in basements.</p>
</article></body></html>
"""


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    (folder / "east").mkdir(parents=True)
    (folder / "east" / "a.txt").write_text(SHELLING, encoding="utf-8")
    (folder / "east" / "a.txt.json").write_text(
        json.dumps({"published": "2014-07-14", "source": "Eastern Wire", "url": "https://e.example/1"}),
        encoding="utf-8",
    )
    (folder / "b.txt").write_text("KHARKIV, July 14, 2014 - " + PROTEST, encoding="utf-8")
    (folder / "c.html").write_text(HTML, encoding="utf-8")
    (folder / "d.txt").write_text(PROTEST, encoding="utf-8")
    (folder / "d.json").write_text("{not json", encoding="utf-8")
    (folder / ".hidden.txt").write_text(PROTEST, encoding="utf-8")
    (folder / "notes.md").write_text(PROTEST, encoding="utf-8")
    return folder


def test_folder_articles_in_order_with_sidecars(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    articles = list(read_articles(folder))
    assert [a.id for a in articles] == ["b", "c", "d", "east/a"]
    assert count_articles(folder) == 4
    by_id = {a.id: a for a in articles}
    assert by_id["east/a"].published == "2014-07-14"
    assert by_id["east/a"].source == "Eastern Wire"
    assert by_id["east/a"].path == str(folder / "east" / "a.txt")
    assert by_id["d"].problem is not None and "sidecar is not readable JSON" in by_id["d"].problem
    assert by_id["d"].path is None


def test_folder_articles_are_read_as_timeline_build_reads_files(tmp_path: Path) -> None:
    results = {a.id: analyse(a) for a in read_articles(_folder(tmp_path))}
    assert results["east/a"].done
    assert results["east/a"].record.published == "2014-07-14"
    assert results["east/a"].record.source == "Eastern Wire"
    assert [(i.type, i.date, i.killed) for i in results["east/a"].incidents] == [("shelling", "2014-07-13", 3)]
    assert results["b"].record.published == "2014-07-14"  # from its dateline
    assert [(i.type, i.date) for i in results["b"].incidents] == [("protest", "2014-07-13")]
    assert results["c"].record.published == "2014-07-14"  # from the HTML metadata
    assert [(i.type, i.date, i.killed, i.injured) for i in results["c"].incidents] == [("shelling", "2014-07-13", 2, 5)]
    assert not results["d"].done
    assert results["d"].record.error_kind == "InputError"


def test_jsonl_records_and_problems(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    lines = [
        json.dumps({"id": "one", "text": SHELLING, "published": "2014-07-14", "source": "Steppe Herald"}).encode(),
        b"",
        b"{broken",
        json.dumps([1, 2]).encode(),
        json.dumps({"text": PROTEST, "published": "2014-07-14"}).encode(),
        json.dumps({"id": "no-text", "published": "2014-07-14"}).encode(),
        b'{"id": "latin1", "text": "caf\xe9 bombed", "published": "2014-07-14"}',
    ]
    path.write_bytes(b"\n".join(lines) + b"\n")
    articles = list(read_articles(path))
    assert [a.id for a in articles] == [
        "one",
        "corpus.jsonl:3",
        "corpus.jsonl:4",
        "corpus.jsonl:5",
        "no-text",
        "latin1",
    ]
    assert count_articles(path) == 6
    assert [a.problem is None for a in articles] == [True, False, False, True, False, False]
    assert articles[0].source == "Steppe Herald" and articles[0].origin == f"{path}:1"
    assert "not a JSON object" in (articles[1].problem or "")
    assert "no 'text'" in (articles[4].problem or "")
    assert "not UTF-8" in (articles[5].problem or "")


def test_gzipped_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as stream:
        for n in range(3):
            stream.write(json.dumps({"id": f"a{n}", "text": SHELLING, "published": "2014-07-14"}) + "\n")
    assert [a.id for a in read_articles(path)] == ["a0", "a1", "a2"]
    assert count_articles(path) == 3


def test_csv_records(tmp_path: Path) -> None:
    path = tmp_path / "corpus.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["id", "text", "published", "url", "source"])
        writer.writerow(["x1", SHELLING + "A second paragraph.\n", "2014-07-14", "https://x.example/1", "Night Desk"])
        writer.writerow(["", PROTEST, "2014-07-14", "", ""])
    articles = list(read_articles(path))
    assert [a.id for a in articles] == ["x1", "corpus.csv:row2"]
    assert articles[0].text == SHELLING + "A second paragraph.\n"
    assert articles[0].url == "https://x.example/1" and articles[0].source == "Night Desk"
    assert articles[1].origin == f"{path}:5"  # the first row spans lines 2 to 4
    assert count_articles(path) == 2


def test_csv_without_a_text_column_is_refused_before_anything_runs(tmp_path: Path) -> None:
    path = tmp_path / "corpus.csv"
    path.write_text("id,body\n1,hello\n", encoding="utf-8")
    with pytest.raises(InputError, match="'text' column"):
        read_articles(path)


@pytest.mark.parametrize("name", ["corpus.txt", "corpus.json", "missing.jsonl"])
def test_inputs_that_are_not_a_corpus(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    if name != "missing.jsonl":
        path.write_text("{}", encoding="utf-8")
    with pytest.raises(InputError):
        list(read_articles(path))


def test_documents_and_dicts(tmp_path: Path) -> None:
    documents = [
        Document(text=SHELLING, id="doc", published="2014-07-14"),
        {"text": PROTEST, "published": "2014-07-14"},
    ]
    articles = list(articles_from(documents))
    assert [a.id for a in articles] == ["doc", "document-2"]
    with pytest.raises(InputError):
        list(articles_from([42]))
    with pytest.raises(InputError):
        articles_from(Document(text=SHELLING))  # one document, not a corpus


def test_text_articles_fail_one_by_one() -> None:
    articles = list(
        articles_from(
            [
                {"id": "empty", "text": "   ", "published": "2014-07-14"},
                {"id": "bad-date", "text": SHELLING, "published": "14/07/2014x"},
                {"id": "no-date", "text": SHELLING},
                {"id": "dateline", "text": "LUHANSK, July 14, 2014 - " + SHELLING},
            ]
        )
    )
    results = [analyse(a) for a in articles]
    assert [r.record.status for r in results] == ["failed", "failed", "failed", "done"]
    assert [r.record.error_kind for r in results] == ["InputError", "AnchorError", "AnchorError", None]
    assert results[3].record.published == "2014-07-14"


def test_a_record_above_the_input_limit_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    big = json.dumps({"id": "big", "text": "x " * 5000, "published": "2014-07-14"})
    small = json.dumps({"id": "small", "text": SHELLING, "published": "2014-07-14"})
    path.write_text(big + "\n" + small + "\n", encoding="utf-8")
    articles = list(read_articles(path, max_record_bytes=1000))
    assert [(a.id, a.problem) for a in articles] == [
        ("corpus.jsonl:1", f"{path}:1: the line is above 1,000 bytes"),
        ("small", None),
    ]
    result = build_corpus(str(path), workers=0, config=Config(max_input_bytes=1000))
    assert [(r.id, r.status) for r in result.records] == [("corpus.jsonl:1", "failed"), ("small", "done")]
