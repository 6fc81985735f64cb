"""The ``timeline build`` command: output files, formats, and one-line errors that leave nothing half-written."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from timeline.cli import main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "border-report-2014-07-14.txt"
ALL_OUTPUTS = [
    "graph.graphml",
    "graph.png",
    "incidents.csv",
    "places.geojson",
    "timeline.json",
    "timeline.png",
    "timelinejs.json",
]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("out")
    assert main(["build", str(EXAMPLE), "-o", str(folder)]) == 0
    return folder


def test_build_writes_every_output_with_the_names_of_the_issue(built):
    assert files(built) == ALL_OUTPUTS
    assert (built / "timeline.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (built / "graph.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_build_outputs_agree_with_each_other(built):
    document = json.loads((built / "timeline.json").read_text(encoding="utf-8"))
    with (built / "incidents.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["event_id"] for r in rows] == [i["id"] for i in document["incidents"]]
    assert document["documents"][0]["published"] == "2014-07-14"  # from the dateline
    assert document["notes"] == ["border-report-2014-07-14: published 2014-07-14 (from dateline)"]


def test_format_picks_a_subset(tmp_path, capsys):
    code, out, _ = run(capsys, "build", str(EXAMPLE), "-o", str(tmp_path), "--format", "csv,json")
    assert code == 0
    assert files(tmp_path) == ["incidents.csv", "timeline.json"]
    assert out.split() == [str(tmp_path / "incidents.csv"), str(tmp_path / "timeline.json")]


def test_image_format_svg(tmp_path, capsys):
    code, _, _ = run(
        capsys, "build", str(EXAMPLE), "-o", str(tmp_path), "--format", "timeline-chart",
        "--format", "graph-chart", "--image-format", "svg",
    )
    assert code == 0
    assert files(tmp_path) == ["graph.svg", "timeline.svg"]
    assert (tmp_path / "graph.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")


def test_the_output_folder_is_created(tmp_path, capsys):
    target = tmp_path / "a" / "b"
    code, _, _ = run(capsys, "build", str(EXAMPLE), "-o", str(target), "--format", "csv")
    assert (code, files(target)) == (0, ["incidents.csv"])


def test_several_files_make_one_timeline(tmp_path, capsys):
    second = tmp_path / "second.txt"
    second.write_text("Police arrested four men in Gukovo on July 2.\n", encoding="utf-8")
    out = tmp_path / "out"
    code, _, _ = run(capsys, "build", str(EXAMPLE), str(second), "--published", "2014-07-14", "-o", str(out),
                     "--format", "json")
    assert code == 0
    document = json.loads((out / "timeline.json").read_text(encoding="utf-8"))
    assert [d["id"] for d in document["documents"]] == ["border-report-2014-07-14", "second"]
    arrest = [i for i in document["incidents"] if i["type"] == "arrest"]
    assert [(i["date"], i["document_id"]) for i in arrest] == [("2014-07-02", "second")]


@pytest.mark.parametrize(
    ("content", "extra", "message"),
    [
        (b"", (), "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), (), "looks like a binary file"),
        (b"<html><head><title>x</title></head><body></body></html>", ("--published", "2014-07-14"),
         "no article text found in the HTML"),
        (b"Rebels shelled Gukovo on Sunday.", (), "no publication date found"),
        (b"Rebels shelled Gukovo on Sunday.", ("--published", "Sunday"), "'Sunday' is not a date"),
        (b"Rebels shelled Gukovo on Sunday.", ("--published", "2014-07-14", "--format", "pdf"),
         "unknown format pdf"),
    ],
    ids=["empty", "binary", "html-without-body", "no-date", "bad-published", "bad-format"],
)
def test_bad_input_is_one_line_on_stderr_and_exit_2(tmp_path, capsys, content, extra, message):
    source = tmp_path / ("input.html" if content.startswith(b"<html") else "input.txt")
    source.write_bytes(content)
    out = tmp_path / "out"
    code, stdout, err = run(capsys, "build", str(source), "-o", str(out), *extra)
    assert code == 2
    assert stdout == ""
    assert err.count("\n") == 1 and err.startswith("timeline: error: ") and message in err
    assert not out.exists() or files(out) == []


def test_an_output_folder_that_cannot_be_written(tmp_path, capsys):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    code, _, err = run(capsys, "build", str(EXAMPLE), "-o", str(blocker))
    assert code == 2
    assert err == f"timeline: error: {blocker}: exists and is not a folder\n"
    code, _, err = run(capsys, "build", str(EXAMPLE), "-o", str(blocker / "sub"))
    assert code == 2
    assert err.startswith(f"timeline: error: {blocker / 'sub'}: cannot create the output folder")


def test_a_failed_write_leaves_no_partial_file(tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / "timeline.png").mkdir()  # a folder where an output must go: its rename fails
    code, _, err = run(capsys, "build", str(EXAMPLE), "-o", str(out))
    assert code == 2
    assert "timeline.png: cannot write" in err
    leftovers = [name for name in files(out) if name.endswith(".tmp")]
    assert leftovers == []
    # What was written before the failure is whole.
    json.loads((out / "timeline.json").read_text(encoding="utf-8"))
