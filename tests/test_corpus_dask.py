"""build_corpus on a local Dask cluster: warm workers, the same timeline as in one process, a worker killed mid-run."""

from __future__ import annotations

import json
import os
import signal
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import dask
import pytest
from distributed import Client

from timeline.corpus import build_corpus
from timeline.corpus.cluster import local_client
from timeline.corpus.generate import generate
from timeline.corpus.worker import is_warm

# A second local cluster finds the first one's HTTP port taken and says so; it takes another.
pytestmark = pytest.mark.filterwarnings("ignore:Port .* is already in use")


@lru_cache(maxsize=1)
def _records() -> tuple[dict, ...]:
    records = [a.to_record() for a in generate(80, seed=31).articles]
    records.insert(40, {"id": "undated", "text": "Ukrainian forces shelled Luhansk on Sunday."})
    return tuple(records)


@lru_cache(maxsize=1)
def _reference() -> str:
    return _fingerprint(build_corpus(list(_records()), workers=0).incidents)


def _fingerprint(incidents: tuple) -> str:
    return json.dumps([i.to_dict() for i in incidents], sort_keys=True)


def _documents(folder: Path) -> list[tuple[str, str]]:
    lines = (folder / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    return [(d["id"], d["status"]) for d in map(json.loads, lines)]


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with local_client(2) as client:
        yield client


def test_workers_load_the_gazetteer_once_when_they_start(client: Client) -> None:
    before = client.run(lambda: (is_warm(), os.getpid()))
    assert [warm for warm, _ in before.values()] == [True, True]
    build_corpus(list(_records())[:20], client, batch_size=2)
    after = client.run(lambda: (is_warm(), os.getpid()))
    assert after == before  # the same processes, still warm: nothing was loaded again


@pytest.mark.parametrize("merge_on_cluster", [False, True], ids=["driver merge", "tree merge on the cluster"])
def test_the_cluster_gives_the_timeline_of_one_process(client: Client, tmp_path: Path, merge_on_cluster: bool) -> None:
    result = build_corpus(list(_records()), client, output=tmp_path, batch_size=3, merge_on_cluster=merge_on_cluster)
    assert (result.documents, result.done, result.failed) == (81, 80, 1)
    assert _fingerprint(result.incidents) == _reference()
    assert _documents(tmp_path) == [(r["id"], "failed" if r["id"] == "undated" else "done") for r in _records()]


@pytest.mark.parametrize("allowed_failures", [3, 0], ids=["tasks rerun by Dask", "KilledWorker: one by one"])
def test_a_worker_killed_mid_run_loses_no_article(tmp_path: Path, allowed_failures: int) -> None:
    killed: list[int] = []
    with dask.config.set({"distributed.scheduler.allowed-failures": allowed_failures}), local_client(2) as client:
        victim = next(iter(client.run(os.getpid).values()))

        def kill_a_worker(done: int) -> None:
            if done == 12 and not killed:
                killed.append(done)
                os.kill(victim, signal.SIGKILL)

        result = build_corpus(list(_records()), client, output=tmp_path, batch_size=2, on_progress=kill_a_worker)
        assert victim not in client.run(os.getpid).values()  # it did die (its nanny started another)
    assert killed == [12]
    assert (result.documents, result.done, result.failed) == (81, 80, 1)
    assert _documents(tmp_path) == [(r["id"], "failed" if r["id"] == "undated" else "done") for r in _records()]
    assert _fingerprint(result.incidents) == _reference()


def test_the_command_on_a_running_cluster(client: Client, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from timeline.cli import main

    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in _records()), encoding="utf-8")
    address = client.scheduler.address
    out = tmp_path / "out"
    assert main(["corpus", str(corpus), "-o", str(out), "--scheduler", address, "--quiet", "--format", "json"]) == 1
    assert "81 articles: 80 done (0 by an earlier run), 1 failed" in capsys.readouterr().err
    assert _documents(out) == [(r["id"], "failed" if r["id"] == "undated" else "done") for r in _records()]
    incidents = json.loads((out / "timeline.json").read_text(encoding="utf-8"))["incidents"]
    assert json.dumps(incidents, sort_keys=True) == _reference()
