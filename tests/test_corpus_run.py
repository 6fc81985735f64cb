"""build_corpus on this machine: outputs, documents.jsonl and errors.jsonl, resume, worker processes, the CLI."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
from functools import lru_cache
from pathlib import Path

import psutil
import pytest

import timeline
from timeline.cli import main
from timeline.corpus import build_corpus
from timeline.corpus.generate import GeneratedCorpus, generate
from timeline.corpus.journal import Journal
from timeline.errors import ExportError, InputError

OUTPUTS = [
    "timeline.json",
    "incidents.csv",
    "places.geojson",
    "graph.graphml",
    "timelinejs.json",
    "timeline.png",
    "graph.png",
    "documents.jsonl",
    "errors.jsonl",
]


@lru_cache(maxsize=1)
def _corpus() -> GeneratedCorpus:
    return generate(60, seed=21)


def _records() -> list[dict]:
    records = [a.to_record() for a in _corpus().articles]
    records.insert(7, {"id": "undated", "text": "Ukrainian forces shelled Luhansk on Sunday."})
    records.insert(30, {"id": records[3]["id"], "text": "the same id again", "published": "2014-07-14"})
    return records


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _incidents(path: Path) -> list[dict]:
    return json.loads((path / "timeline.json").read_text(encoding="utf-8"))["incidents"]


@pytest.fixture(scope="module")
def serial_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, timeline.corpus.CorpusResult]:
    folder = tmp_path_factory.mktemp("serial")
    return folder, build_corpus(_records(), workers=0, output=folder)


def test_every_article_is_accounted_for(serial_run: tuple[Path, timeline.corpus.CorpusResult]) -> None:
    folder, result = serial_run
    records = _records()
    assert (result.documents, result.done, result.failed) == (62, 60, 2)
    assert sorted(p.name for p in folder.iterdir()) == sorted([*OUTPUTS, "journal"])
    documents = _lines(folder / "documents.jsonl")
    assert [d["id"] for d in documents] == [r["id"] for r in records]  # input order
    assert [d["status"] for d in documents].count("done") == 60
    errors = _lines(folder / "errors.jsonl")
    assert [(e["id"], e["kind"]) for e in errors] == [("undated", "AnchorError"), (records[3]["id"], "InputError")]
    assert "duplicate id" in errors[1]["error"]
    done = next(d for d in documents if d["status"] == "done")
    assert set(done) == {
        "id", "status", "origin", "published", "source", "url", "title", "chars", "times", "places", "incidents"
    }  # fmt: skip
    [results] = (folder / "journal").glob("results-*.jsonl")
    assert len(results.read_text(encoding="utf-8").splitlines()) == 60
    assert not list(folder.glob(".*.tmp"))


def test_timeline_json_lists_sources_and_disagreements(serial_run: tuple[Path, timeline.corpus.CorpusResult]) -> None:
    folder, result = serial_run
    data = json.loads((folder / "timeline.json").read_text(encoding="utf-8"))
    assert data["corpus"] == {
        "documents": 62,
        "done": 60,
        "failed": 2,
        "reports": sum(len(i.sources) for i in result.incidents),
        "incidents": len(result.incidents),
    }
    first = max(data["incidents"], key=lambda i: i["documents"])
    source = first["sources"][0]
    assert set(source) >= {"document_id", "outlet", "sentence", "span", "sentence_span", "date", "killed"}
    article = next(a for a in _corpus().articles if a.id == source["document_id"])
    start, end = source["sentence_span"]
    assert " ".join(article.text[start:end].split()) == source["sentence"]
    assert set(first["casualties"]) == {"killed", "injured"}
    assert [i["id"] for i in data["incidents"]] == [f"I{n}" for n in range(1, len(data["incidents"]) + 1)]
    csv_lines = (folder / "incidents.csv").read_text(encoding="utf-8").splitlines()
    assert len(csv_lines) == 1 + len(result.incidents)
    assert "source(s)]" in csv_lines[1]


def test_resume_after_an_interruption(tmp_path: Path, serial_run: tuple[Path, timeline.corpus.CorpusResult]) -> None:
    reference, _ = serial_run

    def interrupt(done: int) -> None:
        if done == 25:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build_corpus(_records(), workers=0, output=tmp_path, on_progress=interrupt, batch_size=1)
    [results] = (tmp_path / "journal").glob("results-*.jsonl")
    lines = results.read_bytes().splitlines(keepends=True)
    assert len(lines) == 24  # the first 25 articles but the undated one; the duplicate id comes later
    assert not (tmp_path / "documents.jsonl").exists()
    assert not list(tmp_path.glob(".*.tmp"))
    results.write_bytes(b"".join(lines[:-1]) + lines[-1][:-20])  # as if killed while writing the last one
    result = build_corpus(_records(), workers=0, output=tmp_path, resume=True)
    assert (result.documents, result.done, result.failed, result.resumed) == (62, 60, 2, 23)
    assert _incidents(tmp_path) == _incidents(reference)
    assert _lines(tmp_path / "documents.jsonl") == _lines(reference / "documents.jsonl")
    assert len(list((tmp_path / "journal").glob("results-*.jsonl"))) == 2
    again = build_corpus(_records(), workers=0, output=tmp_path, resume=True)
    assert again.resumed == 60
    build_corpus(_records()[:5], workers=0, output=tmp_path)  # not resuming: the old results go
    [results] = (tmp_path / "journal").glob("results-*.jsonl")
    assert len(results.read_text(encoding="utf-8").splitlines()) == 5


def test_resume_refuses_results_made_with_other_settings(serial_run: tuple[Path, timeline.corpus.CorpusResult]) -> None:
    folder, _ = serial_run
    with pytest.raises(InputError, match="other settings"):
        Journal(folder, timeline.Config(mode="narrative"), resume=True)
    with pytest.raises(InputError, match="needs an output folder"):
        build_corpus(_records(), workers=0, resume=True)


def test_library_results_without_an_output_folder() -> None:
    result = build_corpus(_records()[:12], workers=0)
    assert result.outputs == ()
    assert [r.id for r in result.records] == [r["id"] for r in _records()[:12]]
    assert result.timeline.document.title == "Corpus of 11 articles"
    assert [i.id for i in result.timeline.incidents] == [i.id for i in result.incidents]
    with pytest.raises(InputError, match="no articles"):
        build_corpus([], workers=0)


def test_worker_processes_give_the_serial_result_even_when_one_dies(
    tmp_path: Path, serial_run: tuple[Path, timeline.corpus.CorpusResult]
) -> None:
    reference, _ = serial_run
    killed: list[int] = []

    def kill_a_worker(done: int) -> None:
        if done == 10 and not killed:
            workers = [p for p in psutil.Process().children() if "spawn_main" in " ".join(p.cmdline())]
            assert len(workers) == 2
            killed.append(workers[0].pid)
            os.kill(workers[0].pid, signal.SIGKILL)

    result = build_corpus(_records(), workers=2, output=tmp_path, on_progress=kill_a_worker, batch_size=2)
    assert killed
    assert (result.documents, result.done, result.failed) == (62, 60, 2)
    assert _incidents(tmp_path) == _incidents(reference)
    assert _lines(tmp_path / "documents.jsonl") == _lines(reference / "documents.jsonl")


# --- the command ------------------------------------------------------------------------------------------


def _folder(tmp_path: Path, count: int) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for article in _corpus().articles[:count]:
        (folder / f"{article.id}.txt").write_text(article.text, encoding="utf-8")
        sidecar = {"published": article.published.isoformat(), "source": article.source}
        (folder / f"{article.id}.json").write_text(json.dumps(sidecar), encoding="utf-8")
    return folder


def test_command_on_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _folder(tmp_path, 8)
    out = tmp_path / "out"
    assert main(["corpus", str(folder), "-o", str(out), "--quiet", "--format", "json,csv"]) == 0
    printed = capsys.readouterr()
    assert printed.out.split() == [str(out / n) for n in ("timeline.json", "incidents.csv", *OUTPUTS[-2:])]
    assert "8 articles: 8 done (0 by an earlier run), 0 failed" in printed.err
    assert main(["corpus", str(folder), "-o", str(out), "--quiet", "--format", "json", "--resume"]) == 0
    assert "8 done (8 by an earlier run)" in capsys.readouterr().err


def test_command_exit_status_says_whether_any_failed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _folder(tmp_path, 3)
    (folder / "broken.txt").write_bytes(b"\xff\xfe\x00\x00binary\x00")
    out = tmp_path / "out"
    assert main(["corpus", str(folder), "-o", str(out), "--quiet", "--format", "csv"]) == 1
    err = capsys.readouterr().err
    assert "1 article(s) failed" in err
    assert [e["id"] for e in _lines(out / "errors.jsonl")] == ["broken"]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["missing.jsonl"], "no such file or folder"),
        (["--format", "pdf"], "unknown format pdf"),
        (["--workers", "0"], "--workers must be at least 1"),
        (["--scheduler", "tcp://127.0.0.1:9"], "cannot reach the Dask scheduler"),
    ],
)
def test_command_errors_are_one_line(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    arguments: list[str],
    message: str,
) -> None:
    monkeypatch.setattr("timeline.corpus.cluster.CONNECT_TIMEOUT", "1s")
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps(_records()[0]) + "\n", encoding="utf-8")
    if arguments[0].endswith(".jsonl"):
        arguments = [str(tmp_path / arguments[0]), *arguments[1:]]
    else:
        arguments = [str(corpus), *arguments]
    assert main(["corpus", *arguments, "-o", str(tmp_path / "out"), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("timeline: error: ") and message in err
    assert len(err.strip().splitlines()) == 1


def test_an_output_folder_that_cannot_be_written(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(ExportError):
        build_corpus(_records()[:2], workers=0, output=blocker)


def test_csv_cells_a_spreadsheet_would_run_are_written_as_text() -> None:
    from timeline.corpus.export import corpus_csv

    record = {
        "id": "x",
        "text": "Ukrainian forces shelled Horlivka on Sunday, killing two people.",
        "published": "2014-07-14",
        "source": '=HYPERLINK("http://example.invalid")',
    }
    rows = list(csv.DictReader(io.StringIO(corpus_csv(build_corpus([record], workers=0).corpus))))
    assert [row["source"] for row in rows] == ['\'=HYPERLINK("http://example.invalid")']
