"""Time of ``timeline.places`` at two sizes: it must grow linearly with the text.

Each kind of text is built at a small and a large size (0.1 MB and 1 MB by default) and the seconds per MB
compared: the ratio large / small should stay about 1 (above 2 fails). Kinds:

news        news-like sentences about the border shelling (names, cues, qualifiers, same-name places)
capitals    nothing but capitalized words, many of them place-name prefixes ("New", "San", "Saint"), with
            kind words in between ("Square", "Region", "City of"): the longest-match and cue scans over them
lists       one endless sentence of "the cities of X, Y, Z and ..." and "the X and Y checkpoints"
near        one endless sentence where every name is "near" or "nearby" another (the near cue looks back)
places      thousands of distinct real places, so the document context holds thousands of anchors

The gazetteer is loaded before timing. The large size runs in a child process with a time limit (five times
what linear growth predicts, at least a minute), so a quadratic pass fails instead of running for hours.

    python benchmarks/places_recognition.py            # 0.1 MB and 1 MB
    python benchmarks/places_recognition.py --quick    # 0.05 MB and 0.25 MB

Exit status 1 when a ratio is above the limit.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from timeline.places import default_gazetteer, find_places

MB = 1_000_000
RATIO_LIMIT = 2.0
TIMEOUT_FACTOR = 5.0
MIN_TIMEOUT = 60.0

_NEWS = (
    "Shells from Ukraine hit the Russian town of Donetsk on Sunday, killing one man. ",
    "The nearby Ukrainian city of Donetsk has been shelled for weeks. ",
    "Mortar fire struck the Novoshakhtinsk checkpoint and the Gukovo checkpoint in the Rostov region. ",
    "Russia's neighboring Kuibyshev district was hit on Saturday. ",
    "Residents of Maryinka, a suburb of Donetsk, were moved to Mariupol. ",
    "President Poroshenko spoke to the Guardian in Kiev, while Moscow protested. ",
    "Crowds gathered on Independence Square in Kiev. Most shops in Luhansk stayed shut in May. ",
    "A storm hit Paris, Texas, and Alexandria, Virginia, while Tripoli, Libya, lost power.\n",
)
_CAPITALS = ("New", "San", "Saint", "Port", "North", "East", "Donetsk", "Square", "Region", "City", "Of", "The")
_NAMES = ("Donetsk", "Luhansk", "Gukovo", "Novoshakhtinsk", "Maryinka", "Kiev", "Moscow", "Brindlemoor", "Rostov")


def _news(rng: random.Random) -> Iterator[str]:
    while True:
        yield rng.choice(_NEWS)


def _capitals(rng: random.Random) -> Iterator[str]:
    while True:
        yield " ".join(rng.choice(_CAPITALS) for _ in range(rng.randint(5, 60))) + " "


def _lists(rng: random.Random) -> Iterator[str]:
    while True:
        names = ", ".join(rng.choice(_NAMES) for _ in range(rng.randint(3, 30)))
        yield f"the cities of {names} and {rng.choice(_NAMES)}, and the {rng.choice(_NAMES)} and Gukovo checkpoints, "


def _near(rng: random.Random) -> Iterator[str]:
    while True:
        yield f"{rng.choice(_NAMES)} near {rng.choice(_NAMES)} and the nearby Russian town of {rng.choice(_NAMES)}, "


def _places(rng: random.Random) -> Iterator[str]:
    gazetteer = default_gazetteer()
    rows = gazetteer.connection.execute(
        "SELECT name FROM entry WHERE kind = 'populated' AND pop >= 20000 ORDER BY gid"
    ).fetchall()
    names = [name for (name,) in rows]
    while True:
        yield f"Fighting spread from {rng.choice(names)} to {rng.choice(names)} on Monday. "


KINDS: dict[str, Callable[[random.Random], Iterator[str]]] = {
    "news": _news, "capitals": _capitals, "lists": _lists, "near": _near, "places": _places,
}


def build(kind: str, size: int, seed: int = 7) -> str:
    parts, total = [], 0
    for piece in KINDS[kind](random.Random(seed)):
        if total >= size:
            break
        parts.append(piece)
        total += len(piece)
    return "".join(parts)[:size]


def seconds(kind: str, size: int) -> float:
    text = build(kind, size)
    default_gazetteer()
    started = time.perf_counter()
    find_places(text)
    return time.perf_counter() - started


def _child_seconds(kind: str, size: int, timeout: float) -> float | None:
    code = f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); import places_recognition as b; " \
           f"print(b.seconds({kind!r}, {size}))"
    try:
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout,
                                check=True)
    except subprocess.TimeoutExpired:
        return None
    return float(result.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="0.05 MB and 0.25 MB")
    args = parser.parse_args()
    small, large = (MB // 20, MB // 4) if args.quick else (MB // 10, MB)
    failed = False
    print(f"{'text':<9} {'small s/MB':>11} {'large s/MB':>11} {'ratio':>6}   (sizes {small / MB} and {large / MB} MB)")
    for kind in KINDS:
        small_rate = seconds(kind, small) / (small / MB)
        limit = max(MIN_TIMEOUT, TIMEOUT_FACTOR * small_rate * large / MB)
        large_seconds = _child_seconds(kind, large, limit)
        if large_seconds is None:
            print(f"{kind:<9} {small_rate:>11.2f} {'timeout':>11} {'-':>6}   over {limit:.0f} s: not linear")
            failed = True
            continue
        large_rate = large_seconds / (large / MB)
        ratio = large_rate / small_rate
        failed |= ratio > RATIO_LIMIT
        print(f"{kind:<9} {small_rate:>11.2f} {large_rate:>11.2f} {ratio:>6.2f}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
