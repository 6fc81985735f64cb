"""Time of ``timeline.find_times`` on adversarial text, at two sizes: it must grow linearly.

The text is built to provoke backtracking and quadratic passes: month names repeated back to back, runs of
digits, commas and separators, long runs of capitalized words, endless coordination ("June 1, 2, 3 and 4..."),
one sentence as long as the whole text (no full stop, no line break: anything that looks around each
expression within its sentence goes quadratic there), and all of them mixed on one line. Seconds per MB
should stay the same from the small size to the large one (ratio about 1; above 2 fails).

The large size runs in a child process with a time limit (five times what linear growth from the small size
predicts, and at least a minute): a quadratic pass would otherwise keep the benchmark busy for hours.

    python benchmarks/adversarial.py            # 0.1 MB and 1 MB
    python benchmarks/adversarial.py --ten-mb   # 1 MB and 10 MB
    python benchmarks/adversarial.py --quick    # 0.05 MB and 0.25 MB

Exit status 1 when a ratio is above the limit.
"""

from __future__ import annotations

import argparse
import itertools
import random
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from timeline import Config, find_times

MB = 1_000_000
RATIO_LIMIT = 2.0
TIMEOUT_FACTOR = 5.0
MIN_TIMEOUT = 60.0
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
        yield ("".join(rng.choice(_SEPARATORS) + str(rng.randint(0, 2014)) for _ in range(rng.randint(5, 40))) + " ")


def _capitalized(rng: random.Random) -> Iterator[str]:
    while True:
        yield " ".join(rng.choice(_CAPITALIZED) for _ in range(rng.randint(20, 200))) + " "


def _coordination(rng: random.Random) -> Iterator[str]:
    while True:
        days = ", ".join(str(rng.randint(1, 28)) for _ in range(rng.randint(5, 60)))
        yield f"from {rng.choice(_MONTHS)} {days} and {rng.randint(1, 28)} to between 1939 and 1945 and "


def _one_sentence(rng: random.Random) -> Iterator[str]:
    # Clauses with verbs and dates, joined by commas and conjunctions but never ended.
    verbs = ("said", "will resume", "ended", "would meet", "began", "is expected")
    while True:
        yield (
            f"the {rng.choice(_CAPITALIZED).lower()} {rng.choice(verbs)} on {rng.choice(_MONTHS).rstrip('.')} "
            f"{rng.randint(1, 28)} and again in {rng.randint(1900, 2014)} , "
        )


FAMILIES: dict[str, Callable[[random.Random], Iterator[str]]] = {
    "month names": _months,
    "digits": _digits,
    "commas": _commas,
    "separators": _separators,
    "capitalized runs": _capitalized,
    "coordination": _coordination,
    "one sentence": _one_sentence,
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


def joined_text(families: tuple[str, ...], size: int, seed: int = 11) -> str:
    """``size`` characters of the families interleaved, with no line break at all."""
    rng = random.Random(seed)
    generators = itertools.cycle([FAMILIES[name](rng) for name in families])
    pieces, total = [], 0
    for generator in generators:
        piece = next(generator)
        pieces.append(piece)
        total += len(piece)
        if total >= size:
            break
    return "".join(pieces)[:size]


_LINED = ("month names", "digits", "commas", "separators", "capitalized runs", "coordination")
TEXTS: dict[str, Callable[[int], str]] = {
    **{name: lambda size, name=name: family_text(name, size) for name in _LINED},
    "one sentence": lambda size: joined_text(("one sentence",), size),
    "all on one line": lambda size: joined_text(tuple(FAMILIES), size),
}


def seconds_per_mb(text: str, config: Config) -> float:
    start = time.perf_counter()
    find_times(text, ANCHOR, config=config)
    return (time.perf_counter() - start) / (len(text.encode("utf-8")) / MB)


def small_seconds_per_mb(text: str, config: Config) -> float:
    """Best of three when a run is short, where timer noise weighs most (it errs towards a higher ratio)."""
    first = seconds_per_mb(text, config)
    if first * len(text) / MB > 2.0:
        return first
    return min(first, *(seconds_per_mb(text, config) for _ in range(2)))


def large_seconds_per_mb(name: str, size: int, mode: str, timeout: float) -> float | None:
    """Seconds per MB measured in a child process; None when it ran out of time."""
    command = [sys.executable, __file__, "--measure", name, str(size), "--mode", mode]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return None
    if result.returncode != 0:
        raise SystemExit(f"measuring {name!r} failed:\n{result.stderr.strip()}")
    return float(result.stdout.strip())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sizes = parser.add_mutually_exclusive_group()
    sizes.add_argument("--quick", action="store_true", help="0.05 MB and 0.25 MB")
    sizes.add_argument("--ten-mb", action="store_true", help="1 MB and 10 MB")
    parser.add_argument("--mode", choices=("news", "narrative"), default="news")
    parser.add_argument("--measure", nargs=2, metavar=("TEXT", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    config = Config(mode=args.mode)
    find_times("June 20, 2014", ANCHOR, config=config)  # load the rules before timing
    if args.measure:
        name, size = args.measure
        print(seconds_per_mb(TEXTS[name](int(size)), config))
        return 0

    small, large = (0.05, 0.25) if args.quick else (1.0, 10.0) if args.ten_mb else (0.1, 1.0)
    print(f"find_times, {args.mode} mode: seconds per MB at {small:g} MB and {large:g} MB")
    print(f"{'text':<18} {'s/MB small':>10} {'s/MB large':>10} {'ratio':>6}")
    failed = False
    for name, make in TEXTS.items():
        per_small = small_seconds_per_mb(make(int(small * MB)), config)
        timeout = max(MIN_TIMEOUT, TIMEOUT_FACTOR * per_small * large)
        per_large = large_seconds_per_mb(name, int(large * MB), args.mode, timeout)
        if per_large is None:
            failed = True
            print(
                f"{name:<18} {per_small:10.2f} {'> ' + format(timeout / large, '.2f'):>10} "
                f"{'> ' + format(TIMEOUT_FACTOR, 'g'):>6}  NOT LINEAR (stopped after {timeout:.0f} s)"
            )
            continue
        ratio = per_large / per_small
        failed |= ratio > RATIO_LIMIT
        flag = "" if ratio <= RATIO_LIMIT else "  NOT LINEAR"
        print(f"{name:<18} {per_small:10.2f} {per_large:10.2f} {ratio:6.2f}{flag}")
    print(f"linear growth (ratio <= {RATIO_LIMIT:g}): {'NO' if failed else 'yes'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
