"""Speed of the incident stage of ``timeline.build``, as ratios measured in one run.

1. Linearity: seconds per MB of ``extract_incidents`` on the example article repeated to a small and a large
   size (the large four times the small). The ratio large/small should stay about 1; above 2 fails.
2. Share: the incident stage's time against the time engine's (``find_times``) on the same text. It is
   reported, not judged: both depend on the text.

    python benchmarks/build_speed.py            # 0.1 MB and 0.4 MB
    python benchmarks/build_speed.py --quick    # 0.025 MB and 0.1 MB

Exit status 1 when the linearity ratio is above the limit.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import timeline  # noqa: E402
from timeline.incidents import extract_incidents  # noqa: E402

MB = 1_000_000
RATIO_LIMIT = 2.0
ANCHOR = "2014-07-14"


def text_of(size: int) -> str:
    article = (ROOT / "examples" / "border-report-2014-07-14.txt").read_text(encoding="utf-8") + "\n"
    return (article * (size // len(article) + 1))[:size]


def measure(size: int) -> tuple[float, float, int]:
    text = text_of(size)
    start = time.perf_counter()
    times = timeline.find_times(text, ANCHOR)
    found_times = time.perf_counter() - start
    places = timeline.places(text)
    start = time.perf_counter()
    incidents = extract_incidents(text, times, places)
    return found_times, time.perf_counter() - start, len(incidents)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    small = 25_000 if args.quick else 100_000
    timeline.places("Warm up the gazetteer in Gukovo.")
    results = {}
    for size in (small, 4 * small):
        times_s, incidents_s, count = measure(size)
        results[size] = incidents_s / (size / MB)
        print(f"{size / MB:.3f} MB: incidents {incidents_s:.2f} s ({results[size]:.2f} s/MB, {count} incidents); "
              f"find_times {times_s:.2f} s; incidents/find_times = {incidents_s / times_s:.2f}")
    ratio = results[4 * small] / results[small]
    print(f"linearity (s/MB large / s/MB small): {ratio:.2f} (limit {RATIO_LIMIT})")
    return 0 if ratio <= RATIO_LIMIT else 1


if __name__ == "__main__":
    sys.exit(main())
