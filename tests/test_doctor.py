"""``timeline doctor``: versions, gazetteer cache state, stage timings."""

from __future__ import annotations

import json

import timeline
from timeline.cli import main
from timeline.doctor import SAMPLE_TEXT, gazetteer_state, run_doctor


def test_doctor_json_report(capsys):
    assert main(["doctor", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["versions"]["timeline"] == timeline.__version__
    assert {"python", "dateparser", "networkx", "trafilatura", "charset-normalizer", "defusedxml"} <= set(
        report["versions"]
    )
    assert report["gazetteer"]["cache folder"]
    stages = {"load time rules", "load gazetteer", "build (total)", "  times", "  places", "  incidents", "  graph"}
    exports = {f"export {name}" for name in ("json", "csv", "geojson", "graphml", "timelinejs", "timeline-chart",
                                             "graph-chart")}
    assert stages | exports == set(report["timings"])
    assert all(seconds >= 0 for seconds in report["timings"].values())
    assert report["counts"] == {"times": 5, "places": 3, "incidents": 5, "dated incidents": 5}


def test_doctor_text_report(capsys):
    assert main(["doctor"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "versions"
    assert f"timings on the built-in sample ({len(SAMPLE_TEXT)} characters), seconds" in out
    assert "gazetteer cache (before this run)" in out


def test_gazetteer_state_missing_and_corrupt(tmp_path, monkeypatch):
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path))
    state = gazetteer_state()
    assert state["cache folder"] == str(tmp_path)
    assert state["index"] == "missing (built on first use, a few seconds)"
    (tmp_path / state["index file"]).write_bytes(b"not a database")
    assert gazetteer_state()["index"] == "stale or corrupt (rebuilt on next use)"


def test_a_missing_index_is_reported_as_a_problem(tmp_path, monkeypatch):
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path))
    report = run_doctor()
    assert report.problems == ("gazetteer index: missing (built on first use, a few seconds)",)
