"""Time of ``timeline.find_times`` on adversarial text, at two sizes: it must grow linearly.

The text is built to provoke backtracking and quadratic passes: month names repeated back to back, runs of
digits, commas and separators, long runs of capitalized words, endless coordination ("June 1, 2, 3 and 4..."),
and one line as long as the whole text. Each family is timed alone, then all of them mixed on one line.
Seconds per MB should stay the same from the small size to the large one (ratio about 1; above 2 fails).

    python benchmarks/adversarial.py            # 0.1 MB and 1 MB
    python benchmarks/adversarial.py --ten-mb   # 1 MB and 10 MB
    python benchmarks/adversarial.py --quick    # 0.05 MB and 0.25 MB

Exit status 1 when a ratio is above the limit.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timeline import Config, find_times

MB = 1_000_000
RATIO_LIMIT = 2.0
ANCHOR = "2014-07-14"

_MONTHS = ("January", "Jan.", "May", "March", "June", "Jun", "Sept.", "December", "Dec")
_SEPARATORS = ("-", "/", ".", ":", "--", "//", "..", "-/", " - ", "\u2013")
_CAPITALIZED = ("The", "Northern", "Border", "Council", "Sunday", "Monday", "Christmas", "Eve", "May", "Day")


def _months(rng: random.Random) -> Iterator[str]:
    while True:
        yield " ".join(rng.choice(_MONTHS) for _ in range(rng.randint(3, 30))) + " "


def _digits(rng: random.Random) -> Iterator[str]:
    while True:
        yield " ".join(str(rng.randint(0, 99999)) for _ in range(rng.randint(3, 30))) + " "


def _commas(rng: random.Random) -> Iterator[str]:
    while True:
        yield (
            ", ".join(
                rng.choice((str(rng.randint(1, 31)), rng.choice(_MONTHS), "", "2014"))
                for _ in range(rng.randint(5, 40))
            )
            + ", "
        )


def _separators(rng: random.Random) -> Iterator[str]:
    while True:
        yield (
            "".join(rng.choice(_SEPARATORS) + str(rng.randint(0, 2014)) for _ in range(rng.randint(5, 40)))
            + " "
        )


def _capitalized(rng: random.Random) -> Iterator[str]:
    while True:
        yield " ".join(rng.choice(_CAPITALIZED) for _ in range(rng.randint(20, 200))) + " "


def _coordination(rng: random.Random) -> Iterator[str]:
    while True:
        days = ", ".join(str(rng.randint(1, 28)) for _ in range(rng.randint(5, 60)))
        yield f"from {rng.choice(_MONTHS)} {days} and {rng.randint(1, 28)} to between 1939 and 1945 and "


FAMILIES: dict[str, Callable[[random.Random], Iterator[str]]] = {
    "month names": _months,
    "digits": _digits,
    "commas": _commas,
    "separators": _separators,
    "capitalized runs": _capitalized,
    "coordination": _coordination,
}


def family_text(name: str, size: int, seed: int = 7) -> str:
    """``size`` characters of one family, in lines of about 2,000 characters."""
    rng = random.Random(seed)
    pieces, total, line = [], 0, 0
    for piece in FAMILIES[name](rng):
        pieces.append(piece)
        total += len(piece)
        line += len(piece)
        if line > 2000:
            pieces.append("\n")
            total, line = total + 1, 0
        if total >= size:
            break
    return "".join(pieces)[:size]


def one_line_text(size: int, seed: int = 11) -> str:
    """``size`` characters of all the families interleaved, with no line break at all."""
    rng = random.Random(seed)
    generators = itertools.cycle([factory(rng) for factory in FAMILIES.values()])
    pieces, total = [], 0
    for generator in generators:
        piece = next(generator)
        pieces.append(piece)
        total += len(piece)
        if total >= size:
            break
    return "".join(pieces)[:size]


def seconds_per_mb(text: str, config: Config) -> float:
    start = time.perf_counter()
    find_times(text, ANCHOR, config=config)
    return (time.perf_counter() - start) / (len(text.encode("utf-8")) / MB)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sizes = parser.add_mutually_exclusive_group()
    sizes.add_argument("--quick", action="store_true", help="0.05 MB and 0.25 MB")
    sizes.add_argument("--ten-mb", action="store_true", help="1 MB and 10 MB")
    parser.add_argument("--mode", choices=("news", "narrative"), default="news")
    args = parser.parse_args(argv)
    small, large = (0.05, 0.25) if args.quick else (1.0, 10.0) if args.ten_mb else (0.1, 1.0)
    config = Config(mode=args.mode)
    find_times("June 20, 2014", ANCHOR, config=config)  # load the rules before timing

    texts: dict[str, Callable[[int], str]] = {
        name: lambda n, name=name: family_text(name, n) for name in FAMILIES
    }
    texts["all on one line"] = one_line_text
    print(f"find_times, {args.mode} mode: seconds per MB at {small:g} MB and {large:g} MB")
    print(f"{'text':<18} {'s/MB small':>10} {'s/MB large':>10} {'ratio':>6}")
    failed = False
    for name, make in texts.items():
        small_text = make(int(small * MB))
        # Best of three at the small size, where timer noise weighs most; it errs towards a higher ratio.
        per_small = min(seconds_per_mb(small_text, config) for _ in range(3))
        per_large = seconds_per_mb(make(int(large * MB)), config)
        ratio = per_large / per_small
        failed |= ratio > RATIO_LIMIT
        flag = "" if ratio <= RATIO_LIMIT else "  NOT LINEAR"
        print(f"{name:<18} {per_small:10.2f} {per_large:10.2f} {ratio:6.2f}{flag}")
    print(f"linear growth (ratio <= {RATIO_LIMIT:g}): {'NO' if failed else 'yes'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
