"""The whole of ``timeline build`` on adversarial input at two sizes: seconds per MB must not grow with size.

Each kind of input goes through every stage a user's file goes through: reading (size check, encoding
detection, HTML cleaning and extraction), time expressions, places, incidents, the graph, and every export
(JSON, CSV, GeoJSON, GraphML, TimelineJS, both charts). Kinds:

month names      month names back to back with days, years, commas and separators ("May 3, June/July 2014-")
digits           runs of digits and separators: dates, times, phone numbers, scores, ranges
capitals         long runs of capitalized words: place-name prefixes, kind words, real places, weekdays
news             dense news sentences with triggers, dates over many years, places, actors and casualties
one line         all of the above interleaved on one single line with no full stop (1 MB or 10 MB, one line)
nested html      an HTML page nested size/40 elements deep (25,000 at 1 MB, 250,000 at 10 MB) around paragraphs
                 (one in eight dense news) and hidden elements: flattened, cleaned, extracted, built

Each kind and size runs in a child process (fresh memory, its peak RSS measured) with a time limit: five times
what linear growth from the small size predicts, and at least five minutes, so a quadratic stage fails rather
than runs for hours. The rules and the gazetteer are loaded before timing.

    python benchmarks/linearity.py               # 1 MB and 10 MB (about 15 minutes)
    python benchmarks/linearity.py --quick       # 0.1 MB and 1 MB
    python benchmarks/linearity.py --only news   # one kind

Prints seconds per MB per kind at both sizes and their ratio (about 1 is linear; above 2 fails), the stages
whose ratio is above the limit, and peak memory. Exit status 1 when a kind is not linear.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

MB = 1_000_000
RATIO_LIMIT = 2.0
TIMEOUT_FACTOR = 5.0
MIN_TIMEOUT = 300.0
NOISE_SECONDS = 0.5  # stages faster than this at the large size are not judged: timer noise dominates
PUBLISHED = "2014-07-14"

_MONTHS = ("January", "Jan.", "May", "March", "June", "Jun", "Sept.", "December", "Dec", "mid-June", "early July")
_SEPARATORS = ("-", "/", ".", ":", "--", "//", "..", ", ", " - ", "\u2013", " to ", " and ")
_CAPITALS = (
    "New", "San", "Saint", "Port", "North", "East", "The", "Of", "Region", "City", "Square", "District",
    "Donetsk", "Gukovo", "Rostov", "Kiev", "Moscow", "Maryinka", "Sunday", "Monday", "May", "Christmas", "Eve",
    "Ukrainian", "Russian", "Border", "Council", "Forces",
)
_PLACES = ("Gukovo", "Donetsk", "Novoshakhtinsk", "Rostov-on-Don", "Kiev", "Mariupol", "Luhansk", "Kharkiv",
           "Odessa", "Lyon", "Porto", "Freiburg", "Texas", "Kuibyshev district")
_ACTORS = ("Rebels", "Ukrainian forces", "Russian border guards", "Police", "Pro-Russian militias", "Protesters",
           "Government troops", "Unidentified gunmen")
_TRIGGERS = ("shelled", "attacked", "raided", "fired on", "bombed", "stormed")
_WORDS = ("two", "three", "thirty", "dozens of", "hundreds of", "a 46-year-old father of four and", "12", "7")


def _month_names(rng: random.Random) -> Iterator[str]:
    while True:
        yield " ".join(
            f"{rng.choice(_MONTHS)} {rng.choice(('', str(rng.randint(1, 31)), f'{rng.randint(1, 31)},'))}"
            f"{rng.choice(_SEPARATORS)}{rng.choice(('', str(rng.randint(1900, 2030))))}"
            for _ in range(rng.randint(3, 30))
        ) + " "


def _digits(rng: random.Random) -> Iterator[str]:
    while True:
        yield "".join(
            f"{rng.randint(0, 99999)}{rng.choice(_SEPARATORS)}" for _ in range(rng.randint(5, 40))
        ) + rng.choice((" ", "% ", " p.m. ", " GMT ", "$ ", " +7 495 "))


def _capitals(rng: random.Random) -> Iterator[str]:
    while True:
        yield " ".join(rng.choice(_CAPITALS) for _ in range(rng.randint(20, 200))) + " "


def _news(rng: random.Random) -> Iterator[str]:
    breaks = (" ", "\n")
    while True:
        day = f"{rng.choice(('June', 'July', 'March', 'October'))} {rng.randint(1, 28)}, {rng.randint(1995, 2014)}"
        yield (
            f"On {day}, {rng.choice(_ACTORS).lower()} {rng.choice(_TRIGGERS)} {rng.choice(_PLACES)} from "
            f"{rng.choice(_PLACES)}, killing {rng.choice(_WORDS)} people and wounding {rng.choice(_WORDS)}. "
            f"{rng.choice(_ACTORS)} arrested {rng.randint(2, 40)} men in {rng.choice(_PLACES)} last week"
            f"{rng.choice(('.', '.', '. ', ';'))}{rng.choice(breaks)}"
        )


def _lines(pieces: Iterator[str], size: int) -> str:
    """``size`` characters in lines of about 2,000 characters."""
    out, total, line = [], 0, 0
    for piece in pieces:
        out.append(piece)
        total, line = total + len(piece), line + len(piece)
        if line > 2000:
            out.append("\n")
            total, line = total + 1, 0
        if total >= size:
            break
    return "".join(out)[:size]


def _one_line(size: int, seed: int) -> str:
    rng = random.Random(seed)
    generators = itertools.cycle([make(rng) for make in (_month_names, _digits, _capitals, _news)])
    out, total = [], 0
    for generator in generators:
        piece = next(generator).replace("\n", " ").replace(". ", ", ").replace(".", ",")
        out.append(piece)
        total += len(piece)
        if total >= size:
            break
    return "".join(out)[:size]


_FILLER = (
    "The council met to discuss the budget of the town library and the repair of the old bridge.",
    "Residents said the market had been busy, and the bus station reopened after the repairs.",
    "A spokesman for the regional governor declined to comment on the plans for the coming year.",
)


def _nested_html(size: int, seed: int) -> str:
    """A page nested size/40 elements deep (a quarter of its bytes are tags), around paragraphs of which one in
    eight is dense news, with hidden elements in between."""
    rng = random.Random(seed)
    depth = size // 40
    tags = ("div", "span", "section", "b")
    opening = "".join(f"<{tags[i % 4]}>" for i in range(depth))
    closing = "".join(f"</{tags[i % 4]}>" for i in reversed(range(depth)))
    hidden = '<p hidden>SECRET</p><p style="display:none">SECRET</p><script>var x = "SECRET";</script>'
    head = '<!DOCTYPE html><html><head><title>Nested</title></head><body><article><p>A page nested deep.</p>'
    budget = size - len(head) - len(opening) - len(closing) - len("</article></body></html>")
    news = _news(rng)
    body, total = [], 0
    while total < budget:
        sentence = next(news).strip() if rng.random() < 0.125 else rng.choice(_FILLER)
        piece = f"<p>{sentence}</p>{hidden if rng.random() < 0.2 else ''}"
        body.append(piece)
        total += len(piece)
    return head + opening + "".join(body) + closing + "</article></body></html>"


KINDS: dict[str, tuple[str, Callable[[int, int], str]]] = {
    "month names": (".txt", lambda size, seed: _lines(_month_names(random.Random(seed)), size)),
    "digits": (".txt", lambda size, seed: _lines(_digits(random.Random(seed)), size)),
    "capitals": (".txt", lambda size, seed: _lines(_capitals(random.Random(seed)), size)),
    "news": (".txt", lambda size, seed: _lines(_news(random.Random(seed)), size)),
    "one line": (".txt", _one_line),
    "nested html": (".html", _nested_html),
}


# --- one measurement (in a child process) -------------------------------------------------------------------


def measure(kind: str, size: int) -> dict[str, object]:
    """Seconds per stage for one kind at one size, with counts and peak memory."""
    import timeline
    from timeline.config import Config
    from timeline.export import OUTPUTS
    from timeline.pipeline import build_document
    from timeline.places import default_gazetteer
    from timeline.sources import read_source

    timeline.find_times("June 20, 2014", PUBLISHED)  # load the rules and the gazetteer before timing
    default_gazetteer()
    suffix, make = KINDS[kind]
    config = Config(max_input_bytes=max(Config().max_input_bytes, 2 * size), max_article_chars=2 * size)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(make(size, 7).encode("utf-8"))
        input_bytes = path.stat().st_size
        timings: dict[str, float] = {}
        start = time.perf_counter()
        source = read_source(path, PUBLISHED, config)
        timings["read"] = time.perf_counter() - start
    built = build_document(source.document, config, timings=timings)
    for name, output in OUTPUTS.items():
        start = time.perf_counter()
        output.render(built, "png")
        timings[f"export {name}"] = time.perf_counter() - start
    return {
        "bytes": input_bytes,
        "seconds": timings,
        "counts": {"characters": len(source.document.text), "times": len(built.times),
                   "places": len(built.places), "incidents": len(built.incidents)},
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def run_child(kind: str, size: int, timeout: float) -> dict[str, object] | None:
    command = [sys.executable, __file__, "--measure", kind, str(size)]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return None
    if result.returncode != 0:
        raise SystemExit(f"measuring {kind!r} at {size:,} characters failed:\n{result.stderr.strip()}")
    return json.loads(result.stdout)


# --- the report ---------------------------------------------------------------------------------------------


def per_mb(result: dict[str, object]) -> dict[str, float]:
    megabytes = result["bytes"] / MB  # type: ignore[operator]
    return {stage: seconds / megabytes for stage, seconds in result["seconds"].items()}  # type: ignore[union-attr]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="0.1 MB and 1 MB")
    parser.add_argument("--only", action="append", choices=list(KINDS), help="only this kind (repeatable)")
    parser.add_argument("--measure", nargs=2, metavar=("KIND", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(args.measure[0], int(args.measure[1]))))
        return 0

    small, large = (int(0.1 * MB), MB) if args.quick else (MB, 10 * MB)
    print(f"timeline build, whole pipeline: seconds per MB at {small / MB:g} MB and {large / MB:g} MB")
    print(f"{'input':<12} {'s/MB small':>10} {'s/MB large':>10} {'ratio':>6} {'peak MB':>8}  found at the large size")
    failed = False
    details = []
    for kind in args.only or list(KINDS):
        first = run_child(kind, small, max(MIN_TIMEOUT, 60.0))
        assert first is not None
        small_rate = per_mb(first)
        total_small = sum(small_rate.values())
        timeout = max(MIN_TIMEOUT, TIMEOUT_FACTOR * total_small * large / MB)
        second = run_child(kind, large, timeout)
        if second is None:
            failed = True
            print(f"{kind:<12} {total_small:10.2f} {'> ' + format(timeout / (large / MB), '.2f'):>10}   NOT LINEAR "
                  f"(stopped after {timeout:.0f} s)")
            continue
        large_rate = per_mb(second)
        total_large = sum(large_rate.values())
        ratio = total_large / total_small
        failed |= ratio > RATIO_LIMIT
        counts = second["counts"]
        found = ", ".join(f"{counts[k]:,} {k}" for k in ("times", "places", "incidents"))  # type: ignore[index]
        flag = "" if ratio <= RATIO_LIMIT else "  NOT LINEAR"
        peak = second["peak_mb"]
        print(f"{kind:<12} {total_small:10.2f} {total_large:10.2f} {ratio:6.2f} {peak:8.0f}  {found}{flag}")
        for stage, rate in large_rate.items():
            seconds = second["seconds"][stage]  # type: ignore[index]
            stage_ratio = rate / small_rate[stage] if small_rate[stage] > 0 else float("inf")
            if seconds >= NOISE_SECONDS:
                details.append((kind, stage, small_rate[stage], rate, stage_ratio))
    print()
    print("stages taking at least half a second at the large size (s/MB small, s/MB large, ratio)")
    for kind, stage, small_rate, rate, stage_ratio in details:
        flag = "" if stage_ratio <= RATIO_LIMIT else "  NOT LINEAR"
        print(f"  {kind:<12} {stage:<22} {small_rate:8.2f} {rate:8.2f} {stage_ratio:6.2f}{flag}")
    print(f"linear growth (ratio <= {RATIO_LIMIT:g}): {'NO' if failed else 'yes'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
