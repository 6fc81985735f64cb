"""Throughput of ``timeline.find_times`` against ``dateparser.search.search_dates`` on the same texts.

Each engine runs in its own Python process that imports it and processes every text; the wall time of the
whole process (start-up and imports included) is what counts. Both are measured in the same run, taking turns,
so the ratio does not depend on the machine. Target: find_times at least 10x faster.

Each engine's time is the best of its runs, as ``timeit`` reports it: on a shared machine a run is only ever
slowed down by others, and a pause of 20 ms weighs ten times more on a 0.1 s process than on a 1 s one. The
medians are printed beside, and instruction counts (``--instructions``) do not depend on the machine's load.

Texts: the project's news articles (``tests/data/news-timeml``, 43,481 characters, news mode) and the bodies of
the WikiWars development documents (``../shared/corpora/wikiwars-dev``, narrative mode, anchored on their DCT)
when present, else as much generated news-like text (news mode). The target is on all the texts, whole processes
added up; each set's ratio is printed too (the small news set alone is the one where start-up weighs most).

    python benchmarks/temporal_speed.py            # every text, 9 runs per engine (best and median)
    python benchmarks/temporal_speed.py --quick    # about 60,000 characters, 1 run per engine
    python benchmarks/temporal_speed.py --instructions  # instructions counted by valgrind, not seconds

Exit status 1 when the ratio of the best runs on all the texts is below the target.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WIKIWARS = ROOT.parent / "shared" / "corpora" / "wikiwars-dev"
NEWS = ROOT / "tests" / "data" / "news-timeml"
TARGET_RATIO = 10.0
QUICK_CHARACTERS = 60_000

# The child processes: import the engine, process every text, print how many expressions were found and
# how long the processing alone took (for information; the benchmark times the whole process).
TIMELINE_CHILD = """
import json, sys, time
from timeline import Config, find_times
items = json.load(open(sys.argv[1], encoding="utf-8"))
start = time.perf_counter()
found = sum(len(find_times(i["text"], i["anchor"], config=Config(mode=i["mode"]))) for i in items)
print(json.dumps({"found": found, "seconds": time.perf_counter() - start}))
"""

DATEPARSER_CHILD = """
import datetime, json, sys, time
from dateparser.search import search_dates
items = json.load(open(sys.argv[1], encoding="utf-8"))
start = time.perf_counter()
found = 0
for i in items:
    base = datetime.datetime.fromisoformat(i["anchor"])
    found += len(search_dates(i["text"], languages=["en"], settings={"RELATIVE_BASE": base}) or [])
print(json.dumps({"found": found, "seconds": time.perf_counter() - start}))
"""


@dataclass(frozen=True)
class Measure:
    name: str
    seconds: float  # best wall time of the whole process
    median: float  # median wall time of the whole process
    processing: float  # median time inside the process, imports excluded
    found: int
    first: float  # wall time of the first, uncounted run


def timeml_items(folder: Path, mode: str) -> list[dict[str, str]]:
    sys.path.insert(0, str(ROOT / "src"))
    from timeline.timeml import read_timeml, timeml_files

    documents = [read_timeml(path) for path in timeml_files([folder])]
    return [{"text": d.text, "anchor": d.dct or "2009-12-19", "mode": mode} for d in documents]


GENERATED_CHARACTERS = 330_000  # about WikiWars dev's size


def corpora() -> list[tuple[str, list[dict[str, str]]]]:
    """News articles (the project's own gold texts, always present) and WikiWars when ../shared is there, else
    generated news-like text of about its size."""
    found = [("news articles, tests/data/news-timeml (news mode)", timeml_items(NEWS, "news"))]
    if WIKIWARS.is_dir():
        found.append(("WikiWars dev bodies (narrative mode)", timeml_items(WIKIWARS, "narrative")))
    else:
        found.append(("generated news-like text (news mode)", generated_items(GENERATED_CHARACTERS)))
    return found


# Building blocks of generated text: our own sentences, random facts.
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_TEMPLATES = (
    "Officials said the bridge near the river reopened on {day} after repairs that took {n} weeks.",
    "The council met on {month} {date}, {year}, and again {rel}.",
    "Residents reported shelling {rel}; a spokesman said talks would resume next {day}.",
    "Trade figures for the third quarter of {year} were published {rel}.",
    "Between {year} and {year2} the town's population fell by a third.",
    "We expect the report in {month}, although it may slip by {n} days.",
    "The market opens at {hour} p.m. every {day}, weather permitting.",
    "Prices rose about {n} percent since the summer of {year}.",
)
_RELATIVE = (
    "last week",
    "yesterday",
    "two days later",
    "earlier this month",
    "last Thursday",
    "this morning",
)


def generated_items(characters: int, seed: int = 2014) -> list[dict[str, str]]:
    rng = random.Random(seed)
    items = []
    while sum(len(i["text"]) for i in items) < characters:
        sentences = []
        for _ in range(40):
            template = rng.choice(_TEMPLATES)
            year = rng.randint(1990, 2014)
            sentences.append(
                template.format(
                    day=rng.choice(_DAYS),
                    month=rng.choice(_MONTHS),
                    date=rng.randint(1, 28),
                    year=year,
                    year2=year + rng.randint(1, 9),
                    n=rng.randint(2, 40),
                    hour=rng.randint(1, 11),
                    rel=rng.choice(_RELATIVE),
                )
            )
        items.append({"text": " ".join(sentences), "anchor": "2014-07-14", "mode": "news"})
    return items


def trimmed(items: list[dict[str, str]], characters: int) -> list[dict[str, str]]:
    """The first texts, the last one cut at a sentence end, adding up to about ``characters``."""
    kept, total = [], 0
    for item in items:
        if total >= characters:
            break
        text = item["text"]
        if total + len(text) > characters:
            cut = text.rfind(". ", 0, characters - total)
            text = text[: cut + 1] if cut > 0 else text[: characters - total]
        kept.append({**item, "text": text})
        total += len(text)
    return kept


def run_once(code: str, data: Path, prefix: tuple[str, ...] = ()) -> tuple[float, dict[str, float], str]:
    """One whole process (run under ``prefix``, a profiler, if given): its wall time, its report and stderr."""
    # Some environments forbid writing bytecode, which would make every run compile the sources anew. The
    # child finds this checkout's package whether or not it is installed (src layout).
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    environment["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))
    start = time.perf_counter()
    result = subprocess.run(
        [*prefix, sys.executable, "-c", code, str(data)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        env=environment,
    )
    wall = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"child failed:\n{result.stderr.strip()}")
    return wall, json.loads(result.stdout.strip().splitlines()[-1]), result.stderr


CALLGRIND = ("valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null")


def instructions(code: str, data: Path) -> int:
    """The instructions one whole process executes, as callgrind counts them: the same in every run whatever
    else the machine does (a warm run first, as for the timings)."""
    run_once(code, data)
    _, _, log = run_once(code, data, CALLGRIND)
    found = re.search(r"Collected : (\d+)", log)
    if found is None:
        raise SystemExit(f"callgrind reported no count:\n{log.strip()}")
    return int(found.group(1))


def run_engines(engines: dict[str, str], data: Path, repeats: int) -> list[Measure]:
    """The best and the median of ``repeats`` runs of each engine after one run that is not counted: as an
    installed package is used, with its bytecode written (pip writes it for both engines' installed files; an
    editable install writes ours on first import) and timeline's build cache filled. The uncounted first run is
    reported apart. The engines take turns, run after run, so that a slow spell of a shared machine slows both."""
    walls: dict[str, list[float]] = {name: [] for name in engines}
    insides: dict[str, list[float]] = {name: [] for name in engines}
    found: dict[str, int] = {}
    first: dict[str, float] = {}
    for run in range(repeats + 1):
        for name, code in engines.items():
            wall, report, _ = run_once(code, data)
            found[name] = int(report["found"])
            if run == 0:
                first[name] = wall
                continue
            walls[name].append(wall)
            insides[name].append(report["seconds"])
    return [
        Measure(
            name,
            min(walls[name]),
            statistics.median(walls[name]),
            statistics.median(insides[name]),
            found[name],
            first[name],
        )
        for name in engines
    ]


def count_instructions(quick: bool) -> int:
    if shutil.which("valgrind") is None:
        raise SystemExit("--instructions needs valgrind")
    totals = {"ours": 0, "theirs": 0}
    for source, items in corpora():
        if quick:
            items = trimmed(items, QUICK_CHARACTERS)
        print(f"texts: {source}: {len(items)} texts, {sum(len(i['text']) for i in items):,} characters")
        with tempfile.TemporaryDirectory() as folder:
            data = Path(folder) / "texts.json"
            data.write_text(json.dumps(items), encoding="utf-8")
            ours, theirs = instructions(TIMELINE_CHILD, data), instructions(DATEPARSER_CHILD, data)
        print(f"  timeline.find_times {ours / 1e6:9,.0f} M instructions")
        print(f"  dateparser.search_dates {theirs / 1e6:5,.0f} M instructions")
        print(f"  ratio: {theirs / ours:.1f}x")
        totals["ours"] += ours
        totals["theirs"] += theirs
    print(f"all texts (whole processes added up): {totals['theirs'] / totals['ours']:.1f}x fewer instructions")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help=f"about {QUICK_CHARACTERS:,} characters, one run")
    parser.add_argument("--repeats", type=int, default=None, help="runs per engine (default 9, quick 1)")
    parser.add_argument(
        "--instructions", action="store_true", help="count instructions with valgrind instead (one run each, slow)"
    )
    args = parser.parse_args(argv)
    repeats = args.repeats or (1 if args.quick else 9)
    if args.instructions:
        return count_instructions(args.quick)

    totals = {"ours": 0.0, "theirs": 0.0, "ours median": 0.0, "theirs median": 0.0}
    ratios = []
    for source, items in corpora():
        if args.quick:
            items = trimmed(items, QUICK_CHARACTERS)
        characters = sum(len(i["text"]) for i in items)
        print(f"texts: {source}: {len(items)} texts, {characters:,} characters; {repeats} run(s) per engine")
        with tempfile.TemporaryDirectory() as folder:
            data = Path(folder) / "texts.json"
            data.write_text(json.dumps(items), encoding="utf-8")
            ours, theirs = run_engines(
                {"timeline.find_times": TIMELINE_CHILD, "dateparser.search_dates": DATEPARSER_CHILD}, data, repeats
            )
        for measure in (ours, theirs):
            print(
                f"  {measure.name:<24} {characters / measure.seconds:>12,.0f} chars/s  "
                f"whole process {measure.seconds:5.2f} s best, {measure.median:5.2f} s median  "
                f"(processing alone {measure.processing:5.2f} s)  {measure.found} expressions; "
                f"first run {measure.first:.2f} s"
            )
        ratios.append(theirs.seconds / ours.seconds)
        print(f"  ratio (whole process): {ratios[-1]:.1f}x best runs, {theirs.median / ours.median:.1f}x medians")
        totals["ours"] += ours.seconds
        totals["theirs"] += theirs.seconds
        totals["ours median"] += ours.median
        totals["theirs median"] += theirs.median
    ratio = totals["theirs"] / totals["ours"]
    met = ratio >= TARGET_RATIO
    print(
        f"all texts (whole processes added up): {ratio:.1f}x faster best runs, "
        f"{totals['theirs median'] / totals['ours median']:.1f}x medians; target >= {TARGET_RATIO:.0f}x: "
        f"{'met' if met else 'NOT met'}; sets: {', '.join(f'{r:.1f}x' for r in ratios)}"
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
