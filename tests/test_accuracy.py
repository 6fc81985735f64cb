"""The engine's accuracy on the gold corpora, to the count: a change that moves any expression shows here.

Speed work must leave these counts as they are; a change that improves accuracy updates them, and the figures in
the README with them (``timeline evaluate``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline import Config
from timeline.evaluate import evaluate_timeml
from timeline.timeml import read_timeml, timeml_files

ROOT = Path(__file__).resolve().parent.parent
NEWS = ROOT / "tests" / "data" / "news-timeml"
WIKIWARS = ROOT.parent / "shared" / "corpora" / "wikiwars-dev"


def _counts(folder: Path, mode: str) -> tuple[int, int, int, int, int, int]:
    documents = [read_timeml(path) for path in timeml_files([folder])]
    scores = evaluate_timeml(documents, Config(mode=mode)).scores
    return (scores.gold, scores.system, scores.strict, scores.relaxed, scores.type_correct, scores.value_correct)


def test_our_news_gold_in_news_mode():
    # value F1 93.1, relaxed F1 99.3, strict F1 98.1
    assert _counts(NEWS, "news") == (642, 643, 630, 638, 638, 598)


@pytest.mark.skipif(not WIKIWARS.is_dir(), reason="../shared/corpora/wikiwars-dev is not present")
def test_wikiwars_dev_in_narrative_mode():
    # value F1 87.4, relaxed F1 93.8, strict F1 90.0
    assert _counts(WIKIWARS, "narrative") == (1339, 1234, 1158, 1207, 1200, 1125)
