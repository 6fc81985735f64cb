"""Using `timeline` as a library: build the timeline of the example article, print it, save two outputs.

    python examples/use_library.py [OUTDIR]
"""

from __future__ import annotations

import sys
from pathlib import Path

import timeline
from timeline.charts import figure_bytes

HERE = Path(__file__).resolve().parent


def main() -> int:
    text = (HERE / "border-report-2014-07-14.txt").read_text(encoding="utf-8")
    result = timeline.build(text, published="2014-07-14", title="Border report, 14 July 2014")
    places = {place.id: place for place in result.places}
    for incident in result.incidents:
        where = ", ".join(places[i].name for i in incident.target_ids) or "-"
        casualties = f" killed={incident.killed}" if incident.killed is not None else ""
        casualties += f" injured={incident.injured}" if incident.injured is not None else ""
        print(f"{incident.date or 'undated':<12} {incident.type:<20} {where:<28}{casualties}")
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("timeline-example")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "incidents.csv").write_text(result.to_csv(), encoding="utf-8")
    (folder / "timeline.png").write_bytes(figure_bytes(result.plot_timeline()))
    print(f"wrote {folder / 'incidents.csv'} and {folder / 'timeline.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
